/// A published set of equations that move BMD between makers' scales, read from `reference-data/conversions/`.
///
/// Two forms exist. Standardization (sBMD) equations map each maker's value onto a common scale in mg/cm²:
/// `sBMD = 1000 × (intercept + slope × BMD)`; going from maker A to maker B passes through it:
/// `B = (interceptA + slopeA × BMD − interceptB) / slopeB`. Direct equations map one maker to another:
/// `to = slope × from + intercept`. Every coefficient is a decimal, so conversions stay exact.
public struct ConversionSet: Sendable {
  public var id: String
  public var version: String
  public var title: String
  public var citation: String
  public var status: ConfirmationStatus
  /// True when the equations are known to leave individual differences (spine): results say so.
  public var isApproximate: Bool
  public var notes: [String]
  public var standardization: [StandardizationEquation]
  public var direct: [DirectEquation]
  /// The set exactly as read.
  public var document: JSONValue
}

/// `sBMD (mg/cm²) = 1000 × (intercept + slope × BMD)` for one maker and site.
public struct StandardizationEquation: Sendable, Equatable {
  public var site: Site
  public var manufacturer: Manufacturer
  public var intercept: ExactDecimal
  public var slope: ExactDecimal
  public var status: ConfirmationStatus
}

/// `to = slope × from + intercept`, both in g/cm², for one site.
public struct DirectEquation: Sendable, Equatable {
  public var site: Site
  public var from: Manufacturer
  public var to: Manufacturer
  public var slope: ExactDecimal
  public var intercept: ExactDecimal
  public var status: ConfirmationStatus
}

extension ConversionSet: ReferenceDocument {
  public static let formatTag = "dxa-conversion/1"

  public init(document: JSONValue) throws(InputError) {
    self.document = document
    let reader = try JSONFieldReader(document, path: "", errorKind: .reference)
    try reader.rejectUnknownKeys(allowed: [
      "format", "id", "version", "title", "citation", "status", "approximate", "notes", "standardization", "direct",
    ])
    try reader.requireFormat(Self.formatTag)
    id = try reader.string("id")
    version = try reader.string("version")
    title = try reader.string("title")
    citation = try reader.string("citation")
    status = try reader.choice("status", ConfirmationStatus.self)
    isApproximate = try reader.bool("approximate", default: false)
    notes = try reader.strings("notes")
    standardization = []
    for equation in try reader.optionalObjects("standardization") {
      try equation.rejectUnknownKeys(allowed: ["site", "manufacturer", "intercept", "slope", "status"])
      let parsed = StandardizationEquation(
        site: try equation.choice("site", Site.self),
        manufacturer: try equation.choice("manufacturer", Manufacturer.self),
        intercept: try equation.decimal("intercept"),
        slope: try equation.positiveDecimal("slope"),
        status: try equation.optionalChoice("status", ConfirmationStatus.self) ?? status
      )
      if standardization.contains(where: { $0.site == parsed.site && $0.manufacturer == parsed.manufacturer }) {
        throw equation.failure(
          "manufacturer", "a second equation for \(parsed.site.rawValue), \(parsed.manufacturer.rawValue)")
      }
      standardization.append(parsed)
    }
    direct = []
    for equation in try reader.optionalObjects("direct") {
      try equation.rejectUnknownKeys(allowed: ["site", "from", "to", "slope", "intercept", "status"])
      let parsed = DirectEquation(
        site: try equation.choice("site", Site.self),
        from: try equation.choice("from", Manufacturer.self),
        to: try equation.choice("to", Manufacturer.self),
        slope: try equation.positiveDecimal("slope"),
        intercept: try equation.decimal("intercept"),
        status: try equation.optionalChoice("status", ConfirmationStatus.self) ?? status
      )
      guard parsed.from != parsed.to else { throw equation.failure("to", "must differ from 'from'") }
      if direct.contains(where: { $0.site == parsed.site && $0.from == parsed.from && $0.to == parsed.to }) {
        throw equation.failure(
          "to", "a second equation for \(parsed.site.rawValue) \(parsed.from.rawValue) → \(parsed.to.rawValue)")
      }
      direct.append(parsed)
    }
    guard !standardization.isEmpty || !direct.isEmpty else {
      throw reader.failure("standardization", "a conversion set needs standardization or direct equations")
    }
  }
}

/// A BMD moved onto another scale, with the equation used, for the audit trail.
public struct ScaleConversion: Sendable, Equatable {
  public var from: MeasurementScale
  public var to: MeasurementScale
  public var value: Fraction
  /// The set the equations came from.
  public var setID: String
  public var setVersion: String
  /// The equation's coefficients: its text is worded only when asked for (the batch engine converts per template and
  /// seldom reads it).
  var form: Form
  public var isApproximate: Bool
  public var status: ConfirmationStatus

  enum Form: Sendable, Equatable {
    case standardization(StandardizationEquation)
    case direct(DirectEquation)
    case throughStandardized(own: StandardizationEquation, other: StandardizationEquation)
  }

  /// The equation as a person would check it, e.g. `Hologic = 0.906 × GE Lunar − 0.025`.
  public var equation: String {
    switch form {
    case .standardization(let own):
      return "sBMD mg/cm² = 1000 × (\(own.intercept) + \(own.slope) × BMD)"
    case .direct(let line):
      return "\(line.to.displayName) = \(line.slope) × \(line.from.displayName) \(Self.signed(line.intercept))"
    case .throughStandardized(let own, let other):
      return
        "\(other.manufacturer.displayName) = (\(own.intercept) + \(own.slope) × \(own.manufacturer.displayName) − \(Self.signedText(other.intercept))) / \(other.slope)"
    }
  }

  private static func signed(_ value: ExactDecimal) -> String {
    value.significand < 0
      ? "− \(ExactDecimal(significand: -value.significand, scale: value.scale))" : "+ \(value)"
  }

  private static func signedText(_ value: ExactDecimal) -> String {
    value.significand < 0 ? "(\(value))" : value.description
  }
}

extension ConversionSet {
  /// Moves `bmd` (g/cm², measured at `site` on `from`'s scale) onto `to`, or returns nil when this set has no
  /// equation for that site and pair. A direct equation is preferred over a route through sBMD.
  public func convert(_ bmd: Fraction, site: Site, from: Manufacturer, to: MeasurementScale)
    throws(ArithmeticOverflow) -> ScaleConversion?
  {
    let source = MeasurementScale.manufacturer(from)
    func result(_ value: Fraction, _ form: ScaleConversion.Form, _ status: ConfirmationStatus) -> ScaleConversion {
      ScaleConversion(
        from: source, to: to, value: value, setID: id, setVersion: version, form: form,
        isApproximate: isApproximate, status: status)
    }
    switch to {
    case .standardized:
      guard let own = standardization.first(where: { $0.site == site && $0.manufacturer == from }) else { return nil }
      let value = try (try Fraction(own.intercept) + (try Fraction(own.slope) * bmd)) * Fraction(1000)
      return result(value, .standardization(own), own.status)
    case .manufacturer(let target):
      if let line = direct.first(where: { $0.site == site && $0.from == from && $0.to == target }) {
        let value = try (try Fraction(line.slope) * bmd) + Fraction(line.intercept)
        return result(value, .direct(line), line.status)
      }
      guard let own = standardization.first(where: { $0.site == site && $0.manufacturer == from }),
        let other = standardization.first(where: { $0.site == site && $0.manufacturer == target })
      else { return nil }
      let standardized = try Fraction(own.intercept) + (try Fraction(own.slope) * bmd)
      let value = try (try standardized - Fraction(other.intercept)) / Fraction(other.slope)
      return result(value, .throughStandardized(own: own, other: other), weaker(own.status, other.status))
    }
  }

  private func weaker(_ a: ConfirmationStatus, _ b: ConfirmationStatus) -> ConfirmationStatus {
    a.isWeaker(than: b) ? a : b
  }
}

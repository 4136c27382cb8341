/// Sex, as recorded for the reference that is used.
public enum Sex: String, CaseIterable, Sendable {
  case female, male
}

/// Gender identity, when the exam records it (ISCD 2019: Z-scores use the reference of the gender identity).
public enum GenderIdentity: String, CaseIterable, Sendable {
  case female, male
  /// Gender non-conforming: Z-scores use the sex recorded at birth.
  case nonconforming
}

/// Ethnicity as the reference tables group people. Only Z-scores depend on it.
public enum Ethnicity: String, CaseIterable, Sendable {
  case white, black
  case mexicanAmerican = "mexican-american"
  case hispanic, asian, other

  public var displayName: String {
    switch self {
    case .white: return "White"
    case .black: return "Black"
    case .mexicanAmerican: return "Mexican American"
    case .hispanic: return "Hispanic"
    case .asian: return "Asian"
    case .other: return "other"
    }
  }
}

/// Menopausal status of a woman.
public enum MenopausalStatus: String, CaseIterable, Sendable {
  case pre, peri, post
}

/// The maker whose scanner measured the BMD; each maker's values sit on its own scale.
public enum Manufacturer: String, CaseIterable, Sendable {
  case hologic
  case geLunar = "ge-lunar"
  case norland

  public var displayName: String {
    switch self {
    case .hologic: return "Hologic"
    case .geLunar: return "GE Lunar"
    case .norland: return "Norland"
    }
  }
}

/// The scale a BMD value is expressed on: one maker's, or the standardized sBMD (mg/cm²) of the International
/// Committee for Standards in Bone Measurement.
public enum MeasurementScale: Hashable, Sendable, CustomStringConvertible {
  case manufacturer(Manufacturer)
  case standardized

  public init?(rawValue: String) {
    if rawValue == "sbmd" {
      self = .standardized
    } else if let maker = Manufacturer(rawValue: rawValue) {
      self = .manufacturer(maker)
    } else {
      return nil
    }
  }

  public var rawValue: String {
    switch self {
    case .manufacturer(let maker): return maker.rawValue
    case .standardized: return "sbmd"
    }
  }

  public var description: String {
    switch self {
    case .manufacturer(let maker): return maker.displayName
    case .standardized: return "standardized sBMD"
    }
  }

  public static let allRawValues = Manufacturer.allCases.map(\.rawValue) + ["sbmd"]
}

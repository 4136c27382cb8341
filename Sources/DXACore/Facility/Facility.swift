/// What a clinic knows about its own scanners: which it has, how their scales relate, and how precisely its
/// technologists measure each site. Read from a facility file (`dxa-facility/1`, see README.md) and used to judge
/// serial change: a change is significant when it reaches the least significant change of the facility's precision.
public struct Facility: Sendable, Equatable {
  public var name: String?
  /// Whether the facility bills the professional (26) and technical (TC) components separately.
  public var billsComponentsSeparately: Bool
  public var scanners: [Scanner]
  public var crossCalibrations: [CrossCalibration]
  public var precision: [PrecisionFigure]
  /// The system (a URI) of the patient identifiers the facility's exams carry (its medical record numbers), for the
  /// FHIR Patient's identifier and the conditional create of a transaction bundle.
  public var patientIdentifierSystem: String?
  /// Months to the next scan for a patient on osteoporosis therapy, when the facility sets it
  /// (`treated_follow_up_months`); nil: the default, ``FollowUpPolicy/defaultTreatedMonths``.
  public var treatedFollowUpMonths: Int? = nil
  /// Months to the next scan for a patient on glucocorticoids (`glucocorticoid_follow_up_months`); nil: the default.
  public var glucocorticoidFollowUpMonths: Int? = nil

  public init(
    name: String? = nil, billsComponentsSeparately: Bool = false, scanners: [Scanner] = [],
    crossCalibrations: [CrossCalibration] = [], precision: [PrecisionFigure] = [],
    patientIdentifierSystem: String? = nil
  ) {
    self.patientIdentifierSystem = patientIdentifierSystem
    self.name = name
    self.billsComponentsSeparately = billsComponentsSeparately
    self.scanners = scanners
    self.crossCalibrations = crossCalibrations
    self.precision = precision
  }

  /// The figure for a site (and vertebral set for the spine), preferring the given scanner, else one without
  /// scanner, else nil. A spine figure without vertebrae stands for L1–L4.
  public func precision(for site: Site, vertebrae: VertebralSet?, scanner: String?) -> PrecisionFigure? {
    let region = PrecisionRegion(site: site, vertebrae: vertebrae)
    let matching = precision.filter { $0.region == region }
    if let scanner, let figure = matching.first(where: { $0.scanner == scanner }) { return figure }
    return matching.first { $0.scanner == nil }
  }

  /// The calibration that puts BMD measured on `from` onto the scale of `to` for a site, or nil.
  public func crossCalibration(from: String, to: String, site: Site) -> CrossCalibration? {
    crossCalibrations.first { $0.from == from && $0.to == to && $0.site == site }
  }

  public func scanner(id: String) -> Scanner? {
    scanners.first { $0.id == id }
  }

  /// Puts `figures` into the facility: each replaces the figure for the same scanner, site and vertebrae in place,
  /// or is appended. Scanners, calibrations and other figures are kept, as a clinic re-running one site's study
  /// expects. Returns how many figures were replaced.
  @discardableResult
  public mutating func merge(precision figures: [PrecisionFigure]) -> Int {
    var replaced = 0
    for figure in figures {
      if let index = precision.firstIndex(where: { $0.isSameMeasurement(as: figure) }) {
        precision[index] = figure
        replaced += 1
      } else {
        precision.append(figure)
      }
    }
    return replaced
  }
}

/// One DXA scanner of the facility.
public struct Scanner: Sendable, Equatable {
  /// The facility's own name for it (`horizon-a`), used by calibrations and precision figures.
  public var id: String
  public var manufacturer: Manufacturer
  public var model: String?
  public var serialNumber: String?

  public init(id: String, manufacturer: Manufacturer, model: String? = nil, serialNumber: String? = nil) {
    self.id = id
    self.manufacturer = manufacturer
    self.model = model
    self.serialNumber = serialNumber
  }
}

/// A linear cross-calibration between two scanners for one site: BMD on the `to` scanner's scale =
/// slope × BMD(from) + intercept.
public struct CrossCalibration: Sendable, Equatable {
  public var from: String
  public var to: String
  public var site: Site
  public var slope: ExactDecimal
  public var intercept: ExactDecimal
  public var source: String?

  public init(
    from: String, to: String, site: Site, slope: ExactDecimal, intercept: ExactDecimal, source: String? = nil
  ) {
    self.from = from
    self.to = to
    self.site = site
    self.slope = slope
    self.intercept = intercept
    self.source = source
  }

  /// `bmd` measured on the `from` scanner, on the `to` scanner's scale; exact.
  public func convert(_ bmd: ExactDecimal) throws(ArithmeticOverflow) -> Fraction {
    try Fraction(slope) * Fraction(bmd) + Fraction(intercept)
  }
}

/// A measured precision: the root-mean-square SD of repeated scans of the same patients at one site.
public struct PrecisionFigure: Sendable, Equatable {
  /// The scanner it was measured on, or nil for a figure that holds for every scanner of the facility.
  public var scanner: String?
  public var site: Site
  /// The vertebrae of a lumbar-spine figure; nil means L1–L4. Always nil for other sites.
  public var vertebrae: VertebralSet?
  /// RMS-SD in g/cm².
  public var rmsSD: ExactDecimal
  public var percentCV: ExactDecimal?
  public var patients: Int?
  public var scansPerPatient: Int?
  public var degreesOfFreedom: Int?
  /// The day the study was done, `YYYY-MM-DD`.
  public var studyDate: String?

  public init(
    scanner: String? = nil, site: Site, vertebrae: VertebralSet? = nil, rmsSD: ExactDecimal,
    percentCV: ExactDecimal? = nil, patients: Int? = nil, scansPerPatient: Int? = nil, degreesOfFreedom: Int? = nil,
    studyDate: String? = nil
  ) {
    self.scanner = scanner
    self.site = site
    self.vertebrae = vertebrae
    self.rmsSD = rmsSD
    self.percentCV = percentCV
    self.patients = patients
    self.scansPerPatient = scansPerPatient
    self.degreesOfFreedom = degreesOfFreedom
    self.studyDate = studyDate
  }

  /// The multiplier of precision that gives the least significant change at 95% confidence with one scan at each
  /// time point: 1.96 × √2, rounded to 2.77 as ISCD publishes it.
  public static let leastSignificantChangeFactor = ExactDecimal(significand: 277, scale: 2)

  /// 2.77 × RMS-SD (95% confidence, ISCD), exact: 0.0103 gives 0.028531 g/cm².
  public var leastSignificantChange: ExactDecimal {
    let factor = Self.leastSignificantChangeFactor
    let product: Fraction
    do {
      product = try Fraction(
        Int128(factor.significand) * Int128(rmsSD.significand), pow10(factor.scale + rmsSD.scale))
    } catch {
      preconditionFailure("2.77 × an 18-digit significand over 10^26 fits in 128 bits")
    }
    // Exact unless the figure has more than 13 decimals, which no measured precision has; 15 places keep the
    // significand of any LSC (below 2.77: rms_sd is checked to be below 1) far inside 64 bits.
    return product.roundedDecimal(places: min(factor.scale + rmsSD.scale, 15))
  }

  /// The site and vertebral set the figure is for.
  public var region: PrecisionRegion { PrecisionRegion(site: site, vertebrae: vertebrae) }

  func isSameMeasurement(as other: PrecisionFigure) -> Bool {
    scanner == other.scanner && region == other.region
  }
}

/// Where a precision figure applies: a site, and for the lumbar spine the vertebrae (L1–L4 when not named).
public struct PrecisionRegion: Hashable, Sendable, CustomStringConvertible {
  public let site: Site
  /// The vertebrae for the lumbar spine (never nil there); nil for every other site.
  public let vertebrae: VertebralSet?

  public init(site: Site, vertebrae: VertebralSet?) {
    self.site = site
    self.vertebrae = site == .lumbarSpine ? vertebrae ?? .all : nil
  }

  /// "Lumbar spine (L2–L4)", "Total hip".
  public var displayName: String {
    guard let vertebrae else { return site.displayName }
    return "Lumbar spine (\(vertebrae.label))"
  }

  /// "lumbar-spine l2-l4", "total-hip": for messages about files.
  public var description: String {
    guard let vertebrae else { return site.rawValue }
    return "\(site.rawValue) \(vertebrae.identifier)"
  }
}

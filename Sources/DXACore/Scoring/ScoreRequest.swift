/// One measured site of one person: what a score is computed from.
public struct ScoreRequest: Sendable, Equatable {
  public var site: Site
  /// Areal BMD in g/cm², on the scale of `manufacturer`.
  public var bmd: ExactDecimal
  public var sex: Sex
  /// Age in years at the scan (fractions allowed).
  public var age: ExactDecimal
  public var menopause: MenopausalStatus?
  /// Nil means not given: Hologic is assumed, and the result says so.
  public var manufacturer: Manufacturer?
  /// Nil means not given: the White table is used for Z-scores, and the result says so.
  public var ethnicity: Ethnicity?
  public var genderIdentity: GenderIdentity?
  /// For the lumbar spine: the vertebrae the BMD is the total of; nil means L1–L4. A combination is scored only
  /// against a curve for that combination.
  public var vertebrae: VertebralSet?

  public init(
    site: Site, bmd: ExactDecimal, sex: Sex, age: ExactDecimal, menopause: MenopausalStatus? = nil,
    manufacturer: Manufacturer? = nil, ethnicity: Ethnicity? = nil, genderIdentity: GenderIdentity? = nil,
    vertebrae: VertebralSet? = nil
  ) {
    self.vertebrae = vertebrae == .all ? nil : vertebrae
    self.site = site
    self.bmd = bmd
    self.sex = sex
    self.age = age
    self.menopause = menopause
    self.manufacturer = manufacturer
    self.ethnicity = ethnicity
    self.genderIdentity = genderIdentity
  }
}

/// The limits outside which an input is a mistake to report, not a value to score.
public enum PlausibleRange {
  /// BMD in g/cm². NHANES 2009–2010 femur scans ranged 0.081 (Ward's) to 1.968 (intertrochanter); spines with
  /// degenerative change read higher. Values outside 0.050–2.500 are not areal BMD in g/cm².
  public static let bmd = ExactDecimal(significand: 50, scale: 3)...ExactDecimal(significand: 2500, scale: 3)
  /// Values in this range were almost certainly given in mg/cm² (an 850 that means 0.850 g/cm²).
  public static let bmdInMilligrams = ExactDecimal(50)...ExactDecimal(5000)
  /// Age in years.
  public static let age = ExactDecimal(0)...ExactDecimal(120)
}

extension PlausibleRange {
  /// Checks a BMD given in g/cm²: above 0, not a value in mg/cm², inside ``bmd``. Errors name the field `bmd`.
  public static func checkBMD(_ bmd: ExactDecimal) throws(InputError) {
    if bmd.significand <= 0 {
      throw InputError(.data, field: "bmd", "must be greater than 0 g/cm², found \(bmd)")
    }
    if bmdInMilligrams.contains(bmd) {
      let grams = ExactDecimal(significand: bmd.significand, scale: min(bmd.scale + 3, ExactDecimal.maximumScale))
      throw InputError(.data, field: "bmd", "\(bmd) looks like mg/cm²; give BMD in g/cm² (\(grams))")
    }
    if !self.bmd.contains(bmd) {
      throw InputError(
        .data, field: "bmd", "\(bmd) g/cm² is outside the plausible range \(self.bmd.lowerBound)–\(self.bmd.upperBound)"
      )
    }
  }
}

extension ScoreRequest {
  /// Checks the values against ``PlausibleRange`` and each other. Errors name the fields `bmd`, `age` and
  /// `menopause`; callers add their own prefix (`--bmd`, a CSV column).
  public func validate() throws(InputError) {
    try PlausibleRange.checkBMD(bmd)
    if !PlausibleRange.age.contains(age) {
      throw InputError(.data, field: "age", "must be between 0 and 120 years, found \(age)")
    }
    if sex == .male, let menopause {
      throw InputError(
        .data, field: "menopause", "'\(menopause.rawValue)' was given for a man; it applies to women only")
    }
  }
}

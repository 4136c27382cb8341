/// One published reference population, read from a file in `reference-data/tables/` or loaded with `--reference`.
///
/// A table holds curves, one per site, sex and ethnicity. Every table says where its numbers come from and how
/// well they are confirmed, so a result can name exactly what it used.
public struct ReferenceTable: Sendable {
  /// The three shapes a table can take.
  public enum Kind: String, CaseIterable, Sendable {
    /// A young-adult mean and SD per curve: the reference for T-scores.
    case youngAdult = "young-adult"
    /// Age groups with a mean and SD each, used exactly as printed (no interpolation between groups).
    case ageBands = "age-bands"
    /// Age points with L, M and an absolute SD, interpolated linearly in age (scanner makers' curves).
    case lms
  }

  /// When the engine uses the table without being asked.
  public enum Availability: String, CaseIterable, Sendable {
    /// Used by the scoring policy unless another table is asked for.
    case `default`
    /// Used only when a person asks for it (`--use ID`): proposals, partial curves and unconfirmed values.
    case onRequest = "on-request"
  }

  public var id: String
  public var version: String
  public var title: String
  public var population: String
  public var kind: Kind
  public var scale: MeasurementScale
  /// `g/cm2`, or `mg/cm2` for tables on the standardized sBMD scale.
  public var units: String
  public var citation: String
  /// The weakest status of any number in the table.
  public var status: ConfirmationStatus
  public var availability: Availability
  /// Set when the table is a scanner maker's own reference database (`"manufacturer": "hologic"`). ISCD names the
  /// maker's database for the lumbar-spine T-score, so under ``ScoringPolicy/SpineReference/manufacturer`` such a
  /// table scores the spines of that maker's scans, and only theirs.
  public var manufacturer: Manufacturer?
  /// For age-band and LMS tables: the age whose band or point is the young-adult reference for T-scores.
  /// Tables without it give Z-scores only.
  public var youngAdultAge: ExactDecimal?
  public var notes: [String]
  public var curves: [ReferenceCurve]
  /// The table exactly as read, for `dxa reference show --format json` and audits.
  public var document: JSONValue
}

/// The reference values of one site, sex and ethnicity within a table.
public struct ReferenceCurve: Sendable {
  public var site: Site
  /// For a lumbar-spine curve of a vertebral combination other than L1–L4 (`"vertebrae": "l2-l4"`), the
  /// combination; nil for L1–L4 and for every other site. Scanners carry a reference for each combination.
  public var vertebrae: VertebralSet?
  public var sex: Sex
  public var ethnicity: Ethnicity
  public var status: ConfirmationStatus
  /// Where these numbers were read, when that differs from the table's citation.
  public var source: String?
  public var values: Values

  public enum Values: Sendable {
    case youngAdult(mean: ExactDecimal, sd: ExactDecimal)
    case bands([AgeBand])
    case lms([LMSPoint])
  }
}

/// An age group with the mean and SD printed for it. Ages are in years: `from` included, `under` excluded.
public struct AgeBand: Sendable, Equatable {
  /// The group as printed in the source, e.g. `20–29` or `80+`.
  public var label: String
  public var from: ExactDecimal
  /// Nil for an open top group such as `80+`.
  public var under: ExactDecimal?
  public var mean: ExactDecimal
  public var sd: ExactDecimal
  public var status: ConfirmationStatus

  public func contains(age: ExactDecimal) -> Bool {
    from <= age && (under.map { age < $0 } ?? true)
  }
}

/// One age point of an LMS curve: T or Z = M·((X/M)^L − 1)/(L·SD), with SD absolute in the table's units.
public struct LMSPoint: Sendable, Equatable {
  public var age: ExactDecimal
  public var l: ExactDecimal
  public var m: ExactDecimal
  public var sd: ExactDecimal
}

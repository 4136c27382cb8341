/// The scores and classification of one site, with everything needed to audit them.
public struct ScoreResult: Sendable {
  public var request: ScoreRequest
  /// The scanner maker used (the request's, or Hologic when none was given).
  public var manufacturer: Manufacturer
  public var policy: ScoringPolicy
  public var population: Population
  public var tScore: ScoreOutcome
  public var zScore: ScoreOutcome
  public var classification: Classification
  /// What the engine took for granted because the input did not say (menopause, maker, ethnicity …).
  public var assumptions: [ScoringAssumption]
  /// Facts about how the result was computed that a reader should know (conversions, fallbacks, caveats).
  public var notes: [ScoringNote]
}

/// Who the person is for classification purposes (ISCD).
public enum Population: String, Sendable, CaseIterable {
  /// Postmenopausal women, women in the menopausal transition, men aged 50 and over: WHO categories on T.
  case whoTScore = "who-t-score"
  /// Premenopausal women and men under 50: Z-score statement, no WHO category.
  case adultZScore = "adult-z-score"
  /// Under 20: Z-scores only, never a T-score.
  case child
  /// A woman whose menopausal status is unknown while the policy requires it.
  case undetermined
}

/// A score, or why there is none.
public enum ScoreOutcome: Sendable {
  case scored(Score)
  case unavailable(ScoreUnavailable)

  public var score: Score? {
    if case .scored(let score) = self { return score }
    return nil
  }

  public var reason: ScoreUnavailable? {
    if case .unavailable(let reason) = self { return reason }
    return nil
  }
}

/// A computed T- or Z-score.
public struct Score: Sendable {
  /// The value to report: the exact result rounded half away from zero to one decimal.
  public var reported: ExactDecimal
  /// The unrounded value, exact where the arithmetic is exact.
  public var unrounded: Unrounded
  public var reference: ReferenceUsed
  /// The BMD on the reference's scale (equal to the measured BMD when no conversion was needed).
  public var bmdOnReferenceScale: Fraction
  public var conversion: ScaleConversion?

  public enum Unrounded: Sendable {
    /// Mean/SD references and LMS curves with L = 1: an exact fraction.
    case exact(Fraction)
    /// LMS curves with L ≠ 1 need a power: binary floating point.
    case floatingPoint(Double)

    public var doubleValue: Double {
      switch self {
      case .exact(let fraction): return fraction.doubleValue
      case .floatingPoint(let value): return value
      }
    }
  }
}

/// Which reference value a score used, as it would be cited in a report.
public struct ReferenceUsed: Sendable {
  public var tableID: String
  public var tableVersion: String
  public var tableTitle: String
  public var citation: String
  public var scale: MeasurementScale
  public var units: String
  public var site: Site
  public var sex: Sex
  public var ethnicity: Ethnicity
  public var point: ReferencePoint
  /// The maker whose own database the table is (``ReferenceTable/manufacturer``), if it is one.
  public var manufacturer: Manufacturer? = nil
  /// The vertebral combination of a lumbar-spine curve other than L1–L4.
  public var vertebrae: VertebralSet? = nil
}

/// The category of a site, or why there is none.
public struct Classification: Sendable {
  public var category: Category?
  /// Which score the category was read from.
  public var basis: Basis?
  /// Why there is no category, when there is none.
  public var reason: UnclassifiedReason?

  public enum Basis: String, Sendable {
    case tScore = "t-score"
    case zScore = "z-score"
  }
}

/// T-score or Z-score.
public enum ScoreKind: String, CaseIterable, Sendable {
  case t = "t-score"
  case z = "z-score"
}

/// Where a reported T- or Z-score comes from.
public enum ScoreSource: Sendable, Equatable {
  /// Computed by the engine against a reference table.
  case recomputed(tableID: String, tableVersion: String)
  /// Printed by the scanner (the exam's `t_score_device` or `z_score_device`): the maker's own database for that
  /// site and vertebral set.
  case scanner

  /// `recomputed` or `scanner`, as JSON and the README name them.
  public var name: String {
    switch self {
    case .recomputed: return "recomputed"
    case .scanner: return "scanner"
    }
  }
}

/// Why a report uses the source it uses for one score (clinical-rules.md §4, §11).
public enum SourceChoice: String, CaseIterable, Sendable {
  /// The engine's recomputation is the standard (the hip on NHANES III White women, and every other site the
  /// engine has a table for); the scanner's value is a cross-check.
  case engineStandard = "engine-standard"
  /// Spine: the scanner's printed score comes from the maker's database, which ISCD names for the spine.
  case scannerMakerDatabase = "scanner-maker-database"
  /// Spine without a printed score: recomputed against the maker's own table.
  case engineMakerTable = "engine-maker-table"
  /// Spine without a printed score or a maker's table: recomputed against the open table, labelled as such.
  case engineOpenTable = "engine-open-table"
  /// The engine has no reference for the site, vertebral set or person: the scanner's printed score.
  case scannerNoEngineReference = "scanner-no-engine-reference"
  /// Policy `spine-reference open`: the engine's open table counts for the spine, as before the maker rule.
  case engineOpenPolicy = "engine-open-policy"
}

/// Why a site reports no T- or Z-score.
public enum MissingScore: Sendable, Equatable {
  /// The exam gives no BMD for the region (nor BMC and area).
  case noBMD
  /// A T-score of someone classified on the Z-score (premenopausal women, men under 50): not reported (ISCD).
  case notForThisPopulation
  /// Under 20: Z-scores only, never a T-score (ISCD pediatric).
  case child
  /// The lumbar spine has fewer than two evaluable vertebrae: never scored for diagnosis (ISCD).
  case spineNotEvaluable
  /// Neither the engine nor the scanner has one: the engine's reason, then that the exam printed none.
  case noReference(engineReason: ScoreUnavailable)
}

/// One T- or Z-score of a region: the engine's value, the scanner's, which of them the report gives and why.
public struct SiteScore: Sendable {
  public var kind: ScoreKind
  /// The engine's score, or why there is none; nil when there was nothing to score.
  public var recomputed: ScoreOutcome?
  /// The L1–L4 reference standing in for a vertebral combination that has none of its own: the recomputed value
  /// is approximate (vertebral BMD rises from L1 to L4).
  public var recomputedApproximateFor: VertebralSet?
  /// What the scanner printed for this region (and vertebral set), when the exam gives it, to one decimal as
  /// reported (the exam's value itself is the measurement's `deviceTScore` / `deviceZScore`).
  public var scanner: ExactDecimal?
  /// The score the report gives; nil with ``missing``.
  public var reported: ExactDecimal?
  public var source: ScoreSource?
  public var choice: SourceChoice?
  public var missing: MissingScore?
  /// For people classified on the Z-score: the T-score there is, kept for audit, never reported or used.
  public var notForDiagnosis: ExactDecimal?

  public init(kind: ScoreKind) { self.kind = kind }

  /// The engine's score, when it has one.
  public var recomputedScore: Score? { recomputed?.score }

  /// The reported value comes from the L1–L4 reference standing in for a vertebral combination.
  public var isApproximate: Bool {
    if case .recomputed? = source { return recomputedApproximateFor != nil }
    return false
  }
}

/// A site whose scanner and engine scores disagree: different categories, or more than 0.2 apart. The report
/// opens with it (clinical-rules.md §11: a different reference or a typing error, for the interpreter first).
public struct ScoreDiscrepancy: Sendable {
  public var label: String
  public var site: Site
  public var side: Side?
  public var vertebrae: VertebralSet?
  public var kind: ScoreKind
  public var scanner: ExactDecimal
  public var recomputed: ExactDecimal
  public var recomputedTableID: String
  /// The recomputed value is the L1–L4 reference standing in for a vertebral combination.
  public var recomputedIsApproximate: Bool
  /// Recomputed minus scanner, exactly.
  public var difference: ExactDecimal
  /// The category each value leads to (WHO for T, the Z-score statement for Z), when the population is
  /// classified on this score.
  public var scannerCategory: Category?
  public var recomputedCategory: Category?
  /// Which value the report gives, and why.
  public var used: ScoreSource
  public var choice: SourceChoice
  /// Whether the region takes part in the diagnosis.
  public var isDiagnostic: Bool

  public var categoriesDiffer: Bool { scannerCategory != recomputedCategory }
}

/// Why a region does not count towards the diagnosis (ISCD adult and pediatric positions). A value; the renderers
/// word it (`Sources/DXARendering/Wording/`).
public enum NonDiagnosticReason: Sendable, Equatable {
  /// Under 20 only the PA lumbar spine and total body less head diagnose (ISCD 2013 pediatric).
  case notPediatricSite(Site)
  /// The 1/3 radius without one of the ISCD situations (hip or spine not measurable, hyperparathyroidism, over the
  /// table's weight limit) in the exam.
  case radiusWithoutReason
  /// A single vertebra never diagnoses.
  case singleVertebra
  /// Total body less head diagnoses in children only.
  case totalBodyLessHeadInAdult
  /// Trochanter, intertrochanter, Ward's area, total body: shown, never used for diagnosis.
  case neverDiagnostic(Site)
  /// A spine total with fewer than two evaluable vertebrae that have BMC and area.
  case spineNotEvaluable
}

/// Why a region has no category. A value; the renderers word it.
public enum UnclassifiedReason: Sendable, Equatable {
  case notDiagnostic(NonDiagnosticReason)
  /// A woman's menopausal status is not given and the policy `require` needs it.
  case menopauseRequired
  /// The engine has no score of the kind that classifies, and why.
  case noEngineScore(ScoreKind, reason: ScoreUnavailable)
  /// The report gives no score of the kind that classifies (neither recomputed nor printed).
  case noReportedScore(ScoreKind, MissingScore)
}

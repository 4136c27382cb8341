import DXACore
import DXAPlatform
import DXARendering

/// What the person running `dxa` can do about a missing score or an assumption: an option to give, an exam field to
/// fill. These name options and fields, so they never go into a report or a result; the commands print them on
/// standard error, one `Hint:` line each.
enum OperatorHints {
  /// Where the person gives what is missing: options of `dxa score`, or fields of the exam file for `dxa report`.
  enum Context {
    case scoreOptions
    case examFile
  }

  /// Writes the hints to standard error, each once.
  static func print(_ hints: [String]) {
    var seen: [String] = []
    for hint in hints where !seen.contains(hint) { seen.append(hint) }
    guard !seen.isEmpty else { return }
    StandardStreams.writeError(seen.map { "Hint: \($0)\n" }.joined())
  }
}

extension ScoreUnavailable {
  func hints(_ context: OperatorHints.Context) -> [String] {
    switch self {
    case .noTableCovers(_, let misses, let onRequest):
      return misses.flatMap { $0.hints(context) } + onRequest.map(Self.useHint)
    case .youngAdultOnRequest(_, _, let table, _): return [Self.useHint(table)]
    case .noYoungAdultReference(_, let site):
      return ["no open table exists for \(site.nameInSentence): load the scanner maker's table with --reference FILE"]
    case .noAgeMatchedReference(_, _, _, let onRequest):
      return onRequest.isEmpty ? ["load an age-matched table with --reference FILE"] : onRequest.map(Self.useHint)
    case .noVertebralReference:
      return ["a table for this vertebral combination can be loaded with --reference FILE"]
    case .subsetWithoutStandIn:
      return ["--spine-subset-reference l1-l4 scores a vertebral combination against L1–L4, marked approximate"]
    case .childNoTScore, .noPointAtAge, .noConversion, .tableOutOfRange: return []
    }
  }

  private static func useHint(_ table: String) -> String { "--use \(table) scores against \(table)" }
}

extension ScoringAssumption {
  func hints(_ context: OperatorHints.Context) -> [String] {
    let exam = context == .examFile
    switch self {
    case .manufacturerHologic:
      return [exam ? "give the scanner's maker in the exam's scan.manufacturer" : "give the maker with --manufacturer"]
    case .menopauseByAge:
      return [
        (exam ? "give patient.menopause in the exam" : "give --menopause pre|peri|post")
          + "; --unknown-menopause require withholds the category until it is given"
      ]
    case .openSpineTable(let maker, _):
      return ["load the \(maker.displayName) spine table with --reference FILE"]
    case .ethnicityWhite:
      return [exam ? "give patient.ethnicity in the exam" : "give --ethnicity"]
    }
  }
}

extension ScoreResult {
  /// The hints of `dxa score`.
  var operatorHints: [String] {
    (tScore.reason?.hints(.scoreOptions) ?? []) + (zScore.reason?.hints(.scoreOptions) ?? [])
      + assumptions.flatMap { $0.hints(.scoreOptions) }
  }
}

extension Report {
  /// The hints of `dxa report`: the exam fields and options that would fill what the report had to leave out or
  /// assume.
  var operatorHints: [String] {
    var hints: [String] = []
    for site in sites {
      for kind in ScoreKind.allCases {
        guard case .noReference(let reason)? = site.score(kind).missing else { continue }
        hints += reason.hints(.examFile)
        let field = kind == .t ? "t_score_device" : "z_score_device"
        hints.append("a score the scanner printed goes in the measurement's \(field)")
      }
      if site.role == .notDiagnostic(.radiusWithoutReason) {
        hints.append("scan.radius_reason gives the ISCD reason that makes the 1/3 radius diagnostic")
      }
    }
    hints += assumptions.flatMap { $0.hints(.examFile) }
    if spine?.screen == .notPerformed {
      hints.append("each vertebra's printed T-score (t_score_device) lets the report screen the vertebrae")
    }
    if diagnosis.statements.contains(where: { if case .pediatricFracturesWithoutAge = $0 { true } else { false } }) {
      hints.append("a fracture's date or age (history.fractures[].date or .age) lets it be counted by age")
    }
    if billing.coverage.rules != nil, exam.history.priorCoveredScanDate == nil {
      hints.append("history.prior_covered_scan_date lets the report check the payer's frequency limit")
    }
    return hints
  }
}

import DXACore

/// The codes of the `note` column's compact form (the default): one per kind of note, the same in every run.
///
/// A note is made of parts (why there is no T-score, no Z-score or no category, and what was assumed); each part
/// has one code, written in the order of the long note and joined by `;` (`Z1;A1`). The long wording stays
/// available (`--notes-format long`); `--notes FILE` writes this legend. Every code is listed in the README.
public enum NoteCode: String, CaseIterable, Sendable {
  case manufacturerAssumed = "A1"
  case postmenopausalAssumed = "A2"
  case premenopausalAssumed = "A3"
  case whiteZReferenceAssumed = "A4"
  case openSpineTable = "A5"
  case tUnder20 = "T1"
  case tNoTableLoaded = "T2"
  case tOnRequestOnly = "T3"
  case tNoConversion = "T4"
  case tVertebralCombination = "T5"
  case tOther = "T9"
  case zAgeNotCovered = "Z1"
  case zNoTableLoaded = "Z2"
  case zVertebralCombination = "Z3"
  case zOther = "Z9"
  case notPediatricSite = "C1"
  case totalBodyLessHeadAdult = "C2"
  case neverDiagnostic = "C3"
  case singleVertebra = "C4"
  case menopauseRequired = "C5"
  case categoryOther = "C9"
  case excluded = "X1"
  case spineTotalWithheld = "X2"

  /// What the code says, as the README's table and the `--notes` legend word it.
  public var meaning: String {
    switch self {
    case .manufacturerAssumed: return "manufacturer not given: Hologic assumed"
    case .postmenopausalAssumed:
      return "menopausal status not given: a woman aged 50 or over is taken as postmenopausal (policy age-50)"
    case .premenopausalAssumed:
      return "menopausal status not given: a woman under 50 is taken as premenopausal (policy age-50)"
    case .whiteZReferenceAssumed: return "ethnicity not given: the White age-matched reference is used for the Z-score"
    case .openSpineTable:
      return
        "no loaded spine database of the scanner's maker covers this person: the T-score uses the open table (load the maker's table with --reference FILE)"
    case .tUnder20: return "no T-score under age 20: children and adolescents get Z-scores only (ISCD)"
    case .tNoTableLoaded: return "no T-score: no young-adult reference for this sex and site is loaded"
    case .tOnRequestOnly:
      return "no T-score: the young-adult reference is in a table used only on request (--use ID)"
    case .tNoConversion:
      return "no T-score: the reference is on another maker's scale and no loaded equation converts this BMD to it"
    case .tVertebralCombination: return "no T-score: no young-adult reference for this vertebral combination is loaded"
    case .tOther: return "no T-score: another reason (the reference's numbers are out of range; the long note words it)"
    case .zAgeNotCovered: return "no Z-score: no loaded age-matched reference covers this person's age (or scale)"
    case .zNoTableLoaded: return "no Z-score: no age-matched reference for this sex, site and ethnic group is loaded"
    case .zVertebralCombination:
      return "no Z-score: no age-matched reference for this vertebral combination is loaded"
    case .zOther: return "no Z-score: another reason (the long note words it)"
    case .notPediatricSite:
      return
        "no category: under 20 only the PA lumbar spine and total body less head are diagnostic (ISCD pediatric)"
    case .totalBodyLessHeadAdult:
      return "no category: total body less head is a diagnostic site in children only (ISCD pediatric)"
    case .neverDiagnostic: return "no category: this site is reported but never used for diagnosis (ISCD)"
    case .singleVertebra: return "no category: a single vertebra is never used for diagnosis (ISCD)"
    case .menopauseRequired: return "no category: menopausal status not given and the policy 'require' needs it"
    case .categoryOther: return "no category: another reason (the long note words it)"
    case .excluded: return "not scored: the site is excluded from the analysis (its inclusion column says 0)"
    case .spineTotalWithheld:
      return
        "not scored: a vertebra is excluded, or the vertebrae column names another set, so the spine total is not of L1–L4 (the batch scores the spine against L1–L4 references only)"
    }
  }

  // The core states these reasons as typed values; each maps to its code here and nowhere else. A test scores
  // every kind of row of the shipped tables under every policy and checks that no part falls to an "other" code.

  /// The code of an assumption of the engine (``DXACore/ScoreResult/assumptions``).
  static func ofAssumption(_ assumption: ScoringAssumption) -> NoteCode {
    switch assumption {
    case .manufacturerHologic: return .manufacturerAssumed
    case .menopauseByAge(let postmenopausal, _): return postmenopausal ? .postmenopausalAssumed : .premenopausalAssumed
    case .ethnicityWhite: return .whiteZReferenceAssumed
    case .openSpineTable: return .openSpineTable
    }
  }

  /// The code of why there is no T-score; when no table covers the person, the first table's reason decides.
  static func ofMissingTScore(_ reason: ScoreUnavailable) -> NoteCode {
    switch reason {
    case .childNoTScore: return .tUnder20
    case .noVertebralReference, .subsetWithoutStandIn: return .tVertebralCombination
    case .youngAdultOnRequest: return .tOnRequestOnly
    case .noConversion: return .tNoConversion
    case .noYoungAdultReference: return .tNoTableLoaded
    case .noTableCovers(_, let misses, _): return misses.first.map(ofMissingTScore) ?? .tOther
    case .noPointAtAge, .tableOutOfRange, .noAgeMatchedReference: return .tOther
    }
  }

  /// The code of why there is no Z-score.
  static func ofMissingZScore(_ reason: ScoreUnavailable) -> NoteCode {
    switch reason {
    case .noTableCovers, .noPointAtAge: return .zAgeNotCovered
    case .noAgeMatchedReference: return .zNoTableLoaded
    case .noVertebralReference, .subsetWithoutStandIn: return .zVertebralCombination
    case .childNoTScore, .noConversion, .tableOutOfRange, .youngAdultOnRequest, .noYoungAdultReference: return .zOther
    }
  }

  /// The code of why there is no category (when not already said by a missing score): from the core's typed
  /// reason.
  static func ofCategoryReason(_ reason: UnclassifiedReason) -> NoteCode {
    switch reason {
    case .notDiagnostic(.notPediatricSite): return .notPediatricSite
    case .notDiagnostic(.totalBodyLessHeadInAdult): return .totalBodyLessHeadAdult
    case .notDiagnostic(.neverDiagnostic): return .neverDiagnostic
    case .notDiagnostic(.singleVertebra): return .singleVertebra
    case .menopauseRequired: return .menopauseRequired
    case .noEngineScore(.t, let reason): return ofMissingTScore(reason)
    case .noEngineScore(.z, let reason): return ofMissingZScore(reason)
    // Report-only reasons (the radius without an ISCD situation, a spine without two evaluable vertebrae, a score
    // neither recomputed nor printed) never come from the engine alone.
    case .notDiagnostic(.radiusWithoutReason), .notDiagnostic(.spineNotEvaluable), .noReportedScore:
      return .categoryOther
    }
  }

  /// Codes as the compact note field: `Z1;A1`. Made as bytes: joining strings cost more than the rest of a
  /// worker's first meeting with a template.
  static func field(_ codes: [NoteCode]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(3 * codes.count)
    for code in codes {
      if !bytes.isEmpty { bytes.append(UInt8(ascii: ";")) }
      var text = code.rawValue
      text.withUTF8 { bytes += $0 }
    }
    return bytes
  }
}

/// Why the engine has no T- or Z-score for a request. A value; the renderers word it
/// (`Sources/DXARendering/Wording/Scoring+Wording.swift`), and a person running the command line gets what to do
/// about it as a separate hint, never inside a report.
public indirect enum ScoreUnavailable: Sendable, Equatable {
  /// Under 20: never a T-score (ISCD pediatric).
  case childNoTScore
  /// A table has no reference point for the age (`age` nil: its young-adult point); `coverage` says what it covers.
  case noPointAtAge(tableID: String, age: ExactDecimal?, coverage: String)
  /// The table is on another scale and no loaded equation converts the maker's BMD at the site to it.
  case noConversion(tableID: String, scale: MeasurementScale, from: Manufacturer, site: Site)
  /// The table's numbers are out of range for exact arithmetic (too many digits, an SD near zero).
  case tableOutOfRange(tableID: String)
  /// Every table that has the curve missed the person: each table's reason, in the order tried. For a Z-score,
  /// `onRequest` names shipped tables that would cover the person if asked for.
  case noTableCovers(ScoreKind, misses: [ScoreUnavailable], onRequest: [String])
  /// No reference of `kind` for this vertebral combination is loaded (the scanner's own database has one).
  case noVertebralReference(ScoreKind, sex: Sex, vertebrae: VertebralSet)
  /// The young-adult reference is in a table that is used only on request.
  case youngAdultOnRequest(sex: Sex, site: Site, tableID: String, status: ConfirmationStatus)
  /// No open young-adult table exists for the site (trochanter, 1/3 radius): only the maker's has one.
  case noYoungAdultReference(sex: Sex, site: Site)
  /// No age-matched table for the sex, site and ethnic groups tried; `onRequest` as above.
  case noAgeMatchedReference(sex: Sex, site: Site, groups: [Ethnicity], onRequest: [String])
  /// A vertebral combination with no table of its own under the setting that gives no L1–L4 stand-in.
  case subsetWithoutStandIn(VertebralSet)
}

/// A fact about how a score was computed that a reader should know. A value; the renderers word it.
public indirect enum ScoringNote: Sendable, Equatable {
  /// A T-score of someone classified on the Z-score: shown for information only.
  case tScoreInformationOnly
  /// The 1/3 radius is diagnostic only in the ISCD situations.
  case radiusConditional
  /// The table holds unconfirmed values and was used because it was asked for.
  case unconfirmedTable(tableID: String)
  /// The BMD was moved to the reference's scale.
  case converted(ScaleConversion)
  /// The first tables tried could not score: `missed`; `used` scored instead.
  case fellBack(ScoreKind, missed: ScoreUnavailable, used: String)
  /// T-score against the person's own group's young-adult reference (T-score ethnicity setting `matched`).
  case tScoreMatchedEthnicity(Ethnicity, sex: Sex, tableID: String)
  /// T-score ethnicity `matched`, but no table has the person's group for the site: the White reference.
  case tScoreNoMatchedEthnicity(Ethnicity, site: Site, sex: Sex)
  /// The T-score is against the White reference of `sex` (a man against women, or someone not White), by policy.
  case tScoreReferenceOf(sex: Sex, policy: ScoringPolicy.Reference)
  /// Z-score against the reference of the gender identity (ISCD 2019).
  case zScoreGenderIdentity(Sex)
  /// Z-score against the sex recorded at birth for a gender non-conforming person (ISCD 2019).
  case zScoreNonconformingBirthSex
  /// Hispanic: the Mexican American table is the only Hispanic group.
  case zScoreMexicanAmerican(tableID: String)
  /// No age-matched table for the person's group: the White table (ethnicity fallback `white`).
  case zScoreWhiteFallback(Ethnicity, tableID: String)

  /// About the T-score alone: a report leaves it out where it gives no T-score.
  public var isAboutTScoreOnly: Bool {
    switch self {
    case .tScoreInformationOnly, .tScoreMatchedEthnicity, .tScoreNoMatchedEthnicity, .tScoreReferenceOf: return true
    case .fellBack(let kind, _, _): return kind == .t
    default: return false
    }
  }
}

/// What the engine took for granted because the input did not say. A value; the renderers word it.
public enum ScoringAssumption: Sendable, Equatable {
  /// No maker given: Hologic assumed.
  case manufacturerHologic
  /// Menopausal status not given (setting `unknown-menopause age-50`): taken as postmenopausal from 50, else
  /// premenopausal; `recordedFemale` words it for a person whose gender identity is not female.
  case menopauseByAge(postmenopausal: Bool, recordedFemale: Bool)
  /// No loaded spine database of the maker covers the person: the open table stands in for the maker's database.
  case openSpineTable(Manufacturer, tableID: String)
  /// No ethnicity given: the White age-matched reference for the Z-score.
  case ethnicityWhite

  /// About the T-score alone.
  public var isAboutTScoreOnly: Bool {
    if case .openSpineTable = self { return true }
    return false
  }
}

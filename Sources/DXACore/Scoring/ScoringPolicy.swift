/// The rules a result is computed under. Every choice that published guidance leaves open is a named setting here,
/// and every result names the policy it used.
public struct ScoringPolicy: Sendable, Equatable {
  /// The reference policy: which young-adult population T-scores use.
  public enum Reference: String, CaseIterable, Sendable {
    /// ISCD 2013, kept in 2019 and 2023: the White female young-adult reference for women and men of all groups.
    case iscd2023 = "iscd-2023"
    /// ISCD 2003 and scanner software before 2013: men against a male young-adult reference. For reproducing
    /// historical results.
    case pre2013 = "pre-2013"
  }

  /// What to do for a Z-score when no table has the person's ethnic group.
  public enum EthnicityFallback: String, CaseIterable, Sendable {
    /// Use the White table and say so (what scanner software does).
    case white
    /// Give no Z-score.
    case none
  }

  /// What to assume when a woman's menopausal status is not given.
  public enum UnknownMenopause: String, CaseIterable, Sendable {
    /// Women aged 50 and over are taken as postmenopausal, younger women as premenopausal; the result says so.
    case age50 = "age-50"
    /// No classification until the status is given.
    case require
  }

  /// Which database the lumbar-spine T-score comes from.
  public enum SpineReference: String, CaseIterable, Sendable {
    /// ISCD: the manufacturer's database. In a report, the scanner's printed score for the vertebrae used; else a
    /// loaded table of the scan's maker (`"manufacturer"` in the table; Hologic's ships); else the open table,
    /// labelled as such.
    case manufacturer
    /// The open NHANES 2005–2008 table for every maker, the engine's value counting over the scanner's (the
    /// behaviour before the manufacturer rule).
    case open
  }

  /// Which ethnic group's young-adult reference a T-score uses.
  public enum TScoreEthnicity: String, CaseIterable, Sendable {
    /// ISCD 2005 onwards: the White (non-race-adjusted) young-adult reference for every ethnic group.
    case white
    /// The young-adult reference of the person's own group where a table has one, else White, said in the notes:
    /// race-adjusted T-scores as some scanner software computed them before ISCD 2005. Only the men's femoral-neck
    /// values of `nhanes3-hip-young-men` have such groups today. For reproducing historical results.
    case matched
  }

  public var reference: Reference
  public var ethnicityFallback: EthnicityFallback
  public var unknownMenopause: UnknownMenopause
  public var spineReference: SpineReference
  public var tScoreEthnicity: TScoreEthnicity

  public init(
    reference: Reference = .iscd2023, ethnicityFallback: EthnicityFallback = .white,
    unknownMenopause: UnknownMenopause = .age50, spineReference: SpineReference = .manufacturer,
    tScoreEthnicity: TScoreEthnicity = .white
  ) {
    self.reference = reference
    self.ethnicityFallback = ethnicityFallback
    self.unknownMenopause = unknownMenopause
    self.spineReference = spineReference
    self.tScoreEthnicity = tScoreEthnicity
  }

  /// The default: ISCD 2023, the maker's database for the spine, White young-adult references, White fallback for
  /// Z-scores, menopause assumed from age 50.
  public static let standard = ScoringPolicy()

  /// The sex of the young-adult reference a T-score uses.
  public func tScoreReferenceSex(for sex: Sex) -> Sex {
    switch reference {
    case .iscd2023: return .female
    case .pre2013: return sex
    }
  }

  /// The shipped young-adult tables for T-scores at a site, in order of preference. Hip: NHANES III (Looker 1998),
  /// as ISCD names it. Lumbar spine: ISCD leaves it to the manufacturer's database (see ``SpineReference``; the
  /// maker's tables come before these); the open table is the NHANES 2005–2008 young-adult (21–30) group. Other
  /// sites: none published; a facility loads its own.
  public func youngAdultTableIDs(for site: Site) -> [String] {
    switch (site, reference) {
    case (.femoralNeck, .iscd2023), (.totalHip, .iscd2023): return ["nhanes3-hip-young-adult"]
    case (.femoralNeck, .pre2013), (.totalHip, .pre2013): return ["nhanes3-hip-young-adult", "nhanes3-hip-young-men"]
    case (.lumbarSpine, _): return ["nhanes-2005-2008-spine-hip"]
    default: return []
    }
  }
}

extension Site {
  /// The lumbar spine and its vertebrae: the sites whose T-score ISCD takes from the manufacturer's database.
  public var isSpine: Bool {
    switch self {
    case .lumbarSpine, .l1, .l2, .l3, .l4: return true
    default: return false
    }
  }
}

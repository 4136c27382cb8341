import DXACore

// The scoring engine's reasons, notes and assumptions in words. No command-line option, exam field name or path
// appears here: what a person running `dxa` can do about a reason is the command line's hint, printed on stderr.

extension ScoreUnavailable {
  public var text: String {
    var text = ""
    write(to: &text)
    return text
  }

  /// The reason as said of the missing score of `kind`: "no T-score: …".
  public func statement(_ kind: ScoreKind) -> String {
    var text = "no "
    text.reserveCapacity(160)
    text += kind.displayName
    text += ": "
    write(to: &text)
    return text
  }

  /// Appends ``text``. The reasons a batch words for each template it builds (a table's miss at an age, and every
  /// table missing) grow one string, part by part, rather than make a string for each part and join them.
  private func write(to text: inout String) {
    switch self {
    case .noPointAtAge(let table, let age?, let coverage):
      text += table
      text += " covers "
      text += coverage
      text += ", not age "
      text += age.description
    case .noTableCovers(let kind, let misses, let onRequest):
      if kind != .t { text += "no age-matched table covers this person (" }
      for (index, miss) in misses.enumerated() {
        if index > 0 { text += "; " }
        miss.write(to: &text)
      }
      for table in onRequest {
        text += "; "
        text += table
        text += " would, on request only"
      }
      if kind != .t { text += ")" }
    default:
      text += plainText
    }
  }

  /// ``text`` of the reasons ``write(to:)`` does not grow part by part.
  private var plainText: String {
    switch self {
    case .childNoTScore: return "no T-score under age 20: children and adolescents get Z-scores only (ISCD)"
    case .noPointAtAge(let table, let age, let coverage):
      guard let age else { return "\(table) has no young-adult reference point (it covers \(coverage))" }
      return "\(table) covers \(coverage), not age \(age)"
    case .noConversion(let table, let scale, let maker, let site):
      return
        "\(table) is on the \(scale) scale and no loaded equation converts \(maker.displayName) \(site.nameInSentence) BMD to it"
    case .tableOutOfRange(let table):
      return "no score against \(table): its numbers are out of range (too many digits, or an SD near zero)"
    case .noTableCovers:
      return text
    case .noVertebralReference(let kind, let sex, let vertebrae):
      let reference = kind == .t ? "young-adult \(sex.rawValue)" : "age-matched"
      return
        "no \(reference) reference for the vertebral combination \(vertebrae.label) is loaded (the scanner's own database has one)"
    case .youngAdultOnRequest(let sex, let site, let table, let status):
      return
        "the \(sex.rawValue) young-adult reference for \(site.nameInSentence) is in \(table), which holds \(status.rawValue) values and is used only on request"
    case .noYoungAdultReference(let sex, let site):
      return
        "no young-adult \(sex.rawValue) reference for \(site.nameInSentence) is loaded; no published open table exists for this site, only the scanner maker's"
    case .noAgeMatchedReference(let sex, let site, let groups, let onRequest):
      let groupText = groups.map(\.displayName).joined(separator: " or ")
      return
        "no age-matched reference for \(sex.rawValue) \(site.nameInSentence) (\(groupText)) is loaded"
        + Self.onRequestText(onRequest)
    case .subsetWithoutStandIn(let vertebrae):
      return
        "no reference for the vertebral combination \(vertebrae.label) is loaded, and this report's setting gives no L1–L4 stand-in"
    }
  }

  private static func onRequestText(_ tables: [String]) -> String {
    tables.map { "; \($0) would, on request only" }.joined()
  }
}

extension ScoringNote {
  public var text: String {
    switch self {
    case .tScoreInformationOnly:
      return "T-score shown for information only: this population is classified on the Z-score (ISCD)"
    case .radiusConditional:
      return
        "the 1/3 radius is diagnostic only when hip or spine cannot be measured or interpreted, in hyperparathyroidism, or above the table's weight limit"
    case .unconfirmedTable(let table): return "\(table) holds unconfirmed values: used only because it was asked for"
    case .converted(let conversion):
      return
        "BMD converted from the \(conversion.from) scale to the \(conversion.to) scale with \(conversion.setID): \(conversion.equation)"
        + (conversion.isApproximate
          ? " (approximate: cross-maker spine equations pool data, individual differences remain)" : "")
    case .fellBack(let kind, let missed, let used): return "\(kind.displayName): \(missed.text); \(used) used instead"
    case .tScoreMatchedEthnicity(let group, let sex, let table):
      return
        "T-score against the \(group.displayName) \(sex.rawValue) young-adult reference of \(table) (race-matched T-scores, by request)"
    case .tScoreNoMatchedEthnicity(let ethnicity, let site, let sex):
      return
        "no \(ethnicity.displayName) young-adult reference for \(site.nameInSentence): the White \(sex.rawValue) reference is used (race-matched T-scores were requested)"
    case .tScoreReferenceOf(let sex, let policy):
      return "T-score against the White \(sex.rawValue) young-adult reference (\(policy.wording))"
    case .zScoreGenderIdentity(let sex):
      return "Z-score uses the \(sex.rawValue) reference of the gender identity (ISCD 2019)"
    case .zScoreNonconformingBirthSex:
      return "Z-score uses the reference of the sex recorded at birth for a gender non-conforming person (ISCD 2019)"
    case .zScoreMexicanAmerican(let table):
      return "Z-score uses the Mexican American table of \(table), its only Hispanic group"
    case .zScoreWhiteFallback(let ethnicity, let table):
      return
        "no \(ethnicity.displayName) age-matched reference for this site and age: the White table of \(table) is used"
    }
  }
}

extension ScoringAssumption {
  public var text: String {
    switch self {
    case .manufacturerHologic: return "manufacturer not given: Hologic assumed"
    case .menopauseByAge(let postmenopausal, let recordedFemale):
      let person = recordedFemale ? "a person recorded female at birth" : "a woman"
      return postmenopausal
        ? "menopausal status not given: \(person) aged 50 or over is taken as postmenopausal"
        : "menopausal status not given: \(person) under 50 is taken as premenopausal"
    case .openSpineTable(let maker, let table):
      return
        "no loaded \(maker.displayName) spine database covers this person: the T-score uses \(table), not the maker's database that ISCD names"
    case .ethnicityWhite: return "ethnicity not given: the White age-matched reference is used for the Z-score"
    }
  }
}

extension ScoringPolicy.Reference {
  /// "ISCD 2023 reference policy".
  public var wording: String {
    switch self {
    case .iscd2023: return "ISCD 2013–2023 reference policy"
    case .pre2013: return "pre-2013 reference policy: men against a male reference"
    }
  }
}

extension ScoringPolicy {
  /// The report's settings in words, for the appendix: each setting a reader needs to know, never an option name.
  public func wording(population: Population, showsSpine: Bool) -> [String] {
    var settings: [String] = []
    settings.append(
      reference == .iscd2023
        ? "T-scores against the White female young-adult reference for everyone (ISCD 2013–2023)"
        : "T-scores of men against a male young-adult reference (before 2013, for historical comparison)")
    if tScoreEthnicity == .matched {
      settings.append("race-matched young-adult references where a table has the group (older scanner software)")
    }
    settings.append(
      ethnicityFallback == .white
        ? "an ethnic group without an age-matched table is scored against the White table, and the report says so"
        : "no Z-score where no age-matched table has the person's ethnic group")
    if population != .child {
      settings.append(
        unknownMenopause == .age50
          ? "a woman without a menopausal status is taken as postmenopausal from age 50"
          : "a woman without a menopausal status gets no category until it is given")
    }
    if showsSpine {
      settings.append(
        spineReference == .manufacturer
          ? "the lumbar spine T-score comes from the maker's database (ISCD): the scanner's printed score, else the maker's table, else an open table, labelled"
          : "the lumbar spine is scored against the open table for every maker")
    }
    return settings
  }
}

extension ScoringPolicy {
  /// The settings in a few words each, for the text report's appendix.
  public func shortWording(population: Population, showsSpine: Bool) -> [String] {
    var settings = [
      reference == .iscd2023
        ? "White female young-adult reference for all (ISCD 2013–2023)" : "men against a male reference (pre-2013)"
    ]
    if tScoreEthnicity == .matched { settings.append("race-matched young-adult references where they exist") }
    settings.append(
      ethnicityFallback == .white
        ? "White age-matched table where a group has none" : "no Z-score without a group's table")
    if population != .child {
      settings.append(
        unknownMenopause == .age50
          ? "postmenopausal from 50 if not given" : "no category without a menopausal status")
    }
    if showsSpine {
      settings.append(spineReference == .manufacturer ? "spine from the maker's database" : "spine on the open table")
    }
    return settings
  }
}

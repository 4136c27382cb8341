import DXACore

// The words for the report's facts: the wording table. The core keeps what it found as values (sources, choices,
// missing scores, clinical statements, reasons, notes, recommendations, billing reasons); every renderer (text,
// JSON, HTML, FHIR) words them from the files of this folder, each value once, so a fact reads the same in every
// format. To add a reason: add a case to its enum in the core, then its words here (the switch will not compile
// until it has them).

extension ScoreKind {
  /// "T-score", "Z-score".
  public var displayName: String { self == .t ? "T-score" : "Z-score" }
  /// "T", "Z".
  public var letter: String { self == .t ? "T" : "Z" }
}

extension MissingScore {
  /// Why a region has no reported score of `kind`.
  public func text(_ kind: ScoreKind) -> String {
    switch self {
    case .noBMD: return "no BMD for this region (neither BMD nor BMC and area)"
    case .notForThisPopulation:
      return "not reported: this person is classified on the Z-score, never on a T-score (ISCD)"
    case .child: return "never a T-score under age 20: Z-scores only (ISCD pediatric)"
    case .spineNotEvaluable:
      return "fewer than two evaluable vertebrae: the spine is not scored for diagnosis (ISCD)"
    case .noReference(let reason):
      return "\(reason.text); none printed by the scanner"
    }
  }

  /// "no T-score: " and why.
  public func statement(_ kind: ScoreKind) -> String { "no \(kind.displayName): \(text(kind))" }
}

extension SourceChoice {
  /// Why the report uses this source, for a sentence.
  public var reason: String {
    switch self {
    case .engineStandard: return "the engine's recomputation is the standard here; a scanner value is a cross-check"
    case .scannerMakerDatabase:
      return "ISCD takes the spine score from the maker's database, which is what the scanner printed"
    case .engineMakerTable: return "the scanner printed no spine score, so the maker's own table was used"
    case .engineOpenTable:
      return "the scanner printed no spine score and no table of this maker is loaded, so the open table was used"
    case .scannerNoEngineReference: return "the engine has no reference for it, so the scanner's printed value counts"
    case .engineOpenPolicy: return "this report's setting scores the spine against the open table for every maker"
    }
  }
}

extension ScoreSource {
  /// "recomputed (nhanes3-hip-young-adult v1)", "scanner".
  public var label: String {
    switch self {
    case .recomputed(let table, let version): return "recomputed (\(table) v\(version))"
    case .scanner: return "scanner"
    }
  }
}

extension SiteResult {
  /// Where a reported score comes from and the other value beside it: "T -2.1 recomputed against
  /// nhanes3-hip-young-adult v1; scanner printed -2.0". Nil when the score is not reported. `withValue` false leaves
  /// the value out ("T recomputed against …"), for a note beside the value itself.
  public func sourceText(_ kind: ScoreKind, maker: Manufacturer?, withValue: Bool = true) -> String? {
    let score = self.score(kind)
    guard let value = score.reported, let source = score.source else { return nil }
    var text = withValue ? "\(kind.letter) \(value) " : "\(kind.letter) "
    switch source {
    case .recomputed(let table, let version):
      text += "recomputed against \(table) v\(version)"
      if let set = score.recomputedApproximateFor { text += " (L1–L4 reference for \(set.label): approximate)" }
      switch score.choice {
      case .engineMakerTable?: text += ", the maker's own table"
      case .engineOpenTable?:
        let table = kind == .t ? "spine database" : "age-matched spine table"
        text += ", an open table (no \((maker ?? .hologic).displayName) \(table) loaded, no printed score)"
      case .engineOpenPolicy?: text += " (open table for every maker, by setting)"
      default: break
      }
      if let scanner = score.scanner { text += "; scanner printed \(scanner)" }
    case .scanner:
      text += "printed by the scanner (\((maker ?? .hologic).displayName) database"
      if let vertebrae, measurement.site == .lumbarSpine { text += ", \(vertebrae.label)" }
      text += score.choice == .scannerNoEngineReference ? "; the engine has no reference here)" : ")"
      if let engine = score.recomputedScore {
        text += "; recomputed \(engine.reported) against \(engine.reference.tableID)"
        if let set = score.recomputedApproximateFor { text += " (L1–L4 reference for \(set.label): approximate)" }
      }
    }
    return text
  }
}

extension ScoreDiscrepancy {
  /// This score's disagreement: "scanner T -1.3 (low bone mass), recomputed T -1.6 (low bone mass) against
  /// nhanes-2005-2008-spine-hip, difference -0.3".
  public var text: String {
    func valued(_ value: ExactDecimal, _ category: Category?) -> String {
      category.map { "\(value) (\($0.shortName))" } ?? "\(value)"
    }
    var text = "scanner \(kind.letter) \(valued(scanner, scannerCategory)), recomputed \(kind.letter) "
    text += "\(valued(recomputed, recomputedCategory)) against \(recomputedTableID)"
    if recomputedIsApproximate { text += " (approximate)" }
    return text + ", difference \(difference.signedText)"
  }

  /// The one line a report opens with for a region: every disagreeing score of it, which value the report uses
  /// and why.
  public static func lineText(_ group: [ScoreDiscrepancy]) -> String {
    guard let first = group.first else { return "" }
    let categories = group.contains(where: \.categoriesDiffer) ? "different categories" : "more than 0.2 apart"
    var text = "\(first.label): \(group.map(\.text).joined(separator: "; ")) (\(categories)). "
    let which = first.used == .scanner ? "the scanner's" : "the recomputed"
    text +=
      first.isDiagnostic
      ? "The report uses \(which) value\(group.count > 1 ? "s" : ""): \(first.choice.reason). "
      : "The report shows \(which) value\(group.count > 1 ? "s" : ""); the region is not used for the diagnosis. "
    return text + "Check the reference used and the value typed."
  }
}

extension Report {
  /// One line per region whose scanner and engine scores disagree, in report order.
  public var discrepancyLines: [String] {
    var labels: [String] = []
    for discrepancy in discrepancies where !labels.contains(discrepancy.label) { labels.append(discrepancy.label) }
    return labels.map { label in ScoreDiscrepancy.lineText(discrepancies.filter { $0.label == label }) }
  }
}

extension Category {
  /// The category as a heading or table cell: "Low bone mass (osteopenia)".
  public var displayName: String {
    switch self {
    case .normal: return "Normal"
    case .lowBoneMass: return "Low bone mass (osteopenia)"
    case .osteoporosis: return "Osteoporosis"
    case .withinExpectedRangeForAge: return "Within the expected range for age"
    case .belowExpectedRangeForAge: return "Below the expected range for age"
    }
  }

  /// The category as a report phrases it for a population: under 20 a low Z-score is "low bone mineral density for
  /// chronological age" (ISCD pediatric positions).
  public func name(for population: Population) -> String {
    population == .child && self == .belowExpectedRangeForAge
      ? "Low bone mineral density for chronological age" : displayName
  }

  /// The category in a results table, whose column is narrow: "Low bone mass", "Below expected range".
  public func tableName(for population: Population) -> String {
    switch self {
    case .normal: return "Normal"
    case .lowBoneMass: return "Low bone mass"
    case .osteoporosis: return "Osteoporosis"
    case .withinExpectedRangeForAge: return "Within expected range"
    case .belowExpectedRangeForAge: return population == .child ? "Low BMD for age" : "Below expected range"
    }
  }

  /// The category inside a sentence: "low bone mass", "below the expected range for age".
  public var shortName: String {
    switch self {
    case .normal: return "normal"
    case .lowBoneMass: return "low bone mass"
    case .osteoporosis: return "osteoporosis"
    case .withinExpectedRangeForAge: return "within the expected range for age"
    case .belowExpectedRangeForAge: return "below the expected range for age"
    }
  }
}

extension FractureEvidence {
  /// "vertebra 2020-01-01", "T12 on VFA, grade 2 (moderate)".
  public var text: String {
    switch self {
    case .history(let fracture):
      return fracture.date.map { "\(fracture.site.displayName) \($0)" } ?? fracture.site.displayName
    case .vfa(let finding):
      return "\(finding.vertebra) on VFA, \(finding.grade.displayName)"
    }
  }

  /// "fragility fracture of the hip 2019-11-02 and vertebral fracture found on VFA (T12, grade 2 (moderate))";
  /// `isFragility` false says "fracture of the …" for a history that may hold other fractures.
  public static func listText(_ evidence: [FractureEvidence], isFragility: Bool = true) -> String {
    var history: [String] = []
    var vfa: [String] = []
    for item in evidence {
      switch item {
      case .history: history.append(item.text)
      case .vfa(let finding): vfa.append("\(finding.vertebra), \(finding.grade.displayName)")
      }
    }
    var parts: [String] = []
    if !history.isEmpty {
      parts.append("\(isFragility ? "fragility " : "")fracture of the \(history.joined(separator: ", "))")
    }
    if !vfa.isEmpty {
      parts.append("vertebral fracture\(vfa.count > 1 ? "s" : "") found on VFA (\(vfa.joined(separator: "; ")))")
    }
    return parts.joined(separator: " and ")
  }
}

extension TreatmentIndication {
  /// `hip-or-vertebral-fracture`, `osteoporosis-by-bmd`, `low-bone-mass-with-frax`.
  public var kindName: String {
    switch self {
    case .hipOrVertebralFracture: return "hip-or-vertebral-fracture"
    case .osteoporosisByBMD: return "osteoporosis-by-bmd"
    case .lowBoneMassWithFRAX: return "low-bone-mass-with-frax"
    }
  }

  public var text: String {
    switch self {
    case .hipOrVertebralFracture(let evidence):
      return
        "treatment is indicated: \(FractureEvidence.listText(evidence)), whatever the BMD or FRAX (NOF/BHOF: a hip or vertebral fracture, clinical or found on imaging)"
    case .osteoporosisByBMD(let site, let tScore):
      return
        "treatment is indicated: T-score \(tScore) at \(site.lowercasedFirstWord) (NOF/BHOF: T ≤ −2.5 at the femoral neck, total hip or spine)"
    case .lowBoneMassWithFRAX(let hip, let major):
      return
        "treatment is indicated: low bone mass with 10-year FRAX hip \(hip)% or major \(major)% at or above the NOF/BHOF thresholds (3%, 20%)"
    }
  }
}

extension ZScoreGroup {
  /// The group in the population line: "premenopausal woman", "man under 50".
  public var text: String {
    switch self {
    case .premenopausalWoman: return "premenopausal woman"
    case .manUnder50: return "man under 50"
    case .byRecordedSex(let recorded, _, _):
      return recorded == .male
        ? "under 50, classified by the sex recorded at birth, ISCD 2019"
        : "premenopausal, classified by the sex recorded at birth, ISCD 2019"
    }
  }
}

extension DiagnosisStatement {
  public var text: String {
    switch self {
    case .severe(let evidence):
      return
        "osteoporosis by BMD with a \(FractureEvidence.listText(evidence)): severe (established) osteoporosis (WHO)"
    case .clinicalFromHipOrVertebralFracture(let evidence):
      return
        "\(FractureEvidence.listText(evidence)): osteoporosis may be diagnosed clinically regardless of BMD (AACE/ACE 2020), and treatment is indicated whatever the BMD or FRAX (NOF/BHOF)"
    case .treatmentIndicatedByFracture(let evidence):
      return "\(FractureEvidence.listText(evidence)): treatment is indicated whatever the BMD or FRAX (NOF/BHOF)"
    case .clinicalFromPeripheralFracture(let fractures):
      return
        "low bone mass with a \(FractureEvidence.listText(fractures.map(FractureEvidence.history))): osteoporosis may be diagnosed clinically (AACE/ACE 2020)"
    case .persists(let earlier, let lowest, let site):
      let today = lowest.map { "lowest T-score \($0) at \(site?.lowercasedFirstWord ?? "")" } ?? "scores"
      return
        "osteoporosis was diagnosed on \(earlier.date) (\(earlier.source.text)); the diagnosis persists although this exam's \(today) would not make it (AACE/ACE 2020)"
    case .zScorePopulation(let group):
      switch group {
      case .premenopausalWoman:
        return "WHO categories do not apply to premenopausal women: the Z-score is reported instead (ISCD)"
      case .manUnder50:
        return "osteoporosis cannot be diagnosed in men under 50 on BMD alone (ISCD)"
      case .byRecordedSex(let recorded, let identity, let reference):
        let reason =
          identity == .nonconforming
          ? "the \(reference.rawValue) reference of the sex recorded at birth (gender non-conforming)"
          : "the \(reference.rawValue) reference of the gender identity"
        let rule =
          recorded == .male
          ? "WHO categories do not apply under 50 by the sex recorded at birth, and osteoporosis is not diagnosed on BMD alone"
          : "WHO categories do not apply before menopause by the sex recorded at birth"
        return "\(rule) (ISCD 2019): the Z-score, against \(reason), is reported instead"
      }
    case .singleVertebra(let vertebra):
      let which = vertebra.map { " (\($0.displayName))" } ?? ""
      return
        "the lumbar spine has a single evaluable vertebra\(which): a single vertebra never diagnoses (ISCD); the diagnosis rests on the other sites"
    case .approximateSpine(let set):
      return
        "the deciding lumbar spine (\(set.label)) score is against the L1–L4 reference, as no loaded table has \(set.label): approximate (vertebral BMD rises from L1 to L4)"
    case .pediatricVertebralFracture(let evidence):
      let list = evidence.map(\.text).joined(separator: ", ")
      return
        "a vertebral compression fracture (\(list)) establishes osteoporosis in a child regardless of BMD (ISCD 2013 pediatric)"
    case .pediatricFractureHistory(let byTen, let byNineteen):
      return
        "Z-score −2.0 or lower with a clinically significant fracture history (\(byTen) long-bone fractures by age 10, \(byNineteen) by age 19): osteoporosis (ISCD 2013 pediatric: two or more by age 10, or three or more by age 19)"
    case .pediatricFracturesBelowRule(let byTen, let byNineteen):
      return
        "osteoporosis in a child needs a vertebral compression fracture, or a low Z-score with two or more long-bone fractures by age 10 or three or more by age 19 (ISCD 2013 pediatric); the history has \(byTen) by age 10 and \(byNineteen) by age 19"
    case .pediatricFracturesWithoutAge(let count):
      return
        "\(count) long-bone fracture\(count == 1 ? "" : "s") without a date or age cannot be counted by age"
    case .pediatricNotOnBMDAlone:
      return "osteoporosis is not diagnosed on a child's BMD alone (ISCD 2013 pediatric)"
    }
  }
}

extension Diagnosis {
  /// "Osteoporosis", "Severe (established) osteoporosis", "Osteoporosis (diagnosed 2021-03-01; persists)", "Low bone
  /// mineral density for chronological age", "No diagnosis".
  public var wording: String {
    guard let category else { return "No diagnosis" }
    if isSevere { return "Severe (established) osteoporosis" }
    if let persistsFrom { return "Osteoporosis (diagnosed \(persistsFrom.date); persists)" }
    switch pediatricOsteoporosis {
    case .vertebralCompressionFracture?: return "Osteoporosis (pediatric: vertebral compression fracture)"
    case .lowDensityWithFractureHistory?:
      return "Osteoporosis (pediatric: low bone mineral density for age with clinically significant fractures)"
    case nil: return category.name(for: population)
    }
  }

  /// The diagnosis line: "Osteoporosis: lowest T-score -2.7 at lumbar spine (L2–L4), printed by the scanner (maker's
  /// database)"; "approximate" when the deciding score is the L1–L4 reference standing in for a combination.
  public var headline: String {
    var line = wording
    guard let site = basisLabel, let score = basisScore, let basis else { return line }
    line += ": lowest \(basis == .tScore ? "T" : "Z")-score \(score) at \(site.lowercasedFirstWord)"
    if let source = basisSourceText { line += ", " + source }
    if let approximate = approximateText { line += ", " + approximate }
    return line
  }

  /// Where the deciding score comes from: "printed by the scanner (maker's database)", "recomputed against
  /// nhanes3-hip-young-adult".
  public var basisSourceText: String? {
    switch basisSource {
    case .scanner?:
      return basisChoice == .scannerNoEngineReference
        ? "printed by the scanner (no engine reference)" : "printed by the scanner (maker's database)"
    case .recomputed(let table, _)?: return "recomputed against \(table)"
    case nil: return nil
    }
  }

  /// "approximate (L1–L4 reference for L2–L4)" when the deciding score is the L1–L4 reference standing in.
  public var approximateText: String? { approximateFor.map { "approximate (L1–L4 reference for \($0.label))" } }
}

extension PersistingDiagnosis.Source {
  /// "recorded in the history", "prior exam S-2021-0301: Femoral neck (left), T-score -2.6".
  public var text: String {
    switch self {
    case .history: return "recorded in the history"
    case .priorExam(let scanID, let site, let tScore): return "prior exam \(scanID): \(site), T-score \(tScore)"
    }
  }
}

extension NoDiagnosisReason {
  public var text: String {
    switch self {
    case .menopauseRequired: return UnclassifiedReason.menopauseRequired.text
    case .noDiagnosticSite(let pediatric):
      let sites = pediatric ? "lumbar spine, total body less head" : "lumbar spine, total hip, femoral neck"
      return "no valid diagnostic site (\(sites)) was measured"
    case .noScore(let kind, let sites):
      return "no diagnostic site has a \(kind.displayName): "
        + sites.map { "\($0.label): \($0.missing?.text(kind) ?? "")" }.joined(separator: "; ")
    }
  }
}

extension NonDiagnosticReason {
  public var text: String {
    switch self {
    case .notPediatricSite(let site):
      return
        "\(site.displayName) is not used for diagnosis under age 20: the PA lumbar spine and total body less head are the pediatric sites (ISCD 2013 pediatric)"
    case .radiusWithoutReason:
      return
        "the 1/3 radius is used for diagnosis only when hip or spine cannot be measured or interpreted, in hyperparathyroidism, or over the table weight limit; the exam gives none of these"
    case .singleVertebra:
      return "a single vertebra is never used for diagnosis (ISCD); classify L1–L4 or at least two evaluable vertebrae"
    case .totalBodyLessHeadInAdult:
      return "total body less head is a diagnostic site in children only (ISCD pediatric)"
    case .neverDiagnostic(let site): return "\(site.displayName) is reported, never used for diagnosis (ISCD)"
    case .spineNotEvaluable: return "fewer than two evaluable vertebrae with BMC and area: no spine diagnosis (ISCD)"
    }
  }
}

extension UnclassifiedReason {
  public var text: String {
    switch self {
    case .notDiagnostic(let reason): return reason.text
    case .menopauseRequired:
      return "menopausal status not given: the setting in use gives no category without it"
    case .noEngineScore(let kind, let reason): return reason.statement(kind)
    case .noReportedScore(let kind, let missing): return missing.statement(kind)
    }
  }
}

extension SiteRole {
  /// Why a region is or is not used for the diagnosis, when that needs saying; nil for an ordinary diagnostic site.
  public var text: String? {
    switch self {
    case .diagnostic: return nil
    case .diagnosticBecause(let reason): return "1/3 radius used for diagnosis: \(reason.displayName)"
    case .notDiagnostic(let reason): return reason.text
    }
  }
}

extension Population {
  public var displayName: String {
    switch self {
    case .whoTScore: return "WHO classification on the T-score"
    case .adultZScore: return "Z-score statement (premenopausal woman or man under 50)"
    case .child: return "Z-score only (under 20)"
    case .undetermined: return "undetermined (menopausal status required)"
    }
  }
}

extension Report {
  /// The population line, worded by the person's gender identity (ISCD 2019).
  public var populationText: String {
    switch population {
    case .whoTScore: return "WHO classification on the T-score"
    case .adultZScore: return "Z-score statement (\(exam.zScoreGroup.text))"
    case .child: return "children and adolescents under 20: Z-scores only (ISCD pediatric)"
    case .undetermined: return "undetermined (menopausal status required)"
    }
  }

  /// The sex and gender identity for a patient line: "Female", or "Female (gender identity; sex recorded at birth
  /// male)".
  public var personText: String {
    let patient = exam.patient
    guard let identity = patient.genderIdentity else { return patient.sex.rawValue.capitalizedFirstWord }
    if identity.rawValue == patient.sex.rawValue { return identity.rawValue.capitalizedFirstWord }
    let named = identity == .nonconforming ? "Gender non-conforming" : identity.rawValue.capitalizedFirstWord
    return "\(named) (gender identity; sex recorded at birth \(patient.sex.rawValue))"
  }
}

extension Report {
  /// Every reference table a reported score used, once, in order of first use; with the scanner's own database when
  /// a reported score is the scanner's.
  public var referenceTablesUsed: [ReferenceUsed] {
    var seen: [ReferenceUsed] = []
    for site in sites {
      for score in [site.t, site.z] {
        guard case .recomputed? = score.source, let reference = score.recomputedScore?.reference,
          !seen.contains(where: { $0.tableID == reference.tableID })
        else { continue }
        seen.append(reference)
      }
    }
    return seen
  }

  /// The references as the text appendix lists them: "hologic-spine-young-women v1 (secondary)", then the scanner's
  /// database when a reported score is the scanner's. Titles and citations are in the JSON, HTML and FHIR reports.
  public var referencesUsed: [String] {
    var lines = referenceTablesUsed.map { "\($0.tableID) v\($0.tableVersion) (\($0.point.status.rawValue))" }
    if sites.contains(where: { $0.t.source == .scanner || $0.z.source == .scanner }) {
      let maker = exam.scan.manufacturer?.displayName ?? "the scanner maker (Hologic assumed)"
      lines.append("\(maker)'s own database (the scanner's printed scores)")
    }
    return lines
  }
}

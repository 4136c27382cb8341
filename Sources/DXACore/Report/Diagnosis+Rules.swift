extension Diagnosis {
  /// The diagnosis of an exam (ISCD/WHO): the category of the lowest reported T-score among valid diagnostic sites
  /// for the WHO population; the Z-score statement for premenopausal women and men under 50; the ISCD pediatric rule
  /// under 20. Each site's reported score may be recomputed or the scanner's (``SiteScore``). Osteoporosis diagnosed
  /// on an earlier scan persists (AACE 2020).
  static func of(
    exam: Exam, population: Population, sites: [SiteResult], spine: SpineAnalysis?,
    priors: [(exam: Exam, sites: [SiteResult])]
  ) -> Diagnosis {
    let diagnostic = sites.filter { $0.role.isDiagnostic }
    var diagnosis: Diagnosis
    switch population {
    case .undetermined:
      return Diagnosis(
        population: population, category: nil, isSevere: false, reason: .menopauseRequired, statements: [])
    case .whoTScore:
      diagnosis = lowest(.t, among: diagnostic, population: population) { Category.who(reportedTScore: $0) }
      let fractures = exam.fragilityFractureEvidence
      let axial = fractures.filter(\.isHipOrVertebral)
      if diagnosis.category == .osteoporosis, !fractures.isEmpty {
        diagnosis.isSevere = true
        diagnosis.statements.append(.severe(fractures))
      }
      if !axial.isEmpty {
        // AACE/ACE 2020 and NOF/BHOF: a hip or vertebral fragility fracture decides whatever the BMD.
        diagnosis.statements.append(
          diagnosis.category == .osteoporosis
            ? .treatmentIndicatedByFracture(axial) : .clinicalFromHipOrVertebralFracture(axial))
      } else {
        let peripheral = exam.history.fragilityFractures.filter {
          [.proximalHumerus, .pelvis, .distalForearm].contains($0.site)
        }
        if !peripheral.isEmpty, diagnosis.category == .lowBoneMass {
          diagnosis.statements.append(.clinicalFromPeripheralFracture(peripheral))
        }
      }
      if diagnosis.category != .osteoporosis, let earlier = persistingDiagnosis(exam: exam, priors: priors) {
        diagnosis.statements.append(.persists(earlier, lowestTScore: diagnosis.basisScore, site: diagnosis.basisLabel))
        diagnosis.category = .osteoporosis
        diagnosis.persistsFrom = earlier
        diagnosis.reason = nil
      }
    case .adultZScore:
      diagnosis = lowest(.z, among: diagnostic, population: population) { Category.zStatement(reportedZScore: $0) }
      diagnosis.statements.append(.zScorePopulation(exam.zScoreGroup))
    case .child:
      diagnosis = lowest(.z, among: diagnostic, population: population) { Category.zStatement(reportedZScore: $0) }
      applyPediatricRule(exam: exam, to: &diagnosis)
    }
    if let spine, let included = spine.included, included.members.count == 1 {
      diagnosis.statements.append(.singleVertebra(included.members.first))
    } else if let spine, spine.included == nil, !spine.vertebrae.isEmpty {
      diagnosis.statements.append(.singleVertebra(nil))
    }
    if let set = diagnosis.approximateFor { diagnosis.statements.append(.approximateSpine(set)) }
    return diagnosis
  }

  /// The category of the lowest reported score among `sites`, or no diagnosis and why.
  private static func lowest(
    _ kind: ScoreKind, among sites: [SiteResult], population: Population, category: (ExactDecimal) -> Category
  ) -> Diagnosis {
    let scored = sites.compactMap { site in site.score(kind).reported.map { (site, $0) } }
    // The first of equal lowest scores wins, so the order of the exam decides ties.
    guard let (site, value) = scored.min(by: { $0.1 < $1.1 }) else {
      let why: NoDiagnosisReason =
        sites.isEmpty
        ? .noDiagnosticSite(pediatric: population == .child)
        : .noScore(kind, sites.map { UnscoredSite(label: $0.label, missing: $0.score(kind).missing) })
      return Diagnosis(population: population, category: nil, isSevere: false, reason: why, statements: [])
    }
    let found = category(value)
    let score = site.score(kind)
    var diagnosis = Diagnosis(
      population: population, category: found, isSevere: false, basisLabel: site.label,
      basis: kind == .t ? .tScore : .zScore, basisScore: value, statements: [])
    diagnosis.basisSource = score.source
    diagnosis.basisChoice = score.choice
    diagnosis.approximateFor = score.isApproximate ? score.recomputedApproximateFor : nil
    return diagnosis
  }

  /// The earliest osteoporosis diagnosis on record: the history's date, or a prior exam whose lowest reported T was
  /// ≤ −2.5.
  private static func persistingDiagnosis(exam: Exam, priors: [(exam: Exam, sites: [SiteResult])])
    -> PersistingDiagnosis?
  {
    var found: [PersistingDiagnosis] = []
    if let date = exam.history.priorOsteoporosisDiagnosis {
      found.append(PersistingDiagnosis(date: date, source: .history))
    }
    for prior in priors {
      let diagnostic = prior.sites.filter { $0.role.isDiagnostic }
      let scored = diagnostic.compactMap { site in site.t.reported.map { (site, $0) } }
      guard prior.sites.first?.result?.population == .whoTScore,
        let (site, t) = scored.min(by: { $0.1 < $1.1 }), Category.who(reportedTScore: t) == .osteoporosis
      else { continue }
      found.append(
        PersistingDiagnosis(
          date: prior.exam.scan.date, source: .priorExam(scanID: prior.exam.scan.id, site: site.label, tScore: t)))
    }
    return found.min { $0.date < $1.date }
  }

  /// ISCD 2013 pediatric positions: osteoporosis with a vertebral compression fracture, or with Z ≤ −2.0 and a
  /// clinically significant fracture history: two or more long-bone fractures by age 10, or three or more by age 19.
  /// "By age 10" counts fractures before the 11th birthday (age 10 included), so a fracture needs a date or an
  /// age for it; "by age 19" is every fracture of someone under 20.
  private static func applyPediatricRule(exam: Exam, to diagnosis: inout Diagnosis) {
    // A vertebral compression fracture without local disease or high-energy trauma: a fragility fracture.
    let vertebral =
      exam.history.fragilityFractures.filter { $0.site == .vertebra }.map(FractureEvidence.history)
      + (exam.vfa?.vertebralFractures ?? []).map(FractureEvidence.vfa)
    if !vertebral.isEmpty {
      diagnosis.category = .osteoporosis
      diagnosis.pediatricOsteoporosis = .vertebralCompressionFracture
      diagnosis.reason = nil
      diagnosis.statements.append(.pediatricVertebralFracture(vertebral))
      return
    }
    let longBone = exam.history.fractures.filter(\.site.isLongBone)
    let ages = longBone.compactMap { $0.age(bornOn: exam.patient.birthDate) }
    let byTen = ages.filter { $0 < Fraction(11) }.count
    // Every fracture of someone under 20 happened by age 19; only the count by age 10 needs dates or ages.
    let byNineteen = longBone.count
    let undated = longBone.count - ages.count
    guard diagnosis.category == .belowExpectedRangeForAge else {
      diagnosis.statements.append(.pediatricNotOnBMDAlone)
      return
    }
    if byTen >= 2 || byNineteen >= 3 {
      diagnosis.category = .osteoporosis
      diagnosis.pediatricOsteoporosis = .lowDensityWithFractureHistory
      diagnosis.statements.append(.pediatricFractureHistory(byAge10: byTen, byAge19: byNineteen))
    } else {
      diagnosis.statements.append(.pediatricFracturesBelowRule(byAge10: byTen, byAge19: byNineteen))
      if undated > 0 { diagnosis.statements.append(.pediatricFracturesWithoutAge(undated)) }
    }
  }
}

extension Diagnosis {
  init(
    population: Population, category: Category?, isSevere: Bool, basisLabel: String? = nil,
    basis: Classification.Basis? = nil, basisScore: ExactDecimal? = nil, reason: NoDiagnosisReason? = nil,
    statements: [DiagnosisStatement]
  ) {
    self.init(
      population: population, category: category, isSevere: isSevere, basisLabel: basisLabel, basis: basis,
      basisScore: basisScore, basisSource: nil, basisChoice: nil, approximateFor: nil, persistsFrom: nil,
      reason: reason, statements: statements)
  }
}

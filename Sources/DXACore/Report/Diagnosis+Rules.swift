extension Diagnosis {
  /// The diagnosis of an exam (ISCD/WHO): the category of the lowest reported T-score among valid diagnostic sites
  /// for the WHO population; the Z-score statement for premenopausal women and men under 50; the ISCD pediatric rule
  /// under 20. Osteoporosis diagnosed on an earlier scan persists (AACE 2020).
  static func of(
    exam: Exam, population: Population, sites: [SiteResult], priors: [(exam: Exam, sites: [SiteResult])]
  ) -> Diagnosis {
    let diagnostic = sites.filter { $0.role.isDiagnostic }
    var diagnosis: Diagnosis
    switch population {
    case .undetermined:
      return Diagnosis(
        population: population, category: nil, wording: "No diagnosis", isSevere: false,
        reason: "menopausal status not given and the policy 'require' needs it (patient.menopause)",
        statements: [])
    case .whoTScore:
      diagnosis = lowest(\.tScore, among: diagnostic, population: population, basis: .tScore) { t in
        Category.who(reportedTScore: t)
      }
      if diagnosis.category == .osteoporosis, !exam.history.fragilityFractures.isEmpty {
        diagnosis.isSevere = true
        diagnosis.wording = "Severe (established) osteoporosis"
        diagnosis.statements.append(
          "osteoporosis by BMD with a fragility fracture (\(fractureList(exam.history.fragilityFractures))): severe (established) osteoporosis (WHO)"
        )
      }
      diagnosis.statements += clinicalStatements(exam: exam, category: diagnosis.category)
      if diagnosis.category != .osteoporosis, let earlier = persistingDiagnosis(exam: exam, priors: priors) {
        let today = diagnosis.basisScore.map { "lowest T-score \($0) at \(diagnosis.basisLabel ?? "")" }
        diagnosis.statements.append(
          "osteoporosis was diagnosed on \(earlier.date) (\(earlier.source)); the diagnosis persists although this exam's \(today ?? "scores") would not make it (AACE/ACE 2020)"
        )
        diagnosis.category = .osteoporosis
        diagnosis.wording = "Osteoporosis (diagnosed \(earlier.date); persists)"
        diagnosis.persistsFrom = earlier
        diagnosis.reason = nil
      }
    case .adultZScore:
      diagnosis = lowest(\.zScore, among: diagnostic, population: population, basis: .zScore) { z in
        Category.zStatement(reportedZScore: z)
      }
      if exam.patient.sex == .male {
        diagnosis.statements.append("osteoporosis cannot be diagnosed in men under 50 on BMD alone (ISCD)")
      } else {
        diagnosis.statements.append(
          "WHO categories do not apply to premenopausal women: the Z-score is reported instead (ISCD)")
      }
    case .child:
      diagnosis = lowest(\.zScore, among: diagnostic, population: population, basis: .zScore) { z in
        Category.zStatement(reportedZScore: z)
      }
      if diagnosis.category == .belowExpectedRangeForAge {
        diagnosis.wording = "Low bone mineral density for chronological age"
      }
      applyPediatricRule(exam: exam, to: &diagnosis)
    }
    return diagnosis
  }

  /// The category of the lowest reported score among `sites`, or no diagnosis and why.
  private static func lowest(
    _ score: KeyPath<SiteResult, Score?>, among sites: [SiteResult], population: Population,
    basis: Classification.Basis, category: (ExactDecimal) -> Category
  ) -> Diagnosis {
    let scored = sites.compactMap { site in site[keyPath: score].map { (site, $0.reported) } }
    // The first of equal lowest scores wins, so the order of the exam decides ties.
    guard let (site, value) = scored.min(by: { $0.1 < $1.1 }) else {
      let name = basis == .tScore ? "T-score" : "Z-score"
      let why =
        sites.isEmpty
        ? "no valid diagnostic site (lumbar spine, total hip, femoral neck) was measured"
        : "no diagnostic site has a \(name): "
          + sites.map { "\($0.label): \($0.result?.classification.reason ?? "no BMD")" }.joined(separator: "; ")
      return Diagnosis(
        population: population, category: nil, wording: "No diagnosis", isSevere: false, reason: why, statements: [])
    }
    let found = category(value)
    return Diagnosis(
      population: population, category: found, wording: found.displayName, isSevere: false, basisLabel: site.label,
      basis: basis, basisScore: value, statements: [])
  }

  /// AACE/ACE 2020: osteoporosis may also be diagnosed clinically from a fragility fracture.
  private static func clinicalStatements(exam: Exam, category: Category?) -> [String] {
    let fractures = exam.history.fragilityFractures
    let axial = fractures.filter { $0.site == .hip || $0.site == .vertebra }
    if !axial.isEmpty, category != .osteoporosis {
      return [
        "fragility fracture of the \(fractureList(axial)): osteoporosis may be diagnosed clinically regardless of BMD (AACE/ACE 2020)"
      ]
    }
    let peripheral = fractures.filter { [.proximalHumerus, .pelvis, .distalForearm].contains($0.site) }
    if !peripheral.isEmpty, category == .lowBoneMass {
      return [
        "low bone mass with a fragility fracture of the \(fractureList(peripheral)): osteoporosis may be diagnosed clinically (AACE/ACE 2020)"
      ]
    }
    return []
  }

  /// The earliest osteoporosis diagnosis on record: the history's date, or a prior exam whose lowest T was ≤ −2.5.
  private static func persistingDiagnosis(exam: Exam, priors: [(exam: Exam, sites: [SiteResult])])
    -> PersistingDiagnosis?
  {
    var found: [PersistingDiagnosis] = []
    if let date = exam.history.priorOsteoporosisDiagnosis {
      found.append(PersistingDiagnosis(date: date, source: "history.prior_osteoporosis_diagnosis"))
    }
    for prior in priors {
      let diagnostic = prior.sites.filter { $0.role.isDiagnostic }
      let scored = diagnostic.compactMap { site in site.tScore.map { (site, $0.reported) } }
      guard prior.sites.first?.result?.population == .whoTScore,
        let (site, t) = scored.min(by: { $0.1 < $1.1 }), Category.who(reportedTScore: t) == .osteoporosis
      else { continue }
      found.append(
        PersistingDiagnosis(
          date: prior.exam.scan.date, source: "prior exam \(prior.exam.scan.id): \(site.label), T-score \(t)"))
    }
    return found.min { $0.date < $1.date }
  }

  /// ISCD 2013 pediatric positions: osteoporosis with a vertebral compression fracture, or with a low Z-score and
  /// two or more long-bone fractures by age 10 or three or more by age 19.
  private static func applyPediatricRule(exam: Exam, to diagnosis: inout Diagnosis) {
    let fractures = exam.history.fractures
    if fractures.contains(where: { $0.site == .vertebra }) {
      diagnosis.category = .osteoporosis
      diagnosis.wording = "Osteoporosis (pediatric: vertebral compression fracture)"
      diagnosis.reason = nil
      diagnosis.statements.append(
        "a vertebral compression fracture establishes osteoporosis in a child regardless of BMD (ISCD 2013 pediatric)")
      return
    }
    guard diagnosis.category == .belowExpectedRangeForAge else {
      diagnosis.statements.append(
        "osteoporosis cannot be diagnosed in a child on BMD alone (ISCD 2013 pediatric); T-scores are never used")
      return
    }
    let longBone = fractures.filter(\.site.isLongBone)
    func count(byAge limit: Int) -> Int? {
      guard let birth = exam.patient.birthDate else { return nil }
      var total = 0
      for fracture in longBone {
        guard let date = fracture.date else { return nil }
        if birth.years(until: date) < Fraction(limit) { total += 1 }
      }
      return total
    }
    let byTen = count(byAge: 10)
    let byNineteen = count(byAge: 19) ?? longBone.count
    if (byTen ?? 0) >= 2 || byNineteen >= 3 {
      diagnosis.category = .osteoporosis
      diagnosis.wording = "Osteoporosis (pediatric: low BMD for age with clinically significant fractures)"
      diagnosis.statements.append(
        "Z-score ≤ −2.0 with \(longBone.count) long-bone fractures: osteoporosis (ISCD 2013 pediatric: two or more by age 10, or three or more by age 19)"
      )
    } else {
      diagnosis.statements.append(
        "osteoporosis in a child needs a vertebral compression fracture, or a low Z-score with two or more long-bone fractures by age 10 or three or more by age 19 (ISCD 2013 pediatric)"
      )
    }
  }

  static func fractureList(_ fractures: [Fracture]) -> String {
    fractures.map { fracture in
      fracture.date.map { "\(fracture.site.displayName) \($0)" } ?? fracture.site.displayName
    }.joined(separator: ", ")
  }
}

extension Diagnosis {
  init(
    population: Population, category: Category?, wording: String, isSevere: Bool, basisLabel: String? = nil,
    basis: Classification.Basis? = nil, basisScore: ExactDecimal? = nil, reason: String? = nil,
    statements: [String]
  ) {
    self.init(
      population: population, category: category, wording: wording, isSevere: isSevere, basisLabel: basisLabel,
      basis: basis, basisScore: basisScore, persistsFrom: nil, reason: reason, statements: statements)
  }
}

/// Works out a ``Report`` from an exam, its priors and the facility's figures. No I/O: values in, values out.
///
///     let builder = ReportBuilder(library: library)
///     let report = try builder.build(exam, priors: [baseline])
///     report.diagnosis.category   // .lowBoneMass
public struct ReportBuilder: Sendable {
  public var library: ReferenceLibrary
  public var policy: ScoringPolicy
  public var options: ReportOptions
  public var facility: Facility?

  public init(
    library: ReferenceLibrary, policy: ScoringPolicy = .standard, options: ReportOptions = .standard,
    facility: Facility? = nil
  ) {
    self.library = library
    self.policy = policy
    self.options = options
    self.facility = facility
  }

  var engine: ScoringEngine { ScoringEngine(library: library, policy: policy) }

  /// Builds the report. Throws only for invalid input (a prior of another patient or not earlier than the exam, a
  /// condition the library does not know); missing references are stated in the report, not thrown.
  public func build(
    _ exam: Exam, priors: [Exam] = [], interpretation: PhysicianInterpretation = PhysicianInterpretation()
  ) throws(InputError) -> Report {
    for (index, prior) in priors.enumerated() {
      try ReportBuilder.checkPrior(prior, of: exam, field: "priors[\(index)]")
    }
    // Read without the conditions list, an exam's condition codes are checked here, against the library's.
    try exam.checkConditions(in: library.conditions)
    try library.checkPayerConditions()
    let sortedPriors = priors.sorted { $0.scan.date > $1.scan.date }
    let scored = try scoreSites(of: exam)
    let population = exam.population(policy: policy)
    var assumptions: [ScoringAssumption] = []
    var notes: [ReportNote] = []
    // People classified on the Z-score get no T-score in the report, so notes about T-scores do not apply.
    let showsTScores = population == .whoTScore || population == .undetermined
    for result in scored.sites.compactMap(\.result) {
      assumptions += result.assumptions.filter {
        !assumptions.contains($0) && (showsTScores || !$0.isAboutTScoreOnly)
      }
      notes += result.notes.filter { note in
        !notes.contains(.scoring(note))
          && (showsTScores ? note != .tScoreInformationOnly : !note.isAboutTScoreOnly)
      }.map(ReportNote.scoring)
    }
    notes += scored.notes.filter { !notes.contains($0) }

    let priorDiagnoses = try sortedPriors.map { prior throws(InputError) in
      (prior, try scoreSites(of: prior))
    }
    let diagnosis = Diagnosis.of(
      exam: exam, population: population, sites: scored.sites, spine: scored.spine,
      priors: priorDiagnoses.map { (exam: $0.0, sites: $0.1.sites) })
    let comparisons = sortedPriors.enumerated().map { index, prior in
      compare(exam, sites: scored.sites, spine: scored.spine, with: prior, priorSites: priorDiagnoses[index].1)
    }
    var fractureRisk = try fractureRisk(of: exam, sites: scored.sites, diagnosis: diagnosis, population: population)
    fractureRisk.assessment = Self.assessment(fractureRisk, population: population, diagnosis: diagnosis)
    let followUp = FollowUpPolicy(options: options, facility: facility)
    var recommendations = Recommendation.newBaseline(exam: exam, comparisons: comparisons)
    recommendations += Recommendation.nextScan(
      exam: exam, population: population, sites: scored.sites, diagnosis: diagnosis, followUp: followUp)
    recommendations += Recommendation.treatment(fractureRisk.treatmentIndications)
    recommendations += Recommendation.vfaIndication(exam: exam, population: population, diagnosis: diagnosis)
    recommendations += Recommendation.secondaryCauses(
      exam: exam, sites: scored.sites, population: population, conditions: library.conditions)
    recommendations += Recommendation.technique(spine: scored.spine, comparisons: comparisons)
    let billing = BillingSuggestions.of(
      exam: exam, sites: scored.sites, spine: scored.spine, diagnosis: diagnosis, facility: facility,
      library: library, payer: options.payer)
    let chartOutcomes = scored.sites.compactMap { site in
      chart(for: site, exam: exam, priors: priorDiagnoses.map { (exam: $0.0, sites: $0.1.sites) })
    }
    let charts = chartOutcomes.compactMap { if case .chart(let chart) = $0 { chart } else { nil } }
    let discrepancies = scored.sites.flatMap { site in
      ScoreKind.allCases.compactMap { kind in ScoreDiscrepancy.of(site.score(kind), site: site, population: population)
      }
    }
    var report = Report(
      exam: exam, priors: sortedPriors, age: exam.age, policy: policy, population: population,
      sites: scored.sites, spine: scored.spine, diagnosis: diagnosis, comparisons: comparisons,
      fractureRisk: fractureRisk, recommendations: recommendations, billing: billing, charts: charts,
      interpretation: interpretation, assumptions: assumptions, notes: notes, facilityName: facility?.name)
    report.discrepancies = discrepancies
    report.chartOmissions = chartOutcomes.compactMap { if case .omitted(let reason) = $0 { reason } else { nil } }
    report.followUp = followUp
    report.conditions = (exam.riskFactors?.conditions ?? []).compactMap { library.conditions[$0] }
    return report
  }

  /// A prior must be the same patient and earlier than the exam.
  public static func checkPrior(_ prior: Exam, of exam: Exam, field: String) throws(InputError) {
    if prior.patient.id != exam.patient.id {
      throw InputError(.data, field: "\(field): patient.id", "differs from the exam's: another patient")
    }
    if prior.patient.sex != exam.patient.sex {
      throw InputError(
        .data, field: "\(field): patient.sex",
        "'\(prior.patient.sex.rawValue)' differs from the exam's '\(exam.patient.sex.rawValue)': another patient?")
    }
    if let priorBirth = prior.patient.birthDate, let birth = exam.patient.birthDate, priorBirth != birth {
      throw InputError(.data, field: "\(field): patient.birth_date", "differs from the exam's: another patient?")
    }
    if prior.scan.date >= exam.scan.date {
      throw InputError(
        .data, field: "\(field): scan.date", "is not earlier than the exam's; a prior must come before the exam")
    }
    if prior.scan.id == exam.scan.id {
      throw InputError(.data, field: "\(field): scan.id", "is the exam's own: the prior is the exam itself")
    }
  }
}

extension PayerCoverage {
  /// Checks an exam against its payer's rules: the payer chosen for the report, else the exam's, else Medicare (the
  /// shipped default). No rules for the payer, or a template the site has not completed: nothing is applied and the
  /// report says so.
  static func of(exam: Exam, chosen: PayerID?, library: ReferenceLibrary) -> PayerCoverage {
    let (payer, selection): (PayerID, Selection) =
      if let chosen { (chosen, .report) } else if let given = exam.payer { (given, .exam) } else {
        (.medicare, .shippedDefault)
      }
    guard let rules = library.payerRules(for: payer) else { return PayerCoverage(payer: payer, selection: selection) }
    let summary = PayerRulesSummary(
      id: rules.id, name: rules.name, version: rules.version, status: rules.status, citation: rules.citation,
      isSiteFile: library.sitePayerIDs.contains(rules.id))
    guard !rules.isTemplate else { return PayerCoverage(payer: payer, selection: selection, rules: summary) }
    return PayerCoverage(payer: payer, selection: selection, rules: summary, findings: rules.findings(for: exam))
  }
}

extension PayerRules {
  /// What these rules say about an exam: the covered indications it documents, the frequency check, and why coverage
  /// is not expected.
  public func findings(for exam: Exam) -> CoverageFindings {
    var nonCoverage: [NonCoverageReason] = []
    var covered: CoveredIndicationsCheck?
    if !coveredIndications.isEmpty {
      let documented = coveredIndications.filter { $0.isDocumented(by: exam) }.map(\.match)
      if documented.isEmpty {
        covered = .noneDocumented(coveredIndications.map(\.label))
        nonCoverage.append(.noCoveredIndication)
      } else {
        covered = .documented(documented)
      }
    }
    let frequency = frequencyLimit.map { $0.check(exam) }
    if let frequency, frequency.status == .notMet, let months = frequency.monthsSinceLastCovered,
      let eligible = frequency.eligibleFrom
    {
      nonCoverage.append(.frequencyLimitNotMet(months: months, limit: frequency.limitMonths, eligibleFrom: eligible))
    }
    return CoverageFindings(
      coveredIndications: covered, frequency: frequency, nonCoverage: nonCoverage, modifiers: modifiers)
  }
}

extension FrequencyLimit {
  /// At least `months` months after the month of the last covered measurement (Medicare: the month of the last one
  /// plus 23), unless an exception is documented.
  func check(_ exam: Exam) -> FrequencyCheck {
    let documented = exceptions.filter { $0.isDocumented(by: exam) }.map(\.match)
    guard let last = exam.history.priorCoveredScanDate else {
      return FrequencyCheck(status: .unknown, limitMonths: months, exceptions: documented)
    }
    let since = last.months(until: exam.scan.date)
    let status: FrequencyCheck.Status =
      since >= months ? .met : documented.isEmpty ? .notMet : .exceptionMayApply
    return FrequencyCheck(
      status: status, limitMonths: months, lastCoveredScan: last, eligibleFrom: last.firstOfMonth(adding: months),
      monthsSinceLastCovered: since, exceptions: status == .met ? [] : documented)
  }
}

extension CoverageRule {
  /// The exam documents every fact of at least one alternative.
  public func isDocumented(by exam: Exam) -> Bool { alternatives.contains { $0.isDocumented(by: exam) } }

  var match: MatchedRule { MatchedRule(id: id, label: label, note: note) }
}

extension PayerCriteria {
  /// The exam documents every fact named. A fact the exam does not record is not documented.
  public func isDocumented(by exam: Exam) -> Bool {
    if let sex, exam.patient.sex != sex { return false }
    if let menopause, exam.patient.menopause != menopause { return false }
    if let minimumAge, exam.age < minimumAge { return false }
    if let indication, !exam.scan.indications.contains(indication) { return false }
    if let condition, exam.riskFactors?.has(condition) != true { return false }
    if let glucocorticoids {
      guard let taken = exam.history.glucocorticoids, taken.isCurrent, let months = taken.months,
        months > glucocorticoids.moreThanMonths
      else { return false }
      if let dose = glucocorticoids.minimumMilligramsPerDay {
        guard let given = taken.prednisoneMilligramsPerDay, given >= dose else { return false }
      }
    }
    if isOnOsteoporosisTherapy, exam.history.therapy == nil { return false }
    if hasFragilityFracture, exam.history.fragilityFractures.isEmpty { return false }
    return true
  }
}

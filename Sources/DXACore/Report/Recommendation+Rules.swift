extension Recommendation {
  /// When to scan next. Patients on osteoporosis therapy, and adults on glucocorticoids: the facility's interval
  /// (a setting with a stated default; the shorter when both apply). Untreated postmenopausal women: Gourlay 2012
  /// bands of the lowest hip T-score (femoral neck or total hip, two decimals). Others: no evidence-based interval in
  /// the engine's sources, which the report says.
  static func nextScan(
    exam: Exam, population: Population, sites: [SiteResult], diagnosis: Diagnosis, followUp: FollowUpPolicy
  ) -> [Recommendation] {
    // Children on glucocorticoids are left to the pediatric rule: the facility's interval is for adults.
    let onGlucocorticoids = exam.history.glucocorticoids?.isCurrent == true && population != .child
    if let therapy = exam.history.therapy {
      let onTherapy = FollowUpReason.therapy(drug: therapy.drug)
      if onGlucocorticoids, followUp.glucocorticoidMonths < followUp.treatedMonths {
        return [
          .facilityInterval(
            months: followUp.glucocorticoidMonths, reason: .glucocorticoids, source: followUp.glucocorticoidSource,
            alsoOn: onTherapy)
        ]
      }
      return [
        .facilityInterval(
          months: followUp.treatedMonths, reason: onTherapy, source: followUp.treatedSource,
          alsoOn: onGlucocorticoids ? .glucocorticoids : nil)
      ]
    }
    if onGlucocorticoids {
      // Gourlay's intervals come from women at usual risk; on glucocorticoids the facility's interval applies.
      return [
        .facilityInterval(
          months: followUp.glucocorticoidMonths, reason: .glucocorticoids, source: followUp.glucocorticoidSource,
          alsoOn: nil)
      ]
    }
    if population == .child { return [.childIntervalByPhysician] }
    let isPostmenopausalWoman = exam.patient.sex == .female && population == .whoTScore
    guard isPostmenopausalWoman else { return [.noEvidenceBasedInterval] }
    // Gourlay 2012 followed untreated women without a hip or clinical vertebral fracture and without osteoporosis.
    let fractures = exam.hipOrVertebralFractureEvidence
    if !fractures.isEmpty { return [.gourlayNotAfterFracture(fractures)] }
    if diagnosis.category == .osteoporosis { return [.gourlayNotWithOsteoporosis] }
    let hips = sites.filter { ($0.measurement.site == .femoralNeck || $0.measurement.site == .totalHip) }
    let tScores = hips.compactMap { site in site.tScore.map { (site, $0.twoDecimals) } }
    guard let (site, t) = tScores.min(by: { $0.1 < $1.1 }) else { return [.gourlayWithoutHipTScore] }
    // Gourlay's bands come from hip T-scores alone: say so when another site is lower.
    var lowerElsewhere: SiteValue?
    if let basis = diagnosis.basisLabel, let lowest = diagnosis.basisScore, basis != site.label,
      lowest < site.t.reported ?? lowest
    {
      lowerElsewhere = SiteValue(site: basis, value: lowest)
    }
    return [
      .gourlay(hipTScore: t, site: site.label, interval: GourlayInterval.of(t), lowerElsewhere: lowerElsewhere)
    ]
  }

  /// Treatment, when the NOF/BHOF rules indicate it: the engine states the rule it found, the physician decides.
  static func treatment(_ indications: [TreatmentIndication]) -> [Recommendation] {
    indications.map(Recommendation.treatment)
  }

  /// Secondary causes of bone loss, whenever the findings or the history call for them: a diagnostic Z-score of
  /// −2.0 or lower (ISCD); a recorded condition known to cause bone loss (the conditions list marks them), primary
  /// hyperparathyroidism as the indication among them; glucocorticoids and rheumatoid arthritis (FRAX risk
  /// factors); a fragility fracture in someone classified on the Z-score (the project's rule).
  static func secondaryCauses(
    exam: Exam, sites: [SiteResult], population: Population, conditions: ConditionCatalog
  ) -> [Recommendation] {
    var reasons: [SecondaryCauseReason] = []
    let low = sites.compactMap { site -> SiteValue? in
      guard site.role.isDiagnostic, let z = site.z.reported, z <= ExactDecimal(significand: -20, scale: 1) else {
        return nil
      }
      return SiteValue(site: site.label, value: z)
    }
    if !low.isEmpty { reasons.append(.lowZScore(low)) }
    var labels: [String] = []
    // Primary hyperparathyroidism as the reason for the scan is the condition itself.
    if exam.scan.indications.contains(.primaryHyperparathyroidism),
      let code = ConditionCode(rawValue: "primary-hyperparathyroidism"), let condition = conditions[code]
    {
      labels.append(condition.label)
    }
    for code in exam.riskFactors?.conditions ?? [] {
      guard let condition = conditions[code], condition.causesBoneLoss, !labels.contains(condition.label) else {
        continue
      }
      labels.append(condition.label)
    }
    if !labels.isEmpty { reasons.append(.conditions(labels)) }
    if let steroids = exam.history.glucocorticoids { reasons.append(.glucocorticoids(isCurrent: steroids.isCurrent)) }
    if exam.riskFactors?.rheumatoidArthritis == true { reasons.append(.rheumatoidArthritis) }
    let fragility = exam.history.fragilityFractures
    if population == .adultZScore, !fragility.isEmpty { reasons.append(.fragilityFractureBeforeOlderAge(fragility)) }
    return reasons.isEmpty ? [] : [.secondaryCauses(reasons)]
  }

  /// ISCD adult positions (clinical-rules.md §12): lateral spine imaging (VFA) is indicated when T < −1.0 and any
  /// of: a woman of 70 or over or a man of 80 or over; historical height loss over 4 cm; a self-reported but
  /// undocumented vertebral fracture; glucocorticoids of 5 mg/day prednisone-equivalent or more for 3 months or
  /// more. Said only when VFA was not done. T is the lowest reported T-score among the diagnostic sites.
  static func vfaIndication(exam: Exam, population: Population, diagnosis: Diagnosis) -> [Recommendation] {
    guard !exam.scan.vertebralFractureAssessment, population == .whoTScore, diagnosis.basis == .tScore,
      let lowest = diagnosis.basisScore, lowest < ExactDecimal(-1)
    else { return [] }
    var reasons: [VFAIndication] = []
    let years = exam.age.truncatedToWhole
    let ageLimit: Int64 = exam.patient.sex == .female ? 70 : 80
    if years >= ageLimit { reasons.append(.age(years: years, sex: exam.patient.sex)) }
    if let loss = exam.riskFactors?.heightLossCentimetres, loss > ExactDecimal(4) {
      reasons.append(.heightLoss(centimetres: loss))
    }
    if exam.riskFactors?.selfReportedVertebralFracture == true { reasons.append(.selfReportedVertebralFracture) }
    if let steroids = exam.history.glucocorticoids, let dose = steroids.prednisoneMilligramsPerDay,
      let months = steroids.months, dose >= ExactDecimal(5), months >= 3
    {
      reasons.append(.glucocorticoids(milligramsPerDay: dose, months: months))
    }
    return reasons.isEmpty ? [] : [.vfaIndicated(lowestTScore: lowest, reasons: reasons)]
  }

  /// A change of scanner without a cross-calibration leaves regions that cannot be compared with the latest prior:
  /// for them this exam is the new baseline (ISCD: compare across scanners only with a cross-calibration).
  static func newBaseline(exam: Exam, comparisons: [PriorComparison]) -> [Recommendation] {
    guard let latest = comparisons.first else { return [] }
    var sites: [String] = []
    var scanners: (prior: ScannerLabel, current: ScannerLabel)?
    for change in latest.changes {
      guard case .notComparable(.differentScanners(let prior, let current, _)) = change.outcome else { continue }
      sites.append(change.label)
      scanners = (prior, current)
    }
    guard let scanners else { return [] }
    return [.newBaseline(sites: sites, priorDate: latest.priorDate, prior: scanners.prior, current: scanners.current)]
  }

  /// Points for the interpreter from the spine screen and area changes.
  static func technique(spine: SpineAnalysis?, comparisons: [PriorComparison]) -> [Recommendation] {
    var found: [Recommendation] = []
    for candidate in spine?.exclusionCandidates ?? [] where !candidate.isExcluded {
      found.append(.reviewVertebraForExclusion(candidate))
    }
    for comparison in comparisons {
      for change in comparison.changes {
        guard case .compared(let detail) = change.outcome, detail.hasAreaWarning, let area = detail.areaChangePercent
        else { continue }
        found.append(
          .areaChanged(site: change.label, percent: area.roundedDecimal(places: 1), since: comparison.priorDate))
      }
    }
    return found
  }
}

extension Score {
  /// The score rounded half away from zero to two decimals (Gourlay's bands are two-decimal).
  var twoDecimals: ExactDecimal {
    switch unrounded {
    case .exact(let fraction): return fraction.roundedDecimal(places: 2)
    case .floatingPoint(let value):
      return ExactDecimal(significand: Int64((value * 100).rounded(.toNearestOrAwayFromZero)), scale: 2)
    }
  }
}

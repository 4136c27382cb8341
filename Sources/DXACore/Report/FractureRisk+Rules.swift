extension ReportBuilder {
  /// FRAX as given (never computed), the femoral-neck T-score FRAX takes, the US treatment-threshold statement and
  /// TBS as given.
  func fractureRisk(of exam: Exam, sites: [SiteResult], diagnosis: Diagnosis, population: Population)
    throws(InputError) -> FractureRisk
  {
    var risk = FractureRisk(frax: exam.frax, statements: [], tbs: exam.tbs)
    if population == .child {
      // FRAX, its thresholds and the treatment rules are for adults.
      risk.applies = false
      if exam.frax != nil { risk.statements.append(.fraxNotUnder20) }
      return risk
    }
    // FRAX takes femoral-neck BMD referenced to NHANES III White women, whatever table the report itself used. People
    // classified on the Z-score get no T-score in the report: FRAX can take their BMD with the scanner's make.
    let fraxEngine = ScoringEngine(library: library.withoutRequests, policy: .standard)
    let necks = exam.measurements.filter { $0.site == .femoralNeck && $0.bmd != nil }
    var lowest: (Measurement, Score)?
    for neck in necks where population != .adultZScore {
      guard let bmd = neck.bmd else { continue }
      let request = ScoreRequest(
        site: .femoralNeck, bmd: bmd, sex: exam.patient.sex, age: exam.age, menopause: exam.patient.menopause,
        manufacturer: exam.scan.manufacturer, ethnicity: exam.patient.ethnicity)
      guard let score = try fraxEngine.score(request).tScore.score,
        score.reference.tableID == "nhanes3-hip-young-adult"
      else { continue }
      if lowest.map({ score.reported < $0.1.reported }) ?? true { lowest = (neck, score) }
    }
    if let (neck, score) = lowest {
      risk.femoralNeckTForFRAX = score
      risk.femoralNeckLabel = neck.displayName
      if necks.count > 1 { risk.statements.append(.fraxLowerOfTwoFemoralNecks) }
    } else if population == .adultZScore, let neck = necks.min(by: { ($0.bmd ?? 0) < ($1.bmd ?? 0) }) {
      risk.femoralNeckBMDForFRAX = neck.bmd
      risk.femoralNeckLabel = neck.displayName
    }
    let fracture = exam.fragilityFractureEvidence.filter(\.isHipOrVertebral)
    if population == .whoTScore {
      if !fracture.isEmpty { risk.treatmentIndications.append(.hipOrVertebralFracture(fracture)) }
      if diagnosis.persistsFrom == nil, diagnosis.category == .osteoporosis, let site = diagnosis.basisLabel,
        let score = diagnosis.basisScore, diagnosis.basis == .tScore,
        sites.contains(where: {
          $0.label == site && [.lumbarSpine, .femoralNeck, .totalHip].contains($0.measurement.site)
        })
      {
        risk.treatmentIndications.append(.osteoporosisByBMD(site: site, tScore: score))
      }
    }
    guard let frax = exam.frax else { return risk }
    if !frax.withBMD { risk.statements.append(.fraxWithoutBMD) }
    if exam.age < ExactDecimal(40) || exam.age > ExactDecimal(90) {
      risk.statements.append(.fraxAgeOutsideRange(age: exam.age.truncatedToWhole))
    }
    guard population == .whoTScore else {
      risk.statements.append(.fraxThresholdsNotForThisPopulation)
      return risk
    }
    let hipThreshold = ExactDecimal(3)
    let majorThreshold = ExactDecimal(20)
    switch diagnosis.category {
    case .lowBoneMass?:
      let meets = frax.hip >= hipThreshold || frax.majorOsteoporotic >= majorThreshold
      risk.meetsTreatmentThreshold = meets
      risk.statements.append(.lowBoneMassFRAX(hip: frax.hip, major: frax.majorOsteoporotic, meetsThreshold: meets))
      if meets, diagnosis.persistsFrom == nil {
        risk.treatmentIndications.append(.lowBoneMassWithFRAX(hip: frax.hip, major: frax.majorOsteoporotic))
      }
      if !meets, !fracture.isEmpty {
        risk.statements.append(.fractureIndicatesTreatmentDespiteFRAX)
      }
    case .osteoporosis?:
      risk.statements.append(.fraxThresholdsNotForOsteoporosis)
    default:
      risk.statements.append(.fraxThresholdsOnlyForLowBoneMass)
    }
    return risk
  }
}

extension ReportBuilder {
  /// The treatment statement: the NOF/BHOF rule that indicates treatment, else why none does, or "FRAX advised" for
  /// low bone mass without FRAX.
  static func assessment(_ risk: FractureRisk, population: Population, diagnosis: Diagnosis) -> TreatmentAssessment {
    if !risk.treatmentIndications.isEmpty { return .indicated(risk.treatmentIndications) }
    guard population == .whoTScore else {
      return population == .adultZScore ? .notForThisPopulation : .cannotBeJudged
    }
    if let earlier = diagnosis.persistsFrom { return .persistingOsteoporosis(earlier) }
    switch diagnosis.category {
    case .lowBoneMass?:
      guard let frax = risk.frax else { return .fraxAdvised }
      return .belowFRAXThresholds(hip: frax.hip, major: frax.majorOsteoporotic)
    case .normal?: return .noIndicationNormalBMD
    case .osteoporosis?: return .osteoporosisAtOtherSite(site: diagnosis.basisLabel ?? "")
    default: return .cannotBeJudged
    }
  }
}

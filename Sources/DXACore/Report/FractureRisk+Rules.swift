extension ReportBuilder {
  /// FRAX as given (never computed), the femoral-neck T-score FRAX takes, the US treatment-threshold statement and
  /// TBS as given.
  func fractureRisk(of exam: Exam, sites: [SiteResult], diagnosis: Diagnosis, population: Population)
    throws(InputError) -> FractureRisk
  {
    var risk = FractureRisk(frax: exam.frax, statements: [], tbs: exam.tbs)
    // FRAX takes femoral-neck BMD referenced to NHANES III White women, whatever table the report itself used.
    let fraxEngine = ScoringEngine(library: library.withoutRequests, policy: .standard)
    let necks = exam.measurements.filter { $0.site == .femoralNeck && $0.bmd != nil }
    var lowest: (Measurement, Score)?
    for neck in necks {
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
      if necks.count > 1 { risk.statements.append("FRAX input: the lower femoral-neck T-score of the two sides") }
    }
    guard let frax = exam.frax else {
      if diagnosis.category == .lowBoneMass {
        risk.statements.append(
          "FRAX results were not provided: whether the US treatment threshold for low bone mass is met cannot be judged"
        )
      }
      return risk
    }
    if !frax.withBMD { risk.statements.append("FRAX was calculated without BMD") }
    if exam.age < ExactDecimal(40) || exam.age > ExactDecimal(90) {
      risk.statements.append("FRAX is defined for ages 40 to 90; this patient is \(exam.age.truncatedToWhole)")
    }
    guard population == .whoTScore else {
      risk.statements.append(
        "the US FRAX treatment thresholds apply to postmenopausal women and men aged 50 and over")
      return risk
    }
    let hipThreshold = ExactDecimal(3)
    let majorThreshold = ExactDecimal(20)
    switch diagnosis.category {
    case .lowBoneMass?:
      let meets = frax.hip >= hipThreshold || frax.majorOsteoporotic >= majorThreshold
      risk.meetsTreatmentThreshold = meets
      risk.statements.append(
        meets
          ? "low bone mass with a 10-year probability of hip fracture \(frax.hip)% (threshold 3%) and major osteoporotic fracture \(frax.majorOsteoporotic)% (threshold 20%): meets the US (NOF/BHOF) treatment threshold"
          : "low bone mass with a 10-year probability of hip fracture \(frax.hip)% (below 3%) and major osteoporotic fracture \(frax.majorOsteoporotic)% (below 20%): below the US (NOF/BHOF) treatment thresholds"
      )
    case .osteoporosis?:
      risk.statements.append(
        "the FRAX treatment thresholds (hip ≥ 3% or major ≥ 20%) are for low bone mass; this exam's diagnosis is osteoporosis"
      )
    default:
      risk.statements.append(
        "the FRAX treatment thresholds (hip ≥ 3% or major ≥ 20%) apply to low bone mass; this exam's diagnosis is not low bone mass"
      )
    }
    return risk
  }
}

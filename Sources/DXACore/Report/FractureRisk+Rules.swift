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
      if exam.frax != nil { risk.statements.append("FRAX applies to adults aged 40 to 90: not used under 20") }
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
      if necks.count > 1 { risk.statements.append("FRAX input: the lower femoral-neck T-score of the two sides") }
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
    guard let frax = exam.frax else {
      if diagnosis.category == .lowBoneMass {
        risk.statements.append(
          fracture.isEmpty
            ? "FRAX results were not provided: whether the US treatment threshold for low bone mass is met cannot be judged"
            : "FRAX results were not provided; they are not needed for the treatment decision: the fracture indicates treatment whatever the FRAX (NOF/BHOF)"
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
      if meets, diagnosis.persistsFrom == nil {
        risk.treatmentIndications.append(.lowBoneMassWithFRAX(hip: frax.hip, major: frax.majorOsteoporotic))
      }
      if !meets, !fracture.isEmpty {
        risk.statements.append("the fracture indicates treatment nonetheless, whatever the FRAX (NOF/BHOF)")
      }
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

extension BillingSuggestions {
  /// CPT, modifiers, ICD-10-CM and the Medicare frequency check for an exam. Every line is a suggestion for the
  /// coder: payer rules vary by contractor and change yearly.
  static func of(exam: Exam, sites: [SiteResult], diagnosis: Diagnosis, facility: Facility?) -> BillingSuggestions {
    var notes: [BillingNote] = [.suggestionsOnly]
    let axialSites: Set<Site> = [
      .lumbarSpine, .l1, .l2, .l3, .l4, .femoralNeck, .totalHip, .trochanter, .intertrochanter, .wards,
    ]
    let measured = Set(exam.measurements.map(\.site))
    let hasAxial = !measured.isDisjoint(with: axialSites)
    let hasPeripheral = measured.contains(.radius33)
    var codes: [ProcedureCode] = []
    if hasAxial {
      if exam.scan.vertebralFractureAssessment {
        codes.append(
          ProcedureCode(
            code: "77085", modifiers: [],
            description: "DXA bone density study, axial skeleton, including vertebral fracture assessment",
            reasons: [.axialWithVFA]))
      } else {
        codes.append(
          ProcedureCode(
            code: "77080", modifiers: [], description: "DXA bone density study, 1 or more sites; axial skeleton",
            reasons: [.axialSites(Site.allCases.filter { measured.contains($0) && axialSites.contains($0) })]))
      }
    } else if exam.scan.vertebralFractureAssessment {
      codes.append(
        ProcedureCode(
          code: "77086", modifiers: [], description: "Vertebral fracture assessment via DXA",
          reasons: [.vfaWithoutAxial]))
    }
    if hasPeripheral {
      codes.append(
        ProcedureCode(
          code: "77081", modifiers: [], description: "DXA bone density study, 1 or more sites; appendicular skeleton",
          reasons: [.forearm]))
      if hasAxial { notes.append(.forearmWithAxialNCCI) }
    }
    if exam.tbs != nil {
      codes.append(
        ProcedureCode(
          code: "77089", modifiers: [],
          description: "Trabecular bone score (TBS), calculation with interpretation and report",
          reasons: [.tbs]))
    }
    if facility?.billsComponentsSeparately == true {
      codes = codes.flatMap { code in
        [
          ProcedureCode(
            code: code.code, modifiers: ["26"], description: code.description, reasons: [.professionalComponent]),
          ProcedureCode(
            code: code.code, modifiers: ["TC"], description: code.description, reasons: [.technicalComponent]),
        ]
      }
    }
    let frequency = FrequencyCheck.medicare(exam: exam, hasAxial: hasAxial)
    if frequency.needsABN {
      codes = codes.map { code in
        var flagged = code
        flagged.modifiers.append("GA")
        flagged.reasons.append(.abnOnFileForGA)
        return flagged
      }
    }
    if let found = exam.vfa?.vertebralFractures, !found.isEmpty {
      notes.append(.vfaFractureCode(found.map(\.vertebra)))
    }
    return BillingSuggestions(
      procedures: codes, diagnoses: DiagnosisCode.suggestions(exam: exam, diagnosis: diagnosis), frequency: frequency,
      notes: notes)
  }
}

extension FrequencyCheck {
  /// Medicare (Benefit Policy Manual ch. 15 §80.5): once every 2 years, at least 23 months after the month of the
  /// last covered measurement, with exceptions when medically necessary.
  static func medicare(exam: Exam, hasAxial: Bool) -> FrequencyCheck {
    var exceptions: [FrequencyException] = []
    if let steroids = exam.history.glucocorticoids, steroids.isCurrent, (steroids.months ?? 0) > 3 {
      exceptions.append(.longTermGlucocorticoids)
    }
    if exam.history.therapy != nil, hasAxial { exceptions.append(.monitoringDrugTherapy) }
    if exam.scan.indications.contains(.confirmBaseline) { exceptions.append(.confirmingBaseline) }
    let payer = "Medicare (the shipped default; other payers' limits differ)"
    guard let last = exam.history.priorCoveredScanDate else {
      return FrequencyCheck(payer: payer, status: .unknown, exceptions: exceptions, needsABN: false)
    }
    let months = last.months(until: exam.scan.date)
    let eligible = last.firstOfMonth(adding: 23)
    if months >= 23 {
      return FrequencyCheck(
        payer: payer, status: .met, lastCoveredScan: last, eligibleFrom: eligible, monthsSinceLastCovered: months,
        exceptions: exceptions, needsABN: false)
    }
    if !exceptions.isEmpty {
      return FrequencyCheck(
        payer: payer, status: .exceptionMayApply, lastCoveredScan: last, eligibleFrom: eligible,
        monthsSinceLastCovered: months, exceptions: exceptions, needsABN: false)
    }
    return FrequencyCheck(
      payer: payer, status: .notMet, lastCoveredScan: last, eligibleFrom: eligible, monthsSinceLastCovered: months,
      exceptions: [], needsABN: true)
  }
}

extension DiagnosisCode {
  /// ICD-10-CM codes supported by the findings and indications (descriptions from the FY2026 code set as the
  /// project's billing notes give them).
  static func suggestions(exam: Exam, diagnosis: Diagnosis) -> [DiagnosisCode] {
    var codes: [DiagnosisCode] = []
    func add(_ code: String, _ description: String, _ reason: DiagnosisCodeReason) {
      if !codes.contains(where: { $0.code == code }) {
        codes.append(DiagnosisCode(code: code, description: description, reason: reason))
      }
    }
    let lowBoneMassCode = (
      "M85.8-",
      "Other specified disorders of bone density and structure (site character required, e.g. M85.851, M85.852, M85.88, M85.89)"
    )
    let axial = exam.fragilityFractureEvidence.filter(\.isHipOrVertebral)
    switch (diagnosis.category, diagnosis.population) {
    case (.osteoporosis?, .whoTScore):
      add(
        "M81.0", "Age-related osteoporosis without current pathological fracture",
        diagnosis.persistsFrom == nil ? .osteoporosisByTScore : .osteoporosisPersisting)
    case (_, .whoTScore) where !axial.isEmpty:
      add(
        "M81.0", "Age-related osteoporosis without current pathological fracture",
        .clinicalOsteoporosisFromFracture(axial))
    case (.lowBoneMass?, _):
      add(lowBoneMassCode.0, lowBoneMassCode.1, .lowBoneMassByTScore)
    case (.osteoporosis?, .child):
      add(
        "M81.8", "Other osteoporosis without current pathological fracture", .pediatricOsteoporosis)
    case (.belowExpectedRangeForAge?, .child):
      add(lowBoneMassCode.0, lowBoneMassCode.1, .lowBMDForAge)
    default:
      break
    }
    let fragility = exam.history.fragilityFractures
    if !fragility.isEmpty, diagnosis.category == .osteoporosis || (diagnosis.population == .whoTScore && !axial.isEmpty)
    {
      add("Z87.310", "Personal history of (healed) osteoporosis fracture", .fragilityFractureHistory(fragility))
    }
    let indications = exam.scan.indications
    if indications.contains(.screening), diagnosis.category != .osteoporosis, diagnosis.category != .lowBoneMass {
      add("Z13.820", "Encounter for screening for osteoporosis", .screening)
    }
    if indications.contains(.estrogenDeficiency), exam.patient.menopause == .post {
      add("Z78.0", "Asymptomatic menopausal state", .estrogenDeficiencyPostmenopausal)
    }
    if indications.contains(.primaryHyperparathyroidism) {
      add("E21.0", "Primary hyperparathyroidism", .indication)
    }
    if indications.contains(.vertebralAbnormality) {
      add("R93.7", "Abnormal findings on diagnostic imaging of other parts of musculoskeletal system", .indication)
    }
    if let steroids = exam.history.glucocorticoids, steroids.isCurrent || indications.contains(.glucocorticoidTherapy) {
      add("Z79.52", "Long term (current) use of systemic steroids", .glucocorticoidHistory)
    } else if indications.contains(.glucocorticoidTherapy) {
      add("Z79.52", "Long term (current) use of systemic steroids", .glucocorticoidIndication)
    }
    if let therapy = exam.history.therapy {
      switch therapy.drugClass {
      case .bisphosphonate:
        add("Z79.83", "Long term (current) use of bisphosphonates", .therapy(drug: therapy.drug))
      case .serm:
        add(
          "Z79.810", "Long term (current) use of selective estrogen receptor modulators (SERMs)",
          .therapy(drug: therapy.drug))
      case .hormoneTherapy:
        add("Z79.890", "Hormone replacement therapy", .therapy(drug: therapy.drug))
      case .denosumab, .anabolic, .other:
        add("Z79.899", "Other long term (current) drug therapy", .therapy(drug: therapy.drug))
      }
    }
    return codes
  }
}

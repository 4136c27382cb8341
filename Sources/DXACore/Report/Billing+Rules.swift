extension BillingSuggestions {
  /// CPT, modifiers, ICD-10-CM and the Medicare frequency check for an exam. Every line is a suggestion for the
  /// coder: payer rules vary by contractor and change yearly.
  static func of(exam: Exam, sites: [SiteResult], diagnosis: Diagnosis, facility: Facility?) -> BillingSuggestions {
    var notes = [
      "suggestions only: the coder confirms codes against the payer's current policy (e.g. the contractor's billing article)"
    ]
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
            reason: "axial sites with VFA in the same session (77085, not 77080 + 77086)"))
      } else {
        codes.append(
          ProcedureCode(
            code: "77080", modifiers: [], description: "DXA bone density study, 1 or more sites; axial skeleton",
            reason: "axial sites measured: \(axialNames(measured, axialSites))"))
      }
    } else if exam.scan.vertebralFractureAssessment {
      codes.append(
        ProcedureCode(
          code: "77086", modifiers: [], description: "Vertebral fracture assessment via DXA",
          reason: "VFA without an axial bone density study"))
    }
    if hasPeripheral {
      codes.append(
        ProcedureCode(
          code: "77081", modifiers: [], description: "DXA bone density study, 1 or more sites; appendicular skeleton",
          reason: "forearm (1/3 radius) measured"))
      if hasAxial {
        notes.append(
          "77081 with an axial code on the same date hits the CMS NCCI edit (column 1 77081, column 2 77080, modifier indicator 1): modifier 59 or XS only when both studies are reasonable, necessary and documented"
        )
      }
    }
    if exam.tbs != nil {
      codes.append(
        ProcedureCode(
          code: "77089", modifiers: [],
          description: "Trabecular bone score (TBS), calculation with interpretation and report",
          reason:
            "TBS reported; use 77090–77092 instead when preparation, calculation and interpretation are billed apart"))
    }
    if facility?.billsComponentsSeparately == true {
      codes = codes.flatMap { code in
        [
          ProcedureCode(
            code: code.code, modifiers: ["26"], description: code.description,
            reason: "professional component (interpretation): the facility bills components separately"),
          ProcedureCode(
            code: code.code, modifiers: ["TC"], description: code.description,
            reason: "technical component: the facility bills components separately"),
        ]
      }
    }
    let frequency = FrequencyCheck.medicare(exam: exam, hasAxial: hasAxial)
    if frequency.needsABN {
      codes = codes.map { code in
        var flagged = code
        flagged.modifiers.append("GA")
        flagged.reason += "; GA only if an ABN is on file (frequency limit not met)"
        return flagged
      }
    }
    if let found = exam.vfa?.vertebralFractures, !found.isEmpty {
      notes.append(
        "VFA found a vertebral fracture (\(found.map { "\($0.vertebra)" }.joined(separator: ", "))): M80.08- (age-related osteoporosis with current pathological fracture, vertebra) replaces M81.0 when the physician judges the fracture current"
      )
    }
    return BillingSuggestions(
      procedures: codes, diagnoses: DiagnosisCode.suggestions(exam: exam, diagnosis: diagnosis), frequency: frequency,
      notes: notes)
  }

  private static func axialNames(_ measured: Set<Site>, _ axial: Set<Site>) -> String {
    var names: [String] = []
    for site in Site.allCases where measured.contains(site) && axial.contains(site) {
      let name = site.isSpine ? "lumbar spine" : site.nameInSentence
      if !names.contains(name) { names.append(name) }
    }
    return names.joined(separator: ", ")
  }
}

extension FrequencyCheck {
  /// Medicare (Benefit Policy Manual ch. 15 §80.5): once every 2 years, at least 23 months after the month of the
  /// last covered measurement, with exceptions when medically necessary.
  static func medicare(exam: Exam, hasAxial: Bool) -> FrequencyCheck {
    var exceptions: [String] = []
    if let steroids = exam.history.glucocorticoids, steroids.isCurrent, (steroids.months ?? 0) > 3 {
      exceptions.append("monitoring long-term glucocorticoid therapy (more than 3 months)")
    }
    if exam.history.therapy != nil, hasAxial {
      exceptions.append("monitoring response to an FDA-approved osteoporosis drug (axial DXA)")
    }
    if exam.scan.indications.contains(.confirmBaseline) {
      exceptions.append(
        "confirming a baseline to permit future monitoring (not covered when the first study was axial DXA)")
    }
    let payer = "Medicare (the shipped default; other payers' limits differ)"
    guard let last = exam.history.priorCoveredScanDate else {
      return FrequencyCheck(
        payer: payer, status: .unknown, exceptions: exceptions, needsABN: false,
        statement:
          "no prior covered scan date given (history.prior_covered_scan_date): the frequency limit was not checked")
    }
    let months = last.months(until: exam.scan.date)
    let eligible = last.firstOfMonth(adding: 23)
    if months >= 23 {
      return FrequencyCheck(
        payer: payer, status: .met, lastCoveredScan: last, eligibleFrom: eligible, monthsSinceLastCovered: months,
        exceptions: exceptions, needsABN: false,
        statement: "\(months) months after the month of the last covered scan (\(last)): the 23-month limit is met")
    }
    if !exceptions.isEmpty {
      return FrequencyCheck(
        payer: payer, status: .exceptionMayApply, lastCoveredScan: last, eligibleFrom: eligible,
        monthsSinceLastCovered: months, exceptions: exceptions, needsABN: false,
        statement:
          "only \(months) months after the month of the last covered scan (\(last)); eligible from \(eligible) unless an exception is documented: \(exceptions.joined(separator: "; ")). Without that documentation an ABN is needed (modifier GA)"
      )
    }
    return FrequencyCheck(
      payer: payer, status: .notMet, lastCoveredScan: last, eligibleFrom: eligible, monthsSinceLastCovered: months,
      exceptions: [], needsABN: true,
      statement:
        "only \(months) months after the month of the last covered scan (\(last)); Medicare pays again from \(eligible). An ABN is needed before the scan; bill with modifier GA when it is on file"
    )
  }
}

extension DiagnosisCode {
  /// ICD-10-CM codes supported by the findings and indications (descriptions from the FY2026 code set as the
  /// project's billing notes give them).
  static func suggestions(exam: Exam, diagnosis: Diagnosis) -> [DiagnosisCode] {
    var codes: [DiagnosisCode] = []
    func add(_ code: String, _ description: String, _ reason: String) {
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
        diagnosis.persistsFrom == nil ? "osteoporosis by T-score" : "osteoporosis diagnosed earlier, persisting")
    case (_, .whoTScore) where !axial.isEmpty:
      add(
        "M81.0", "Age-related osteoporosis without current pathological fracture",
        "osteoporosis may be diagnosed clinically from the \(FractureEvidence.listText(axial)); the physician confirms it"
      )
    case (.lowBoneMass?, _):
      add(lowBoneMassCode.0, lowBoneMassCode.1, "low bone mass by T-score")
    case (.osteoporosis?, .child):
      add(
        "M81.8", "Other osteoporosis without current pathological fracture", "osteoporosis by the ISCD pediatric rule")
    case (.belowExpectedRangeForAge?, .child):
      add(lowBoneMassCode.0, lowBoneMassCode.1, "low bone mineral density for chronological age")
    default:
      break
    }
    let fragility = exam.history.fragilityFractures
    if !fragility.isEmpty, diagnosis.category == .osteoporosis || (diagnosis.population == .whoTScore && !axial.isEmpty)
    {
      add(
        "Z87.310", "Personal history of (healed) osteoporosis fracture",
        "fragility fracture in the history: \(Diagnosis.fractureList(fragility))")
    }
    let indications = exam.scan.indications
    if indications.contains(.screening), diagnosis.category != .osteoporosis, diagnosis.category != .lowBoneMass {
      add("Z13.820", "Encounter for screening for osteoporosis", "screening indication")
    }
    if indications.contains(.estrogenDeficiency), exam.patient.menopause == .post {
      add("Z78.0", "Asymptomatic menopausal state", "estrogen deficiency, postmenopausal")
    }
    if indications.contains(.primaryHyperparathyroidism) {
      add("E21.0", "Primary hyperparathyroidism", "indication")
    }
    if indications.contains(.vertebralAbnormality) {
      add("R93.7", "Abnormal findings on diagnostic imaging of other parts of musculoskeletal system", "indication")
    }
    if let steroids = exam.history.glucocorticoids, steroids.isCurrent || indications.contains(.glucocorticoidTherapy) {
      add("Z79.52", "Long term (current) use of systemic steroids", "glucocorticoid therapy in the history")
    } else if indications.contains(.glucocorticoidTherapy) {
      add("Z79.52", "Long term (current) use of systemic steroids", "glucocorticoid therapy indication")
    }
    if let therapy = exam.history.therapy {
      switch therapy.drugClass {
      case .bisphosphonate: add("Z79.83", "Long term (current) use of bisphosphonates", "on \(therapy.drug)")
      case .serm:
        add(
          "Z79.810", "Long term (current) use of selective estrogen receptor modulators (SERMs)", "on \(therapy.drug)")
      case .hormoneTherapy:
        add("Z79.890", "Hormone replacement therapy", "on \(therapy.drug)")
      case .denosumab, .anabolic, .other:
        add("Z79.899", "Other long term (current) drug therapy", "on \(therapy.drug)")
      }
    }
    return codes
  }
}

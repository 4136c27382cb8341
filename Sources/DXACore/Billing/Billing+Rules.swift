extension BillingSuggestions {
  /// The axial skeleton as CPT 77080 means it: the hip regions and the lumbar spine.
  static let axialSites: Set<Site> = [
    .lumbarSpine, .l1, .l2, .l3, .l4, .femoralNeck, .totalHip, .trochanter, .intertrochanter, .wards,
  ]

  /// CPT codes, modifiers, ICD-10-CM codes and the payer's coverage rules for an exam. Every line is a suggestion
  /// for the coder: payer rules vary by contractor and change yearly.
  static func of(
    exam: Exam, sites: [SiteResult], spine: SpineAnalysis?, diagnosis: Diagnosis, facility: Facility?,
    library: ReferenceLibrary, payer chosen: PayerID?
  ) -> BillingSuggestions {
    var notes: [BillingNote] = [.suggestionsOnly]
    func procedure(_ code: String, _ reasons: [ProcedureReason]) -> ProcedureCode {
      ProcedureCode(code: code, description: library.billingCodes.procedureDescription(code), reasons: reasons)
    }
    let validAxial = validAxialSites(sites, spine: spine)
    let vfaPerformed = exam.scan.vertebralFractureAssessment
    let vfaRecorded = exam.vfa?.hasFindings ?? false
    var codes: [ProcedureCode] = []
    if !validAxial.isEmpty {
      if vfaPerformed, vfaRecorded {
        codes.append(procedure(BillingCode.axialDXAWithVFA, [.axialWithVFA(validAxial)]))
      } else {
        codes.append(procedure(BillingCode.axialDXA, [.axialSites(validAxial)]))
        if vfaPerformed { notes.append(.vfaWithoutFindings(withAxial: true)) }
      }
    } else {
      if exam.measurements.contains(where: { axialSites.contains($0.site) }) { notes.append(.noValidAxialMeasurement) }
      if vfaPerformed {
        if vfaRecorded {
          codes.append(procedure(BillingCode.vfa, [.vfaWithoutAxial]))
        } else {
          notes.append(.vfaWithoutFindings(withAxial: false))
        }
      }
    }
    if sites.contains(where: { $0.measurement.site == .radius33 && $0.bmd != nil }) {
      codes.append(procedure(BillingCode.appendicularDXA, [.forearm]))
      if let axial = codes.first(where: { $0.code == BillingCode.axialDXA || $0.code == BillingCode.axialDXAWithVFA }) {
        notes.append(.forearmWithAxial(axialCode: axial.code))
      }
    }
    if exam.tbs != nil { codes.append(procedure(BillingCode.tbs, [.tbs])) }
    if facility?.billsComponentsSeparately == true {
      codes = codes.flatMap { code in
        [
          ProcedureCode(
            code: code.code, modifiers: ["26"], description: code.description,
            reasons: code.reasons + [.professionalComponent]),
          ProcedureCode(
            code: code.code, modifiers: ["TC"], description: code.description,
            reasons: code.reasons + [.technicalComponent]),
        ]
      }
    }
    let coverage = PayerCoverage.of(exam: exam, chosen: chosen, library: library)
    if coverage.isNoticeAdvised, let modifiers = coverage.findings?.modifiers {
      codes = codes.map { code in
        var flagged = code
        flagged.modifiers.append(modifiers.noticeOnFile)
        flagged.reasons.append(.noticeOnFile(modifier: modifiers.noticeOnFile, notice: modifiers.notice))
        return flagged
      }
    }
    let diagnoses = DiagnosisCode.suggestions(exam: exam, sites: sites, diagnosis: diagnosis, library: library)
    if let found = exam.vfa?.vertebralFractures, !found.isEmpty,
      diagnoses.contains(where: { $0.code == BillingCode.ageRelatedOsteoporosis })
    {
      notes.append(.vfaFractureCode(found.map(\.vertebra)))
    }
    return BillingSuggestions(procedures: codes, diagnoses: diagnoses, coverage: coverage, notes: notes)
  }

  /// The axial regions that produced a valid measurement, in ``Site`` order: a hip region with a BMD, or the lumbar
  /// spine total when two or more vertebrae are evaluable (a single vertebra is never a valid spine result).
  static func validAxialSites(_ sites: [SiteResult], spine: SpineAnalysis?) -> [Site] {
    let valid = Set(
      sites.filter { site in
        guard site.bmd != nil, axialSites.contains(site.measurement.site) else { return false }
        return !site.measurement.site.isSpine || (spine?.isUsableForDiagnosis ?? true)
      }.map(\.measurement.site))
    return Site.allCases.filter(valid.contains)
  }
}

extension BillingCodeCatalog {
  /// A CPT descriptor; a code missing from the file (a defect the tests catch) says so rather than stopping a report.
  func procedureDescription(_ code: String) -> String {
    procedure(code)?.description ?? "descriptor not in the billing code file"
  }
}

extension ReferenceLibrary {
  /// Every condition a payer's rules name must be a known condition, or the rule could never hold.
  public func checkPayerConditions() throws(InputError) {
    for rules in payers {
      for (path, code) in rules.conditionCodes where conditions[code] == nil {
        throw InputError(
          .reference, field: "\(rules.id): \(path).condition",
          "'\(code)' is not a known condition; known: \(conditions.codes.map(\.rawValue).joined(separator: ", "))")
      }
    }
  }
}

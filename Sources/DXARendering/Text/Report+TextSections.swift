import DXACore

extension ReportText {
  // MARK: Diagnosis

  mutating func writeDiagnosis() {
    let diagnosis = report.diagnosis
    section("DIAGNOSIS")
    var headline = diagnosis.headline
    // The WHO population is the usual one; a Z-score population is named beside the category.
    if diagnosis.category != nil, report.population != .whoTScore { headline += "; \(report.populationText)" }
    // Why the deciding score's source was chosen goes to the appendix; the headline names the source and the note.
    if let choice = diagnosis.basisChoice, diagnosis.basisSource == .scanner || diagnosis.approximateFor != nil,
      let site = diagnosis.basisLabel
    {
      headline += "; see note \(notes.letter(for: choice.reason, region: site))"
    }
    lines += wrapped(headline.asSentence, indent: 2, hanging: 4)
    if let reason = diagnosis.reason { lines += wrapped("Reason: \(reason.text.asSentence)", indent: 2, hanging: 4) }
    if diagnosis.category == nil { lines += wrapped("Population: \(report.populationText).", indent: 2, hanging: 4) }
    for statement in diagnosis.statements { item(statement.text) }
  }

  // MARK: Fracture risk

  /// FRAX as given (never computed), the femoral-neck value FRAX takes, and the treatment statement, made with or
  /// without FRAX. Adults only.
  mutating func writeFractureRisk() {
    let risk = report.fractureRisk
    guard risk.applies else { return }
    section("FRACTURE RISK")
    var frax: String
    if let given = risk.frax {
      frax =
        "FRAX (\(given.calculatorVersion), as provided): 10-year major osteoporotic fracture \(given.majorOsteoporotic)%, hip \(given.hip)%, \(given.withBMD ? "with" : "without") BMD\(given.isTBSAdjusted ? ", TBS-adjusted" : "")"
    } else {
      frax = "FRAX: not provided"
    }
    let side = report.sites.first { $0.label == risk.femoralNeckLabel }?.measurement.side
    var neck = side.map { "\($0.rawValue)" } ?? ""
    if risk.statements.contains(.fraxLowerOfTwoFemoralNecks) { neck += ", the lower side" }
    if !neck.isEmpty { neck = ", " + neck }
    if let score = risk.femoralNeckTForFRAX {
      frax += "; femoral-neck T for FRAX \(score.reported)\(neck) (NHANES III)"
    } else if let bmd = risk.femoralNeckBMDForFRAX {
      frax += "; femoral-neck BMD for FRAX \(bmd.reportedBMD) g/cm²\(neck), with the scanner's make"
    }
    lines += wrapped(frax + ".", indent: 2, hanging: 4)
    // The assessment words the FRAX comparison itself; the recommendations give an indicated treatment's rule.
    for statement in risk.statements where !statement.isSaidByAssessment { item(statement.text) }
    if case .indicated = risk.assessment {
      lines += wrapped("Treatment (NOF/BHOF): indicated (see the recommendations).", indent: 2)
    } else {
      lines += wrapped("Treatment (NOF/BHOF): \(risk.assessment.text).", indent: 2, hanging: 4)
    }
    if let tbs = risk.tbs {
      var text = "Trabecular bone score \(tbs.value)"
      if let vertebrae = tbs.vertebrae { text += " (\(vertebrae.label))" }
      if let software = tbs.softwareVersion { text += ", \(software)" }
      text += tbs.interpretation.map { ": \($0)" } ?? " (as provided)"
      lines += wrapped(text + ".", indent: 2, hanging: 4)
    }
  }

  // MARK: Recommendations

  mutating func writeRecommendations() {
    section("RECOMMENDATIONS")
    for recommendation in report.recommendations { item(recommendation.text) }
  }

  // MARK: Billing

  /// The billing suggestions as their own renderer words them (`BillingSuggestions+Text.swift`).
  mutating func writeBilling() {
    section("BILLING (suggestions for the coder, not coverage decisions)")
    lines += report.billing.textLines
  }

  // MARK: Appendix

  /// Provenance and long reasons, in one place at the end: the notes the results point to, the references with
  /// their status, what was assumed, how the report was computed and under which settings.
  mutating func writeAppendix() {
    section("APPENDIX: SOURCES AND NOTES")
    for (index, text) in notes.texts.enumerated() {
      let letter = LetteredNotes.letter(index)
      lines += wrapped("\(letter) \(text.asSentence)", indent: 2, hanging: 2 + letter.count + 1)
    }
    let references = report.referencesUsed
    if !references.isEmpty {
      lines += wrapped("- References: " + references.joined(separator: "; ") + ".", indent: 2, hanging: 4)
    }
    for assumption in report.assumptions { item("Assumed: \(assumption.text)") }
    for note in report.notes { item(note.text) }
    let settings = report.policy.shortWording(population: report.population, showsSpine: report.spine != nil)
    item(
      "Settings: " + settings.joined(separator: "; ")
        + ". Exact arithmetic on the BMD as measured; scores rounded half away from zero, classified as rounded")
  }
}

extension FractureRiskStatement {
  /// Statements the treatment assessment already makes (the FRAX comparison), or that the FRAX line folds in.
  fileprivate var isSaidByAssessment: Bool {
    switch self {
    case .lowBoneMassFRAX, .fraxLowerOfTwoFemoralNecks, .fractureIndicatesTreatmentDespiteFRAX: return true
    default: return false
    }
  }
}

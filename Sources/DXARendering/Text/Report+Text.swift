import DXACore
import Foundation

extension Report {
  /// The report as plain text for a radiology information system: ISCD-style sections, at most 80 columns.
  public func renderedText(version: String) -> String {
    var lines: [String] = []
    let status = interpretation.isSigned ? "FINAL" : "PRELIMINARY"
    lines.append(
      "BONE DENSITOMETRY (DXA) REPORT".padding(toLength: 80 - status.count, withPad: " ", startingAt: 0) + status)
    if !interpretation.isSigned {
      lines += wrapped(
        "Computed by dxa \(version). Awaiting review and signature by the interpreting physician.", indent: 0)
    }
    if let facility = facilityName { lines += wrapped("Facility: \(facility)", indent: 0) }
    // Disagreements between the scanner's and the engine's scores come first: the interpreter sees them before
    // anything else (clinical-rules.md §11).
    for line in discrepancyLines {
      lines += [""] + wrapped("DISCREPANCY: \(line)", indent: 0, hanging: 2)
    }
    section("PATIENT", into: &lines)
    let patient = exam.patient
    if let name = patient.name { lines += labelled("Name", name, column: 20) }
    lines += labelled("ID", patient.id, column: 20)
    var demographics = "\(personText), age \(age.truncatedToWhole)"
    if let birth = patient.birthDate { demographics += " (born \(birth))" }
    if let menopause = patient.menopause { demographics += ", \(menopause.rawValue)menopausal" }
    lines += labelled(patient.genderIdentity == nil ? "Sex, age" : "Person, age", demographics, column: 20)
    if let ethnicity = patient.ethnicity { lines += labelled("Ethnicity", ethnicity.displayName, column: 20) }
    let body = [patient.heightCentimetres.map { "height \($0) cm" }, patient.weightKilograms.map { "weight \($0) kg" }]
      .compactMap { $0 }
    if !body.isEmpty { lines += labelled("Body", body.joined(separator: ", "), column: 20) }

    section("EXAM", into: &lines)
    let scan = exam.scan
    lines += labelled("Scan", "\(scan.id) on \(scan.date)", column: 20)
    let scanner = [
      scan.manufacturer?.displayName ?? "maker not given (Hologic assumed)", scan.model,
      scan.serialNumber.map { "serial \($0)" }, scan.softwareVersion.map { "software \($0)" },
    ].compactMap { $0 }.joined(separator: ", ")
    lines += labelled("Scanner", scanner, column: 20)
    lines += labelled("Referred by", scan.referringProvider ?? "not given", column: 20)
    if let technologist = scan.technologist { lines += labelled("Technologist", technologist, column: 20) }
    let indication = scan.indication ?? scan.indications.map(\.rawValue).joined(separator: ", ")
    lines += labelled("Indication", indication.isEmpty ? "not given" : indication, column: 20)
    lines += labelled("Technique", techniqueText, column: 20)
    if let notes = scan.technicalNotes { lines += labelled("Technical notes", notes, column: 20) }
    if !exam.history.fractures.isEmpty {
      lines += labelled(
        "Fractures",
        exam.history.fractures.map { fracture in
          (fracture.date.map { "\(fracture.site.displayName) \($0)" } ?? fracture.site.displayName)
            + (fracture.isFragility ? " (fragility)" : "")
        }.joined(separator: "; "), column: 20)
    }
    if let therapy = exam.history.therapy {
      lines += labelled(
        "Therapy", "\(therapy.drug) (\(therapy.drugClass.rawValue))" + (therapy.startDate.map { " since \($0)" } ?? ""),
        column: 20)
    }
    if let steroids = exam.history.glucocorticoids {
      let details = [
        steroids.prednisoneMilligramsPerDay.map { "\($0) mg/day prednisone-equivalent" },
        steroids.months.map { "\($0) months" }, steroids.isCurrent ? "current" : "past",
      ].compactMap { $0 }
      lines += labelled("Glucocorticoids", details.joined(separator: ", "), column: 20)
    }

    section("RESULTS", into: &lines)
    lines.append(
      "  " + "Region".padding(toLength: 25, withPad: " ", startingAt: 0)
        + (showsTScores ? "BMD g/cm² T-score Z-score  Classification" : "BMD g/cm² Z-score  Classification"))
    for site in sites { lines += resultRows(site) }
    lines += wrapped(
      showsTScores
        ? "T-score = (BMD − young-adult mean) / SD; Z-score against age-matched values. Each score is recomputed by dxa against the table named, or printed by the scanner (the maker's database), as the line under its region says. Exact decimal arithmetic, reported to one decimal (half away from zero); the category is read from the reported value."
        : "Z-score = (BMD − age-matched mean) / SD, recomputed by dxa against the table named or printed by the scanner (the maker's database), as the line under its region says; \(population == .child ? "children and adolescents are classified on Z-scores only" : "this person is classified on the Z-score") (ISCD). Reported to one decimal (half away from zero); the statement is read from the reported value.",
      indent: 2)
    lines += referenceLines

    if let spine { lines += spineLines(spine) }

    section("DIAGNOSIS", into: &lines)
    lines += wrapped(diagnosis.headline, indent: 2, hanging: 4)
    if let choice = diagnosis.basisChoice, diagnosis.basisSource == .scanner || diagnosis.approximateFor != nil {
      lines += wrapped("Source: \(choice.reason).", indent: 2, hanging: 4)
    }
    if let reason = diagnosis.reason { lines += wrapped("Reason: \(reason.text)", indent: 2, hanging: 4) }
    lines += wrapped("Population: \(populationText)", indent: 2, hanging: 4)
    for statement in diagnosis.statements { lines += wrapped("- \(statement.text)", indent: 2, hanging: 4) }

    if !comparisons.isEmpty {
      section("COMPARISON WITH PRIOR STUDIES", into: &lines)
      for comparison in comparisons { lines += comparisonLines(comparison) }
    }

    if fractureRisk.applies {
      section("FRACTURE RISK", into: &lines)
      lines += fractureRiskLines
    }

    section("RECOMMENDATIONS", into: &lines)
    for recommendation in recommendations {
      lines += wrapped("- \(recommendation.text.capitalizedFirstWord)", indent: 2, hanging: 4)
    }

    section("BILLING (suggestions for the coder, not coverage decisions)", into: &lines)
    lines += billing.textLines

    if !assumptions.isEmpty || !notes.isEmpty {
      section("ASSUMPTIONS AND NOTES", into: &lines)
      for assumption in assumptions { lines += wrapped("- Assumed: \(assumption)", indent: 2, hanging: 4) }
      for note in notes { lines += wrapped("- \(note.text.capitalizedFirstWord)", indent: 2, hanging: 4) }
    }

    section("PHYSICIAN INTERPRETATION", into: &lines)
    if let impression = interpretation.impression {
      lines += wrapped("Impression: \(impression)", indent: 2, hanging: 4)
    } else {
      lines += wrapped("Impression: awaiting the interpreting physician.", indent: 2)
    }
    if let signer = interpretation.signedBy {
      lines += wrapped(
        "Electronically signed by \(signer)" + (interpretation.signedOn.map { " on \($0)" } ?? ""), indent: 2)
    } else {
      lines += wrapped("Not signed: this report awaits review.", indent: 2)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func section(_ title: String, into lines: inout [String]) {
    lines += ["", title]
  }

  private var techniqueText: String {
    let regions = sites.map(\.label).joined(separator: ", ")
    var text = "DXA of \(regions)"
    if exam.scan.vertebralFractureAssessment { text += "; vertebral fracture assessment performed" }
    if let reason = exam.scan.radiusReason, let role = SiteRole.diagnosticBecause(reason).text { text += "; \(role)" }
    return text + "."
  }

  /// People classified on the Z-score (premenopausal women, men under 50, children) get no T-score column (ISCD).
  private var showsTScores: Bool { population == .whoTScore || population == .undetermined }

  private func resultRows(_ site: SiteResult) -> [String] {
    let marker = site.role.isDiagnostic ? "" : "*"
    let name = (site.label + marker).padding(toLength: 25, withPad: " ", startingAt: 0)
    let bmd = (site.bmd?.description ?? "—").leftPadded(to: 9)
    let t = showsTScores ? (site.t.reported?.description ?? "—").leftPadded(to: 8) : ""
    let z = (site.z.reported?.description ?? "—").leftPadded(to: 8)
    let category: String
    if let found = site.classification.category, site.role.isDiagnostic {
      category = found.name(for: population)
    } else {
      category = site.role.isDiagnostic ? "none" : "not diagnostic"
    }
    var rows = ["  \(name)\(bmd)\(t)\(z)  \(category)"]
    if rows[0].count > 80 {
      rows = ["  \(name)\(bmd)\(t)\(z)"] + wrapped(category, indent: 54)
    }
    var reasons: [String] = []
    if let role = site.role.text { reasons.append(role) }
    if site.bmdSource == .recomputed, site.vertebrae != nil {
      reasons.append("BMD = ΣBMC/Σarea of the included vertebrae, to 3 decimals")
    }
    for kind in ScoreKind.allCases {
      let score = site.score(kind)
      if let text = site.sourceText(kind, maker: exam.scan.manufacturer) {
        reasons.append(text)
      } else if let missing = score.missing, missing != .notForThisPopulation, missing != .child,
        kind == .t || site.role.isDiagnostic
      {
        reasons.append(missing.statement(kind))
      }
    }
    reasons += site.notes.map(\.text)
    for reason in reasons { rows += wrapped(reason, indent: 4, hanging: 6) }
    return rows
  }

  private var referenceLines: [String] {
    var seen: [String] = []
    var scannerUsed = false
    for site in sites {
      for score in [site.t, site.z] {
        if score.source == .scanner { scannerUsed = true }
        guard case .recomputed? = score.source, let reference = score.recomputedScore?.reference else { continue }
        let line =
          "\(reference.tableID) v\(reference.tableVersion) (\(reference.point.status.rawValue)): \(reference.citation)"
        if !seen.contains(line) { seen.append(line) }
      }
    }
    if scannerUsed {
      let maker = exam.scan.manufacturer?.displayName ?? "the scanner maker (Hologic assumed)"
      seen.append("scanner: scores as printed by the scanner, from \(maker)'s own reference database")
    }
    var lines = wrapped("* reported, not used for diagnosis.", indent: 2)
    lines += seen.isEmpty ? [] : ["  References:"] + seen.flatMap { wrapped("- \($0)", indent: 4, hanging: 6) }
    var policyText = "Policy \(policy.reference.rawValue), ethnicity-fallback \(policy.ethnicityFallback.rawValue)"
    if population != .child { policyText += ", unknown-menopause \(policy.unknownMenopause.rawValue)" }
    policyText += ", spine-reference \(policy.spineReference.rawValue)"
    if policy.tScoreEthnicity != .white { policyText += ", t-score-ethnicity \(policy.tScoreEthnicity.rawValue)" }
    lines += wrapped(policyText + ".", indent: 2)
    return lines
  }

  private func spineLines(_ spine: SpineAnalysis) -> [String] {
    var lines = ["", "LUMBAR SPINE"]
    // People classified on the Z-score see no T-scores, the vertebrae's included.
    lines.append("  Vertebra  BMC g  Area cm²  BMD g/cm²" + (showsTScores ? "  T-score  Used" : "  Used"))
    for vertebra in spine.vertebrae {
      let row = vertebra.measurement
      let used = vertebra.isIncluded ? "included" : "excluded: \(row.exclusionReason ?? "no reason given")"
      let cells =
        "  " + row.site.displayName.padding(toLength: 8, withPad: " ", startingAt: 0)
        + (row.bmc?.description ?? "—").leftPadded(to: 7) + (row.area?.description ?? "—").leftPadded(to: 10)
        + (vertebra.bmd?.description ?? "—").leftPadded(to: 11)
        + (showsTScores ? (vertebra.tScore?.description ?? "—").leftPadded(to: 9) : "")
      let line = cells + "  " + used
      lines += line.count <= 80 ? [line] : [cells] + wrapped(used, indent: 6)
    }
    lines += wrapped(spine.screen.text.asSentence, indent: 2, hanging: 4)
    if let included = spine.included, let bmd = spine.exactBMD, let bmc = spine.totalBMC, let area = spine.totalArea {
      lines += wrapped(
        "Total \(included.label): ΣBMC \(bmc) g / Σarea \(area) cm² = \(bmd.roundedDecimal(places: 3)) g/cm².",
        indent: 2)
    }
    for note in spine.notes { lines += wrapped("- \(note.text.capitalizedFirstWord)", indent: 2, hanging: 4) }
    return lines
  }

  private func comparisonLines(_ comparison: PriorComparison) -> [String] {
    var lines = wrapped(
      "Against \(comparison.priorScanID) of \(comparison.priorDate) (\(comparison.years.roundedDecimal(places: 1)) years; \(comparison.isSameScanner ? "same scanner" : "different scanner")):",
      indent: 2, hanging: 4)
    for change in comparison.changes {
      switch change.outcome {
      case .notComparable(let reason):
        lines += wrapped("\(change.label): not comparable: \(reason.text).", indent: 4, hanging: 6)
      case .compared(let detail):
        var text =
          "\(change.label): \(change.priorBMD) → \(change.currentBMD) g/cm², \(detail.grams.roundedDecimal(places: 3).signedText) g/cm² (\(detail.percent.roundedDecimal(places: 1).signedText)%"
        if let perYear = detail.percentPerYear { text += ", \(perYear.roundedDecimal(places: 1).signedText)%/year" }
        text += "); "
        let lsc = detail.leastSignificantChange
        let basis = lsc.basisText(region: change.label)
        switch lsc {
        case .facility(let grams, _): text += "LSC \(grams.roundedText(3)) g/cm² (\(basis))"
        case .iscdMinimum(let percent): text += "LSC \(percent)% (\(basis))"
        case .unavailable: text += basis
        }
        if let significance = detail.significanceText { text += ": \(significance)" }
        lines += wrapped(text + ".", indent: 4, hanging: 6)
        if let warning = detail.areaWarningText {
          lines += wrapped("Warning: \(warning).", indent: 6, hanging: 8)
        }
        for note in change.notes { lines += wrapped("(\(note.text))", indent: 6, hanging: 7) }
      }
    }
    return lines
  }

  private var fractureRiskLines: [String] {
    var lines: [String] = []
    if let frax = fractureRisk.frax {
      lines += wrapped(
        "FRAX (\(frax.calculatorVersion), as provided; not computed here): 10-year major osteoporotic fracture \(frax.majorOsteoporotic)%, hip fracture \(frax.hip)%, \(frax.withBMD ? "with" : "without") BMD\(frax.isTBSAdjusted ? ", TBS-adjusted" : "").",
        indent: 2, hanging: 4)
    } else {
      lines += wrapped("FRAX: not provided.", indent: 2)
    }
    if let score = fractureRisk.femoralNeckTForFRAX {
      lines += wrapped(
        "Femoral-neck T-score for FRAX input (NHANES III White female reference): \(score.reported) (\(fractureRisk.femoralNeckLabel ?? "femoral neck")).",
        indent: 2, hanging: 4)
    } else if let bmd = fractureRisk.femoralNeckBMDForFRAX {
      lines += wrapped(
        "Femoral-neck BMD for FRAX input: \(bmd) g/cm² (\(fractureRisk.femoralNeckLabel ?? "femoral neck")), entered with the scanner's make.",
        indent: 2, hanging: 4)
    }
    for statement in fractureRisk.statements {
      lines += wrapped("- \(statement.text.capitalizedFirstWord)", indent: 2, hanging: 4)
    }
    if let tbs = fractureRisk.tbs {
      var text = "Trabecular bone score \(tbs.value)"
      if let vertebrae = tbs.vertebrae { text += " (\(vertebrae.label))" }
      if let software = tbs.softwareVersion { text += ", \(software)" }
      text += tbs.interpretation.map { ": \($0)" } ?? " (as provided)"
      lines += wrapped(text + ".", indent: 2, hanging: 4)
    }
    return lines
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}

extension ExactDecimal {
  fileprivate func roundedText(_ places: Int) -> String { Fraction(self).roundedDecimal(places: places).description }
}

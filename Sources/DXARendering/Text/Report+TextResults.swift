import DXACore

extension ReportText {
  // MARK: Results

  /// One row per region: BMD to 3 decimals, the reported scores, the category. A letter beside a value points to the
  /// appendix (where a score comes from, why one is missing); `*` marks a region not used for the diagnosis.
  mutating func writeResults() {
    let regionWidth = 28
    // The letters are known once the rows are written: the heading says what they mean when there are any.
    section("RESULTS")
    let headingIndex = lines.count - 1
    var header = "  " + "Region".rightPadded(to: regionWidth) + "BMD g/cm²".leftPadded(to: 9)
    if showsTScores { header += "  T-score" }
    header += "  Z-score  Classification"
    lines.append(header)
    for site in report.sites { writeResultRow(site, regionWidth: regionWidth) }
    var legend: [String] = []
    if !notes.isEmpty { legend.append("letters: notes in the appendix") }
    if report.sites.contains(where: { !$0.role.isDiagnostic }) { legend.append("*: not used for the diagnosis") }
    if !legend.isEmpty { lines[headingIndex] += " (" + legend.joined(separator: "; ") + ")" }
  }

  private mutating func writeResultRow(_ site: SiteResult, regionWidth: Int) {
    // The spine section shows the total's arithmetic, and a score's note says when it is approximate.
    var regionNotes: [String] = []
    if let role = site.role.text { regionNotes.append(role) }
    if site.bmdSource == .recomputed, site.vertebrae != nil, report.spine?.exactBMD == nil {
      regionNotes.append("BMD = ΣBMC/Σarea of the included vertebrae, to 3 decimals")
    }
    let region =
      site.label + (site.role.isDiagnostic ? "" : "*")
      + regionNotes.map { notes.letter(for: $0, region: site.label) }.joined()
    let bmd = site.bmd.map { $0.reportedBMD.description } ?? "—"
    var cells = "  " + region.rightPadded(to: regionWidth) + bmd.leftPadded(to: 9)
    if showsTScores { cells += scoreCell(site, .t).leftPadded(to: 9) }
    cells += scoreCell(site, .z).leftPadded(to: 9)
    let category: String
    if let found = site.classification.category, site.role.isDiagnostic {
      category = found.tableName(for: report.population)
    } else {
      category = site.role.isDiagnostic ? "none" : "not diagnostic"
    }
    let line = "\(cells)  \(category)"
    lines += line.count <= 80 ? [line] : [cells] + wrapped(category, indent: cells.count + 2)
  }

  /// "-1.6a": the reported score and the letter of its note; "—b": why there is none.
  private mutating func scoreCell(_ site: SiteResult, _ kind: ScoreKind) -> String {
    let score = site.score(kind)
    let maker = report.exam.scan.manufacturer
    if let value = score.reported {
      // A plain recomputation against the standard table needs no note; anything else says where it comes from.
      let isPlain = score.source != .scanner && score.choice == .engineStandard && score.scanner == nil
      // A scanner value equal to the recomputed one is a cross-check with nothing to say.
      let agrees = score.choice == .engineStandard && score.scanner == value
      guard !isPlain, !agrees, let text = site.sourceText(kind, maker: maker, withValue: false) else {
        return value.description + " "
      }
      return value.description + notes.letter(for: text, region: site.label)
    }
    guard let missing = score.missing, missing != .notForThisPopulation, missing != .child,
      kind == .t || site.role.isDiagnostic, missing != .noBMD || kind == .t
    else { return "— " }
    return "—" + notes.letter(for: missing.statement(kind), region: site.label)
  }

  // MARK: Lumbar spine

  /// The vertebrae across, an excluded one in parentheses; the total's arithmetic and the exclusion screen below.
  mutating func writeSpine() {
    guard let spine = report.spine, !spine.vertebrae.isEmpty else { return }
    section("LUMBAR SPINE")
    let width = 8
    let label = "  " + "Vertebra".rightPadded(to: 12)
    var names = label
    var bmds = "  " + "BMD g/cm²".rightPadded(to: 12)
    var scores = "  " + "T-score".rightPadded(to: 12)
    for vertebra in spine.vertebrae {
      let name = vertebra.measurement.site.displayName
      names += (vertebra.isIncluded ? name : "(\(name))").rightPadded(to: width)
      bmds += (vertebra.bmd.map { $0.reportedBMD.description } ?? "—").rightPadded(to: width)
      scores += (vertebra.tScore?.description ?? "—").rightPadded(to: width)
    }
    if let included = spine.included {
      names += "Total \(included.label)"
      if let bmd = spine.exactBMD { bmds += bmd.reportedBMD.description }
    }
    lines += [names, bmds]
    // People classified on the Z-score see no T-scores, the vertebrae's included.
    if showsTScores, spine.vertebrae.contains(where: { $0.tScore != nil }) { lines.append(scores) }
    var facts: [String] = []
    if let bmd = spine.exactBMD, let bmc = spine.totalBMC, let area = spine.totalArea {
      facts.append("total = ΣBMC \(bmc) g / Σarea \(area) cm² = \(bmd.reportedBMD) g/cm²")
    }
    // The technologist's exclusions in one phrase: "( ) excluded: L3 degenerative sclerosis; L4 osteophytes".
    var exclusions: [String] = []
    for note in spine.notes {
      guard case .excludedByTechnologist(let site, let reason) = note else { continue }
      exclusions.append("\(site.displayName) \(reason ?? "no reason given")")
    }
    if !exclusions.isEmpty { facts.append("( ) excluded by the technologist: " + exclusions.joined(separator: "; ")) }
    if !facts.isEmpty { lines += wrapped(facts.joined(separator: "; ").asSentence, indent: 2, hanging: 4) }
    for note in spine.notes {
      if case .excludedByTechnologist = note { continue }
      item(note.text)
    }
    item(spine.screen.text)
  }

  // MARK: VFA

  /// Whenever vertebral fracture assessment was done or billed: what was assessed and what it found.
  mutating func writeVFA() {
    let billed = report.billing.procedures.contains { $0.code == "77085" }
    guard report.exam.scan.vertebralFractureAssessment || billed else { return }
    section("VERTEBRAL FRACTURE ASSESSMENT")
    lines += wrapped(report.vfaFindingsText.asSentence, indent: 2, hanging: 4)
  }

  // MARK: Comparison

  mutating func writeComparisons() {
    for comparison in report.comparisons {
      let scanner = comparison.isSameScanner ? "same scanner" : "another scanner"
      section(
        "COMPARISON WITH \(comparison.priorScanID) OF \(comparison.priorDate) "
          + "(\(comparison.years.roundedDecimal(places: 1)) YEARS, \(scanner.uppercased()))")
      lines.append(
        "  " + "Region".rightPadded(to: 24) + "Prior".leftPadded(to: 6) + "Now".leftPadded(to: 7)
          + "Change".leftPadded(to: 8) + "%".leftPadded(to: 6) + "%/yr".leftPadded(to: 6) + "  LSC".rightPadded(to: 10)
          + "Significant")
      var remarks: [String] = []
      var usesFacilityPrecision = false
      for change in comparison.changes {
        var cells =
          "  " + change.label.rightPadded(to: 24) + change.priorBMD.reportedBMD.description.leftPadded(to: 6)
          + change.currentBMD.reportedBMD.description.leftPadded(to: 7)
        switch change.outcome {
        case .notComparable(let reason):
          cells += "  not comparable" + notes.letter(for: "not comparable: \(reason.text)", region: change.label)
        case .compared(let detail):
          cells += detail.grams.roundedDecimal(places: 3).signedText.leftPadded(to: 8)
          cells += detail.percent.roundedDecimal(places: 1).signedText.leftPadded(to: 6)
          cells += (detail.percentPerYear.map { $0.roundedDecimal(places: 1).signedText } ?? "—").leftPadded(to: 6)
          let lsc = detail.leastSignificantChange
          let lscText: String
          switch lsc {
          case .facility(let grams, _): lscText = Fraction(grams).roundedDecimal(places: 3).description
          case .iscdMinimum(let percent): lscText = "\(percent)%"
          case .unavailable: lscText = "none"
          }
          // A facility's LSC is 2.77 × its precision, said once under the table; other LSCs have a note.
          var letter = ""
          if case .facility = lsc {
            usesFacilityPrecision = true
          } else {
            letter = notes.letter(for: "LSC \(lscText): \(lsc.basisText(region: change.label))")
          }
          cells += "  " + (lscText + letter).rightPadded(to: 9)
          cells += detail.significanceShortText ?? "not judged"
          if let warning = detail.areaWarningText { remarks.append("\(change.label): \(warning)") }
          for note in change.notes { _ = notes.letter(for: note.text, region: change.label) }
        }
        lines.append(cells)
      }
      if usesFacilityPrecision { lines.append("  LSC in g/cm²: 2.77 × the facility's precision for the region.") }
      for remark in remarks { item(remark) }
    }
  }
}

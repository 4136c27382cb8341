import DXACore

extension ReportHTML {
  // MARK: Diagnosis

  mutating func writeAssessment() {
    let diagnosis = report.diagnosis
    var classes = ["diagnosis"]
    if let category = diagnosis.category { classes.append(category.rawValue) }
    if diagnosis.isSevere { classes.append("severe") }
    out += "<section id=\"assessment\">\n<h2>Computed assessment</h2>\n<div class=\"assessment\">\n"
    out += "<p class=\"\(classes.joined(separator: " "))\">\(esc(diagnosis.wording))</p>\n"
    if let label = diagnosis.basisLabel, let score = diagnosis.basisScore {
      let scoreName = diagnosis.basis == .zScore ? "Z-score" : "T-score"
      let rule = diagnosis.basis == .zScore ? "the lowest Z-score" : "the lowest T-score among the diagnostic sites"
      out += "<p>From \(rule): <strong>\(esc(label))</strong>, \(scoreName) "
      out += "<strong>\(HTMLText.score(score))</strong>"
      if let source = diagnosis.basisSourceText { out += ", \(esc(source))" }
      if let approximate = diagnosis.approximateText {
        out += " <span class=\"tag warn\">approximate</span> (\(esc(approximate)))"
      }
      out += ".</p>\n"
      if let choice = diagnosis.basisChoice { out += "<p class=\"note\">Source: \(esc(choice.reason)).</p>\n" }
    }
    if let reason = diagnosis.reason { out += "<p class=\"note\">\(esc(reason.text))</p>\n" }
    if !diagnosis.statements.isEmpty { out += list(diagnosis.statements.map(\.text)) }
    out += "<p class=\"note\">Population: \(esc(report.populationText)).</p>\n"
    out += "</div>\n</section>\n"
  }

  /// One alert per region whose scanner and engine scores disagree, before everything else.
  mutating func writeDiscrepancies() {
    for line in report.discrepancyLines {
      out += "<div class=\"banner discrepancy\" role=\"alert\">Scanner and engine disagree"
      out += "<span>\(esc(line))</span></div>\n"
    }
  }

  // MARK: Results table

  mutating func writeResults() {
    // People classified on the Z-score get no T-score column (ISCD).
    let showsT = report.population == .whoTScore || report.population == .undetermined
    out += "<section id=\"results\">\n<h2>Results</h2>\n<table class=\"results\">\n<thead><tr>"
    // No empty columns: a side only where some region has one.
    let hasSides = report.sites.contains { $0.measurement.side != nil }
    out += "<th>Region</th>" + (hasSides ? "<th>Side</th>" : "")
    out += "<th class=\"num\">BMD <span class=\"unit\">(g/cm\u{00B2})</span></th>"
    if showsT { out += "<th class=\"num\">T-score</th>" }
    out += "<th class=\"num\">Z-score</th><th>Classification</th></tr></thead>\n<tbody>\n"
    // Where a score comes from and why one is missing: each reason once, as a numbered footnote under the table,
    // so the table stays narrow enough to print.
    var footnotes: [String] = []
    for site in report.sites { writeResultRow(site, showsT: showsT, withSide: hasSides, footnotes: &footnotes) }
    out += "</tbody>\n</table>\n"
    if !footnotes.isEmpty {
      out += "<ol class=\"footnotes\">\n"
      for footnote in footnotes { out += "<li>\(esc(footnote))</li>\n" }
      out += "</ol>\n"
    }
    out += "<p class=\"note\">Each score is marked with its source: <span class=\"tag src\">recomputed</span> by "
    out += "the engine against the table named in the footer, or <span class=\"tag src scanner\">scanner</span> as "
    out += "printed by the scanner (the maker\u{2019}s database). Rows marked <span class=\"tag nd\">not "
    out += "diagnostic</span> are reported for information and never used for the diagnosis. \u{2020} BMD "
    out += "recomputed from BMC and area (\u{03A3}BMC / \u{03A3}area of the included vertebrae).</p>\n</section>\n"
  }

  /// What the Notes column says about a row: its role, missing BMD, where each score comes from, the builder's notes.
  private func rowNotes(_ site: SiteResult) -> [String] {
    var notes: [String] = []
    if let role = site.role.text { notes.append(role.capitalizedFirstWord) }
    if site.bmd == nil { notes.append(MissingScore.noBMD.text(.t).capitalizedFirstWord) }
    // The cell's tag gives every score's source and the footer its table; the note says more where there is more
    // to say: a scanner value beside the engine's, a score from the scanner, an approximate or open-table score.
    for kind in ScoreKind.allCases {
      let score = site.score(kind)
      let isPlain = score.scanner == nil && score.choice == .engineStandard && !score.isApproximate
      if !isPlain, let text = site.sourceText(kind, maker: report.exam.scan.manufacturer) { notes.append(text) }
    }
    return notes + site.notes.map(\.text)
  }

  private mutating func writeResultRow(
    _ site: SiteResult, showsT: Bool, withSide: Bool, footnotes: inout [String]
  ) {
    let isDiagnostic = site.role.isDiagnostic
    out += isDiagnostic ? "<tr>" : "<tr class=\"non-diagnostic\">"
    out += "<td>\(esc(regionName(site)))"
    for note in rowNotes(site) { out += Self.footnote("\(site.label): \(note)", in: &footnotes) }
    if !isDiagnostic { out += "<span class=\"tag nd\">not diagnostic</span>" }
    out += "</td>"
    if withSide { out += "<td>\(esc(site.measurement.side?.displayName ?? "\u{2014}"))</td>" }

    if let bmd = site.bmd {
      out += "<td class=\"num\">\(HTMLText.bmd(bmd))\(site.bmdSource == .recomputed ? "\u{2020}" : "")</td>"
    } else {
      out += "<td class=\"num noref\">none</td>"
    }

    if showsT { out += scoreCell(site.t, footnotes: &footnotes) }
    out += scoreCell(site.z, footnotes: &footnotes)

    let classification = site.classification
    if let category = classification.category {
      out += "<td class=\"cat-\(category.rawValue)\">\(esc(category.name(for: report.population)))</td>"
    } else if let reason = classification.reason, isDiagnostic, site.t.reported != nil || site.z.reported != nil {
      out += "<td class=\"noref\">none\(Self.footnote("No category: \(reason.text)", in: &footnotes))</td>"
    } else {
      out += "<td class=\"noref\">\u{2014}</td>"
    }
    out += "</tr>\n"
  }

  private func scoreCell(_ score: SiteScore, footnotes: inout [String]) -> String {
    if let value = score.reported, let source = score.source {
      let tag =
        source == .scanner
        ? "<span class=\"tag src scanner\" title=\"printed by the scanner\">scanner</span>"
        : "<span class=\"tag src\" title=\"recomputed by the engine\">recomputed</span>"
      let approximate = score.isApproximate ? "<span class=\"tag warn\">approximate</span>" : ""
      return "<td class=\"num\">\(HTMLText.score(value))\(tag)\(approximate)</td>"
    }
    guard let missing = score.missing, missing != .noBMD else { return "<td class=\"num noref\">\u{2014}</td>" }
    let text = HTMLText.capitalized(missing.text(score.kind))
    let label = if case .noReference = missing { "no reference" } else { "none" }
    return "<td class=\"num noref\">\(label)\(Self.footnote(text, in: &footnotes))</td>"
  }

  /// A superscript reference to `text` among `footnotes`, adding it when it is new.
  static func footnote(_ text: String, in footnotes: inout [String]) -> String {
    let index = footnotes.firstIndex(of: text) ?? footnotes.count
    if index == footnotes.count { footnotes.append(text) }
    return "<sup class=\"fn\">\(index + 1)</sup>"
  }

  /// "Lumbar spine (L1–L2, L4)", "Femoral neck": the region without its side, which has its own column.
  private func regionName(_ site: SiteResult) -> String {
    if let vertebrae = site.vertebrae, site.measurement.site == .lumbarSpine {
      return "Lumbar spine (\(vertebrae.label))"
    }
    return site.measurement.site.displayName
  }

  // MARK: Spine

  mutating func writeSpine() {
    guard let spine = report.spine else { return }
    out += "<section id=\"spine\">\n<h2>Lumbar spine</h2>\n<table class=\"spine\">\n<thead><tr>"
    out += "<th>Vertebra</th><th class=\"num\">BMC <span class=\"unit\">(g)</span></th>"
    out += "<th class=\"num\">Area <span class=\"unit\">(cm\u{00B2})</span></th>"
    // People classified on the Z-score see no T-scores, the vertebrae's included.
    // No empty columns: the screen's T-scores only when there are some, its flags only when a vertebra has one.
    let showsT =
      (report.population == .whoTScore || report.population == .undetermined)
      && spine.vertebrae.contains { $0.tScore != nil }
    let showsFlags = !spine.exclusionCandidates.isEmpty
    out += "<th class=\"num\">BMD <span class=\"unit\">(g/cm\u{00B2})</span></th>"
    if showsT { out += "<th class=\"num\">T (screen)</th>" }
    out += "<th>Status</th>"
    out += showsFlags ? "<th>Exclusion screen</th></tr></thead>\n<tbody>\n" : "</tr></thead>\n<tbody>\n"
    for vertebra in spine.vertebrae {
      let measurement = vertebra.measurement
      out += vertebra.isIncluded ? "<tr>" : "<tr class=\"non-diagnostic\">"
      out += "<td>\(esc(measurement.site.displayName))</td>"
      out += "<td class=\"num\">\(measurement.bmc.map { esc($0.description) } ?? "\u{2014}")</td>"
      out += "<td class=\"num\">\(measurement.area.map { esc($0.description) } ?? "\u{2014}")</td>"
      out += "<td class=\"num\">\(vertebra.bmd.map { HTMLText.bmd($0) } ?? "\u{2014}")</td>"
      if showsT { out += "<td class=\"num\">\(vertebra.tScore.map { HTMLText.score($0) } ?? "\u{2014}")</td>" }
      if vertebra.isIncluded {
        out += "<td><span class=\"tag ok\">included</span></td>"
      } else {
        out +=
          "<td><span class=\"tag warn\">excluded</span> \(esc(measurement.exclusionReason ?? "no reason given"))</td>"
      }
      let flags = spine.exclusionCandidates.filter { $0.vertebra == measurement.site }
      let flagText = flags.map { candidate in
        "differs by \(HTMLText.decimal(Fraction(candidate.difference), places: 1)) SD from "
          + candidate.neighbour.displayName
      }
      if !showsFlags {
      } else if flags.isEmpty {
        out += "<td class=\"note\">\u{2014}</td>"
      } else {
        let status =
          flags.contains(where: \.isExcluded) || !vertebra.isIncluded
          ? "<span class=\"tag ok\">candidate, excluded</span>"
          : "<span class=\"tag warn\">candidate: interpreter to decide</span>"
        out += "<td>\(status) \(flagText.map(esc).joined(separator: "; "))</td>"
      }
      out += "</tr>\n"
    }
    if let included = spine.included {
      out += "<tr class=\"total\"><td>Total \(esc(included.label))</td>"
      out += "<td class=\"num\">\(spine.totalBMC.map { esc($0.description) } ?? "\u{2014}")</td>"
      out += "<td class=\"num\">\(spine.totalArea.map { esc($0.description) } ?? "\u{2014}")</td>"
      out += "<td class=\"num\">\(spine.exactBMD.map { HTMLText.bmd($0) } ?? "\u{2014}")</td>"
      out += showsT ? "<td></td>" : ""
      out += "<td colspan=\"\(showsFlags ? 2 : 1)\">\u{03A3}BMC / \u{03A3}area of the included vertebrae</td></tr>\n"
    }
    out += "</tbody>\n</table>\n"
    var notes = [spine.screen.text.asSentence]
    let pending = spine.exclusionCandidates.filter { !$0.isExcluded }
    if !pending.isEmpty {
      notes.append(
        "Vertebrae that differ by more than 1.0 SD from a neighbour are flagged for the interpreter; the "
          + "engine never excludes a vertebra itself.")
    }
    notes += spine.notes.map(\.text)
    out += list(notes, cssClass: "note")
    out += "</section>\n"
  }

  // MARK: VFA

  /// Whenever vertebral fracture assessment was done or billed.
  mutating func writeVFA() {
    let billed = report.billing.procedures.contains { $0.code == "77085" }
    guard report.exam.scan.vertebralFractureAssessment || billed else { return }
    out += "<section id=\"vfa\">\n<h2>Vertebral fracture assessment</h2>\n"
    if let fractures = report.exam.vfa?.vertebralFractures, !fractures.isEmpty {
      out += "<table class=\"vfa\">\n<thead><tr><th>Vertebra</th><th>Genant grade</th></tr></thead>\n<tbody>\n"
      for fracture in fractures {
        out += "<tr><td>\(esc(fracture.vertebra.description))</td><td>\(esc(fracture.grade.detailedText))</td></tr>\n"
      }
      out += "</tbody>\n</table>\n"
    }
    out += "<p>\(esc(report.vfaFindingsText.asSentence))</p>\n</section>\n"
  }

  // MARK: Charts

  mutating func writeCharts() {
    for omission in report.chartOmissions {
      out += "<p class=\"note\">No BMD-versus-age chart for \(esc(omission.label)): \(esc(omission.text)).</p>\n"
    }
    guard !report.charts.isEmpty else { return }
    let showsTScoreBands = report.population == .whoTScore
    out += "<section id=\"charts\">\n<h2>Bone density and age</h2>\n<div class=\"charts\">\n"
    for (index, chart) in report.charts.enumerated() {
      let site = report.sites.first { $0.label == chart.label }
      let svg = SiteChartSVG(
        chart, identifier: "age-chart-\(index + 1)", showsTScoreBands: showsTScoreBands,
        currentZScore: site?.z.reported)
      let units = esc(HTMLText.units(chart.units))
      out += "<figure>\n<h3>\(esc(chart.label))</h3>\n\(svg.svg)<figcaption>"
      if showsTScoreBands {
        let edges = chart.tScoreBandEdges
        out += "WHO bands from the young-adult reference \(esc(chart.youngAdultTableID)), drawn where the reported "
        out += "T-score changes category: normal above \(HTMLText.decimal(edges.normalAbove, places: 4)), osteoporosis "
        out += "at or below \(HTMLText.decimal(edges.osteoporosisAtOrBelow, places: 4)) \(units)"
        if let set = site?.t.recomputedApproximateFor {
          out += ", the L1\u{2013}L4 reference for \(esc(set.label)): approximate"
        }
      } else {
        out += "Classified on the Z-score: WHO T-score bands do not apply"
      }
      if let tableID = chart.ageCurveTableID, !chart.ageCurve.isEmpty {
        out += "; age-matched mean from \(esc(tableID)), one step per published age group, as the Z-score uses it"
      }
      out += ". The patient\u{2019}s BMD is the one the results table shows"
      if let conversion = chart.conversion {
        out +=
          "; the reference (on the \(esc(conversion.referenceScale.description)) scale) is <strong>converted</strong> "
        out += "to this scanner\u{2019}s scale with \(esc(conversion.setID)) (\(esc(conversion.equation)), inverted)"
      }
      if chart.points.contains(where: \.isFromOtherMaker) {
        out += "; a prior from another maker\u{2019}s scanner is <strong>converted</strong> to this scale"
      }
      out += ".</figcaption>\n</figure>\n"
    }
    out += "</div>\n</section>\n"
  }

  // MARK: Shared

  func list(_ items: [String], cssClass: String? = nil) -> String {
    guard !items.isEmpty else { return "" }
    var text = cssClass.map { "<ul class=\"\($0)\">\n" } ?? "<ul>\n"
    for item in items { text += "<li>\(esc(item))</li>\n" }
    return text + "</ul>\n"
  }
}

private func esc(_ text: String) -> String { HTMLText.escaped(text) }

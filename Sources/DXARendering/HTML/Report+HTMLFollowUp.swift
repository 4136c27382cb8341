import DXACore

extension ReportHTML {
  // MARK: Serial change

  mutating func writeComparisons() {
    out += "<section id=\"comparison\">\n<h2>Comparison with prior exams</h2>\n"
    guard !report.comparisons.isEmpty else {
      out += "<p class=\"note\">No prior exam was provided: change in BMD cannot be assessed.</p>\n</section>\n"
      return
    }
    for comparison in report.comparisons { writeComparison(comparison) }
    let series = TrendSeries.series(of: report)
    if !series.isEmpty {
      out += "<div class=\"charts trends\">\n"
      for (index, trend) in series.enumerated() {
        let svg = TrendChartSVG(trend, identifier: "trend-chart-\(index + 1)")
        out += "<figure>\n<h3>\(esc(trend.label)): BMD over time</h3>\n\(svg.svg)<figcaption>Error bars: "
        out += "\u{00B1} the least significant change around each prior; the current value lies outside a bar "
        out += "exactly when the change from that prior is significant.</figcaption>\n</figure>\n"
      }
      out += "</div>\n"
    }
    out += "</section>\n"
  }

  private mutating func writeComparison(_ comparison: PriorComparison) {
    out += "<h3>Compared with \(esc(comparison.priorScanID)) of \(comparison.priorDate) "
    out += "(\(HTMLText.decimal(comparison.years, places: 1)) years earlier, "
    out += comparison.isSameScanner ? "same scanner)" : "different scanner)"
    // No empty columns: notes only when some region has one; the per-year rate only when the dates differ.
    let hasNotes = comparison.changes.contains { change in
      if !change.notes.isEmpty { return true }
      if case .compared(let figures) = change.outcome { return figures.areaWarningText != nil }
      return false
    }
    let hasRate = comparison.changes.contains { change in
      if case .compared(let figures) = change.outcome { return figures.percentPerYear != nil }
      return false
    }
    let hasFigures = comparison.changes.contains { if case .compared = $0.outcome { true } else { false } }
    out += "</h3>\n<table class=\"changes\">\n<thead><tr><th>Region</th><th class=\"num\">Prior BMD</th>"
    out += "<th class=\"num\">Current BMD</th>"
    if hasFigures {
      out += "<th class=\"num\">\u{0394} <span class=\"unit\">g/cm\u{00B2}</span></th><th class=\"num\">\u{0394} %</th>"
      if hasRate { out += "<th class=\"num\">% per year</th>" }
      out += "<th>LSC</th><th>Change</th>"
    } else {
      out += "<th>Change</th>"
    }
    out += hasNotes ? "<th>Notes</th></tr></thead>\n<tbody>\n" : "</tr></thead>\n<tbody>\n"
    let figureColumns = hasFigures ? (hasRate ? 5 : 4) : 1
    for change in comparison.changes {
      out += "<tr><td>\(esc(change.label))</td><td class=\"num\">\(HTMLText.bmd(change.priorBMD))"
      var notes = change.notes.map(\.text)
      switch change.outcome {
      case .notComparable(let reason):
        out += "</td><td class=\"num\">\(HTMLText.bmd(change.currentBMD))</td>"
        out += "<td colspan=\"\(figureColumns)\"><span class=\"tag warn\">not comparable</span> "
        out += "\(esc(reason.text))</td>"
      case .compared(let figures):
        if figures.priorOnCurrentScale != Fraction(change.priorBMD) {
          out += "<br><span class=\"note\">\(HTMLText.bmd(figures.priorOnCurrentScale)) on this scanner</span>"
        }
        out += "</td><td class=\"num\">\(HTMLText.bmd(change.currentBMD))</td>"
        out += "<td class=\"num\">\(HTMLText.signed(figures.grams, places: 3))</td>"
        out += "<td class=\"num\">\(HTMLText.signed(figures.percent, places: 1))</td>"
        if hasRate {
          out += "<td class=\"num\">\(figures.percentPerYear.map { HTMLText.signed($0, places: 1) } ?? "\u{2014}")</td>"
        }
        out += "<td>\(leastSignificantChange(figures.leastSignificantChange, region: change.label))</td>"
        out += "<td>\(significance(figures))</td>"
        if let warning = figures.areaWarningText { notes.insert(warning.capitalizedFirstWord, at: 0) }
      }
      out += hasNotes ? "<td class=\"note\">\(notes.map(esc).joined(separator: "<br>"))</td></tr>\n" : "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
  }

  private func leastSignificantChange(_ lsc: LeastSignificantChange, region: String) -> String {
    let basis = "<br><span class=\"note\">\(esc(lsc.basisText(region: region)))</span>"
    switch lsc {
    case .facility(let grams, _): return "\(HTMLText.bmd(grams)) g/cm\u{00B2}" + basis
    case .iscdMinimum(let percent): return "\(esc(percent.description))%" + basis
    case .unavailable: return "<span class=\"noref\">none</span>" + basis
    }
  }

  private func significance(_ figures: SiteChange.Change) -> String {
    guard let text = figures.significanceText, let isSignificant = figures.isSignificant else {
      return "<span class=\"noref\">not judged</span>"
    }
    let tag = !isSignificant ? "nd" : figures.grams.isNegative ? "bad" : "ok"
    return "<span class=\"tag \(tag)\">\(text)</span>"
  }

  /// |value| > bound, exactly.
  // MARK: Fracture risk

  mutating func writeFractureRisk() {
    let risk = report.fractureRisk
    // FRAX and the treatment thresholds are for adults: a child's report has no such section.
    guard risk.applies else { return }
    out += "<section id=\"fracture-risk\">\n<h2>Fracture risk</h2>\n<dl class=\"fields\">\n"
    if let frax = risk.frax {
      out += "<dt>FRAX 10-year probability</dt><dd>Major osteoporotic fracture <strong>"
      out += "\(esc(frax.majorOsteoporotic.description))%</strong>, hip fracture <strong>"
      out += "\(esc(frax.hip.description))%</strong> (\(frax.withBMD ? "with" : "without") femoral-neck BMD"
      out += frax.isTBSAdjusted ? ", TBS-adjusted" : ""
      out += "; \(esc(frax.calculatorVersion)); as entered, not computed here)</dd>\n"
    } else {
      out += "<dt>FRAX</dt><dd>No FRAX result was provided (FRAX is never computed by this engine).</dd>\n"
    }
    if let score = risk.femoralNeckTForFRAX {
      out += "<dt>Femoral-neck T for FRAX</dt><dd>\(HTMLText.score(score.reported))"
      if let label = risk.femoralNeckLabel { out += " (\(esc(label)))" }
      out += " on \(esc(score.reference.tableID)), the NHANES III White female reference FRAX expects</dd>\n"
    } else if let bmd = risk.femoralNeckBMDForFRAX {
      out += "<dt>Femoral-neck BMD for FRAX</dt><dd>\(HTMLText.bmd(bmd)) g/cm\u{00B2}"
      if let label = risk.femoralNeckLabel { out += " (\(esc(label)))" }
      out += ", entered with the scanner\u{2019}s make</dd>\n"
    }

    if let meets = risk.meetsTreatmentThreshold {
      out += "<dt>Treatment threshold</dt><dd>"
      out += meets ? "<span class=\"tag bad\">met</span>" : "<span class=\"tag nd\">not met</span>"
      out += " US (NOF/BHOF): low bone mass with 10-year hip \u{2265} 3% or major osteoporotic \u{2265} 20%</dd>\n"
    }
    // The treatment statement, made with or without FRAX.
    out += "<dt>Treatment (NOF/BHOF)</dt><dd>"
    if case .indicated = risk.assessment { out += "<span class=\"tag bad\">indicated</span> " }
    out += "\(esc(risk.assessment.text.capitalizedFirstWord))</dd>\n"
    if let tbs = risk.tbs {
      out += "<dt>Trabecular bone score</dt><dd>\(esc(tbs.value.description))"
      if let vertebrae = tbs.vertebrae { out += " (\(esc(vertebrae.label)))" }
      if let interpretation = tbs.interpretation { out += ", \(esc(interpretation))" }
      if let software = tbs.softwareVersion { out += "; \(esc(software))" }
      out += "; passed through as measured</dd>\n"
    }
    out += "</dl>\n"
    out += list(risk.statements.map(\.text))
    out += "</section>\n"
  }

  // MARK: Recommendations

  mutating func writeRecommendations() {
    out += "<section id=\"recommendations\">\n<h2>Recommendations</h2>\n"
    if report.recommendations.isEmpty {
      out += "<p class=\"note\">No recommendation was computed.</p>\n"
    } else {
      out += "<ul class=\"recommendations\">\n"
      for recommendation in report.recommendations {
        out += "<li><strong>\(recommendation.kind.displayName):</strong> \(esc(recommendation.text))"
        if let source = recommendation.source { out += " <span class=\"note\">(\(esc(source)))</span>" }
        out += "</li>\n"
      }
      out += "</ul>\n"
    }
    out += "</section>\n"
  }

  // MARK: Assumptions and notes

  mutating func writeAssumptionsAndNotes() {
    guard !report.assumptions.isEmpty || !report.notes.isEmpty else { return }
    out += "<section id=\"assumptions\">\n<h2>Assumptions and notes</h2>\n"
    if !report.assumptions.isEmpty {
      out += "<h3>Assumed because the exam did not say</h3>\n" + list(report.assumptions.map(\.text))
    }
    if !report.notes.isEmpty {
      out += "<h3>How this report was computed</h3>\n" + list(report.notes.map(\.text))
    }
    out += "</section>\n"
  }
}

private func esc(_ text: String) -> String { HTMLText.escaped(text) }

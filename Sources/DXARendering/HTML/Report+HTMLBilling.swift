import DXACore

extension ReportHTML {
  // MARK: Billing

  /// The billing suggestions: CPT and ICD-10-CM tables with why, then the payer's rules and what they say.
  mutating func writeBilling() {
    let billing = report.billing
    out += "<section class=\"billing\" id=\"billing\">\n<h2>Billing suggestions</h2>\n"
    out += "<p class=\"disclaimer\">Suggestions for the coder, computed from the exam. Nothing here is a coding or "
    out += "coverage decision.</p>\n"
    if !billing.procedures.isEmpty {
      out += "<table class=\"codes\">\n<thead><tr><th>Suggested CPT</th><th>Description</th><th>Why</th></tr>"
      out += "</thead>\n<tbody>\n"
      for procedure in billing.procedures {
        let code = ([procedure.code] + procedure.modifiers).joined(separator: "-")
        out += "<tr><td><strong>\(esc(code))</strong></td><td>\(esc(procedure.description))</td>"
        out += "<td class=\"note\">\(esc(procedure.reasonText))</td></tr>\n"
      }
      out += "</tbody>\n</table>\n"
    } else {
      out += "<p class=\"note\">No CPT code suggested for these sites.</p>\n"
    }
    if !billing.diagnoses.isEmpty {
      out += "<table class=\"codes\">\n<thead><tr><th>Suggested ICD-10-CM</th><th>Description</th><th>Why</th></tr>"
      out += "</thead>\n<tbody>\n"
      for diagnosis in billing.diagnoses {
        out += "<tr><td><strong>\(esc(diagnosis.code))</strong></td><td>\(esc(diagnosis.description))</td>"
        out += "<td class=\"note\">\(esc(diagnosis.reason.text))</td></tr>\n"
      }
      out += "</tbody>\n</table>\n"
    }
    let coverage = billing.coverage
    out += "<dl class=\"fields\">\n"
    for line in coverage.lines {
      out += "<dt>\(esc(line.label))</dt><dd>"
      if line.kind == .frequency, let status = coverage.findings?.frequency?.status {
        out += frequencyTag(status) + " "
      }
      if line.kind == .coverage, coverage.isNoticeAdvised {
        out +=
          "<span class=\"tag warn\">\(esc(coverage.findings?.modifiers?.notice.shortNoticeName ?? "")) advised</span> "
      }
      out += "\(esc(line.text.withFullStop))</dd>\n"
    }
    out += "</dl>\n"
    out += list(billing.notes.map(\.text.asSentence), cssClass: "note")
    out += "</section>\n"
  }

  private func frequencyTag(_ status: FrequencyCheck.Status) -> String {
    switch status {
    case .met: return "<span class=\"tag ok\">interval met</span>"
    case .notMet: return "<span class=\"tag bad\">interval not met</span>"
    case .exceptionMayApply: return "<span class=\"tag warn\">exception may apply</span>"
    case .unknown: return "<span class=\"tag nd\">not checked</span>"
    }
  }
}

private func esc(_ text: String) -> String { HTMLText.escaped(text) }

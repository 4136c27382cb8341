import DXACore

extension Report {
  /// The report as one self-contained HTML5 document: inline CSS and SVG, no scripts, nothing fetched.
  ///
  /// Pure: the same report gives the same bytes. What the engine computed is set apart from the physician's
  /// impression and signature; an unsigned report carries a preliminary banner.
  public func renderedHTML() -> String {
    var document = ReportHTML(report: self)
    document.write()
    return document.out
  }
}

/// Writes a ``Report`` as HTML, one section after another, into ``out``.
struct ReportHTML {
  let report: Report
  var out = ""

  init(report: Report) { self.report = report }

  mutating func write() {
    let exam = report.exam
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<meta name=\"generator\" content=\"DXA report engine\">\n"
    out += "<title>Bone densitometry report \u{2014} \(esc(exam.patient.id)) \u{2014} \(exam.scan.date)</title>\n"
    out += "<style>\n\(Self.stylesheet)\(pageMarginBoxes)</style>\n</head>\n<body>\n<main class=\"page\">\n"
    writeHeader()
    writeStatusBanner()
    writeDiscrepancies()
    writeAssessment()
    writeResults()
    writeSpine()
    writeVFA()
    writeCharts()
    writeComparisons()
    writeFractureRisk()
    writeRecommendations()
    writeBilling()
    writeAssumptionsAndNotes()
    writePhysician()
    writeFooter()
    out += "</main>\n</body>\n</html>\n"
  }

  // MARK: Identification

  /// Every printed page carries the patient, the exam date, the report's status and "Page n of N" (CSS paged media
  /// margin boxes, which Chromium prints from version 131).
  private var pageMarginBoxes: String {
    let patient = report.exam.patient
    let who = [patient.name, "ID \(patient.id)"].compactMap { $0 }.joined(separator: " \u{00B7} ")
    let status = report.interpretation.isSigned ? "Final report" : "PRELIMINARY \u{2014} awaiting physician review"
    let box = "font: 8pt \"Segoe UI\", \"Helvetica Neue\", Arial, \"DejaVu Sans\", sans-serif; color: #374151;"
    var css = "@page {\n"
    css += "  @top-left { content: \(HTMLText.cssString(who)); \(box) }\n"
    css +=
      "  @top-right { content: \(HTMLText.cssString("Bone density (DXA) \u{00B7} exam \(report.exam.scan.date)")); "
    css += "\(box) }\n"
    css += "  @bottom-left { content: \(HTMLText.cssString(status)); \(box) }\n"
    css += "  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); \(box) }\n"
    return css + "}\n"
  }

  private mutating func writeHeader() {
    let exam = report.exam
    let patient = exam.patient
    let scan = exam.scan
    out += "<header class=\"report-header\">\n<div class=\"masthead\">\n<div>\n"
    let facility = report.facilityName.map(esc) ?? "Bone densitometry \u{00B7} dual-energy X-ray absorptiometry"
    out += "<div class=\"facility\">\(facility)</div>\n"
    out += "<h1>Bone Density (DXA) Report</h1>\n</div>\n"
    out += "<div class=\"procedure\"><strong>\(esc(patient.name ?? patient.id))</strong>"
    out += "Scan \(esc(scan.id)) \u{00B7} \(scan.date)</div>\n</div>\n"

    out += "<div class=\"ident\">\n"
    var patientFields: [(String, String?)] = [
      ("Name", patient.name),
      ("Patient ID", patient.id),
      (patient.genderIdentity == nil ? "Sex" : "Gender identity, sex", report.personText),
      ("Age", "\(report.age.truncatedToWhole) years"),
      ("Date of birth", patient.birthDate?.description ?? "not given"),
      ("Ethnicity", patient.ethnicity.map { HTMLText.capitalized($0.displayName) }),
      ("Menopause", patient.menopause.map(HTMLText.menopause)),
    ]
    if let weight = patient.weightKilograms { patientFields.append(("Weight", "\(weight) kg")) }
    if let height = patient.heightCentimetres { patientFields.append(("Height", "\(height) cm")) }
    writePanel("Patient", patientFields)
    writePanel(
      "Exam",
      [
        ("Scan ID", scan.id),
        ("Scan date", scan.date.description),
        ("Indication", scan.indication),
        ("Referring", scan.referringProvider),
        ("Technologist", scan.technologist),
        ("VFA", scan.vertebralFractureAssessment ? "Performed" : "Not performed"),
      ])
    writePanel(
      "Scanner",
      [
        ("Maker", scan.manufacturer?.displayName ?? "not given"),
        ("Model", scan.model),
        ("Serial no.", scan.serialNumber),
        ("Software", scan.softwareVersion),
        ("Scanner ID", scan.scannerID),
      ])
    writeHistory()
    out += "</div>\n</header>\n"
  }

  private mutating func writePanel(_ title: String, _ fields: [(String, String?)]) {
    out += "<section>\n<h2>\(esc(title))</h2>\n<dl class=\"fields\">\n"
    for (name, value) in fields {
      guard let value, !value.isEmpty else { continue }
      out += "<dt>\(esc(name))</dt><dd>\(esc(value))</dd>\n"
    }
    out += "</dl>\n</section>\n"
  }

  /// History, risk factors, technique and technical quality (ISCD minimum report content).
  private mutating func writeHistory() {
    let summary = report.riskFactorSummary
    var history = summary.history.map(\.capitalizedFirstWord)
    if let date = report.exam.history.priorCoveredScanDate { history.append("Last covered bone density scan \(date)") }
    out += "<section class=\"history\">\n<h2>History, risk factors and technique</h2>\n<dl class=\"fields\">\n"
    out += "<dt>History</dt><dd>"
    out +=
      history.isEmpty ? "No fractures, glucocorticoids or therapy recorded" : history.map(esc).joined(separator: "; ")
    out += "</dd>\n<dt>Risk factors</dt><dd>"
    out += summary.present.isEmpty ? "None recorded" : summary.present.map(esc).joined(separator: "; ")
    out += "</dd>\n"
    if !summary.absent.isEmpty {
      out += "<dt>Recorded absent</dt><dd>\(summary.absent.map(esc).joined(separator: ", "))</dd>\n"
    }
    if !summary.notRecorded.isEmpty {
      out += "<dt>Not recorded</dt><dd>\(summary.notRecorded.map(esc).joined(separator: ", "))</dd>\n"
    }
    out += "<dt>Technique</dt><dd>\(esc(report.techniqueText))</dd>\n"
    let quality = report.qualityText
    if !quality.isEmpty { out += "<dt>Quality</dt><dd>\(esc(quality))</dd>\n" }
    out += "</dl>\n</section>\n"
  }

  private mutating func writeStatusBanner() {
    let interpretation = report.interpretation
    if let signer = interpretation.signedBy {
      out += "<div class=\"banner signed\" role=\"status\">Final report \u{2014} interpreted and signed by "
      out += "\(esc(signer))\(interpretation.signedOn.map { " on \($0)" } ?? "")</div>\n"
    } else {
      out += "<div class=\"banner preliminary\" role=\"alert\">PRELIMINARY \u{2014} computed, awaiting physician "
      out += "review<span>The values and statements below were computed by the DXA engine from the exam data. They "
      out += "are not a diagnosis until an interpreting physician has reviewed and signed this report.</span></div>\n"
    }
  }

  // MARK: Physician and footer

  private mutating func writePhysician() {
    let interpretation = report.interpretation
    out += "<section class=\"physician\" id=\"physician\">\n<h2>Physician interpretation</h2>\n"
    if let impression = interpretation.impression, !impression.isEmpty {
      out += "<div class=\"impression\">\(esc(impression))</div>\n"
    } else {
      out += "<p class=\"pending\">Impression to be written by the interpreting physician.</p>\n"
    }
    if let signer = interpretation.signedBy {
      out += "<p class=\"signature\">Electronically signed by <strong>\(esc(signer))</strong>"
      out += interpretation.signedOn.map { " on \($0)" } ?? ", date not recorded"
      out += ".</p>\n"
    } else {
      out += "<p class=\"pending\">Not signed: this report awaits physician review.</p>\n"
      out += "<div class=\"signature-lines\"><div>Interpreting physician (signature)</div><div>Date</div></div>\n"
    }
    out += "</section>\n"
  }

  private mutating func writeFooter() {
    let settings = report.policy.wording(population: report.population, showsSpine: report.spine != nil)
    out += "<footer>\n"
    out += "<p>Computed by the DXA engine. Settings: \(settings.map(esc).joined(separator: "; ")). "
    out += "Population: \(esc(report.populationText)). BMD in g/cm\u{00B2} to 3 decimals as measured (scores use "
    out += "every digit the exam gives); scores in exact decimal arithmetic, rounded half away from zero to 1 decimal "
    out += "and classified on the rounded value.</p>\n"
    let references = referencesUsed
    if !references.isEmpty {
      out += "<p>References: \(references.map(esc).joined(separator: "; ")).</p>\n"
    }
    out += "</footer>\n"
  }

  /// Every reference table a printed score used, once, in order of first use.
  private var referencesUsed: [String] {
    var seen: [String] = []
    for site in report.sites {
      for score in [site.t, site.z] {
        guard case .recomputed? = score.source, let reference = score.recomputedScore?.reference else { continue }
        let text = "\(reference.tableID) v\(reference.tableVersion) (\(reference.citation))"
        if !seen.contains(text) { seen.append(text) }
      }
    }
    return seen
  }
}

private func esc(_ text: String) -> String { HTMLText.escaped(text) }

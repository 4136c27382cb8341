import DXACore
import Foundation

extension Report {
  /// The report as plain text for a radiology information system: at most 80 columns, the findings first and every
  /// long reason and source in one appendix, so a typical first exam fits one printed page (60 lines) and a
  /// follow-up two. No command-line option, exam field name or file path appears in it.
  public func renderedText(version: String) -> String {
    var text = ReportText(report: self, version: version)
    text.write()
    // Every line once more through the escaping, for values placed without wrapping (table cells).
    return textOutput(text.lines.map { $0.trimmingTrailingSpaces })
  }
}

/// Writes a ``Report`` as text, section after section, into ``lines``. Sections that need the appendix (a result's
/// source, why a score is missing) put a letter beside the value and the words into ``notes``.
struct ReportText {
  let report: Report
  let version: String
  var lines: [String] = []
  /// The appendix's notes on the results, lettered in the order the report first needs them.
  var notes = LetteredNotes()

  init(report: Report, version: String) {
    self.report = report
    self.version = version
  }

  mutating func write() {
    writeHeader()
    writeDiscrepancies()
    writePatientAndExam()
    writeRiskFactors()
    writeResults()
    writeSpine()
    writeVFA()
    writeDiagnosis()
    writeComparisons()
    writeFractureRisk()
    writeRecommendations()
    writePhysician()
    // For the coder and the auditor, after what the physician signs.
    writeBilling()
    writeAppendix()
  }

  // MARK: Layout

  mutating func section(_ title: String) {
    lines += ["", title]
  }

  /// A labelled row: the label indented two, the value from column 16, wrapped under itself.
  mutating func row(_ label: String, _ value: String) {
    lines += labelled(label, value, column: 16)
  }

  /// A list item: "- " and the statement as a sentence, wrapped with a hanging indent.
  mutating func item(_ statement: String) {
    lines += wrapped("- \(statement.asSentence)", indent: 2, hanging: 4)
  }

  /// People classified on the Z-score (premenopausal women, men under 50, children) get no T-score (ISCD).
  var showsTScores: Bool { report.population == .whoTScore || report.population == .undetermined }

  // MARK: Header

  private mutating func writeHeader() {
    let status = report.interpretation.isSigned ? "FINAL" : "PRELIMINARY"
    var title = "BONE DENSITOMETRY (DXA) REPORT"
    var subtitle = ""
    // The facility beside the title when it fits, else on the line below.
    if let facility = report.facilityName {
      if title.count + 3 + facility.count + 2 + status.count <= 80 {
        title += " \u{00B7} " + facility
      } else {
        subtitle = facility + ". "
      }
    }
    lines.append(title.padding(toLength: 80 - status.count, withPad: " ", startingAt: 0) + status)
    subtitle +=
      report.interpretation.isSigned
      ? "Computed by dxa \(version); interpreted and signed below."
      : "Computed by dxa \(version); not a diagnosis until reviewed and signed."
    lines += wrapped(subtitle, indent: 0)
  }

  /// Disagreements between the scanner's and the engine's scores come first: the interpreter sees them before
  /// anything else (clinical-rules.md §11).
  private mutating func writeDiscrepancies() {
    for line in report.discrepancyLines {
      lines += [""] + wrapped("DISCREPANCY: \(line)", indent: 0, hanging: 2)
    }
  }

  // MARK: Patient, exam, risk factors

  private mutating func writePatientAndExam() {
    let exam = report.exam
    let patient = exam.patient
    let scan = exam.scan
    lines.append("")
    let body = [patient.heightCentimetres.map { "height \($0) cm" }, patient.weightKilograms.map { "weight \($0) kg" }]
    row("Patient", ([patient.name, "ID \(patient.id)"] + body).compactMap { $0 }.joined(separator: "; "))
    var person = "\(report.personText), age \(report.age.truncatedToWhole)"
    if let birth = patient.birthDate { person += " (born \(birth))" }
    if let menopause = patient.menopause { person += ", \(menopause.rawValue)menopausal" }
    if let ethnicity = patient.ethnicity { person += "; \(ethnicity.displayName)" }
    row("", person)
    let scanner = [
      scan.manufacturer?.displayName ?? "maker not given (Hologic assumed)", scan.model,
      scan.serialNumber.map { "serial \($0)" }, scan.softwareVersion.map { "software \($0)" },
    ].compactMap { $0 }.joined(separator: " ")
    row("Exam", "\(scan.id) on \(scan.date); \(scanner)")
    let indication = scan.indication ?? scan.indications.map(\.text).joined(separator: ", ")
    var referral =
      (indication.isEmpty ? "not given" : indication) + "; "
      + (scan.referringProvider.map { "referred by \($0)" } ?? "referring provider not given")
    if let technologist = scan.technologist { referral += "; technologist \(technologist)" }
    row("Indication", referral)
    row("Technique", report.techniqueText)
    let quality = report.qualityText
    if !quality.isEmpty { row("Quality", quality) }
  }

  private mutating func writeRiskFactors() {
    let factors = report.riskFactorSummary
    if !factors.history.isEmpty { row("History", factors.history.joined(separator: "; ")) }
    if factors.present.isEmpty, factors.absent.isEmpty {
      row("Risk factors", "none recorded")
      return
    }
    row("Risk factors", factors.present.isEmpty ? "none of those recorded" : factors.present.joined(separator: "; "))
    var others: [String] = []
    if !factors.absent.isEmpty { others.append("absent: " + factors.absent.joined(separator: ", ")) }
    if !factors.notRecorded.isEmpty { others.append("not recorded: " + factors.notRecorded.joined(separator: ", ")) }
    if !others.isEmpty { row("", others.joined(separator: "; ")) }
  }

  // MARK: Physician

  private mutating func writePhysician() {
    let interpretation = report.interpretation
    section("PHYSICIAN INTERPRETATION")
    if let impression = interpretation.impression {
      // The physician's paragraphs stay paragraphs, each indented under the label; other controls are escaped.
      let paragraphs = impression.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
      lines += wrapped("Impression: \(paragraphs[0])", indent: 2, hanging: 4)
      for paragraph in paragraphs.dropFirst() {
        lines += paragraph.allSatisfy(\.isWhitespace) ? [""] : wrapped(String(paragraph), indent: 4)
      }
    } else {
      lines += wrapped("Impression: awaiting the interpreting physician.", indent: 2)
    }
    if let signer = interpretation.signedBy {
      lines += wrapped(
        "Electronically signed by \(signer)" + (interpretation.signedOn.map { " on \($0)" } ?? ""), indent: 2)
    } else {
      lines += wrapped("Not signed: this report awaits review.", indent: 2)
    }
  }
}

/// Notes the appendix prints with a letter each, the same text always getting the same letter: a, b, … z, aa, ab ….
/// A note about regions names them: "Total hip (left), total hip (right): no Z-score …".
struct LetteredNotes {
  private var entries: [(text: String, regions: [String])] = []

  /// The appendix's lines, in letter order.
  var texts: [String] {
    entries.map { entry in
      entry.regions.isEmpty
        ? entry.text
        : entry.regions.enumerated().map { $0 == 0 ? $1 : $1.lowercasedFirstWord }.joined(separator: ", ") + ": "
          + entry.text
    }
  }

  var isEmpty: Bool { entries.isEmpty }

  /// The letter of `text` (about `region`, when it is about one), adding it when it is new.
  mutating func letter(for text: String, region: String? = nil) -> String {
    let index = entries.firstIndex { $0.text == text } ?? entries.count
    if index == entries.count { entries.append((text, [])) }
    if let region, !entries[index].regions.contains(region) { entries[index].regions.append(region) }
    return Self.letter(index)
  }

  static func letter(_ index: Int) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
    return index < 26 ? String(alphabet[index]) : letter(index / 26 - 1) + String(alphabet[index % 26])
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }

  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }

  func rightPadded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}

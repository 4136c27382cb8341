import DXACore
import Foundation
import Testing

/// Identifying values that appear in the inputs below and must never appear in a message.
let identifiers = [
  "P-7731-XQ", "Zyxwvuts", "Qwertyuiop", "1949-11-05", "1949-11-06", "2024-06-17", "S-5512-ZZ", "MRN 88123",
]

/// An exam as `dxa report` reads it, with identifying values from `identifiers`.
func hostileExam(
  name: String = "Zyxwvuts, Qwertyuiop", id: String = "P-7731-XQ", birth: String = "1949-11-05",
  scanDate: String = "2024-06-17", scanID: String = "S-5512-ZZ", extraScan: String = ""
) -> String {
  """
  {"format": "dxa-exam/1",
   "patient": {"id": \(json(id)), "name": \(json(name)), "sex": "female", "birth_date": "\(birth)",
               "menopause": "post"},
   "scan": {"id": \(json(scanID)), "date": "\(scanDate)", "manufacturer": "hologic"\(extraScan)},
   "measurements": [{"site": "femoral-neck", "side": "left", "bmd": 0.631},
                    {"site": "total-hip", "side": "left", "bmd": 0.772}]}
  """
}

/// A JSON string literal, with control characters as JSON escapes.
func json(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
      out += String(format: "\\u%04x", scalar.value)
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

/// What no message may hold: a control character other than the final line feed, or a bidi override.
func hasRawControls(_ text: String) -> Bool {
  text.dropLast().unicodeScalars.contains { scalar in
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
      || (0x2066...0x2069).contains(scalar.value)
  }
}

@Suite("Text output and messages: control characters escaped, identifiers never quoted")
struct MessageHygieneTests {
  @Test("a name that tries to forge a DIAGNOSIS block and drive the terminal is shown escaped, on its own line")
  func forgedReport() throws {
    let directory = try emptyDirectory()
    let forged = "Ann\n\nDIAGNOSIS\nNormal.\r\u{1B}[2J\u{7}\u{202E}evil\u{85}"
    let exam = directory.appending(path: "exam.json")
    try hostileExam(
      name: forged, extraScan: #", "technologist": "T\u000aRECOMMENDATIONS", "indication": "x\u0008\u0008y""#
    ).write(to: exam, atomically: true, encoding: .utf8)
    let run = try dxa(
      ["report", exam.path, "--as-of", "2025-01-01", "--signed-by", "Dr Real\nElectronically signed by Dr Forger"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    // One DIAGNOSIS heading, the engine's; the name is one line with its escapes visible.
    #expect(lines.filter { $0.hasPrefix("DIAGNOSIS") }.count == 1)
    #expect(
      lines.contains { $0 == "  Patient       Ann\\n\\nDIAGNOSIS\\nNormal.\\r\\u{1B}[2J\\u{7}\\u{202E}evil\\u{85}; ID" }
    )
    #expect(lines.contains { $0 == "                T\\nRECOMMENDATIONS" })
    #expect(
      lines.contains { $0.hasPrefix("  Indication    x\\u{8}\\u{8}y; referring provider not given; technologist") })
    #expect(lines.filter { $0.hasPrefix("RECOMMENDATIONS") }.count == 1)
    #expect(lines.contains { $0.contains("Electronically signed by Dr Real\\nElectronically signed by Dr Forger") })
    #expect(lines.filter { $0.contains("Electronically signed by") }.count == 1)
    #expect(!hasRawControls(run.stdout.replacing("\n", with: " ")))
  }

  @Test("the physician's impression keeps its paragraphs, each indented under it; other controls are escaped")
  func impressionParagraphs() throws {
    let directory = try emptyDirectory()
    let exam = directory.appending(path: "exam.json")
    try hostileExam().write(to: exam, atomically: true, encoding: .utf8)
    let run = try dxa([
      "report", exam.path, "--as-of", "2025-01-01", "--impression", "Low bone mass.\n\nDIAGNOSIS: see above\u{1B}[1m",
    ])
    #expect(run.status == 0)
    let section = try #require(run.stdout.components(separatedBy: "PHYSICIAN INTERPRETATION\n").last)
    #expect(section.hasPrefix("  Impression: Low bone mass.\n\n    DIAGNOSIS: see above\\u{1B}[1m\n"))
  }

  @Test(
    "messages on stderr show control characters escaped: in file names, option values and values from files",
    arguments: [
      (
        ["report", "/nonexistent/a\nDIAGNOSIS\u{1B}[2J.json"],
        "Error: /nonexistent/a\\nDIAGNOSIS\\u{1B}[2J.json: no such file"
      ),
      (
        ["score", "--site", "neck\r\u{7}", "--bmd", "0.8", "--sex", "female", "--age", "60"],
        "Error: --site: the value 'neck\\r\\u{7}' is invalid; expected one of: lumbar-spine, l1, l2, l3, l4, "
          + "femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"
      ),
      (["score", "--we\u{202E}ight"], "Error: --we\\u{202E}ight: unknown option"),
    ])
  func stderrEscaped(arguments: [String], message: String) throws {
    let run = try dxa(arguments)
    #expect(run.stderr == message + "\n")
    #expect(!hasRawControls(run.stderr))
  }

  @Test("a value read from an exam is shown escaped in its message")
  func examValueEscaped() throws {
    let directory = try emptyDirectory()
    let exam = directory.appending(path: "exam.json")
    try hostileExam().replacing(#""site": "total-hip""#, with: #""site": "total-hip\u001b]0;owned\u0007""#)
      .write(to: exam, atomically: true, encoding: .utf8)
    let run = try dxa(["report", exam.path, "--as-of", "2025-01-01"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("measurements[1].site: 'total-hip\\u{1B}]0;owned\\u{7}' is not one of: "))
    #expect(!hasRawControls(run.stderr))
  }

  @Test(
    "report errors name the file and field, never the patient's id, name or dates",
    arguments: [
      // A birth date after the scan, a prior of another patient, a prior with another birth date, a future scan.
      (hostileExam(birth: "2024-06-18"), nil, "patient.birth_date: is after the scan date"),
      (hostileExam(), hostileExam(id: "MRN 88123", scanDate: "2020-01-01"), "patient.id: differs from the exam's"),
      (
        hostileExam(), hostileExam(birth: "1949-11-06", scanDate: "2020-01-01", scanID: "S-1"),
        "patient.birth_date: differs from the exam's: another patient?"
      ),
      (hostileExam(), hostileExam(scanDate: "2024-06-17", scanID: "S-0"), "scan.date: is not earlier than the exam's"),
      (hostileExam(), hostileExam(scanDate: "2020-01-01"), "scan.id: is the exam's own"),
      (hostileExam(scanDate: "2026-02-01"), nil, "scan.date: is in the future (after the report date)"),
      (hostileExam(birth: "1949-13-05"), nil, "patient.birth_date: is not a date written YYYY-MM-DD"),
    ])
  func reportErrors(exam: String, prior: String?, message: String) throws {
    let directory = try emptyDirectory()
    try exam.write(to: directory.appending(path: "exam.json"), atomically: true, encoding: .utf8)
    var arguments = ["report", "exam.json", "--as-of", "2025-01-01"]
    if let prior {
      try prior.write(to: directory.appending(path: "prior.json"), atomically: true, encoding: .utf8)
      arguments += ["--prior", "prior.json"]
    }
    let run = try dxa(arguments, in: directory)
    #expect(run.status == 65)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    for identifier in identifiers { #expect(!run.stderr.contains(identifier), "\(identifier) in \(run.stderr)") }
    let signed = try dxa(arguments + ["--signed-by", "Dr A", "--signed-on", "2024-06-16"], in: directory)
    for identifier in identifiers { #expect(!signed.stderr.contains(identifier)) }
  }

  @Test("batch rows whose columns slipped (a comma in an unquoted name) never put a name, id or date in a message")
  func batchShiftedColumns() throws {
    let directory = try emptyDirectory()
    // The name "Zyxwvuts, Qwertyuiop" is not quoted: every column after it moves one to the right.
    let input = """
      patient_id,name,birth_date,scan_date,site,sex,bmd
      P-7731-XQ,Zyxwvuts, Qwertyuiop,1949-11-05,2024-06-17,femoral-neck,female,0.631
      S-5512-ZZ,Ann,Qwertyuiop,2024-06-17,femoral-neck,female,0.631
      MRN 88123,Bea,1949-11-06,Zyxwvuts,total-hip,female,0.772
      P-7731-XQ,Cy,1949-11-05,2024-06-17,1949-11-06,female,0.700
      P-7731-XQ,Di,1949-11-05,2024-06-17,total-hip,Zyxwvuts,0.700
      P-7731-XQ,Ed,1949-11-05,2024-06-17,total-hip,female,1949-11-06

      """
    let run = try dxa(["batch", "-", "--errors", "errors.csv", "-o", "out.csv"], input: input, in: directory)
    #expect(run.status == 65)
    // The summary lists each row's message (the errors file and the output hold the same messages beside the
    // records as read, which hold what the input holds).
    let sites = Site.allCases.map(\.rawValue).dropLast().joined(separator: ", ")
    for message in [
      "row 1, row: has 8 fields; the header has 7", "row 2, birth_date: not a date; write YYYY-MM-DD",
      "row 3, scan_date: not a date; write YYYY-MM-DD", "row 4, site: is not one of: \(sites), radius-33",
      "row 5, sex: is not one of: female, male", "row 6, bmd: is not a number",
    ] {
      #expect(run.stderr.contains("\n  \(message)\n"), "\(message)")
    }
    for identifier in identifiers { #expect(!run.stderr.contains(identifier), "\(identifier) on stderr") }
  }

  @Test("precision study messages and warnings name the row, never the patient or what a headerless first row holds")
  func precisionMessages() throws {
    let directory = try emptyDirectory()
    var rows = ["patient,site,bmd"]
    for patient in 1...14 {
      rows += ["Q\(patient),total-hip,0.9\(patient % 10)", "Q\(patient),total-hip,0.9\(patient % 7)"]
    }
    rows.append("P-7731-XQ,total-hip,0.95")
    try (rows.joined(separator: "\n") + "\n").write(
      to: directory.appending(path: "study.csv"), atomically: true, encoding: .utf8)
    let run = try dxa(["precision", "study.csv"], in: directory)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("the patient of row 30 has a single total hip scan and contributes nothing"))
    #expect(!run.stdout.contains("P-7731-XQ") && !run.stderr.contains("P-7731-XQ"))

    // A file without its header: the first row (an identifier, a name, a date) is never echoed.
    try "P-7731-XQ,Zyxwvuts,1949-11-05\nP-7731-XQ,Zyxwvuts,1949-11-05\n".write(
      to: directory.appending(path: "headerless.csv"), atomically: true, encoding: .utf8)
    let headerless = try dxa(["precision", "headerless.csv"], in: directory)
    #expect(headerless.status == 65)
    for identifier in identifiers { #expect(!headerless.stderr.contains(identifier)) }

    // A name in the bmd column, a date in the site column.
    try "patient,site,bmd\nP-7731-XQ,total-hip,Zyxwvuts\n".write(
      to: directory.appending(path: "name.csv"), atomically: true, encoding: .utf8)
    try "patient,site,bmd\nP-7731-XQ,1949-11-05,0.9\n".write(
      to: directory.appending(path: "date.csv"), atomically: true, encoding: .utf8)
    for file in ["name.csv", "date.csv"] {
      let bad = try dxa(["precision", file], in: directory)
      #expect(bad.status == 65)
      #expect(bad.stderr.hasPrefix("Error: \(file): row 2, "))
      for identifier in identifiers { #expect(!bad.stderr.contains(identifier), "\(file): \(bad.stderr)") }
    }
  }
}

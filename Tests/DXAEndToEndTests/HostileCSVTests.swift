import Foundation
import Testing

@Suite("Hostile CSV through dxa batch and dxa precision: a named row error, every row kept, memory flat")
struct HostileCSVTests {
  static let header = "patient_id,name,birth_date,scan_date,site,sex,menopause,bmd"
  static func row(_ id: String, name: String = "A B", birth: String = "1950-03-01", bmd: String = "0.558") -> String {
    "\(id),\(name),\(birth),2020-01-02,femoral-neck,female,post,\(bmd)"
  }

  @Test("stray quotes: the row is an error, kept whole in --errors, the file goes on, the output stays rectangular")
  func strayQuotes() throws {
    let directory = try emptyDirectory()
    let input =
      [
        Self.header, Self.row("P1"), Self.row("P2", name: "Jo \"JJ\" Smith"), Self.row("P3", name: "\"Ann"),
        Self.row("P4"),
      ].joined(separator: "\n") + "\n"
    let run = try dxa(["batch", "-", "-o", "out.csv", "--errors", "errors.csv"], input: input, in: directory)
    #expect(run.status == 65)
    #expect(run.stderr.contains("4 rows in, 4 rows out: 2 ok, 2 with errors\n"))
    #expect(
      run.stderr.contains(
        "  row 2, name: a quote inside an unquoted field; quote the whole field and double its quotes (\"\")\n"))
    #expect(run.stderr.contains("  row 3, name: a quoted field is not closed"))
    let output = try String(contentsOf: directory.appending(path: "out.csv"), encoding: .utf8)
    #expect(output.contains("\nP2,\"Jo \"\"JJ\"\" Smith\",1950-03-01,"))
    #expect(output.contains("\nP4,A B,1950-03-01,2020-01-02,femoral-neck,female,post,0.558,-2.5,"))
    let errors = try String(contentsOf: directory.appending(path: "errors.csv"), encoding: .utf8)
    #expect(errors.contains(",\"P2,Jo \"\"JJ\"\" Smith,1950-03-01,2020-01-02,femoral-neck,female,post,0.558\"\n"))
  }

  @Test("a CR-only file reads as rows, not one header line")
  func carriageReturnsOnly() throws {
    let input = [Self.header, Self.row("P1"), Self.row("P2")].joined(separator: "\r") + "\r"
    let run = try dxa(["batch", "-"], input: input)
    #expect(run.status == 0)
    #expect(run.stderr.hasPrefix("2 rows in, 2 rows out: 2 ok, 0 with errors\n"))
    #expect(run.stdout.split(separator: "\n").count == 3)
  }

  @Test("a 2 MiB record is one error row and the rows after it are scored; --max-record-bytes raises the limit")
  func longRecord() throws {
    let long = Self.row("P2", name: String(repeating: "n", count: 2 << 20))
    let input = [Self.header, Self.row("P1"), long, Self.row("P3")].joined(separator: "\n") + "\n"
    let run = try dxa(["batch", "-", "--errors", "errors.csv"], input: input, in: try emptyDirectory())
    #expect(run.status == 65)
    #expect(run.stderr.contains("  row 2, row: the record is longer than 1,048,576 bytes; it was not read\n"))
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(
      lines[2].hasPrefix(",,,,,,,,,,,,error,\"row: the record is longer than 1,048,576 bytes; it was not read\","))
    #expect(lines[3].hasPrefix("P3,"))
    let raised = try dxa(["batch", "-", "--quiet", "--max-record-bytes", "4194304"], input: input)
    #expect(raised.status == 0)
    let bad = try dxa(["batch", "-", "--max-record-bytes", "10"], input: input)
    #expect(bad.status == 64)
    #expect(
      bad.stderr
        == "Error: --max-record-bytes: the value '10' is invalid; expected a whole number of bytes from 1024 to 1073741824\n"
    )
  }

  @Test("a header naming a column twice, in any case: a bad header for batch (79), a usage error for precision")
  func duplicateHeader() throws {
    let batch = try dxa(["batch", "-"], input: "site,sex,age,bmd,BMD\nfemoral-neck,female,67,0.558,0.9\n")
    #expect(batch.status == 79)
    #expect(
      batch.stderr
        == "Error: -: header: columns 4 and 5 are both named 'bmd' (names are matched without regard to case or surrounding spaces); rename one\n"
    )
    let study = try temporaryFile("patient,site,bmd, Patient\nP1,total-hip,0.9,x\n", name: "study.csv")
    let precision = try dxa("precision", study)
    #expect(precision.status == 64)
    #expect(precision.stderr.hasPrefix("Error: \(study): row 1, header: columns 1 and 4 are both named 'patient'"))
  }

  @Test("a batch header that is not UTF-8 is a bad header (79); a row that is not is a row error (65), kept as read")
  func headerNotUTF8() throws {
    let directory = try emptyDirectory()
    let header = Data("site,sex,age,bmd,n".utf8) + Data([0xE9]) + Data("e\n".utf8)
    try header.write(to: directory.appending(path: "in.csv"))
    let bad = try dxa(["batch", "in.csv"], in: directory)
    #expect(bad.status == 79)
    #expect(bad.stderr == "Error: in.csv: header: not UTF-8 text; save the file as UTF-8\n")
    // A Latin-1 name in a column the batch only copies: the row is an error naming the column, its bytes kept in
    // the output and in --errors; the next row is scored; exit 65 as for any row error.
    let rows =
      Data("site,sex,age,bmd,name\nfemoral-neck,female,67,0.558,Jos".utf8) + Data([0xE9, 0x0A])
      + Data("femoral-neck,female,67,0.558,Ann\n".utf8)
    try rows.write(to: directory.appending(path: "rows.csv"))
    let run = try dxa(["batch", "rows.csv", "-o", "out.csv", "--errors", "errors.csv", "--quiet"], in: directory)
    #expect(run.status == 65)
    let output = try Data(contentsOf: directory.appending(path: "out.csv"))
    let lines = output.split(separator: 0x0A).map { Data($0) }
    #expect(lines.count == 3)
    #expect(
      lines[1]
        == Data("femoral-neck,female,67,0.558,Jos".utf8) + Data([0xE9])
        + Data(",,,,,error,name: not UTF-8 text; save the file as UTF-8,".utf8))
    #expect(String(decoding: lines[2], as: UTF8.self).hasPrefix("femoral-neck,female,67,0.558,Ann,-2.5,"))
    let errors = try Data(contentsOf: directory.appending(path: "errors.csv"))
    #expect(errors.contains(0xE9))
    #expect(String(decoding: errors, as: UTF8.self).contains("1,name: not UTF-8 text; save the file as UTF-8,"))
  }

  @Test("formula-leading values are neutralised by default and kept with --formulas keep; -2.5 stays a number")
  func formulas() throws {
    let input = "patient_id,site,sex,age,bmd,t_score_device\n=1+1,femoral-neck,female,67,0.558,-2.5\n"
    let safe = try dxa(["batch", "-", "--quiet"], input: input)
    #expect(safe.stdout.contains("\n'=1+1,femoral-neck,female,67,0.558,-2.5,-2.5,"))
    let kept = try dxa(["batch", "-", "--quiet", "--formulas", "keep"], input: input)
    #expect(kept.stdout.contains("\n=1+1,femoral-neck,female,67,0.558,-2.5,-2.5,"))
  }

  @Test("messages name the row and column, never an identifier, a name or a date")
  func noIdentifiersInMessages() throws {
    let directory = try emptyDirectory()
    let secrets = ["SECRET-ID-731", "Zebulon Quux", "1931-02-30", "1931"]
    let input =
      [
        Self.header, Self.row("SECRET-ID-731", name: "Zebulon \"Z\" Quux"),
        Self.row("SECRET-ID-731", name: "Zebulon Quux", birth: "1931-02-30"),
        Self.row("SECRET-ID-731", name: "\"Zebulon Quux"),
      ].joined(separator: "\n") + "\n"
    let run = try dxa(["batch", "-", "-o", "out.csv", "--errors", "errors.csv"], input: input, in: directory)
    #expect(run.status == 65)
    #expect(run.stderr.contains("  row 2, birth_date: not a date; write YYYY-MM-DD\n"))
    let errors = try String(contentsOf: directory.appending(path: "errors.csv"), encoding: .utf8)
    // The record column holds the row as read; the error column never quotes it.
    let messages = errors.split(separator: "\n").dropFirst().map { line in line.split(separator: ",\"")[0] }
    #expect(messages.count == 3)
    for secret in secrets {
      #expect(!run.stderr.contains(secret), "\(secret) in stderr")
      #expect(!messages.contains { $0.contains(secret) }, "\(secret) in an error message")
    }
    // A precision study names a patient with one scan by its row.
    let study = try temporaryFile(workedStudyCSV + "SECRET-ID-731,lumbar-spine,1.000\n", name: "study.csv")
    let precision = try dxa("precision", study)
    #expect(precision.status == 0)
    #expect(precision.stdout.contains("the patient of row 11 has a single lumbar spine"))
    #expect(!precision.stdout.contains("SECRET"))
  }
}

import Foundation
import Testing

/// `dxa batch` as a cluster runs it: one command for every partition, exit codes it can trust.
@Suite("dxa batch on partitions, end to end")
struct BatchPartitionCommandTests {
  static let header = "patient_id,site,sex,age,menopause,bmd"
  static let appended = ",t_score,z_score,category,reference,status,error,note\n"

  @Test("--columns @FILE (a header line with a BOM and CRLF), --skip-header, --header-only: the single run's bytes")
  func partitionsFromAColumnsFile() throws {
    let directory = try emptyDirectory()
    try Data(("\u{FEFF}" + Self.header + "\r\n").utf8).write(to: directory.appending(path: "columns.csv"))
    let rows = "P1,femoral-neck,female,67,post,0.558\nP2,total-hip,female,60,post,850\n"
    let single = try dxa(["batch", "-", "--quiet"], input: Self.header + "\n" + rows)
    #expect(single.status == 65)
    let head = try dxa(["batch", "--columns", "@columns.csv", "--header-only"], in: directory)
    #expect(head.status == 0)
    #expect(head.stdout == Self.header + Self.appended)
    let options = ["--columns", "@columns.csv", "--skip-header", "--quiet", "--exit-zero-on-row-errors"]
    let first = try dxa(["batch", "-"] + options, input: Self.header + "\n" + rows, in: directory)
    #expect(first.status == 0)
    #expect(first.stderr.isEmpty)
    #expect(head.stdout + first.stdout == single.stdout)
  }

  @Test("--exit-zero-on-row-errors: rows with errors exit 0 with a note on stderr; a bad header still fails (79)")
  func exitZeroOnRowErrors() throws {
    let input = Self.header + "\nP1,femoral-neck,female,67,post,850\n"
    let run = try dxa(["batch", "-", "--exit-zero-on-row-errors"], input: input)
    #expect(run.status == 0)
    #expect(run.stderr.hasSuffix("Note: 1 of 1 rows had errors; they are in the output with status=error\n"))
    #expect(run.stdout.contains(",error,bmd: 850 looks like mg/cm²"))
    let broken = try dxa(["batch", "-", "--exit-zero-on-row-errors"], input: "site,bmd\nfemoral-neck,0.8\n")
    #expect(broken.status == 79)
  }

  @Test("--row-offset numbers the rows in --errors and on stderr as in the whole file")
  func rowOffset() throws {
    let directory = try emptyDirectory()
    let run = try dxa(
      ["batch", "-", "--columns", Self.header, "--row-offset", "5000000", "--errors", "bad.csv", "-o", "out.csv"],
      input: "P1,femoral-neck,female,67,post,0.558\nP2,total-hip,female,60,post,850\n", in: directory)
    #expect(run.status == 65)
    #expect(run.stderr.contains("\n  row 5000002, bmd: 850 looks like mg/cm²"))
    let errors = try String(contentsOf: directory.appending(path: "bad.csv"), encoding: .utf8)
    #expect(errors.hasPrefix("row,error,record\n5000002,bmd: 850 looks like mg/cm²"))
  }

  @Test(
    "a header that cannot be used is 79, apart from rows with errors (65); option mistakes stay 64",
    arguments: [
      (["batch", "-"], "", Int32(79), "Error: -: header: the input is empty: no header line\n"),
      (
        ["batch", "-"], "site,sex,age\n", 79,
        "Error: -: header: no column for bmd; a batch needs site, bmd, sex and age or birth_date with scan_date (or a --map that gives them)\n"
      ),
      (["batch", "-", "--columns", ""], "", 79, "Error: --columns: is empty; give the column names\n"),
      (
        ["batch", "-", "--columns", "a\nb"], "", 79,
        "Error: --columns: holds more than one line; give the header line only\n"
      ),
      (
        ["batch", "-", "--skip-header"], "", 64,
        "Error: --skip-header: needs --columns; without it the input's first line is always read as its header\n"
      ),
      (
        ["batch", "-", "--header-only", "--no-header"], "", 64,
        "Error: --header-only: cannot be given with --no-header: it writes only the header\n"
      ),
      (
        ["batch", "-", "--row-offset", "-1"], "", 64,
        "Error: --row-offset: the value '-1' is invalid; expected a whole number of rows, 0 or more\n"
      ),
      (
        ["batch", "-", "--columns", "@/nonexistent/columns.csv"], "", 66,
        "Error: /nonexistent/columns.csv: no such file\n"
      ),
    ])
  func exitCodes(arguments: [String], input: String, status: Int32, message: String) throws {
    let run = try dxa(arguments, input: input)
    #expect(run.status == status)
    #expect(run.stderr == message)
    #expect(run.stdout.isEmpty)
  }
}

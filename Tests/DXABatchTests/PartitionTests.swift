import DXACSV
import Testing

@testable import DXABatch

/// A file split into partitions, each run with the same options, as Spark's `pipe()` and Hadoop Streaming run them:
/// the header once (`--header-only`), the first partition's copy of the file's header skipped (`--skip-header`), and
/// row numbers global with `--row-offset`.
@Suite("Partitions: --skip-header, --header-only, --row-offset")
struct PartitionTests {
  static let columns = "patient_id,site,sex,age,menopause,bmd"
  /// Rows 1–4; row 2 is an error (mg/cm²) and row 4 too (no such sex).
  static let rows = [
    "P1,femoral-neck,female,67,post,0.558",
    "P2,total-hip,female,60,post,850",
    "P3,total-hip,female,60,post,0.820",
    "P4,femoral-neck,x,67,post,0.558",
  ]
  static let whole = ([columns] + rows).joined(separator: "\n") + "\n"

  static func partition(_ names: String, skipHeader: Bool = true, offset: Int = 0) -> (inout BatchOptions) -> Void {
    { options in
      options.columns = names.split(separator: ",").map(String.init)
      options.skipsRepeatedHeader = skipHeader
      options.writesHeader = false
      options.rowOffset = offset
    }
  }

  @Test("partitions with the header once and row offsets give the single run's output and errors, byte for byte")
  func partitionsMatchOneRun() throws {
    let single = try runBatch(Self.whole)
    let header = try runBatch("") { options in
      options.columns = Self.columns.split(separator: ",").map(String.init)
      options.writesHeaderOnly = true
    }
    #expect(header.output == Self.columns + ",t_score,z_score,category,reference,status,error,note\n")
    #expect(header.errors == "row,error,record\n")
    #expect(header.summary.rows == 0)
    // The first partition starts with the file's header; the others with data rows.
    let first = try runBatch(
      Self.columns + "\n" + Self.rows[0] + "\n" + Self.rows[1] + "\n", configure: Self.partition(Self.columns))
    let second = try runBatch(Self.rows[2] + "\n", configure: Self.partition(Self.columns, offset: 2))
    let third = try runBatch(Self.rows[3] + "\n", configure: Self.partition(Self.columns, offset: 3))
    #expect(first.summary.skippedHeader && !second.summary.skippedHeader)
    #expect(first.summary.rows == 2 && second.summary.rows == 1 && third.summary.rows == 1)
    #expect(header.output + first.output + second.output + third.output == single.output)
    #expect(header.errors + first.errors + second.errors + third.errors == single.errors)
    #expect(third.errors.hasPrefix("4,\"sex: is not one of: female, male\""))
    #expect(third.summary.firstErrors.map(\.row) == [4])
    #expect(first.summary.firstErrors.map(\.row) == [2])
  }

  @Test(
    "a first line that repeats the names is skipped whatever its case, spaces, byte-order mark or line end",
    arguments: [
      "patient_id,site,sex,age,menopause,bmd\n",
      "\u{FEFF}patient_id,site,sex,age,menopause,bmd\r\n",
      "PATIENT_ID, Site ,sex,age,menopause,\"bmd\"\r",
    ])
  func repeatedHeaderSkipped(firstLine: String) throws {
    let run = try runBatch(firstLine + Self.rows[0] + "\n", configure: Self.partition(Self.columns))
    #expect(run.summary.skippedHeader)
    #expect(run.summary.rows == 1 && run.summary.okRows == 1)
    #expect(run.output.hasPrefix("P1,femoral-neck,female,67,post,0.558,-2.5,-1.0,osteoporosis,"))
  }

  @Test(
    "anything else in the first line is a row: data, fewer or more names, malformed CSV",
    arguments: [
      "P0,femoral-neck,female,67,post,0.558\n",
      "patient_id,site,sex,age,menopause\n",
      "patient_id,site,sex,age,menopause,bmd,extra\n",
      "patient_id,site,sex,age,menopause,\"bmd\n",
    ])
  func otherFirstLineKept(firstLine: String) throws {
    let run = try runBatch(firstLine + Self.rows[0] + "\n", configure: Self.partition(Self.columns))
    #expect(!run.summary.skippedHeader)
    #expect(run.summary.rows == 2)
  }

  @Test("an empty partition writes nothing; without --skip-header a header line is scored as a row (an error)")
  func emptyAndUnskipped() throws {
    let empty = try runBatch("", configure: Self.partition(Self.columns))
    #expect(empty.output.isEmpty && empty.errors.isEmpty && empty.summary.rows == 0)
    let unskipped = try runBatch(Self.whole, configure: Self.partition(Self.columns, skipHeader: false))
    #expect(unskipped.summary.rows == 5 && unskipped.summary.errorRows == 3)
    #expect(unskipped.errors.hasPrefix("1,"))
  }

  @Test("--header-only from given names reads nothing; from a file it reads the header line only")
  func headerOnlyReadsNothing() throws {
    var options = BatchOptions()
    options.columns = ["site", "sex", "age", "bmd"]
    options.writesHeaderOnly = true
    let output = MemorySink()
    var sinks = BatchSinks(output: output)
    var source = FailingSource()
    let summary = try BatchRunner(setup: try makeSetup(), options: options).run(input: &source, sinks: &sinks)
    #expect(output.text == "site,sex,age,bmd,t_score,z_score,category,reference,status,error,note\n")
    #expect(summary == BatchSummary())
    let fromFile = try runBatch(Self.whole) { $0.writesHeaderOnly = true }
    #expect(fromFile.output == Self.columns + ",t_score,z_score,category,reference,status,error,note\n")
    #expect(fromFile.summary.rows == 0)
  }

  /// A source that fails if it is read at all.
  struct FailingSource: ByteSource {
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(BatchIOError) -> Int {
      throw BatchIOError("read")
    }
  }
}

@Suite("Header lines given as text (--columns)")
struct HeaderLineTests {
  @Test(
    "one CSV record: quoted names keep their commas and spaces; the byte-order mark and line end are dropped",
    arguments: [
      ("a,b,c", ["a", "b", "c"]),
      ("\u{FEFF}a,b\r\n", ["a", "b"]),
      ("a,b\r", ["a", "b"]),
      ("\"last, first\", bmd ,\"x\"\"y\"\n", ["last, first", " bmd ", "x\"y"]),
      ("a,,b", ["a", "", "b"]),
    ])
  func names(line: String, expected: [String]) throws {
    #expect(try CSVHeader.names(inLine: Array(line.utf8)) == expected)
  }

  @Test(
    "an empty line, a second line or malformed CSV is refused with what is wrong",
    arguments: [
      ("", "is empty; give the column names"),
      ("\u{FEFF}\n", "is empty; give the column names"),
      ("a,b\nc,d\n", "holds more than one line; give the header line only"),
      (
        "a,\"b",
        "column 2: a quoted field is not closed (no closing quote followed by a comma or a line end within 1,048,576 bytes); the record was read to the end of its line"
      ),
    ])
  func refused(line: String, message: String) {
    #expect {
      try CSVHeader.names(inLine: Array(line.utf8))
    } throws: { error in
      (error as? CSVHeader.LineProblem)?.message == message
    }
  }
}

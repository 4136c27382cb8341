import Foundation
import Testing

@testable import DXABatch

@Suite("CSV: every input field comes back unchanged, whatever its quoting")
struct CSVRoundTripTests {
  static let good = longRow(["sex": "female", "age": "67", "menopause": "post", "site": "femoral-neck", "bmd": "0.558"])

  @Test("quoted fields with commas, quotes and line breaks pass through byte for byte")
  func trickyFields() throws {
    let input =
      "comment,\(header)\n"
      + "\"a, b\",\(Self.good)\n"
      + "\"she said \"\"hi\"\"\",\(Self.good)\n"
      + "\"two\nlines\",\(Self.good)\n"
      + "\"\",\(Self.good)\n"
      + "plain,\(Self.good)\n"
    let run = try runBatch(input)
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
    // The raw bytes of each record are copied as they were, quotes included.
    #expect(run.output.contains("\n\"a, b\",P") == false)
    #expect(lines[1].hasPrefix("\"a, b\","))
    #expect(lines[2].hasPrefix("\"she said \"\"hi\"\"\","))
    #expect(run.output.contains("\"two\nlines\","))
    let records = run.records
    #expect(records.count == 6)
    #expect(records.dropFirst().map { $0[0] } == ["a, b", "she said \"hi\"", "two\nlines", "", "plain"])
    for record in records.dropFirst() {
      #expect(record.count == records[0].count)
    }
    #expect(run.rows.allSatisfy { $0["status"] == "ok" && $0["t_score"] == "-2.5" && $0["category"] == "osteoporosis" })
  }

  @Test("a quoted value in a scored column is read without its quotes")
  func quotedValues() throws {
    let row = longRow([
      "sex": "\"female\"", "age": "\"67\"", "menopause": "post", "site": "\"femoral-neck\"", "bmd": "\" 0.558 \"",
    ])
    let run = try runBatch("\(header)\n\(row)\n")
    #expect(run.rows.first?["t_score"] == "-2.5")
    #expect(run.output.contains("\" 0.558 \""))
  }

  @Test("CRLF line ends, a byte-order mark and a last line without a line end")
  func lineEndsAndBOM() throws {
    let input = "\u{FEFF}\(header)\r\n\(Self.good)\r\n\(Self.good)"
    let run = try runBatch(input)
    #expect(run.summary.rows == 2)
    #expect(!run.output.contains("\r"))
    #expect(!run.output.hasPrefix("\u{FEFF}"))
    #expect(run.records[0][0] == "patient_id")
    #expect(run.rows.allSatisfy { $0["status"] == "ok" && $0["z_score"] == "-1.0" })
  }

  @Test("empty lines are not rows: skipped and counted")
  func emptyLines() throws {
    let input = "\(header)\n\n\(Self.good)\n\r\n\n\(Self.good)\n\n"
    let run = try runBatch(input)
    #expect(run.summary.rows == 2)
    #expect(run.summary.blankLines == 4)
    #expect(run.records.count == 3)
  }

  @Test("ragged rows keep their place: padded or cut to the header's width, marked as errors")
  func raggedRows() throws {
    let short = "p1,s1"
    let long = Self.good + ",extra,more"
    let input = "\(header)\n\(short)\n\(Self.good)\n\(long)\n"
    let run = try runBatch(input)
    let records = run.records
    #expect(records.count == 4)
    for record in records { #expect(record.count == records[0].count) }
    let rows = run.rows
    #expect(rows[0]["status"] == "error")
    #expect(rows[0]["error"] == "row: has 2 fields; the header has 17")
    #expect(rows[0]["patient_id"] == "p1" && rows[0]["scan_id"] == "s1" && rows[0]["bmd"] == "")
    #expect(rows[1]["status"] == "ok")
    #expect(rows[2]["error"] == "row: has 19 fields; the header has 17")
    // The errors file keeps the whole record, extra fields included.
    #expect(
      run.errors.contains(
        "3,row: has 19 fields; the header has 17,\"\(long.replacingOccurrences(of: "\"", with: "\"\""))\""))
  }

  @Test("a quote left open costs its own row: it is an error, kept, and the rows after it are scored")
  func unterminatedQuote() throws {
    let input = "\(header)\n\(Self.good)\n\"p2,\(Self.good.dropFirst())\n\(Self.good)\n"
    let run = try runBatch(input)
    #expect(run.summary.rows == 3)
    #expect(run.rows.map { $0["status"] } == ["ok", "error", "ok"])
    #expect(
      run.rows[1]["error"]
        == "patient_id: a quoted field is not closed (no closing quote followed by a comma or a line end within "
        + "1,048,576 bytes); the record was read to the end of its line")
    // The output row is written again, properly quoted, so it has the header's columns and its values as read.
    #expect(run.records.allSatisfy { $0.count == run.records[0].count })
    #expect(run.rows[1]["patient_id"] == "\"p2")
    #expect(run.errors.hasPrefix("row,error,record\n2,\"patient_id: a quoted field is not closed"))
  }

  @Test("header names match with padding and capitals, and stay as written in the output")
  func paddedHeader() throws {
    let run = try runBatch(" BMD ,Site,AGE,sex\n0.558,femoral-neck,67,female\n")
    #expect(run.records[0].prefix(4) == [" BMD ", "Site", "AGE", "sex"])
    #expect(run.rows[0]["t_score"] == "-2.5")
  }

  @Test("unknown columns pass through in place, in any column order")
  func columnOrder() throws {
    let input = "bmd,extra,site,age,sex\n0.558,\"x,y\",femoral-neck,67,female\n"
    let run = try runBatch(input)
    #expect(
      run.records[0] == [
        "bmd", "extra", "site", "age", "sex", "t_score", "z_score", "category", "reference",
        "status", "error", "note",
      ])
    #expect(run.rows[0]["extra"] == "x,y")
    #expect(run.rows[0]["t_score"] == "-2.5")
  }
}

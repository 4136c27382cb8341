import Testing

@testable import DXACSV

@Suite("Reading small CSV files whole (precision studies)")
struct CSVTableTests {
  @Test("quotes, doubled quotes, commas and line breaks inside quotes, CRLF, a BOM and blank lines")
  func rfc4180() throws {
    let text =
      "\u{FEFF}patient, site ,bmd\r\n\"P,1\",total-hip,0.900\r\n\r\n\"say \"\"hi\"\"\",\"two\nlines\",\r\nP3,,1.0"
    let table = try CSVTable(bytes: Array(text.utf8))
    #expect(table.header == ["patient", "site", "bmd"])
    #expect(
      table.records == [
        CSVTable.Record(row: 2, fields: ["P,1", "total-hip", "0.900"]),
        CSVTable.Record(row: 4, fields: ["say \"hi\"", "two\nlines", ""]),
        CSVTable.Record(row: 5, fields: ["P3", "", "1.0"]),
      ])
  }

  @Test("LF and lone CR end records too; a trailing newline adds nothing")
  func lineEnds() throws {
    let table = try CSVTable(bytes: Array("a,b\nx,1\ry,2\n".utf8))
    #expect(table.records.map(\.fields) == [["x", "1"], ["y", "2"]])
    #expect(table.records.map(\.row) == [2, 3])
    let crOnly = try CSVTable(bytes: Array("a,b\rx,1\ry,2\r".utf8))
    #expect(crOnly.header == ["a", "b"])
    #expect(crOnly.records.map(\.fields) == [["x", "1"], ["y", "2"]])
  }

  @Test(
    "malformed quoting names the row and the field",
    arguments: [
      ("a,b\nx,\"1\n", CSVTable.Failure(row: 2, issue: .unclosedQuote(field: 1))),
      ("a,b\nx,1\"2\"\n", CSVTable.Failure(row: 2, issue: .strayQuote(field: 1))),
      ("a,b\n\"x\"y,1\n", CSVTable.Failure(row: 2, issue: .unclosedQuote(field: 0))),
      ("", CSVTable.Failure(row: 1, issue: nil)),
      ("\n\r\n", CSVTable.Failure(row: 1, issue: nil)),
    ])
  func malformed(text: String, failure: CSVTable.Failure) {
    #expect(throws: failure) { try CSVTable(bytes: Array(text.utf8)) }
  }

  @Test("a header that names a column twice, in any case or padding, is found; empty names are not compared")
  func duplicateNames() {
    #expect(CSVHeader.firstDuplicate(in: ["patient", "bmd", " BMD "])! == (1, 2))
    #expect(CSVHeader.firstDuplicate(in: ["", "a", "", "b"]) == nil)
    #expect(CSVHeader.firstDuplicate(in: ["site", "Site"])! == (0, 1))
    #expect(
      CSVHeader.duplicateProblem(in: ["bmd", "BMD"])
        == "columns 1 and 2 are both named 'bmd' (names are matched without regard to case or surrounding spaces); "
        + "rename one")
  }
}

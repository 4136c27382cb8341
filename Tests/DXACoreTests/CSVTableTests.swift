import DXACore
import Testing

@Suite("Reading small CSV files")
struct CSVTableTests {
  @Test("quotes, doubled quotes, commas and line breaks inside quotes, CRLF, a BOM and blank lines")
  func rfc4180() throws {
    let text =
      "\u{FEFF}patient, site ,bmd\r\n\"P,1\",total-hip,0.900\r\n\r\n\"say \"\"hi\"\"\",\"two\nlines\",\r\nP3,,1.0"
    let table = try CSVTable(text: text)
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
    let table = try CSVTable(text: "a,b\nx,1\ry,2\n")
    #expect(table.records.map(\.fields) == [["x", "1"], ["y", "2"]])
    #expect(table.records.map(\.row) == [2, 3])
  }

  @Test(
    "malformed quoting names the row and column",
    arguments: [
      (
        "a,b\nx,\"1\n",
        InputError(.data, field: "column 2", row: 2, "a quoted field is not closed before the end of the file")
      ),
      (
        "a,b\nx,1\"2\"\n",
        InputError(
          .data, field: "column 2", row: 2,
          "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
      ),
      (
        "a,b\n\"x\"y,1\n",
        InputError(.data, field: "column 1", row: 2, "text after a closing quote; put the whole field in quotes")
      ),
      ("", InputError(.data, field: "header", row: 1, "the file is empty; expected a header row")),
      ("\n\r\n", InputError(.data, field: "header", row: 1, "the file is empty; expected a header row")),
    ])
  func malformed(text: String, error: InputError) {
    #expect(throws: error) { try CSVTable(text: text) }
  }
}

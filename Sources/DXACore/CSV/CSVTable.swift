/// A small comma-separated file read in full (RFC 4180): a header row, then records. For study files of a few
/// hundred rows; batch input has its own streaming byte scanner.
///
/// Fields may be quoted, with `""` for a quote inside; quoted fields may hold commas and line breaks. Records end
/// with CRLF, LF or CR. A UTF-8 byte order mark is skipped and blank lines are ignored. Rows are numbered as a
/// spreadsheet shows them: the header is row 1, blank lines count, and a quoted field with line breaks stays in its
/// row.
public struct CSVTable: Sendable, Equatable {
  public struct Record: Sendable, Equatable {
    /// The record's row, the header being row 1.
    public let row: Int
    public let fields: [String]

    public init(row: Int, fields: [String]) {
      self.row = row
      self.fields = fields
    }
  }

  /// The column names as written, surrounding spaces removed.
  public let header: [String]
  /// The data records after the header, blank lines left out.
  public let records: [Record]

  public init(text: String) throws(InputError) {
    var parser = CSVParser()
    var all: [Record] = []
    var scalars = text.unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var iterator = scalars.makeIterator()
    var pending = iterator.next()
    while let scalar = pending {
      pending = iterator.next()
      if let record = try parser.consume(scalar, next: pending) { all.append(record) }
      if parser.skipsNext { pending = iterator.next() }
    }
    if let record = try parser.finish() { all.append(record) }
    let nonBlank = all.filter { $0.fields != [""] }
    guard let first = nonBlank.first else {
      throw InputError(.data, field: "header", row: 1, "the file is empty; expected a header row")
    }
    header = first.fields.map(\.trimmingWhitespace)
    records = Array(nonBlank.dropFirst())
  }
}

private struct CSVParser {
  var row = 1
  var fields: [String] = []
  var field = ""
  var isInQuotes = false
  var isQuoted = false
  var isAfterClosingQuote = false
  /// Set when the scalar after the current one was consumed with it (a doubled quote, CRLF).
  var skipsNext = false

  mutating func consume(_ scalar: Unicode.Scalar, next: Unicode.Scalar?) throws(InputError) -> CSVTable.Record? {
    skipsNext = false
    if isInQuotes {
      if scalar == "\"" {
        if next == "\"" {
          field.unicodeScalars.append("\"")
          skipsNext = true
        } else {
          isInQuotes = false
          isAfterClosingQuote = true
        }
      } else {
        field.unicodeScalars.append(scalar)
      }
      return nil
    }
    switch scalar {
    case ",":
      endField()
      return nil
    case "\r", "\n":
      skipsNext = scalar == "\r" && next == "\n"
      return endRecord()
    case "\"":
      guard field.isEmpty && !isQuoted else {
        throw failure("a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
      }
      isInQuotes = true
      isQuoted = true
      return nil
    default:
      if isAfterClosingQuote { throw failure("text after a closing quote; put the whole field in quotes") }
      field.unicodeScalars.append(scalar)
      return nil
    }
  }

  mutating func finish() throws(InputError) -> CSVTable.Record? {
    if isInQuotes {
      throw InputError(
        .data, field: "column \(fields.count + 1)", row: row, "a quoted field is not closed before the end of the file")
    }
    guard !field.isEmpty || !fields.isEmpty || isQuoted else { return nil }
    return endRecord()
  }

  private func failure(_ message: String) -> InputError {
    InputError(.data, field: "column \(fields.count + 1)", row: row, message)
  }

  private mutating func endField() {
    fields.append(field)
    field = ""
    isQuoted = false
    isAfterClosingQuote = false
  }

  private mutating func endRecord() -> CSVTable.Record {
    endField()
    let record = CSVTable.Record(row: row, fields: fields)
    fields = []
    row += 1
    return record
  }
}

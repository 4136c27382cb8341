/// A small CSV file read whole: a header row, then records (precision studies). Read by the same scanner as batch
/// input, so both follow the same rules (``CSVWindow``); a UTF-8 byte-order mark is skipped and blank lines are not
/// records. Rows are numbered as a spreadsheet shows them: the header is row 1, blank lines count, and a quoted
/// field with line breaks stays in its row.
package struct CSVTable: Sendable, Equatable {
  package struct Record: Sendable, Equatable {
    /// The record's row, the header being row 1.
    package let row: Int
    package let fields: [String]

    package init(row: Int, fields: [String]) {
      self.row = row
      self.fields = fields
    }
  }

  /// Why a file cannot be read as a table: a record's CSV is malformed (its row, and the field), or there is no
  /// header.
  package struct Failure: Error, Equatable {
    package let row: Int
    /// nil for an empty file.
    package let issue: CSVIssue?
  }

  /// The column names as written, surrounding spaces removed.
  package let header: [String]
  /// The data records after the header, blank lines left out.
  package let records: [Record]

  package init(bytes: [UInt8], recordLimit: Int = CSVLimits.defaultRecordBytes) throws(Failure) {
    var all: [Record] = []
    var failure: Failure?
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: recordLimit)
      let fields = SpanBuffer()
      var position = buffer.starts(with: CSVByte.byteOrderMark) ? CSVByte.byteOrderMark.count : 0
      var row = 1
      while position < buffer.count {
        let record = window.splitRecord(from: position, to: buffer.count, into: fields)
        if let issue = record.issue {
          failure = Failure(row: row, issue: issue)
          return
        }
        if fields.count > 1 || !fields[0].isEmpty || fields[0].isQuoted {
          all.append(Record(row: row, fields: fields.spans.map { $0.string(base) }))
        }
        position = record.next
        row += 1
      }
    }
    if let failure { throw failure }
    guard let first = all.first else { throw Failure(row: 1, issue: nil) }
    header = first.fields.map(CSVHeader.trimmed)
    records = Array(all.dropFirst())
  }
}

/// Column names as headers give them: matched with surrounding spaces removed and without regard to case.
package enum CSVHeader {
  /// `name` without leading and trailing spaces and tabs.
  package static func trimmed(_ name: String) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(name.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }

  /// The form names are compared in: trimmed and lowercased.
  package static func key(_ name: String) -> String { trimmed(name).lowercased() }

  /// What is wrong with a header that names a column twice, or nil: one wording for batch and precision.
  package static func duplicateProblem(in names: [String]) -> String? {
    guard let (first, second) = firstDuplicate(in: names) else { return nil }
    return "columns \(first + 1) and \(second + 1) are both named '\(key(names[first]))' (names are matched without "
      + "regard to case or surrounding spaces); rename one"
  }

  /// The first two columns (0-based) whose names are equal as ``key(_:)`` compares them (`bmd` and ` BMD`); empty
  /// names are left out, as no column is looked up by one.
  package static func firstDuplicate(in names: [String]) -> (first: Int, second: Int)? {
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() {
      let key = key(name)
      guard !key.isEmpty else { continue }
      if let first = seen[key] { return (first, index) }
      seen[key] = index
    }
    return nil
  }
}

extension CSVHeader {
  /// Why a header line given as text cannot be read: its CSV is malformed, it is empty, or it holds more lines.
  package struct LineProblem: Error, Equatable {
    package let message: String
  }

  /// The names of a header line given as text (`dxa batch --columns`), as the batch reads a header: one CSV record,
  /// so a quoted name may hold a comma; a UTF-8 byte-order mark before it and its line end (LF, CRLF or CR) are
  /// dropped, and names are kept as written (spaces too), so an output header repeats them byte for byte.
  package static func names(inLine bytes: [UInt8], recordLimit: Int = CSVLimits.defaultRecordBytes)
    throws(LineProblem) -> [String]
  {
    let start = bytes.starts(with: CSVByte.byteOrderMark) ? CSVByte.byteOrderMark.count : 0
    var result: Result<[String], LineProblem> = .failure(LineProblem(message: "is empty; give the column names"))
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, start < buffer.count else { return }
      let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: recordLimit)
      let fields = SpanBuffer()
      let record = window.splitRecord(from: start, to: buffer.count, into: fields)
      if let issue = record.issue {
        let column = issue.field.map { "column \($0 + 1): " } ?? ""
        result = .failure(LineProblem(message: column + issue.message(recordLimit: recordLimit)))
      } else if record.next < buffer.count {
        result = .failure(LineProblem(message: "holds more than one line; give the header line only"))
      } else if fields.count > 1 || !fields[0].isEmpty || fields[0].isQuoted {
        result = .success(fields.spans.map { $0.string(base) })
      }
    }
    return try result.get()
  }
}

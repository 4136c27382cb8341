import DXACSV
import DXACore

/// One exported table read whole: its column names and its records, each with its row in the file.
///
/// The one place the importers meet the CSV scanner: the one of `DXACSV` that batch input and precision studies
/// are read with, so an exported table follows the same rules (``CSVTable``).
public struct TableFile: Sendable {
  /// The file's name, as messages give it (`Hip.csv`).
  public let name: String
  /// The column names, surrounding spaces removed.
  public let columns: [String]
  /// The records after the header; blank lines are left out.
  public let rows: [TableRow]

  /// Reads a table from the bytes of its file. Errors name the file: not UTF-8, or no header line.
  public init(name: String, bytes: [UInt8]) throws(InputError) {
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw InputError(.data, field: name, "not UTF-8 text; export the table as UTF-8 (mdb-export does)")
    }
    // Rows as a spreadsheet numbers them: the header is row 1 and blank lines count.
    let table: CSVTable
    do {
      table = try CSVTable(bytes: bytes)
    } catch {
      guard let issue = error.issue else {
        throw InputError(.data, field: name, row: 1, "the file is empty; expected a header row")
      }
      let column = issue.field.map { ", column \($0 + 1)" } ?? ""
      throw InputError(
        .data, field: name + column, row: error.row, issue.message(recordLimit: CSVLimits.defaultRecordBytes))
    }
    self.name = name
    columns = table.header
    rows = table.records.map { TableRow(row: $0.row, fields: $0.fields) }
  }

  /// The index of a column, matched without regard to case or surrounding spaces.
  public func column(_ wanted: String) -> Int? {
    columns.firstIndex { $0.caseInsensitiveEquals(wanted) }
  }
}

/// Records written as CSV, the way the batch writes its own output: quoted where RFC 4180 needs it, and values a
/// spreadsheet would run as a formula neutralised (``CSVText``).
public enum CSVLine {
  /// One record, ending in LF.
  public static func render(_ fields: [String]) -> String {
    String(decoding: CSVText.record(fields, neutralisingFormulas: true), as: UTF8.self)
  }
}

/// One record of a table.
public struct TableRow: Sendable {
  /// The record's row in the file, the header being row 1.
  public let row: Int
  let fields: [String]

  /// The value in column `index`, or nil when the column is absent or the record is short of it.
  public subscript(index: Int?) -> String? {
    guard let index, index < fields.count else { return nil }
    return fields[index]
  }
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }

  func caseInsensitiveEquals(_ other: String) -> Bool {
    lowercased() == other.lowercased()
  }
}

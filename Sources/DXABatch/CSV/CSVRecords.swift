/// Every record of a small CSV file held in memory, split by the batch's byte-level scanner (``RecordScanner``),
/// for the importers, which read whole tables. `package` access: a door for the other modules of this package,
/// not a product API.
package enum CSVRecords {
  /// The records of `bytes` as text fields, in order (a UTF-8 byte-order mark before the first is dropped; lines
  /// end with LF or CRLF; quoted fields may hold commas, doubled quotes and line breaks). Empty lines are kept as
  /// records of one empty field, so a record's position is its row in the file.
  package static func split(_ bytes: [UInt8]) -> [[String]] {
    var start = bytes.starts(with: CSVByte.byteOrderMark) ? CSVByte.byteOrderMark.count : 0
    var records: [[String]] = []
    let spans = SpanBuffer()
    var scratch: [UInt8] = []
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      while start < buffer.count {
        let (_, next, _) = RecordScanner.splitRecord(base, from: start, to: buffer.count, into: spans)
        records.append(
          spans.spans.map { span in
            guard span.hasQuote else {
              return String(
                decoding: UnsafeBufferPointer(start: base + span.start, count: span.end - span.start), as: UTF8.self)
            }
            RecordScanner.decode(span, base, scratch: &scratch)
            return String(decoding: scratch, as: UTF8.self)
          })
        start = next
      }
    }
    return records
  }

  /// One record as a CSV line ending in LF, fields quoted as the batch output quotes them (only when they hold a
  /// comma, a quote or a line break).
  package static func line(_ fields: [String]) -> String {
    String(decoding: Array(fields.map(CSVText.field).joined(separator: [CSVByte.comma])), as: UTF8.self) + "\n"
  }
}

@testable import DXACSV

/// A record as the scanner reads it: its fields' values and its issue.
struct ScannedRecord: Equatable, CustomStringConvertible {
  var fields: [String]
  var issue: CSVIssue?

  var description: String { "\(fields)\(issue.map { " \($0)" } ?? "")" }
}

/// Every record of `text`, read whole, with the boundaries where each ends.
func scan(_ text: String, recordLimit: Int = CSVLimits.defaultRecordBytes) -> (
  records: [ScannedRecord], starts: [Int], isLastTerminated: Bool
) {
  scan(Array(text.utf8), recordLimit: recordLimit)
}

func scan(_ bytes: [UInt8], recordLimit: Int = CSVLimits.defaultRecordBytes) -> (
  records: [ScannedRecord], starts: [Int], isLastTerminated: Bool
) {
  bytes.withUnsafeBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return ([], [], false) }
    let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: recordLimit)
    let fields = SpanBuffer()
    var records: [ScannedRecord] = []
    var starts: [Int] = []
    var position = 0
    var isTerminated = false
    while position < buffer.count {
      let record = window.splitRecord(from: position, to: buffer.count, into: fields)
      records.append(ScannedRecord(fields: fields.spans.map { $0.string(base) }, issue: record.issue))
      isTerminated = record.contentEnd < record.next
      position = record.next
      starts.append(position)
    }
    return (records, starts, isTerminated)
  }
}

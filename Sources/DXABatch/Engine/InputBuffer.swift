import DXACSV
import DXACore
import DXAPlatform

/// The input, held one buffer at a time: bytes not yet processed sit at the front, the next read goes after them.
///
/// The buffer never grows past what one decision needs (about twice the record limit, ``maximumCapacity``): a
/// record too long for that is skipped as it streams by (``skipRecord(from:)``), so memory stays flat whatever
/// the input holds.
struct InputBuffer {
  private(set) var storage: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  private(set) var count = 0
  private(set) var isAtEnd = false
  /// Bytes consumed before the first record (a byte-order mark and the header), for progress.
  private(set) var skippedPrefix = 0
  let recordLimit: Int

  init(capacity: Int, recordLimit: Int) {
    self.capacity = capacity
    self.recordLimit = recordLimit
    storage = .allocate(capacity: capacity)
  }

  func deallocate() { storage.deallocate() }

  var base: UnsafePointer<UInt8> { UnsafePointer(storage) }
  var isEmpty: Bool { count == 0 }

  /// The bytes in the buffer as the CSV scanner sees them.
  var window: CSVWindow {
    CSVWindow(base: base, count: count, isEndOfInput: isAtEnd, recordLimit: recordLimit)
  }

  /// With this many bytes from a record's start every decision about a record within the limit can be made: a
  /// quoted field may close up to `recordLimit` bytes after a quote that is up to `recordLimit` bytes in.
  var maximumCapacity: Int { 2 * recordLimit + 2 }

  /// Whether the buffer is full, holds no whole record, and may not grow: its first record is longer than the limit.
  var isFullWithoutRecord: Bool { !isAtEnd && count == capacity && capacity >= maximumCapacity }

  /// Reads until the buffer is full or the input ends.
  mutating func fill(from source: inout some ByteSource) throws(BatchIOError) {
    while !isAtEnd && count < capacity {
      let read = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + count, count: capacity - count))
      if read == 0 { isAtEnd = true } else { count += read }
    }
  }

  /// Doubles the capacity (up to ``maximumCapacity``), for a record longer than the buffer.
  mutating func grow() {
    let newCapacity = max(capacity + 1, min(capacity * 2, maximumCapacity))
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }

  /// Drops the bytes before `end`, moving the rest to the front.
  mutating func consume(upTo end: Int) {
    if end < count { Bytes.move(count - end, from: storage + end, to: storage) }
    count -= end
  }

  /// Takes the bytes of `other` after `end` (a record boundary), and whether its input has ended: the next round
  /// goes on where the previous one's whole records stop. `other` keeps its bytes (its round may still be scored);
  /// it may be this buffer itself, whose bytes after `end` then move to its front (`update(from:count:)` allows the
  /// regions to overlap).
  mutating func take(from other: InputBuffer, after end: Int) {
    let tail = other.count - end
    if capacity < other.capacity {
      storage.deallocate()
      capacity = other.capacity
      storage = .allocate(capacity: capacity)
    }
    if tail > 0 { storage.update(from: other.storage + end, count: tail) }
    count = tail
    isAtEnd = other.isAtEnd
  }

  mutating func skipByteOrderMark() {
    if count >= 3, (0..<3).allSatisfy({ storage[$0] == CSVByte.byteOrderMark[$0] }) {
      consume(upTo: 3)
      skippedPrefix += 3
    }
  }

  /// The end of the first record (after its line end), if the buffer holds a whole one.
  func firstRecordEnd() -> Int? {
    var boundaries = RecordBoundaries(window)
    if case .recordStart(let end) = boundaries.recordStart(after: 0, from: 0) { return end }
    return nil
  }

  /// Reads and consumes the header line; nil when the input is empty.
  mutating func readHeader() throws(InputError) -> [String]? {
    guard count > 0 else { return nil }
    let spans = SpanBuffer()
    let end = firstRecordEnd() ?? count
    let record = window.splitRecord(from: 0, to: end, into: spans)
    if let issue = record.issue {
      let column = issue.field.map { "column \($0 + 1): " } ?? ""
      throw InputError(.data, field: "header", column + issue.message(recordLimit: recordLimit))
    }
    if !UTF8Check.isValid(UnsafeBufferPointer(start: base, count: record.contentEnd)) {
      throw InputError(.data, field: "header", "not UTF-8 text; save the file as UTF-8")
    }
    let names = spans.spans.map { $0.string(base) }
    consume(upTo: record.next)
    skippedPrefix += record.next
    return names
  }

  /// Consumes the first record when it names `columns` (as headers are compared: without regard to case or
  /// surrounding spaces), as the first partition of a split file starts with the file's header; returns whether it
  /// did. Anything else (a data row, malformed CSV, text that is not UTF-8) stays, to be read as a row.
  mutating func skipRecord(repeating columns: [String]) -> Bool {
    guard count > 0 else { return false }
    let spans = SpanBuffer()
    let record = window.splitRecord(from: 0, to: firstRecordEnd() ?? count, into: spans)
    guard record.issue == nil, spans.count == columns.count,
      UTF8Check.isValid(UnsafeBufferPointer(start: base, count: record.contentEnd)),
      spans.spans.map({ CSVHeader.key($0.string(base)) }) == columns.map(CSVHeader.key)
    else { return false }
    consume(upTo: record.next)
    skippedPrefix += record.next
    return true
  }

  /// The end of the buffer's whole records; nil when it does not hold one yet. At the end of the input the last
  /// record needs no line end.
  func wholeRecordsEnd() -> Int? {
    if isAtEnd { return count }
    var boundaries = RecordBoundaries(window)
    return lastRecordEnd(&boundaries)
  }

  /// The end of the last whole record in the buffer.
  private func lastRecordEnd(_ boundaries: inout RecordBoundaries) -> Int? {
    // Jump near the end first, then to the buffer's last line end: a record ends there unless that line end is in a
    // quoted field or undecided (a CR last in the buffer), and then the tail is walked record by record.
    var last: Int?
    let tail = max(0, count - (64 << 10))
    if tail > 0, case .recordStart(let near) = boundaries.recordStart(after: tail, from: 0) { last = near }
    if let lineEnd = lastLineEnd(from: last ?? 0),
      case .recordStart(let end) = boundaries.recordStart(after: lineEnd, from: last ?? 0)
    {
      last = end
    }
    while case .recordStart(let next) = boundaries.recordStart(after: last ?? 0, from: last ?? 0) {
      last = next
    }
    return last
  }

  /// The last LF or CR in `start..<count`.
  private func lastLineEnd(from start: Int) -> Int? {
    var position = count - 1
    while position >= start {
      if storage[position] == CSVByte.newline || storage[position] == CSVByte.carriageReturn { return position }
      position -= 1
    }
    return nil
  }

  /// Consumes the first record, which is too long for the buffer, reading on until it ends; returns the bytes
  /// skipped. Nothing of it is kept.
  mutating func skipRecord(from source: inout some ByteSource) throws(BatchIOError) -> Int {
    var skipped = 0
    var isFieldStart = true
    while true {
      var boundaries = RecordBoundaries(window)
      switch boundaries.recordStart(after: 0, from: 0, isFieldStart: isFieldStart) {
      case .recordStart(let end):
        consume(upTo: end)
        return skipped + end
      case .endOfInput:
        skipped += count
        consume(upTo: count)
        return skipped
      case .undecided(let position, let fieldStart):
        // A decision needs bytes not yet read: drop what is decided and read on. The buffer holds more than one
        // decision needs, so the position always moves.
        let safe = position > 0 ? position : count
        skipped += safe
        consume(upTo: safe)
        isFieldStart = position > 0 ? fieldStart : false
        try fill(from: &source)
      }
    }
  }
}

import Glibc

/// The input, held one buffer at a time: bytes not yet processed sit at the front, the next read goes after them.
struct InputBuffer {
  private(set) var storage: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  private(set) var count = 0
  private(set) var isAtEnd = false
  /// Bytes consumed before the first record (a byte-order mark and the header), for progress.
  private(set) var skippedPrefix = 0

  init(capacity: Int) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  func deallocate() { storage.deallocate() }

  var base: UnsafePointer<UInt8> { UnsafePointer(storage) }
  var isEmpty: Bool { count == 0 }

  /// Reads until the buffer is full or the input ends.
  mutating func fill(from source: inout some ByteSource) throws(BatchIOError) {
    while !isAtEnd && count < capacity {
      let read = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + count, count: capacity - count))
      if read == 0 { isAtEnd = true } else { count += read }
    }
  }

  /// Doubles the capacity, for a record longer than the buffer.
  mutating func grow() {
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity *= 2
  }

  /// Drops the bytes before `end`, moving the rest to the front.
  mutating func consume(upTo end: Int) {
    if end < count { memmove(storage, storage + end, count - end) }
    count -= end
  }

  mutating func skipByteOrderMark() {
    if count >= 3, (0..<3).allSatisfy({ storage[$0] == CSVByte.byteOrderMark[$0] }) {
      consume(upTo: 3)
      skippedPrefix += 3
    }
  }

  /// The end of the first record (after its line feed), if the buffer holds a whole one.
  func firstRecordEnd() -> Int? {
    RecordScanner.recordStart(after: 0, in: base, from: 0, to: count)
  }

  /// Reads and consumes the header line; nil when the input is empty.
  mutating func readHeader() -> [String]? {
    guard count > 0 else { return nil }
    let spans = SpanBuffer()
    let end = firstRecordEnd() ?? count
    let record = RecordScanner.splitRecord(base, from: 0, to: end, into: spans)
    var scratch: [UInt8] = []
    let names = spans.spans.map { span in
      RecordScanner.decode(span, base, scratch: &scratch)
      return String(decoding: scratch, as: UTF8.self)
    }
    consume(upTo: record.next)
    skippedPrefix += record.next
    return names
  }

  /// `pieces + 1` offsets that cut the buffer's whole records into `pieces` runs of about equal size (some may be
  /// empty); nil when the buffer does not hold one whole record yet. At the end of the input the last record needs
  /// no line feed.
  func cuts(pieces: Int) -> [Int]? {
    let end: Int
    if isAtEnd {
      end = count
    } else {
      guard let last = lastRecordEnd() else { return nil }
      end = last
    }
    var cuts = [0]
    for index in 1..<pieces {
      let previous = cuts[index - 1]
      let target = end * index / pieces
      if target <= previous {
        cuts.append(previous)
        continue
      }
      let next = RecordScanner.recordStart(after: target - 1, in: base, from: previous, to: end) ?? end
      cuts.append(min(next, end))
    }
    cuts.append(end)
    return cuts
  }

  /// The end of the last whole record in the buffer.
  private func lastRecordEnd() -> Int? {
    // Look near the end first; records are short, so the tail rarely needs a second look.
    var start = 0
    var position: Int? = nil
    let tail = max(0, count - (64 << 10))
    if tail > 0, let near = RecordScanner.recordStart(after: tail, in: base, from: 0, to: count) {
      position = near
      start = near
    } else if let first = RecordScanner.recordStart(after: 0, in: base, from: 0, to: count) {
      position = first
      start = first
    }
    guard var last = position else { return nil }
    while let next = RecordScanner.recordStart(after: start, in: base, from: start, to: count) {
      last = next
      start = next
    }
    return last
  }
}

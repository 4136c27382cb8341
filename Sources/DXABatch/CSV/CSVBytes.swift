/// The bytes that structure a CSV file (RFC 4180).
enum CSVByte {
  static let comma = UInt8(ascii: ",")
  static let quote = UInt8(ascii: "\"")
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  /// The UTF-8 byte-order mark some exporters put before the header.
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}

/// One field of a record: where its bytes are in the buffer, as written (quotes included).
struct FieldSpan: Sendable, Equatable {
  var start: Int
  var end: Int
  /// Whether the raw bytes hold a quote, so the value must be decoded (`"a ""b"""` is `a "b"`).
  var hasQuote: Bool

  var isEmpty: Bool { start == end }
}

/// The fields of the record being read, in memory that the scanner and the reader share without copying.
final class SpanBuffer: @unchecked Sendable {
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<FieldSpan>
  @exclusivity(unchecked) private(set) var count = 0
  @exclusivity(unchecked) private var capacity: Int

  init(capacity: Int = 64) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  var spans: UnsafeBufferPointer<FieldSpan> { UnsafeBufferPointer(start: base, count: count) }

  subscript(index: Int) -> FieldSpan { base[index] }

  @inline(__always)
  func removeAll() { count = 0 }

  @inline(__always)
  func append(_ span: FieldSpan) {
    if count == capacity {
      let grown = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
      grown.moveInitialize(from: base, count: count)
      base.deallocate()
      base = grown
      capacity *= 2
    }
    (base + count).initialize(to: span)
    count += 1
  }
}

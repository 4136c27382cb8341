/// The bytes that structure a CSV file (RFC 4180).
package enum CSVByte {
  package static let comma = UInt8(ascii: ",")
  package static let quote = UInt8(ascii: "\"")
  package static let newline = UInt8(ascii: "\n")
  package static let carriageReturn = UInt8(ascii: "\r")
  /// The UTF-8 byte-order mark some exporters put before the header.
  package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Whether `byte` ends a field or a record (a quoted field's closing quote must be followed by one).
  @inline(__always)
  package static func isSeparator(_ byte: UInt8) -> Bool {
    byte == comma || byte == newline || byte == carriageReturn
  }
}

/// The default limit on a record's length, and on how far a quoted field may run before it must close.
package enum CSVLimits {
  package static let defaultRecordBytes = 1 << 20
}

/// One field of a record: where its bytes are in the buffer, as written (quotes included).
package struct FieldSpan: Sendable, Equatable {
  package var start: Int
  package var end: Int
  /// A quoted field (`"a, b"`): its value is the bytes between the quotes.
  package var isQuoted: Bool
  /// A quoted field holding doubled quotes (`"say ""hi"""`): its value must be decoded.
  package var hasEscapedQuotes: Bool

  package init(start: Int, end: Int, isQuoted: Bool = false, hasEscapedQuotes: Bool = false) {
    self.start = start
    self.end = end
    self.isQuoted = isQuoted
    self.hasEscapedQuotes = hasEscapedQuotes
  }

  package var isEmpty: Bool { start == end }

  /// Where the value's bytes start and end, quotes excluded.
  @inline(__always) package var valueStart: Int { isQuoted ? start + 1 : start }
  @inline(__always) package var valueEnd: Int { isQuoted ? end - 1 : end }

  /// The value: the bytes between the quotes with doubled quotes made single, or the bytes as written.
  package func decode(_ base: UnsafePointer<UInt8>, into scratch: inout [UInt8]) {
    scratch.removeAll(keepingCapacity: true)
    var position = valueStart
    while position < valueEnd {
      let byte = base[position]
      scratch.append(byte)
      // In a quoted field every quote is doubled: keep one.
      position += hasEscapedQuotes && byte == CSVByte.quote ? 2 : 1
    }
  }

  /// The value as a string (the header, precision studies; not the batch hot path).
  package func string(_ base: UnsafePointer<UInt8>) -> String {
    var scratch: [UInt8] = []
    decode(base, into: &scratch)
    return String(decoding: scratch, as: UTF8.self)
  }
}

/// The fields of the record being read, in memory that the scanner and its reader share without copying.
package final class SpanBuffer: @unchecked Sendable {
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<FieldSpan>
  @exclusivity(unchecked) package private(set) var count = 0
  @exclusivity(unchecked) private var capacity: Int

  package init(capacity: Int = 64) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  package var spans: UnsafeBufferPointer<FieldSpan> { UnsafeBufferPointer(start: base, count: count) }

  package subscript(index: Int) -> FieldSpan { base[index] }

  @inline(__always)
  package func removeAll() { count = 0 }

  @inline(__always)
  package func append(_ span: FieldSpan) {
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

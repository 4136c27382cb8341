/// The bytes that structure a CSV file (RFC 4180).
package enum CSVByte {
  // Computed and inlinable, so other modules fold them to constants (a stored `static let` costs a call there).
  @inlinable package static var comma: UInt8 { UInt8(ascii: ",") }
  @inlinable package static var quote: UInt8 { UInt8(ascii: "\"") }
  @inlinable package static var newline: UInt8 { UInt8(ascii: "\n") }
  @inlinable package static var carriageReturn: UInt8 { UInt8(ascii: "\r") }
  /// The UTF-8 byte-order mark some exporters put before the header.
  package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Whether `byte` ends a field or a record (a quoted field's closing quote must be followed by one).
  @inlinable @inline(__always)
  package static func isSeparator(_ byte: UInt8) -> Bool {
    byte == comma || byte == newline || byte == carriageReturn
  }
}

/// The default limit on a record's length, and on how far a quoted field may run before it must close.
package enum CSVLimits {
  package static let defaultRecordBytes = 1 << 20
}

/// One field of a record: where its bytes are in the buffer, as written (quotes included) and as its value.
///
/// Every bound is stored, so code in other modules reads it without a call (the batch reads fields in its
/// innermost loop).
package struct FieldSpan: Sendable, Equatable {
  /// The field's bytes as written, quotes included.
  package var start: Int
  package var end: Int
  /// The value's bytes: between the quotes of a quoted field, else the same as `start..<end`.
  package var valueStart: Int
  package var valueEnd: Int
  /// A quoted field (`"a, b"`).
  package var isQuoted: Bool
  /// A quoted field holding doubled quotes (`"say ""hi"""`): its value must be decoded.
  package var hasEscapedQuotes: Bool

  /// An unquoted field.
  package init(start: Int, end: Int) {
    self.start = start
    self.end = end
    valueStart = start
    valueEnd = end
    isQuoted = false
    hasEscapedQuotes = false
  }

  /// A field, quoted or not.
  @inline(__always)
  package init(start: Int, end: Int, isQuoted: Bool, hasEscapedQuotes: Bool) {
    self.start = start
    self.end = end
    valueStart = isQuoted ? start + 1 : start
    valueEnd = isQuoted ? end - 1 : end
    self.isQuoted = isQuoted
    self.hasEscapedQuotes = hasEscapedQuotes
  }

  package var isEmpty: Bool { start == end }

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
  @usableFromInline @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<FieldSpan>
  @usableFromInline @exclusivity(unchecked) package private(set) var count = 0
  @usableFromInline @exclusivity(unchecked) var capacity: Int

  package init(capacity: Int = 64) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  @inlinable package var spans: UnsafeBufferPointer<FieldSpan> { UnsafeBufferPointer(start: base, count: count) }

  /// Whether a field's value would start a spreadsheet formula (``CSVText/startsFormula(_:)``): one call per
  /// record, so the batch's row loop does not cross into this module for every field.
  package func holdsFormula(in base: UnsafePointer<UInt8>) -> Bool {
    var span = self.base
    let end = self.base + count
    while span < end {
      // Most fields start with a letter or a digit and need no closer look.
      let start = span.pointee.valueStart
      if start < span.pointee.valueEnd {
        let first = base[start]
        if first <= UInt8(ascii: "@") && (first < UInt8(ascii: "0") || first > UInt8(ascii: "9")),
          CSVText.startsFormula(UnsafeBufferPointer(start: base + start, count: span.pointee.valueEnd - start))
        {
          return true
        }
      }
      span += 1
    }
    return false
  }

  @inlinable package subscript(index: Int) -> FieldSpan { base[index] }

  @inlinable @inline(__always)
  package func removeAll() { count = 0 }

  @inlinable @inline(__always)
  package func append(_ span: FieldSpan) {
    if count == capacity { grow() }
    (base + count).initialize(to: span)
    count += 1
  }

  @usableFromInline
  func grow() {
    let grown = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
    grown.moveInitialize(from: base, count: count)
    base.deallocate()
    base = grown
    capacity *= 2
  }

  /// Appends through a local cursor: the record splitter keeps the buffer's pointer and count in registers.
  struct Writer {
    let buffer: SpanBuffer
    var base: UnsafeMutablePointer<FieldSpan>
    var count = 0
    var capacity: Int

    @inline(__always)
    init(_ buffer: SpanBuffer) {
      self.buffer = buffer
      base = buffer.base
      capacity = buffer.capacity
    }

    @inline(__always)
    mutating func append(_ span: FieldSpan) {
      if count == capacity {
        buffer.count = count
        buffer.grow()
        base = buffer.base
        capacity = buffer.capacity
      }
      (base + count).initialize(to: span)
      count += 1
    }

    @inline(__always)
    func finish() { buffer.count = count }
  }
}

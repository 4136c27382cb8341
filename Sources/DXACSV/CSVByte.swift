/// The bytes that structure a CSV file (RFC 4180).
///
/// Public, though no product exports this module: this toolchain inlines an `@inlinable` declaration into other
/// modules only when it is public (a `package` one costs a call at every use; callgrind shows them), and these are
/// read in the batch's innermost loops.
public enum CSVByte {
  // Computed, inlinable and public, so other modules fold them to constants (a stored `static let`, or a `package`
  // getter, costs a call there).
  @inlinable public static var comma: UInt8 { UInt8(ascii: ",") }
  @inlinable public static var quote: UInt8 { UInt8(ascii: "\"") }
  @inlinable public static var newline: UInt8 { UInt8(ascii: "\n") }
  @inlinable public static var carriageReturn: UInt8 { UInt8(ascii: "\r") }
  /// The UTF-8 byte-order mark some exporters put before the header.
  package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Whether `byte` ends a field or a record (a quoted field's closing quote must be followed by one).
  @inlinable @inline(__always)
  public static func isSeparator(_ byte: UInt8) -> Bool {
    byte == comma || byte == newline || byte == carriageReturn
  }
}

/// The default limit on a record's length, and on how far a quoted field may run before it must close.
package enum CSVLimits {
  package static let defaultRecordBytes = 1 << 20
}

/// One field of a record: where its bytes are in the buffer, as written (quotes included) and as its value.
///
/// Four stored values (24 bytes a field: the splitter writes one per comma). The value's bounds are stored, so code in
/// other modules reads them without a call (the batch reads values in its innermost loop); the bounds as written
/// are computed from them, inlinable and public for the reason ``CSVByte`` gives.
public struct FieldSpan: Sendable, Equatable {
  /// The value's bytes: between the quotes of a quoted field, else the field's bytes as written.
  public internal(set) var valueStart: Int
  public internal(set) var valueEnd: Int
  /// A quoted field (`"a, b"`).
  public internal(set) var isQuoted: Bool
  /// A quoted field holding doubled quotes (`"say ""hi"""`): its value must be decoded.
  public internal(set) var hasEscapedQuotes: Bool

  /// The field's bytes as written, quotes included.
  @inlinable @inline(__always)
  public var start: Int { isQuoted ? valueStart &- 1 : valueStart }
  @inlinable @inline(__always)
  public var end: Int { isQuoted ? valueEnd &+ 1 : valueEnd }

  /// An unquoted field.
  @inline(__always)
  package init(start: Int, end: Int) {
    valueStart = start
    valueEnd = end
    isQuoted = false
    hasEscapedQuotes = false
  }

  /// A field, quoted or not.
  @inline(__always)
  package init(start: Int, end: Int, isQuoted: Bool, hasEscapedQuotes: Bool) {
    valueStart = isQuoted ? start &+ 1 : start
    valueEnd = isQuoted ? end &- 1 : end
    self.isQuoted = isQuoted
    self.hasEscapedQuotes = hasEscapedQuotes
  }

  package var isEmpty: Bool { valueStart == valueEnd && !isQuoted }

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
///
/// Public for its inlinable `spans`, which the batch reads once per record (see ``CSVByte``).
public final class SpanBuffer: @unchecked Sendable {
  @usableFromInline @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<FieldSpan>
  @usableFromInline @exclusivity(unchecked) package private(set) var count = 0
  @usableFromInline @exclusivity(unchecked) var capacity: Int

  package init(capacity: Int = 64) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  @inlinable public var spans: UnsafeBufferPointer<FieldSpan> { UnsafeBufferPointer(start: base, count: count) }

  /// Bit `i % 64` set for every field `i` whose value may start a formula (quoted, or unquoted and starting with a
  /// byte ``CSVText/mayStartFormula(_:)`` accepts and not a sign followed by a plain number such as `-2.8`), as the
  /// record splitter found them; every bit after a plain ``append(_:)``. A set bit asks for a closer look, a clear one
  /// rules the field out (for fields below 64).
  @usableFromInline @exclusivity(unchecked) package private(set) var formulaCandidates: UInt64 = 0

  /// Whether ``holdsFormula(in:)`` has a field to look at: most records have none. Inlinable and public, so the
  /// batch's row loop skips the call for them (see ``CSVByte``).
  @inlinable public var mayHoldFormula: Bool { formulaCandidates != 0 || count > 64 }

  /// Whether a field's value would start a spreadsheet formula (``CSVText/startsFormula(_:)``): one call per
  /// record, so the batch's row loop does not cross into this module for every field.
  ///
  /// Only the fields the splitter marked are looked at (and every field from the 65th on): most records have none.
  package func holdsFormula(in base: UnsafePointer<UInt8>) -> Bool {
    var candidates = formulaCandidates
    while candidates != 0 {
      let index = candidates.trailingZeroBitCount
      candidates &= candidates &- 1
      if index < count, startsFormula(self.base[index], base) { return true }
    }
    var index = 64
    while index < count {
      if startsFormula(self.base[index], base) { return true }
      index += 1
    }
    return false
  }

  @inline(__always)
  private func startsFormula(_ span: FieldSpan, _ base: UnsafePointer<UInt8>) -> Bool {
    CSVText.startsFormula(UnsafeBufferPointer(start: base + span.valueStart, count: span.valueEnd - span.valueStart))
  }

  @inlinable public subscript(index: Int) -> FieldSpan { base[index] }

  @inlinable @inline(__always)
  package func removeAll() {
    count = 0
    formulaCandidates = 0
  }

  @inlinable @inline(__always)
  package func append(_ span: FieldSpan) {
    formulaCandidates = .max
    if count == capacity { grow() }
    (base + count).initialize(to: span)
    count += 1
  }

  @usableFromInline
  func grow(toHold minimum: Int = 0) {
    var grownCapacity = capacity * 2
    while grownCapacity < minimum { grownCapacity *= 2 }
    let grown = UnsafeMutablePointer<FieldSpan>.allocate(capacity: grownCapacity)
    grown.moveInitialize(from: base, count: count)
    base.deallocate()
    base = grown
    capacity = grownCapacity
  }

  /// Appends through a local cursor: the record splitter keeps the buffer's pointer and count in registers.
  struct Writer {
    /// Unowned: the splitter's caller holds the buffer for the whole split (a strong reference cost a retain and a
    /// release per record).
    unowned(unsafe) let buffer: SpanBuffer
    var base: UnsafeMutablePointer<FieldSpan>
    /// `base + count`, the next free slot: one addition per field, and no count kept (it is the distance from
    /// `base`, worked out when a formula mark or the buffer needs it).
    var next: UnsafeMutablePointer<FieldSpan>
    /// `base + capacity`.
    var limit: UnsafeMutablePointer<FieldSpan>
    var formulaCandidates: UInt64 = 0

    @inline(__always)
    init(_ buffer: SpanBuffer) {
      self.buffer = buffer
      base = buffer.base
      next = buffer.base
      limit = buffer.base + buffer.capacity
    }

    /// Keeps the buffer's first `kept` fields (at most its count) and their formula marks.
    @inline(__always)
    init(_ buffer: SpanBuffer, keeping kept: Int) {
      self.init(buffer)
      next = base + kept
      // A field from the 65th on shares its bit with an earlier one: a set bit only asks for a closer look.
      formulaCandidates = kept >= 64 ? buffer.formulaCandidates : buffer.formulaCandidates & (1 &<< UInt64(kept) &- 1)
    }

    /// How many fields the buffer holds.
    var count: Int {
      @inline(__always) get { base.distance(to: next) }
    }

    /// How many more fields fit without growing.
    var free: Int {
      @inline(__always) get { next.distance(to: limit) }
    }

    @inline(__always)
    mutating func append(_ span: FieldSpan, mayStartFormula: Bool) {
      if mayStartFormula { mark() }
      if next == limit { grow(toHold: 0) }
      next.initialize(to: span)
      next += 1
    }

    /// Makes room for `extra` more fields, so that many ``appendReserved(_:mayStartFormula:)`` need no check.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
      if free < extra { grow(toHold: count &+ extra) }
    }

    @inline(__always)
    private mutating func grow(toHold minimum: Int) {
      let count = self.count
      buffer.count = count
      buffer.grow(toHold: minimum)
      base = buffer.base
      next = base + count
      limit = base + buffer.capacity
    }

    @inline(__always)
    mutating func appendReserved(_ span: FieldSpan, mayStartFormula: Bool) {
      if mayStartFormula { mark() }
      next.initialize(to: span)
      next += 1
    }

    /// Sets the next field's bit, `count % 64` (a masking shift: one bit-set instruction, no register kept for it).
    @inline(__always)
    private mutating func mark() {
      formulaCandidates |= 1 &<< UInt64(truncatingIfNeeded: count)
    }

    @inline(__always)
    func finish() {
      buffer.count = count
      buffer.formulaCandidates = formulaCandidates
    }
  }
}

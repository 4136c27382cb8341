import DXACSV

/// A growable byte buffer that output rows are formatted into, written out whole with `write(2)`.
///
/// A class over raw memory rather than `[UInt8]`: appends are the innermost loop of a batch run and need no
/// uniqueness checks. Each worker owns its buffers; nothing is shared.
final class ByteBuffer: @unchecked Sendable {
  // Owned by one worker, never accessed concurrently: no dynamic exclusivity checks (they cost more than an append).
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private(set) var count = 0
  @exclusivity(unchecked) private(set) var capacity: Int

  init(capacity: Int = 1 << 16) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  func removeAll() { count = 0 }

  @inline(__always)
  func reserve(_ extra: Int) {
    // Both are sizes of memory held or asked for: their sum cannot wrap, and the check of every append goes.
    guard count &+ extra > capacity else { return }
    var newCapacity = capacity * 2
    while newCapacity < count + extra { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  @inline(__always)
  func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count &+= 1
  }

  @inline(__always)
  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    // Bytes past the count, which never overlap the source: a plain copy (`update` checked for an overlap first).
    (base + count).initialize(from: start, count: bytes.count)
    count &+= bytes.count
  }

  @inline(__always)
  func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Appends bytes and returns where they are, for a buffer used as an arena of texts.
  func appendRange(_ bytes: [UInt8]) -> Range<Int> {
    let start = count
    append(bytes)
    return start..<count
  }

  /// Bytes appended earlier (``appendRange(_:)``).
  @inline(__always)
  func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
  }

  func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// A text as one CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break; with a
  /// leading `'` when `neutralisingFormulas` and it would start a spreadsheet formula.
  func appendField(_ text: String, neutralisingFormulas: Bool) {
    append(CSVText.field(text, neutralisingFormulas: neutralisingFormulas))
  }

  /// The engine's own words (references, notes) as one CSV field. They never start a formula, so they are written
  /// the same whatever `--formulas` says.
  func appendWords(_ text: String) {
    appendField(text, neutralisingFormulas: false)
  }

  /// Writes at most `room` bytes through a cursor: one capacity check for several short pieces.
  @inline(__always)
  func write(room: Int, _ body: (inout ByteCursor) -> Void) {
    reserve(room)
    var cursor = ByteCursor(base + count)
    body(&cursor)
    count = cursor.position - base
    assert(count <= capacity, "wrote past the room reserved")
  }

  /// A one-decimal score given in tenths: `-25` is `-2.5`.
  @inline(__always)
  func appendTenths(_ tenths: Int64) {
    write(room: 24) { $0.appendTenths(tenths) }
  }

  /// A decimal given as significand and scale, exactly (`-5`, scale 2 is `-0.05`).
  @inline(__always)
  func appendDecimal(_ significand: Int64, scale: Int) {
    write(room: 48) { $0.appendDecimal(significand, scale: scale) }
  }

  @inline(__always)
  func appendDigits(_ value: UInt64) {
    write(room: 20) { $0.appendDigits(value) }
  }
}

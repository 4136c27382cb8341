/// A write position in a ``ByteBuffer`` whose room was reserved beforehand (``ByteBuffer/write(room:_:)``).
///
/// A plain value the compiler keeps in a register: a row's short pieces (separators, scores, categories) are
/// written with no capacity check and no load and store of the buffer's count for each.
struct ByteCursor {
  private(set) var position: UnsafeMutablePointer<UInt8>

  @inline(__always)
  init(_ position: UnsafeMutablePointer<UInt8>) { self.position = position }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    position.pointee = byte
    position += 1
  }

  /// Copies `bytes`. Up to 16 bytes (statuses, categories, compact texts) are copied as two words that may overlap,
  /// rather than by a call to `memcpy`; the two buffers never overlap each other.
  @inline(__always)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let start = bytes.baseAddress else { return }
    let count = bytes.count
    let source = UnsafeRawPointer(start)
    let target = UnsafeMutableRawPointer(position)
    if count >= 8, count <= 16 {
      let head = source.loadUnaligned(as: UInt64.self)
      let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      target.storeBytes(of: head, as: UInt64.self)
      target.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
    } else if count >= 4, count < 8 {
      let head = source.loadUnaligned(as: UInt32.self)
      let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
      target.storeBytes(of: head, as: UInt32.self)
      target.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
    } else if count < 4 {
      for index in 0..<count { position[index] = start[index] }
    } else {
      position.update(from: start, count: count)
    }
    position += count
  }

  /// The bytes ``appendWords(_:keeping:)`` writes.
  static var wordSlotSize: Int { 32 }

  /// Writes the four words at `words` (32 bytes) and keeps the first `count` of them: for short texts padded to a
  /// fixed slot, copied without testing their length. The 32 bytes must fit in the room reserved.
  @inline(__always)
  mutating func appendWords(_ words: UnsafePointer<UInt64>, keeping count: Int) {
    let target = UnsafeMutableRawPointer(position)
    target.storeBytes(of: words[0], as: UInt64.self)
    target.storeBytes(of: words[1], toByteOffset: 8, as: UInt64.self)
    target.storeBytes(of: words[2], toByteOffset: 16, as: UInt64.self)
    target.storeBytes(of: words[3], toByteOffset: 24, as: UInt64.self)
    position += count
  }

  /// A one-decimal score given in tenths: `-25` is `-2.5`. At most 22 bytes.
  @inline(__always)
  mutating func appendTenths(_ tenths: Int64) {
    var magnitude = tenths.magnitude
    if tenths < 0 { append(UInt8(ascii: "-")) }
    if magnitude < 100 {
      // Below 10, as nearly every score: one digit before the point, without the digit loops.
      // `d.d` as one four-byte store (the room holds 22 bytes), the lowest byte first.
      let digits = UInt32(truncatingIfNeeded: magnitude)
      let word = (0x30 &+ digits / 10) | 0x2E00 | ((0x30 &+ digits % 10) << 16)
      UnsafeMutableRawPointer(position).storeBytes(of: word.littleEndian, as: UInt32.self)
      position += 3
      return
    }
    let lastDigit = UInt8(magnitude % 10)
    magnitude /= 10
    appendDigits(magnitude)
    position[0] = UInt8(ascii: ".")
    position[1] = UInt8(ascii: "0") + lastDigit
    position += 2
  }

  /// A one-decimal score in tenths as ``appendTenths(_:)`` writes it, or nothing when there is none. Below 10 in
  /// magnitude, as nearly every score, or missing, it is written without a branch: whether a score is there and
  /// its sign follow the data. At most 22 bytes.
  @inline(__always)
  mutating func appendTenths(ifPresent tenths: Int64?, _ table: ShortTenths) {
    // The stored bits, not `tenths ?? 0`: that made the test below a branch on whether the score is there.
    let value = tenths.storedBits
    guard ShortTenths.holds(value) else {
      if let tenths { appendTenths(tenths) }
      return
    }
    appendShortTenths(value, keeping: tenths != nil, table)
  }

  /// A value of `table` (``ShortTenths/holds(_:)``), as four bytes from the table, the position moved past its
  /// text only when `isKept`: the choice is arithmetic, not a branch. Writes 4 bytes of room whatever it keeps.
  @inline(__always)
  mutating func appendShortTenths(_ tenths: Int64, keeping isKept: Bool, _ table: ShortTenths) {
    let word = table.words[Int(truncatingIfNeeded: tenths &+ 99)]
    UnsafeMutableRawPointer(position).storeBytes(of: UInt32(truncatingIfNeeded: word).littleEndian, as: UInt32.self)
    position += Int(truncatingIfNeeded: word >> 32) & (isKept ? 0xF : 0)
  }

  /// A decimal given as significand and scale, exactly (`-5`, scale 2 is `-0.05`). At most 22 + `scale` bytes.
  @inline(__always)
  mutating func appendDecimal(_ significand: Int64, scale: Int) {
    var magnitude = significand.magnitude
    if significand < 0 { append(UInt8(ascii: "-")) }
    var divisor: UInt64 = 1
    for _ in 0..<scale { divisor *= 10 }
    appendDigits(magnitude / divisor)
    guard scale > 0 else { return }
    magnitude %= divisor
    position[0] = UInt8(ascii: ".")
    // The decimals, right to left, zero-padded to `scale` digits.
    for index in stride(from: scale, through: 1, by: -1) {
      position[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    }
    position += scale + 1
  }

  /// A 128-bit significand with `scale` decimals, as the 64-bit one writes it: for the
  /// rare difference too long for 64 bits. At most 41 bytes for a scale up to 24.
  mutating func appendDecimal(_ significand: Int128, scale: Int) {
    if significand < 0 { append(UInt8(ascii: "-")) }
    var magnitude = significand.magnitude
    // The digits, a zero before the point at least.
    var digitCount = 1
    var rest = magnitude / 10
    while rest > 0 {
      digitCount += 1
      rest /= 10
    }
    digitCount = max(digitCount, scale + 1)
    let length = scale > 0 ? digitCount + 1 : digitCount
    // Right to left: `scale` decimals, the point, the whole part.
    var index = length
    for digit in 0..<digitCount {
      if scale > 0, digit == scale {
        index -= 1
        position[index] = UInt8(ascii: ".")
      }
      index -= 1
      position[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
      magnitude /= 10
    }
    position += length
  }

  /// A whole number. At most 20 bytes.
  @inline(__always)
  mutating func appendDigits(_ value: UInt64) {
    var digitCount = 0
    var rest = value
    repeat {
      digitCount += 1
      rest /= 10
    } while rest > 0
    rest = value
    var index = digitCount - 1
    repeat {
      position[index] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
      index -= 1
    } while rest > 0
    position += digitCount
  }
}

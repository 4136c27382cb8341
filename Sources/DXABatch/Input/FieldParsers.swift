import DXACore

/// Readers for the values of a batch row, working on bytes: no `String` is made unless a value is wrong.
enum FieldParser {
  /// The bytes with leading and trailing spaces and tabs removed (exporters pad columns).
  ///
  /// Inline, only the test most values pass: empty, or a first and a last byte above the space (neither a space nor
  /// a tab). The others are trimmed out of line, which keeps every value read small enough to inline.
  @inline(__always)
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard let start = bytes.baseAddress, bytes.count > 0 else { return bytes }
    if start.pointee > 0x20, start[bytes.count &- 1] > 0x20 { return bytes }
    return paddingRemoved(bytes)
  }

  @inline(never)
  private static func paddingRemoved(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard var start = bytes.baseAddress else { return bytes }
    var end = start + bytes.count
    while start < end, start.pointee == 0x20 || start.pointee == 0x09 { start += 1 }
    while end > start, end[-1] == 0x20 || end[-1] == 0x09 { end -= 1 }
    return UnsafeBufferPointer(start: start, count: end - start)
  }

  /// A plain decimal exactly as ``ExactDecimal/init(_:)`` reads it (the core's one scanner), or nil.
  @inline(__always)
  static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
    if let value = shortDecimal(bytes) { return value }
    return ExactDecimal.scanned(bytes)
  }

  /// The shapes nearly every value of a row has, a BMD `d.ddd` and a device score `-d.d` or `d.d`, read in place
  /// without the scanner's loops; nil for any other shape, which the scanner then reads.
  ///
  /// The value is the scanner's: the digits read as one integer, the scale the number of digits after the point
  /// (`0.500` is 500 × 10⁻³; `-0.0` is 0).
  @inline(__always)
  static func shortDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
    guard let base = bytes.baseAddress else { return nil }
    let point = UInt8(ascii: ".")
    // Each byte's difference from '0' is below 10 exactly when it is a digit (a byte below '0' wraps above it).
    switch bytes.count {
    case 5:
      // `d.ddd`: the point and the last three digits as one 32-bit word, point lowest; xor with `.ddd` as written
      // leaves 0 for the point and each digit's value for a digit (no borrow), a byte above 9 for anything else.
      let first = base[0] &- 48
      let rest = UInt32(littleEndian: UnsafeRawPointer(base + 1).loadUnaligned(as: UInt32.self)) ^ 0x3030_302E
      guard first < 10, rest & 0xF0F0_F0FF == 0, (rest &+ 0x0606_0600) & 0xF0F0_F000 == 0 else { return nil }
      let digits =
        Int64(first) &* 1000 &+ Int64(rest &>> 8 & 0xFF) &* 100 &+ Int64(rest &>> 16 & 0xFF) &* 10
        &+ Int64(rest &>> 24)
      return ExactDecimal(significand: digits, scale: 3)
    case 4 where base[0] == UInt8(ascii: "-") && base[2] == point:
      let (first, second) = (base[1] &- 48, base[3] &- 48)
      guard max(first, second) < 10 else { return nil }
      return ExactDecimal(significand: 0 &- (Int64(first) &* 10 &+ Int64(second)), scale: 1)
    case 3 where base[1] == point:
      let (first, second) = (base[0] &- 48, base[2] &- 48)
      guard max(first, second) < 10 else { return nil }
      return ExactDecimal(significand: Int64(first) &* 10 &+ Int64(second), scale: 1)
    default:
      return nil
    }
  }

  /// Days since 1970-01-01 of an ISO 8601 calendar date `YYYY-MM-DD`, or nil. Integer arithmetic on the bytes: the
  /// first eight (`YYYY-MM-`) are checked and turned into numbers as one 64-bit word, the day as one 16-bit word.
  @inline(__always)
  static func isoDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count == 10, let base = bytes.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    // Little-end first: byte i of the text is bits 8i to 8i + 7.
    let head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    let tail = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
    // Bytes 4 and 7 are dashes, the others digits.
    let digitBytes: UInt64 = 0x00FF_FF00_FFFF_FFFF
    guard head & ~digitBytes == 0x2D00_002D_0000_0000 else { return nil }
    let yearMonth = head & digitBytes
    guard isDigits(yearMonth, mask: digitBytes), isDigits(tail, mask: 0xFFFF) else { return nil }
    // Each digit's value (a digit is '0' plus its value, so xor takes the '0' away without a borrow); then byte i
    // holds 10 × digit i + digit i + 1 (at most 99: no carry leaves a byte).
    let values = yearMonth ^ (0x3030_3030_3030_3030 & digitBytes)
    let pairs = values &* 10 &+ values &>> 8
    let year = Int(truncatingIfNeeded: pairs & 0xFF) &* 100 &+ Int(truncatingIfNeeded: pairs &>> 16 & 0xFF)
    let month = Int(truncatingIfNeeded: pairs &>> 40 & 0xFF)
    let dayValues = tail ^ 0x3030
    let day = Int(truncatingIfNeeded: dayValues & 0xFF) &* 10 &+ Int(truncatingIfNeeded: dayValues &>> 8)
    guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
    return daysFromCivil(year: year, month: month, day: day)
  }

  /// Whether every byte of `word` that `mask` keeps is an ASCII digit: its high nibble is 3, and still 3 after adding
  /// 6 (`0`–`9`, 0x30–0x39, become 0x36–0x3F; `:`–`?` become 0x40–0x45). Adding 6 to a byte whose high nibble is 3
  /// carries nothing into the next byte.
  @inline(__always)
  static func isDigits(_ word: UInt64, mask: UInt64) -> Bool {
    let nibbles = 0xF0F0_F0F0_F0F0_F0F0 & mask
    let threes = 0x3030_3030_3030_3030 & mask
    return word & nibbles == threes && (word &+ 0x0606_0606_0606_0606 & mask) & nibbles == threes
  }

  /// The days of `month` (1 to 12) in `year`, without a branch: the dates of a file follow no pattern a branch
  /// predictor could learn, and a wrong guess cost more than the sum.
  ///
  /// Each month's days above 28 take two bits of one word, January lowest; February gains a day in a leap year. A
  /// year is a leap year when 4 divides it, or 16 when it is a century: a century is a multiple of 4 and 25, and 16
  /// divides it exactly when 400 does (ISO 8601: the proleptic Gregorian calendar).
  @inline(__always)
  static func daysInMonth(year: Int, month: Int) -> Int {
    let aboveTwentyEight = 0b11_10_11_10_11_11_10_11_10_11_00_11 &>> ((month &- 1) &* 2) & 3
    let isCentury = year % 100 == 0
    let isLeapYear = year & (isCentury ? 15 : 3) == 0
    return 28 &+ aboveTwentyEight &+ (month == 2 && isLeapYear ? 1 : 0)
  }

  /// Days since 1970-01-01 of a date of the proleptic Gregorian calendar, exact for the years 0 to 9999 that four
  /// digits write (Neri and Schneider, "Euclidean affine functions and their application to calendar algorithms",
  /// 2022). The year is counted from March, so that the leap day ends it, and moved on by one era of 400 years (146,097
  /// days, taken off at the end), so that every quotient is of a number that is not negative: unsigned arithmetic,
  /// one multiplication for the only division that is not a shift.
  @inline(__always)
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let isJanuaryOrFebruary = month <= 2
    let shiftedYear = UInt(truncatingIfNeeded: year &+ 400 &- (isJanuaryOrFebruary ? 1 : 0))
    let monthFromJanuary = UInt(truncatingIfNeeded: isJanuaryOrFebruary ? month &+ 12 : month)
    let century = shiftedYear / 100
    // 365¼ days a year, less a day a century, plus one every fourth century: the days before 1 March.
    let yearDays = 1461 &* shiftedYear / 4 &- century &+ century / 4
    // The days from 1 March to the first of the month (`3` is March, `14` February of the next year).
    let monthDays = (979 &* monthFromJanuary &- 2919) / 32
    return Int(truncatingIfNeeded: yearDays &+ monthDays) &+ (day &- 1) &- (719_468 &+ 146_097)
  }

  /// Age in years from a number of days, as (days / 365.25) cut to 15 decimals (the resolution of age classes).
  ///
  /// Cutting, never rounding up, keeps the age on the right side of every age limit a table can state (limits have
  /// at most 15 decimals), so the band lookup stays exact: 7,305 days is exactly 20 years.
  ///
  /// Dates 9,224 years apart or more (`0001-01-01` and `9999-12-31`, placeholders some scanner databases hold) give an
  /// age whose 15 decimals pass 64 bits: it is cut to 14 decimals, which hold any span of four-digit years, and is
  /// then only a number for the message that it is not an age.
  static func age(days: Int) -> ExactDecimal {
    if let units = ageUnits(days: days) { return trimmedDecimal(units, scale: 15) }
    // Four-digit years are at most 3,652,424 days apart: 14 decimals always fit (`.max` would still be no age).
    return trimmedDecimal(units(days: days, perYear: 100_000_000_000_000) ?? .max, scale: 14)
  }

  /// ``age(days:)`` in units of 10^-15 years: the significand before trailing zeros are cut, and the age class
  /// units of that age (`AgeClasses.units`), without scaling it back; nil from 9,223.37 years on (past 64 bits).
  @inline(__always)
  static func ageUnits(days: Int) -> Int64? {
    units(days: days, perYear: 1_000_000_000_000_000)
  }

  /// days / 365.25 = 4·days / 1461 years, cut to units of which a year holds `perYear` (10^15 or 10^14), in 64-bit
  /// steps: whole years' worth, then the rest (the remainder times 10^15 stays below 1.5·10^18); nil past 64 bits.
  @inline(__always)
  private static func units(days: Int, perYear: Int64) -> Int64? {
    let quarters = Int64(days) * 4
    let (whole, overflows) = (quarters / 1461).multipliedReportingOverflow(by: perYear)
    let (units, overflowsToo) = whole.addingReportingOverflow(quarters % 1461 * perYear / 1461)
    return overflows || overflowsToo ? nil : units
  }

  /// A decimal without trailing zeros after the point: `20.000` becomes `20`.
  static func trimmedDecimal(_ significand: Int64, scale: Int) -> ExactDecimal {
    var (value, places) = (significand, scale)
    while places > 0, value % 10 == 0 {
      value /= 10
      places -= 1
    }
    return ExactDecimal(significand: value, scale: places)
  }
}

/// The words a column may use for the values of one field, matched without regard to case, with `_` and spaces
/// read as `-` (`GE_Lunar`, `ge lunar` and `ge-lunar` are one maker).
///
/// Words are packed into three 64-bit integers (none is longer than 24 bytes) and kept in a small open-addressing
/// table, so a value is matched with one hash and, nearly always, one comparison; no array of arrays is touched per
/// row.
struct Vocabulary<Value: Sendable>: Sendable {
  private let table: WordTable
  private let values: [Value]
  /// The canonical words, for error messages.
  let canonical: [String]
  /// Every word, canonical ones first, and its value (the tests match them against the table).
  let entries: [(word: String, value: Value)]

  init(_ canonical: [(String, Value)], synonyms: [(String, Value)] = []) {
    self.canonical = canonical.map(\.0)
    let entries = canonical + synonyms
    self.entries = entries
    table = WordTable(
      entries.map { entry in
        let bytes = Array(entry.0.utf8)
        guard let word = bytes.withUnsafeBufferPointer(PackedWord.init(_:)) else {
          preconditionFailure("vocabulary word longer than \(PackedWord.capacity) bytes: \(entry.0)")
        }
        return word
      })
    values = entries.map(\.1)
  }

  /// The value of the listed word `bytes` spell, or nil.
  ///
  /// The bytes as written are looked up first: the table holds normalised words, and normalising is idempotent, so
  /// bytes equal to a listed word are already normalised and normalise to that word. Most values are written as
  /// listed (`female`, `femoral-neck`); only the others are normalised and looked up again.
  @inline(__always)
  func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    guard let written = PackedWord(written: bytes) else { return nil }
    if let index = table.index(of: written) { return values[index] }
    return normalizedMatch(written)
  }

  /// ``match(_:)`` for a value not written as listed: normalised, and looked up again. Out of line, so the common
  /// match stays small.
  @inline(never)
  private func normalizedMatch(_ written: PackedWord) -> Value? {
    guard let index = table.index(of: written.normalized) else { return nil }
    return values[index]
  }
}

/// Packed words and the position of each in the list they were given in, in an open-addressing hash table.
///
/// A word listed twice keeps its first position, as a scan of the list in order would find it.
struct WordTable: Sendable {
  private struct Slot: Sendable {
    var word: PackedWord
    /// The word's position in the list; -1 for an empty slot.
    var index: Int
  }

  private let slots: [Slot]
  /// `slots.count - 1`; the count is a power of two.
  private let mask: Int
  private let shift: UInt64

  init(_ words: [PackedWord]) {
    // At least four slots per word: most lookups find their word, or an empty slot, at the first probe.
    var bits = 4
    while 1 << bits < words.count * 4 { bits += 1 }
    shift = UInt64(64 - bits)
    mask = (1 << bits) - 1
    var slots = [Slot](repeating: Slot(word: PackedWord(), index: -1), count: 1 << bits)
    for (index, word) in words.enumerated() {
      var slot = Self.hash(word, shift: shift)
      while slots[slot].index >= 0, slots[slot].word != word { slot = (slot + 1) & mask }
      if slots[slot].index < 0 { slots[slot] = Slot(word: word, index: index) }
    }
    self.slots = slots
  }

  @inline(__always)
  private static func hash(_ word: PackedWord, shift: UInt64) -> Int {
    // Fibonacci hashing of the first eight bytes and the length: words that share their first eight bytes
    // (`total-body`, `total-body-less-head`) differ in length, or probe on. A masking shift: `shift` is below 64, so
    // it is the same shift without the range test.
    Int(truncatingIfNeeded: ((word.first ^ UInt64(truncatingIfNeeded: word.count)) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
  }

  /// The position of `word` in the list, or nil.
  @inline(__always)
  func index(of word: PackedWord) -> Int? {
    slots.withUnsafeBufferPointer { slots in
      var slot = Self.hash(word, shift: shift)
      while true {
        let candidate = slots[slot]
        if candidate.index < 0 { return nil }
        if candidate.word == word { return candidate.index }
        slot = (slot &+ 1) & mask
      }
    }
  }
}

/// Up to 24 bytes, normalised (``normalized(_:)``) and packed little-end first, with their count.
struct PackedWord: Equatable, Sendable {
  static let capacity = 24
  var first: UInt64 = 0
  var second: UInt64 = 0
  var third: UInt64 = 0
  var count = 0

  /// The empty word.
  init() {}

  /// The bytes normalised; nil when longer than ``capacity``: no word is, so such a value matches nothing.
  @inline(__always)
  init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let written = PackedWord(written: bytes) else { return nil }
    self = written.normalized
  }

  /// The bytes as they are, not normalised; nil when longer than ``capacity``.
  @inline(__always)
  init?(written bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count <= Self.capacity, let base = bytes.baseAddress else {
      if bytes.isEmpty { return }
      return nil
    }
    count = bytes.count
    if count <= 8 {
      first = Self.load(base, count: count)
      return
    }
    let raw = UnsafeRawPointer(base)
    first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    // The last word of a longer word, loaded as the eight bytes that end at the last byte and shifted down past the
    // bytes already read: one load, no branch on the count (`lumbar-spine`, `femoral-neck`, `total-hip`).
    let tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
    if count <= 16 {
      second = tail &>> UInt64(truncatingIfNeeded: (16 &- count) &* 8)
      return
    }
    second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    third = tail &>> UInt64(truncatingIfNeeded: (24 &- count) &* 8)
  }

  /// Each byte normalised (``normalized(_:)``); the zeros above the count stay zeros.
  var normalized: PackedWord {
    @inline(__always) get {
      var word = self
      word.first = Self.normalizedWord(first)
      if count > 8 {
        word.second = Self.normalizedWord(second)
        if count > 16 { word.third = Self.normalizedWord(third) }
      }
      return word
    }
  }

  /// `base[0..<count]` (`count` at most 8) as one integer, little-end first, zeros above; no byte past `count` is
  /// read. Two loads that may overlap: an overlapping byte is the same in both, so or-ing them is exact.
  @inline(__always)
  static func load(_ base: UnsafePointer<UInt8>, count: Int) -> UInt64 {
    let raw = UnsafeRawPointer(base)
    if count >= 4 {
      if count == 8 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
      let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
      let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
      return low | high << UInt64(truncatingIfNeeded: (count - 4) * 8)
    }
    if count >= 2 {
      let low = UInt64(UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self)))
      let high = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)))
      return low | high << UInt64(truncatingIfNeeded: (count - 2) * 8)
    }
    return count == 1 ? UInt64(base[0]) : 0
  }

  /// One byte as words are compared: `A`–`Z` lowercased, `_` and space read as `-`, every other byte as it is.
  @inline(__always)
  static func normalized(_ byte: UInt8) -> UInt8 {
    if byte &- UInt8(ascii: "A") < 26 { return byte | 0x20 }
    if byte == UInt8(ascii: "_") || byte == UInt8(ascii: " ") { return UInt8(ascii: "-") }
    return byte
  }

  /// Each of the eight bytes of `word` normalised as ``normalized(_:)`` does, all at once.
  ///
  /// Per byte, on its low seven bits plus a constant (no carry leaves a byte: 0x7F + 0x3F < 0x100): a high bit
  /// that says `byte >= 'A'`, another that says `byte > 'Z'`; bytes with their own high bit set are never
  /// letters. `_` and space are found by the exact zero-byte test on `word` xor the byte repeated.
  @inline(__always)
  static func normalizedWord(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let low = word & ~highs
    let isASCII = ~word & highs
    let upper = (low &+ 0x3F * ones) & ~(low &+ 0x25 * ones) & isASCII
    let dash = equalBytes(word, UInt8(ascii: "_")) | equalBytes(word, UInt8(ascii: " "))
    let dashOnes = dash >> 7
    return ((word | upper >> 2) & ~(dashOnes &* 0xFF)) | dashOnes &* UInt64(UInt8(ascii: "-"))
  }

  /// The high bit of each byte of `word` that equals `byte`, and no other bit.
  @inline(__always)
  private static func equalBytes(_ word: UInt64, _ byte: UInt8) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let difference = word ^ (UInt64(byte) &* ones)
    // A byte of `difference` is zero exactly when its low seven bits plus 0x7F leave the high bit clear and its
    // own high bit is clear; the low seven bits never carry into the next byte.
    return ~(((difference & lows) &+ lows) | difference) & ~lows
  }
}

/// Up to 40 bytes as five 64-bit words and their count: two spans pack equal exactly when their bytes are equal.
///
/// A span of 8 bytes or more is read as five 8-byte loads at offsets 0, 8, 16, 24 and 32, each moved back to end at
/// the span's last byte when it would pass it: the loads may overlap, and together they cover every byte. A shorter
/// span is one word, zeros above. No byte outside the span is read.
struct PackedSpan: Equatable {
  static let capacity = 40
  var count: Int
  var first: UInt64
  var second: UInt64
  var third: UInt64
  var fourth: UInt64
  var fifth: UInt64

  /// A packing that no span of bytes has (its count is −1), for the slots of a table that hold none yet.
  static let none = PackedSpan(count: -1, first: 0, second: 0, third: 0, fourth: 0, fifth: 0)

  private init(count: Int, first: UInt64, second: UInt64, third: UInt64, fourth: UInt64, fifth: UInt64) {
    (self.count, self.first, self.second, self.third, self.fourth, self.fifth) = (
      count, first, second, third, fourth, fifth
    )
  }

  /// The `count` bytes at `base`; nil when there are more than ``capacity``.
  @inline(__always)
  init?(_ base: UnsafePointer<UInt8>, count: Int) {
    guard count <= Self.capacity else { return nil }
    self.count = count
    guard count >= 8 else {
      (first, second, third, fourth, fifth) = (PackedWord.load(base, count: count), 0, 0, 0, 0)
      return
    }
    let raw = UnsafeRawPointer(base)
    let last = count &- 8
    first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: min(8, last), as: UInt64.self))
    third = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: min(16, last), as: UInt64.self))
    fourth = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: min(24, last), as: UInt64.self))
    fifth = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: last, as: UInt64.self))
  }

  /// The top `bits` bits (1 to 63) of a Fibonacci hash of every word and the count.
  @inline(__always)
  func hash(bits: Int) -> Int {
    @inline(__always) func rotated(_ word: UInt64, _ by: UInt64) -> UInt64 { word &<< by | word &>> (64 &- by) }
    let mixed =
      first ^ rotated(second, 13) ^ rotated(third, 26) ^ rotated(fourth, 39) ^ rotated(fifth, 52)
      ^ UInt64(truncatingIfNeeded: count)
    return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(truncatingIfNeeded: 64 &- bits))
  }
}

extension Vocabulary where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
  /// Every case by its raw value, and the synonyms.
  init(synonyms: [(String, Value)] = []) {
    self.init(Value.allCases.map { ($0.rawValue, $0) }, synonyms: synonyms)
  }
}

/// The vocabularies of the long layout's coded columns: each reader keeps its own (a `static let` costs a call per
/// read in the row loop).
struct Vocabularies: Sendable {
  let site = Vocabulary<Site>(
    synonyms: [
      ("spine", .lumbarSpine), ("l1-l4", .lumbarSpine), ("neck", .femoralNeck),
      ("total-femur", .totalHip), ("radius-1/3", .radius33), ("1/3-radius", .radius33),
    ])
  let sex = Vocabulary<Sex>(synonyms: [("f", .female), ("m", .male)])
  let menopause = Vocabulary<MenopausalStatus>(
    synonyms: [("premenopausal", .pre), ("perimenopausal", .peri), ("postmenopausal", .post)])
  let manufacturer = Vocabulary<Manufacturer>(
    synonyms: [("ge", .geLunar), ("lunar", .geLunar), ("ge-healthcare", .geLunar)])
  let ethnicity = Vocabulary<Ethnicity>()
  /// A site's inclusion flag, as scanner databases write it (APEX `L1_INCLUDED`: 1 or 0).
  let included = Vocabulary<Bool>(
    [("1", true), ("0", false), ("yes", true), ("no", false)],
    synonyms: [("true", true), ("false", false), ("y", true), ("n", false), ("included", true), ("excluded", false)])
}

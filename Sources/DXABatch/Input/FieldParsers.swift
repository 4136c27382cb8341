import DXACore

/// Readers for the values of a batch row, working on bytes: no `String` is made unless a value is wrong.
enum FieldParser {
  /// The bytes with leading and trailing spaces and tabs removed (exporters pad columns).
  @inline(__always)
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard var start = bytes.baseAddress else { return bytes }
    var end = start + bytes.count
    while start < end, start.pointee == 0x20 || start.pointee == 0x09 { start += 1 }
    while end > start, end[-1] == 0x20 || end[-1] == 0x09 { end -= 1 }
    return UnsafeBufferPointer(start: start, count: end - start)
  }

  /// A plain decimal exactly as ``ExactDecimal/init(_:)`` reads it (the core's one scanner), or nil.
  @inline(__always)
  static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
    ExactDecimal.scanned(bytes)
  }

  /// Days since 1970-01-01 of an ISO 8601 calendar date `YYYY-MM-DD`, or nil. Integer arithmetic on the bytes.
  @inline(__always)
  static func isoDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count == 10, let base = bytes.baseAddress, base[4] == UInt8(ascii: "-"), base[7] == UInt8(ascii: "-")
    else { return nil }
    let digits = (
      base[0] &- 48, base[1] &- 48, base[2] &- 48, base[3] &- 48, base[5] &- 48, base[6] &- 48, base[8] &- 48,
      base[9] &- 48
    )
    // Every byte a digit: each difference from '0' is below 10 (a byte below '0' wraps above it).
    let largest = max(
      max(max(digits.0, digits.1), max(digits.2, digits.3)), max(max(digits.4, digits.5), max(digits.6, digits.7)))
    guard largest < 10 else { return nil }
    let year = Int(digits.0) * 1000 + Int(digits.1) * 100 + Int(digits.2) * 10 + Int(digits.3)
    let month = Int(digits.4) * 10 + Int(digits.5)
    let day = Int(digits.6) * 10 + Int(digits.7)
    guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
    return daysFromCivil(year: year, month: month, day: day)
  }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Howard Hinnant's days-from-civil: the proleptic Gregorian calendar, exact for every year.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Age in years from a number of days, as (days / 365.25) cut to 15 decimals (the resolution of age classes).
  ///
  /// Cutting, never rounding up, keeps the age on the right side of every age limit a table can state (limits have
  /// at most 15 decimals), so the band lookup stays exact: 7,305 days is exactly 20 years.
  static func age(days: Int) -> ExactDecimal {
    // days / 365.25 = 4·days / 1461; in units of 10^-15 years, in 64-bit steps (whole years' worth, then the rest:
    // the remainder times 10^15 stays below 1.5·10^18).
    let quarters = Int64(days) * 4
    let whole = quarters / 1461
    let rest = quarters % 1461
    let units = whole * 1_000_000_000_000_000 + rest * 1_000_000_000_000_000 / 1461
    return trimmedDecimal(units, scale: 15)
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
/// Words are packed into three 64-bit integers (none is longer than 24 bytes), so a value is matched with a few
/// integer comparisons and no array of arrays is touched per row.
struct Vocabulary<Value: Sendable>: Sendable {
  private let words: [PackedWord]
  private let values: [Value]
  /// The canonical words, for error messages.
  let canonical: [String]

  init(_ canonical: [(String, Value)], synonyms: [(String, Value)] = []) {
    self.canonical = canonical.map(\.0)
    let entries = canonical + synonyms
    words = entries.map { entry in
      let bytes = Array(entry.0.utf8)
      guard let word = bytes.withUnsafeBufferPointer(PackedWord.init) else {
        preconditionFailure("vocabulary word longer than \(PackedWord.capacity) bytes: \(entry.0)")
      }
      return word
    }
    values = entries.map(\.1)
  }

  @inline(__always)
  func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    guard let word = PackedWord(bytes) else { return nil }
    for index in words.indices where words[index] == word { return values[index] }
    return nil
  }
}

/// Up to 24 bytes, normalised (``normalized(_:)``) and packed little-end first, with their count.
struct PackedWord: Equatable, Sendable {
  static let capacity = 24
  var first: UInt64 = 0
  var second: UInt64 = 0
  var third: UInt64 = 0
  var count: Int

  /// Nil when longer than ``capacity``: no word is, so such a value matches nothing.
  @inline(__always)
  init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count <= Self.capacity, let base = bytes.baseAddress else {
      if bytes.isEmpty {
        count = 0
        return
      }
      return nil
    }
    count = bytes.count
    first = Self.pack(base, from: 0, to: min(count, 8))
    if count > 8 { second = Self.pack(base, from: 8, to: min(count, 16)) }
    if count > 16 { third = Self.pack(base, from: 16, to: count) }
  }

  /// Bytes `from..<to` (at most 8), normalised, as one integer.
  @inline(__always)
  private static func pack(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> UInt64 {
    var word: UInt64 = 0
    var shift: UInt64 = 0
    for index in from..<to {
      word |= UInt64(normalized(base[index])) << shift
      shift &+= 8
    }
    return word
  }

  @inline(__always)
  static func normalized(_ byte: UInt8) -> UInt8 {
    if byte &- UInt8(ascii: "A") < 26 { return byte | 0x20 }
    if byte == UInt8(ascii: "_") || byte == UInt8(ascii: " ") { return UInt8(ascii: "-") }
    return byte
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

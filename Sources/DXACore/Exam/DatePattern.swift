/// How an archive writes its dates, such as `MM/DD/YY hh:mm:ss` (Hologic APEX through `mdb-export`) or
/// `YYYY-MM-DD`. Tokens: `YYYY` and `YY` year, `MM` month, `DD` day, `hh` `mm` `ss` a time of day that is checked and
/// then ignored (an exam holds calendar dates); every other character must appear as written.
///
/// Two-digit years are resolved by ``WrittenDate/resolved(notAfter:)``: the latest year that keeps the date on or
/// before a limit (a scan is not after today, a birth is not after the scan).
public struct DatePattern: Sendable, Equatable, CustomStringConvertible {
  enum Token: Hashable {
    case year4, year2, month, day, hour, minute, second
    case literal(UInt8)

    var width: Int {
      switch self {
      case .year4: return 4
      case .literal: return 1
      default: return 2
      }
    }
  }

  public let description: String
  /// Every part sits at a fixed offset (each token has a fixed width): reading is a few digit loops, no search.
  let width: Int
  let year: Int
  public let hasTwoDigitYear: Bool
  let month: Int
  let day: Int
  let hour: Int?
  let minute: Int?
  let second: Int?
  let literalOffsets: [Int]
  let literalBytes: [UInt8]

  /// Nil when the pattern has no year, month and day, or names one twice.
  public init?(_ pattern: String) {
    var tokens: [Token] = []
    var rest = Substring(pattern)
    let names: [(String, Token)] = [
      ("YYYY", .year4), ("YY", .year2), ("MM", .month), ("DD", .day), ("hh", .hour), ("mm", .minute), ("ss", .second),
    ]
    while !rest.isEmpty {
      if let (name, token) = names.first(where: { rest.hasPrefix($0.0) }) {
        tokens.append(token)
        rest = rest.dropFirst(name.count)
      } else {
        guard let character = rest.first, character.isASCII, let byte = character.asciiValue else { return nil }
        tokens.append(.literal(byte))
        rest = rest.dropFirst()
      }
    }
    var offsets: [Token: Int] = [:]
    var literalOffsets: [Int] = []
    var literalBytes: [UInt8] = []
    var offset = 0
    for token in tokens {
      if case .literal(let byte) = token {
        literalOffsets.append(offset)
        literalBytes.append(byte)
      } else {
        guard offsets[token] == nil else { return nil }
        offsets[token] = offset
      }
      offset += token.width
    }
    guard (offsets[.year4] == nil) != (offsets[.year2] == nil), let year = offsets[.year4] ?? offsets[.year2],
      let month = offsets[.month], let day = offsets[.day]
    else { return nil }
    description = pattern
    width = offset
    self.year = year
    hasTwoDigitYear = offsets[.year2] != nil
    self.month = month
    self.day = day
    hour = offsets[.hour]
    minute = offsets[.minute]
    second = offsets[.second]
    self.literalOffsets = literalOffsets
    self.literalBytes = literalBytes
  }

  /// The date as written, or nil when the text does not follow the pattern or names no real day and time.
  public func read(_ bytes: UnsafeBufferPointer<UInt8>) -> WrittenDate? {
    guard bytes.count == width else { return nil }
    for index in literalOffsets.indices where bytes[literalOffsets[index]] != literalBytes[index] { return nil }
    guard let year = Self.number(bytes, at: year, digits: hasTwoDigitYear ? 2 : 4),
      let month = Self.number(bytes, at: month, digits: 2), (1...12).contains(month),
      let day = Self.number(bytes, at: day, digits: 2), (1...31).contains(day)
    else { return nil }
    // A time of day, when the pattern has one, is checked and kept in seconds.
    var seconds: Int?
    func add(_ offset: Int?, below limit: Int, times unit: Int) -> Bool {
      guard let offset else { return true }
      guard let value = Self.number(bytes, at: offset, digits: 2), value < limit else { return false }
      seconds = (seconds ?? 0) + value * unit
      return true
    }
    guard add(hour, below: 24, times: 3600), add(minute, below: 60, times: 60), add(second, below: 60, times: 1)
    else { return nil }
    return WrittenDate(year: year, isTwoDigitYear: hasTwoDigitYear, month: month, day: day, secondOfDay: seconds)
  }

  public func read(_ text: String) -> WrittenDate? {
    var copy = text
    return copy.withUTF8 { read($0) }
  }

  @inline(__always)
  private static func number(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, digits: Int) -> Int? {
    var value = 0
    for index in offset..<(offset + digits) {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }
}

/// A date as a file wrote it, perhaps with a two-digit year.
public struct WrittenDate: Sendable, Equatable {
  public var year: Int
  public var isTwoDigitYear: Bool
  public var month: Int
  public var day: Int
  /// The time of day in seconds when the pattern has one: only for ordering scans of one day.
  public var secondOfDay: Int?

  /// The calendar date. A four-digit year is taken as written; a two-digit year becomes the latest year ending in
  /// those digits whose date is on or before `limit`, the rule that a scan is not after today and a birth is not
  /// after the scan (`11/12/61` before a 1994 scan is 1961; `12/05/21` before a 1995 scan is 1921). Nil when no
  /// such day exists (`02/29/01`) or it falls outside the years 1850–2999.
  public func resolved(notAfter limit: CalendarDate) -> CalendarDate? {
    guard isTwoDigitYear else { return CalendarDate(year: year, month: month, day: day) }
    var century = limit.year / 100 * 100
    while century >= 1800 {
      if let date = CalendarDate(year: century + year, month: month, day: day), date <= limit { return date }
      century -= 100
    }
    return nil
  }
}

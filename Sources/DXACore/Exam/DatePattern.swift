/// How an archive writes its dates, such as `MM/DD/YY hh:mm:ss` (Hologic APEX through `mdb-export`) or
/// `YYYY-MM-DD`. Tokens: `YYYY` and `YY` year, `MM` month, `DD` day, `hh` `mm` `ss` a time of day that is checked and
/// then ignored (an exam holds calendar dates); every other character must appear as written.
///
/// Two-digit years are resolved by ``WrittenDate/resolved(notAfter:)``: the latest year that keeps the date on or
/// before a limit (a scan is not after today, a birth is not after the scan).
public struct DatePattern: Sendable, Equatable, CustomStringConvertible {
  enum Token: Equatable {
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

  let tokens: [Token]
  public let description: String

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
    let fields = tokens.filter { if case .literal = $0 { return false } else { return true } }
    let years = fields.filter { $0 == .year4 || $0 == .year2 }.count
    guard years == 1, fields.filter({ $0 == .month }).count == 1, fields.filter({ $0 == .day }).count == 1,
      Set(fields.map { "\($0)" }).count == fields.count
    else { return nil }
    self.tokens = tokens
    description = pattern
  }

  /// Whether years are written with two digits (and need ``WrittenDate/resolved(notAfter:)``).
  public var hasTwoDigitYear: Bool { tokens.contains(.year2) }

  /// The date as written, or nil when the text does not follow the pattern or names no real day and time.
  public func read(_ bytes: UnsafeBufferPointer<UInt8>) -> WrittenDate? {
    guard bytes.count == tokens.reduce(0, { $0 + $1.width }) else { return nil }
    var position = 0
    var year = 0
    var month = 0
    var day = 0
    var seconds: Int?
    for token in tokens {
      if case .literal(let byte) = token {
        guard bytes[position] == byte else { return nil }
        position += 1
        continue
      }
      var value = 0
      for _ in 0..<token.width {
        let digit = bytes[position] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
        position += 1
      }
      switch token {
      case .year4, .year2: year = value
      case .month: month = value
      case .day: day = value
      case .hour:
        guard value < 24 else { return nil }
        seconds = (seconds ?? 0) + value * 3600
      case .minute:
        guard value < 60 else { return nil }
        seconds = (seconds ?? 0) + value * 60
      case .second:
        guard value < 60 else { return nil }
        seconds = (seconds ?? 0) + value
      case .literal: break
      }
    }
    guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    return WrittenDate(year: year, isTwoDigitYear: hasTwoDigitYear, month: month, day: day, secondOfDay: seconds)
  }

  public func read(_ text: String) -> WrittenDate? {
    var copy = text
    return copy.withUTF8 { read($0) }
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

/// A calendar date (proleptic Gregorian), as exams record it: `2025-04-12`. No time, no zone, no clock.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Nil unless `text` is exactly `YYYY-MM-DD` naming a real day between 1850 and 2999.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  public init?(year: Int, month: Int, day: Int) {
    guard (1850...2999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  public var description: String {
    func padded(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
  }

  /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm (H. Hinnant).
  public var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Whole days from `self` to `later` (negative when `later` is earlier).
  public func days(until later: CalendarDate) -> Int { later.dayNumber - dayNumber }

  /// Calendar months from this date's month to `later`'s month (Medicare counts months, not days).
  public func months(until later: CalendarDate) -> Int { (later.year - year) * 12 + later.month - month }

  /// The first day of the month `months` after this date's month.
  public func firstOfMonth(adding months: Int) -> CalendarDate {
    let index = year * 12 + (month - 1) + months
    // Within 1850...2999 for every use here (intervals of a few years); fall back to self rather than trap.
    return CalendarDate(year: index / 12, month: index % 12 + 1, day: 1) ?? self
  }

  /// Years between two dates as an exact fraction: days / 365.25 (the convention of scanner software).
  public func years(until later: CalendarDate) -> Fraction {
    // days / 365.25 = 4·days / 1461; both fit easily in 128 bits, so this cannot overflow.
    (try? Fraction(Int128(days(until: later) * 4), 1461)) ?? .zero
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

import Testing

@testable import DXABatch

@Suite("Calendar arithmetic without branches: month lengths and days from 1970 for every date four digits write")
struct CalendarArithmeticTests {
  /// The rule as the calendar states it, branch by branch (ISO 8601, proleptic Gregorian).
  static func referenceDaysInMonth(year: Int, month: Int) -> Int {
    let isLeapYear = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    switch month {
    case 2: return isLeapYear ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  @Test("every month of every year from 0 to 9999 has the calendar's number of days")
  func everyMonthLength() {
    var wrong: [String] = []
    for year in 0...9999 {
      for month in 1...12
      where FieldParser.daysInMonth(year: year, month: month)
        != Self.referenceDaysInMonth(year: year, month: month)
      {
        wrong.append("\(year)-\(month)")
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
  }

  @Test(
    "leap days: years that 4 divides, less centuries, plus centuries that 400 divides",
    arguments: [
      (0, 29), (4, 29), (100, 28), (400, 29), (1600, 29), (1700, 28), (1800, 28), (1900, 28), (1996, 29),
      (1999, 28), (2000, 29), (2024, 29), (2100, 28), (2400, 29), (9996, 29), (9999, 28),
    ])
  func february(year: Int, days: Int) {
    #expect(FieldParser.daysInMonth(year: year, month: 2) == days)
  }

  @Test("every day from 0000-01-01 to 9999-12-31 is one more than the day before it, from -719,528 to 2,932,896")
  func everyDayOfFourDigitYears() {
    var expected = -719_528
    var wrong: [String] = []
    for year in 0...9999 {
      for month in 1...12 {
        for day in 1...FieldParser.daysInMonth(year: year, month: month) {
          if FieldParser.daysFromCivil(year: year, month: month, day: day) != expected {
            wrong.append("\(year)-\(month)-\(day)")
          }
          expected += 1
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    // 10,000 years of 365 days and 2,425 leap days: 2,932,896 is the last day, so the next is 2,932,897.
    #expect(expected == 2_932_897)
    #expect(FieldParser.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
  }

  @Test(
    "known dates against the formula's edges: the first of March and the last of February, in and out of leap years",
    arguments: [
      ((2000, 2, 29), 11_016), ((2000, 3, 1), 11_017), ((1900, 2, 28), -25_509), ((1900, 3, 1), -25_508),
      ((2024, 2, 29), 19_782), ((2023, 12, 31), 19_722), ((1969, 12, 31), -1), ((0, 3, 1), -719_468),
    ])
  func knownDates(date: (Int, Int, Int), days: Int) {
    #expect(FieldParser.daysFromCivil(year: date.0, month: date.1, day: date.2) == days)
  }
}

import DXACore
import Testing

@Suite("Date patterns read at fixed offsets")
struct DatePatternReadingTests {
  @Test(
    "each part is read where the pattern puts it; a time is checked and kept in seconds",
    arguments: [
      ("MM/DD/YY hh:mm:ss", "03/10/11 20:34:33", 11, true, 3, 10, 20 * 3600 + 34 * 60 + 33),
      ("DD.MM.YYYY", "31.12.1999", 1999, false, 12, 31, nil),
      ("YYYY-MM-DD hh:mm", "2011-07-04 12:19", 2011, false, 7, 4, 12 * 3600 + 19 * 60),
      ("YYYYMMDD", "19480315", 1948, false, 3, 15, nil),
      ("ss mm hh DD MM YY", "59 59 23 01 02 03", 3, true, 2, 1, 86_399),
    ] as [(String, String, Int, Bool, Int, Int, Int?)])
  func reads(
    pattern: String, text: String, year: Int, isTwoDigit: Bool, month: Int, day: Int, seconds: Int?
  ) throws {
    let compiled = try #require(DatePattern(pattern))
    #expect(compiled.description == pattern && compiled.hasTwoDigitYear == isTwoDigit)
    let written = try #require(compiled.read(text))
    #expect(written.year == year && written.isTwoDigitYear == isTwoDigit)
    #expect(written.month == month && written.day == day && written.secondOfDay == seconds)
  }

  @Test(
    "a text of another length, another separator, a non-digit, or a month, day or time out of range is refused",
    arguments: [
      "03/10/11 20:34", "03-10-11 20:34:33", "03/10/1a 20:34:33", "00/10/11 20:34:33", "03/00/11 20:34:33",
      "03/10/11 20:60:33", "03/10/11 20:34:60", "03/10/11 24:00:00", "03/10/11 20:34:33 ",
    ])
  func refuses(text: String) throws {
    #expect(try #require(DatePattern("MM/DD/YY hh:mm:ss")).read(text) == nil)
  }

  @Test("a pattern needs one year (YYYY or YY), one MM and one DD; HH:MM:SS is not a time of day")
  func patterns() {
    for bad in ["MM/DD", "YYYY-MM-DD-DD", "YYYY/YY/MM/DD", "MM/DD/YY HH:MM:SS", "MM/DD/YY hh:hh", "DD.MM.YYYY é"] {
      #expect(DatePattern(bad) == nil)
    }
    #expect(DatePattern("MM/DD/YY") == DatePattern("MM/DD/YY") && DatePattern("MM/DD/YY") != DatePattern("DD/MM/YY"))
  }
}

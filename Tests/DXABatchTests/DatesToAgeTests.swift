import DXACore
import Testing

@testable import DXABatch

@Suite("Dates to an exact age: ISO dates read a word at a time, the age and its class units from the days")
struct DatesToAgeTests {
  /// The byte-at-a-time reader the word-at-a-time one replaced: the reference it must agree with.
  static func referenceISODate(_ bytes: [UInt8]) -> Int? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    var digits: [Int] = []
    for index in [0, 1, 2, 3, 5, 6, 8, 9] {
      guard bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
      digits.append(Int(bytes[index] - UInt8(ascii: "0")))
    }
    let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
    let month = digits[4] * 10 + digits[5]
    let day = digits[6] * 10 + digits[7]
    guard (1...12).contains(month), day >= 1, day <= FieldParser.daysInMonth(year: year, month: month) else {
      return nil
    }
    return referenceDays(year: year, month: month, day: day)
  }

  /// Days since 1970-01-01 counted without Hinnant's formula: 365 for each year before, one more for each leap year
  /// before (years 0 to 9999), the months before, the days before.
  static func referenceDays(year: Int, month: Int, day: Int) -> Int {
    func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }
    func daysBefore(_ year: Int) -> Int {
      // Leap years among 0 ... year − 1: multiples of 4, less those of 100, plus those of 400 (0 is all three).
      guard year > 0 else { return 0 }
      let last = year - 1
      return 365 * year + last / 4 - last / 100 + last / 400 + 1
    }
    let monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let dayOfYear = monthDays.prefix(month - 1).reduce(0, +) + (isLeap(year) && month > 2 ? 1 : 0) + day - 1
    return daysBefore(year) + dayOfYear - daysBefore(1970)
  }

  static func padded(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  static func isoDate(_ text: [UInt8]) -> Int? {
    text.withUnsafeBufferPointer(FieldParser.isoDate)
  }

  @Test(
    "every byte value at every position of a date reads as the byte-at-a-time reader reads it",
    arguments: ["2020-01-01", "1950-02-28", "2000-02-29", "1900-02-28", "1999-12-31", "0000-03-01", "9999-09-30"])
  func everyByteEverywhere(date: String) {
    let original = Array(date.utf8)
    #expect(Self.isoDate(original) != nil)
    var mismatches: [String] = []
    for position in original.indices {
      for byte in UInt8.min...UInt8.max {
        var text = original
        text[position] = byte
        if Self.isoDate(text) != Self.referenceISODate(text) { mismatches.append("\(position): \(byte)") }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
  }

  @Test("every day from 1800 to 2200 is one more than the day before; day 32, month 13 and 30 February are no dates")
  func consecutiveDays() {
    var expected = Self.referenceDays(year: 1800, month: 1, day: 1)
    var wrong: [String] = []
    var read = 0
    for year in 1800...2200 {
      for month in 0...13 {
        for day in 0...32 {
          let text = "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
          let bytes = Array(text.utf8)
          let days = Self.isoDate(bytes)
          if days != Self.referenceISODate(bytes) { wrong.append(text) }
          guard let days else { continue }
          if days != expected { wrong.append(text) }
          expected += 1
          read += 1
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    // 401 years, 97 of them leap years (1800, 1900, 2100 and 2200 are not).
    #expect(read == 401 * 365 + 97)
  }

  @Test("every year that four digits write: 1 January, the end of February, 1 March and 31 December")
  func everyYear() {
    var wrong: [String] = []
    for year in 0...9999 {
      let february = FieldParser.daysInMonth(year: year, month: 2)
      for (month, day) in [(1, 1), (2, february), (3, 1), (12, 31)] {
        let days = FieldParser.daysFromCivil(year: year, month: month, day: day)
        if days != Self.referenceDays(year: year, month: month, day: day) { wrong.append("\(year)-\(month)-\(day)") }
      }
      // The day after the end of February is 1 March.
      if FieldParser.daysFromCivil(year: year, month: 3, day: 1)
        != FieldParser.daysFromCivil(year: year, month: 2, day: february) + 1
      {
        wrong.append("\(year) March")
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    #expect(FieldParser.daysFromCivil(year: 0, month: 1, day: 1) == -719_528)
    #expect(FieldParser.daysFromCivil(year: 9999, month: 12, day: 31) == 2_932_896)
  }

  @Test(
    "known days since 1970-01-01",
    arguments: [
      ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11_017), ("2020-01-01", 18_262),
      ("1920-05-16", -18_127),
    ])
  func knownDays(text: String, days: Int) {
    #expect(Self.isoDate(Array(text.utf8)) == days)
  }

  @Test(
    "other lengths and shapes are no dates", arguments: ["2020-1-01", "2020-01-011", "", "20200101  ", "2020/01/01"])
  func otherShapes(text: String) {
    #expect(Self.isoDate(Array(text.utf8)) == nil)
  }

  @Test("the age's units are the age classes' units of the exact age, for every day of 0 to 137 years")
  func ageUnits() {
    var wrong: [Int] = []
    for days in 0..<50_000 {
      let age = FieldParser.age(days: days)
      if AgeClasses.units(age) != FieldParser.ageUnits(days: days) { wrong.append(days) }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    // 7,305 days is exactly 20 years; 1 day is 1/365.25 year cut to 15 decimals.
    #expect(FieldParser.age(days: 7_305) == ExactDecimal(significand: 20, scale: 0))
    #expect(FieldParser.ageUnits(days: 7_305) == 20_000_000_000_000_000)
    #expect(FieldParser.ageUnits(days: 1) == 2_737_850_787_132)
  }

  @Test("past 9,223.37 years the units are nil and the age is cut to 14 decimals: no overflow, on either side")
  func agePastSixtyFourBits() {
    // 3,368,836 days: 9,223,370,294,318,959,616 units, below Int64.max; one day more passes it.
    #expect(FieldParser.ageUnits(days: 3_368_836) == 9_223_370_294_318_959_616)
    #expect(FieldParser.age(days: 3_368_836) == ExactDecimal(significand: 9_223_370_294_318_959_616, scale: 15))
    #expect(FieldParser.ageUnits(days: 3_368_837) == nil)
    #expect(FieldParser.age(days: 3_368_837) == ExactDecimal(significand: 922_337_303_216_974_674, scale: 14))
    // 0001-01-01 to 9999-12-31, the widest span four-digit years write.
    #expect(FieldParser.age(days: 3_652_058) == ExactDecimal(significand: 999_878_986_995_208_761, scale: 14))
  }

  @Test(
    "a row's age from its dates, and the date named when one is wrong",
    arguments: [
      (["birth_date": "1950-01-01", "scan_date": "2020-01-01"], nil),
      (["birth_date": "1950-01-01", "scan_date": "2020-1-01"], "scan_date: not a date; write YYYY-MM-DD"),
      (["birth_date": "1950-13-01", "scan_date": "2020-02-30"], "scan_date: not a date; write YYYY-MM-DD"),
      (["birth_date": "1950-13-01", "scan_date": "2020-02-29"], "birth_date: not a date; write YYYY-MM-DD"),
      (["birth_date": "1950-01-01", "scan_date": " 2020-01-01"], nil),
      (["birth_date": "2020-01-02", "scan_date": "2020-01-01"], "birth_date: is after scan_date"),
      (["birth_date": "", "scan_date": "2020-01-0x"], "age: is empty; give the age or birth_date and scan_date"),
      // Placeholder dates: 3,652,058 days, an age past 64 bits at 15 decimals, is cut to 14 for the message (it had
      // ended the whole run with an overflow trap).
      (
        ["birth_date": "0001-01-01", "scan_date": "9999-12-31"],
        "birth_date: must be between 0 and 120 years, found 9998.78986995208761"
      ),
      (
        ["birth_date": "0001-01-01", "scan_date": "2020-01-01"],
        "birth_date: must be between 0 and 120 years, found 2018.956878850102669"
      ),
    ] as [([String: String], String?)])
  func rowAge(dates: [String: String], error: String?) throws {
    let values = [
      "patient_id": "P1", "sex": "female", "menopause": "post", "site": "femoral-neck", "bmd": "0.558",
    ].merging(dates) { _, new in new }
    let run = try runBatch("\(header)\n\(longRow(values))\n")
    let row = try #require(run.rows.first)
    #expect(row["error"] == (error ?? ""))
    #expect(row["status"] == (error == nil ? "ok" : "error"))
  }

  @Test("an age from dates scores as the same age written in the age column")
  func agreesWithAgeColumn() throws {
    // 1950-01-01 to 2020-01-01: 25,567 days, 69.998631074606433 years cut to 15 decimals.
    let common = ["patient_id": "P1", "sex": "female", "menopause": "post", "site": "femoral-neck", "bmd": "0.558"]
    let fromDates = common.merging(["birth_date": "1950-01-01", "scan_date": "2020-01-01"]) { _, new in new }
    let written = common.merging(["age": "69.998631074606433"]) { _, new in new }
    let run = try runBatch("\(header)\n\(longRow(fromDates))\n\(longRow(written))\n")
    let rows = run.rows
    #expect(rows.count == 2)
    for column in ["status", "t_score", "z_score", "category", "reference", "note"] {
      #expect(rows[0][column] == rows[1][column], "\(column)")
    }
    #expect(rows[0]["status"] == "ok")
  }
}

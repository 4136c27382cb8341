import DXACore
import Foundation

/// A moment as `--as-of` and `--signed-on` take it: a date (`2025-06-02`), or a date and time with its offset
/// (`2025-06-02T09:30:00Z`, `2025-06-02T09:30-04:00`). The date is what the report's checks use; the instant is the
/// FHIR `issued` time.
struct ReportTime: Equatable {
  var date: CalendarDate
  /// A FHIR `instant`: as given with seconds, or for a date alone the start of that day at `timeZone`'s offset.
  var instant: String

  /// Reads a date or a date-time; `option` names the option in errors.
  static func parse(_ text: String, option: String, timeZone: TimeZone) throws(InputError) -> ReportTime {
    let problem = InputError(
      .data, field: option,
      "is not a date written YYYY-MM-DD, or a date and time written YYYY-MM-DDThh:mm[:ss] with Z or ±hh:mm")
    let characters = Array(text)
    guard characters.count >= 10, let date = CalendarDate(String(characters[0..<10])) else { throw problem }
    guard characters.count > 10 else {
      return ReportTime(
        date: date,
        instant: "\(date)T00:00:00\(offsetText(seconds: timeZone.secondsFromGMT(for: date.start(in: timeZone))))")
    }
    guard characters[10] == "T" else { throw problem }
    var rest = characters[11...]
    func number(_ digits: Int, _ range: ClosedRange<Int>) throws(InputError) -> String {
      let part = rest.prefix(digits)
      guard part.count == digits, part.allSatisfy(\.isASCIIDigit), let value = Int(String(part)), range.contains(value)
      else { throw problem }
      rest = rest.dropFirst(digits)
      return String(part)
    }
    func take(_ character: Character) -> Bool {
      guard rest.first == character else { return false }
      rest = rest.dropFirst()
      return true
    }
    let hour = try number(2, 0...23)
    guard take(":") else { throw problem }
    let minute = try number(2, 0...59)
    var second = "00"
    if take(":") { second = try number(2, 0...59) }
    var fraction = ""
    if take(".") {
      let digits = rest.prefix { $0.isASCIIDigit }
      guard !digits.isEmpty, digits.count <= 9 else { throw problem }
      fraction = "." + String(digits)
      rest = rest.dropFirst(digits.count)
    }
    let zone: String
    if take("Z") {
      zone = "Z"
    } else if let sign = rest.first, sign == "+" || sign == "-" {
      rest = rest.dropFirst()
      let hours = try number(2, 0...14)
      guard take(":") else { throw problem }
      zone = "\(sign)\(hours):\(try number(2, 0...59))"
    } else {
      throw problem
    }
    guard rest.isEmpty else { throw problem }
    return ReportTime(date: date, instant: "\(date)T\(hour):\(minute):\(second)\(fraction)\(zone)")
  }

  /// Now, in the machine's time zone: the one place the command line reads the clock.
  static func now(timeZone: TimeZone = .current) throws -> ReportTime {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let moment = Date()
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
    guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
      let minute = parts.minute, let second = parts.second,
      let date = CalendarDate(year: year, month: month, day: day)
    else { throw CommandFailure(.internalError, "the system clock gives no usable date; pass --as-of") }
    let time = [hour, minute, second].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    return ReportTime(
      date: date, instant: "\(date)T\(time)\(offsetText(seconds: timeZone.secondsFromGMT(for: moment)))")
  }

  /// `Z` for UTC, else `+hh:mm` / `-hh:mm`.
  static func offsetText(seconds: Int) -> String {
    guard seconds != 0 else { return "Z" }
    let minutes = abs(seconds) / 60
    let (hours, rest) = (minutes / 60, minutes % 60)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(seconds < 0 ? "-" : "+")\(two(hours)):\(two(rest))"
  }
}

extension CalendarDate {
  /// The first moment of this day in `timeZone` (for its UTC offset on that day).
  fileprivate func start(in timeZone: TimeZone) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

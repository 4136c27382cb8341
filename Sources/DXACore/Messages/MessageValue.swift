/// Which values read from a row of a data file a message may show.
///
/// Messages name the file, the row and the column, and show a value only when it is shaped like a number: a
/// measurement such as a BMD, which helps the reader fix it (`bmd: 850 looks like mg/cm²`). Anything else is described,
/// not shown, because a row's value can be anything: an unquoted comma in a name shifts every column after it, and
/// then a sex or BMD column holds a name, an identifier or a birth date, which messages never repeat. A purely
/// numeric identifier in a measurement column is the one thing this cannot tell from a measurement.
public enum MessageValue {
  /// Whether `text` may be shown: an optional sign, digits with points or commas, an optional exponent, or one of
  /// `nan`, `inf`, `infinity` (so "not a finite number" can say which). `1950-02-03`, `02/03/1950`, `Ann` and `P-1001`
  /// may not.
  public static func mayShow(_ text: some StringProtocol) -> Bool {
    let trimmed = text.trimmingWhitespace.lowercased()
    let unsigned = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : trimmed[...]
    if ["nan", "inf", "infinity"].contains(unsigned) { return true }
    let parts = unsigned.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
    let mantissa = parts[0]
    guard mantissa.contains(where: \.isASCIIDigit), mantissa.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," })
    else { return false }
    guard parts.count == 2 else { return true }
    let exponent = parts[1].hasPrefix("-") || parts[1].hasPrefix("+") ? parts[1].dropFirst() : parts[1]
    return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

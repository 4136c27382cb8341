extension ExactDecimal {
  /// Reads a decimal typed by a person or stored in a file, explaining what is wrong with it when it is not one.
  ///
  /// The messages are the same for an option (`--bmd`) and a CSV column (`bmd`): `'0,8': use a point as the decimal
  /// separator`, `'8e-1': write a plain decimal such as 0.850, not an exponent`, `'nan' is not a finite number`.
  /// Values are quoted in messages up to 40 characters (a message names the problem, it does not copy the file).
  public static func parse(_ text: String, field: String) throws(InputError) -> ExactDecimal {
    if let value = ExactDecimal(text) { return value }
    let quoted = text.count > 40 ? "'\(text.prefix(40))…'" : "'\(text)'"
    let lowered = text.lowercased()
    if ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(lowered) {
      throw InputError(.data, field: field, "\(quoted) is not a finite number")
    }
    if text.contains(",") && ExactDecimal(text.replacing(",", with: ".")) != nil {
      throw InputError(.data, field: field, "\(quoted): use a point as the decimal separator")
    }
    if lowered.contains("e") && Double(text) != nil {
      throw InputError(.data, field: field, "\(quoted): write a plain decimal such as 0.850, not an exponent")
    }
    if text.isEmpty { throw InputError(.data, field: field, "is empty; expected a number") }
    if let problem = lengthProblem(text) { throw InputError(.data, field: field, problem) }
    throw InputError(.data, field: field, "\(quoted) is not a number")
  }

  /// Why a well-formed plain decimal cannot be read exactly (too many digits), or nil when that is not the problem.
  /// The message counts the digits and names the limit; it does not quote the value, which may be long.
  ///
  /// `0.12345678901234567890` → "has 20 significant digits; at most 18 are read exactly".
  public static func lengthProblem(_ text: String) -> String? {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard !body.isEmpty, body != ".", parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      body.filter({ $0 == "." }).count <= 1
    else { return nil }
    let integer = parts[0].drop { $0 == "0" }
    // Zeros after the last non-zero decimal change nothing: they are not counted.
    let decimals = parts.count > 1 ? parts[1].reversed().drop { $0 == "0" }.reversed() : []
    let significant = integer.isEmpty ? decimals.drop { $0 == "0" }.count : integer.count + decimals.count
    if significant > maximumDigits {
      return "has \(significant) significant digits; at most \(maximumDigits) are read exactly"
    }
    if decimals.count > maximumScale {
      return "has \(decimals.count) digits after the decimal point; at most \(maximumScale) are read exactly"
    }
    return nil
  }
}

extension ExactDecimal {
  /// Reads a decimal typed by a person or stored in a file, explaining what is wrong with it when it is not one.
  ///
  /// The messages are the same for an option (`--bmd`) and a CSV column (`bmd`): `'0,8': use a point as the decimal
  /// separator`, `'8e-1': write a plain decimal such as 0.850, not an exponent`, `'nan' is not a finite number`.
  public static func parse(_ text: String, field: String) throws(InputError) -> ExactDecimal {
    if let value = ExactDecimal(text) { return value }
    let lowered = text.lowercased()
    if ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(lowered) {
      throw InputError(.data, field: field, "'\(text)' is not a finite number")
    }
    if text.contains(",") && ExactDecimal(text.replacing(",", with: ".")) != nil {
      throw InputError(.data, field: field, "'\(text)': use a point as the decimal separator")
    }
    if lowered.contains("e") && Double(text) != nil {
      throw InputError(.data, field: field, "'\(text)': write a plain decimal such as 0.850, not an exponent")
    }
    if text.isEmpty { throw InputError(.data, field: field, "is empty; expected a number") }
    throw InputError(.data, field: field, "'\(text)' is not a number")
  }
}

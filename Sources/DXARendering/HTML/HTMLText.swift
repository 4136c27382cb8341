import DXACore

/// Escaping and number formatting shared by the HTML report and its SVG charts.
///
/// Every text that comes from an exam (names, notes, reasons) goes through ``escaped(_:)``; every printed number
/// comes from an exact value, rounded here once, and is written with a true minus sign (U+2212).
enum HTMLText {
  /// Text safe inside an element or a quoted attribute: `& < > " '` become entities, and control characters that
  /// HTML forbids become U+FFFD.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        result.unicodeScalars.append(isControl ? "\u{FFFD}" : scalar)
      }
    }
    return result
  }

  /// `text` as a quoted CSS string for a stylesheet inside `<style>`: quotes and backslashes escaped, `<` and `>`
  /// written as escapes so no value can close the element, and control characters as hexadecimal escapes.
  static func cssString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "<", ">": result += "\\\(String(scalar.value, radix: 16, uppercase: true)) "
      default:
        let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        if isControl {
          result += "\\\(String(scalar.value, radix: 16, uppercase: true)) "
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// `-2.0` → `−2.0`: the typographic minus sign, which lines up with `+` and does not break across lines.
  static func withMinusSign(_ text: String) -> String {
    text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
  }

  /// A BMD to 3 decimals (`0.612`), half away from zero.
  static func bmd(_ value: ExactDecimal) -> String { bmd(Fraction(value)) }

  static func bmd(_ value: Fraction) -> String { decimal(value, places: 3) }

  /// A T- or Z-score to 1 decimal (`−2.0`).
  static func score(_ value: ExactDecimal) -> String { decimal(Fraction(value), places: 1) }

  /// `value` rounded half away from zero to `places` decimals, minus sign and all; never `−0.0`.
  static func decimal(_ value: Fraction, places: Int) -> String {
    let rounded = value.roundedDecimal(places: places)
    return withMinusSign(
      rounded.significand == 0 ? ExactDecimal(significand: 0, scale: places).description : "\(rounded)")
  }

  /// A change with its sign always shown: `+0.012`, `−1.9`, `0.000`.
  static func signed(_ value: Fraction, places: Int) -> String {
    let text = decimal(value, places: places)
    return value.roundedDecimal(places: places).significand > 0 ? "+" + text : text
  }

  /// A coordinate for SVG, to 0.1 px with the trailing `.0` dropped: deterministic on every platform.
  static func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let magnitude = tenths.magnitude
    let fraction = magnitude % 10
    return sign + String(magnitude / 10) + (fraction == 0 ? "" : "." + String(fraction))
  }

  /// "female" → "Female".
  static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

  static func menopause(_ status: MenopausalStatus) -> String {
    switch status {
    case .pre: return "Premenopausal"
    case .peri: return "Perimenopausal (transition)"
    case .post: return "Postmenopausal"
    }
  }

  /// Units as people read them: `g/cm2` → `g/cm²`.
  static func units(_ units: String) -> String {
    units.hasSuffix("cm2") ? units.dropLast() + "\u{00B2}" : units
  }
}

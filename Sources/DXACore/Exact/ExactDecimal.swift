/// A decimal number held exactly as an integer significand and a count of decimal places.
///
/// BMD values and reference means are short decimals such as `0.858`. Binary floating point cannot hold most of
/// them, and a T-score that sits exactly on −1.0 or −2.5 can land on the wrong side of the line. Keeping the digits
/// as integers makes every score exact.
///
///     ExactDecimal("0.858")   // significand 858, scale 3
public struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
  /// The digits, with the sign.
  public let significand: Int64
  /// How many of the digits stand after the decimal point.
  public let scale: Int

  /// The most digits after the point that a value may have.
  public static let maximumScale = 15
  /// The most significant digits that a value may have.
  public static let maximumDigits = 18

  public init(significand: Int64, scale: Int) {
    precondition((0...Self.maximumScale).contains(scale), "scale out of range")
    self.significand = significand
    self.scale = scale
  }

  /// Reads a plain decimal: an optional sign, digits, an optional point and more digits (`-0.85`, `.85`, `12`).
  /// Exponents, thousands separators, `nan` and `inf` are refused, and so is anything longer than 18 digits or
  /// with more than 15 digits after the point: such text is not a measurement.
  public init?<S: StringProtocol>(_ text: S) {
    var digits: Int64 = 0
    var digitCount = 0
    var scale = 0
    var isNegative = false
    var seenPoint = false
    var seenDigit = false
    var index = text.utf8.startIndex
    let bytes = text.utf8
    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      isNegative = bytes[index] == UInt8(ascii: "-")
      index = bytes.index(after: index)
    }
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        if seenPoint { return nil }
        seenPoint = true
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        seenDigit = true
        if digits != 0 || byte != UInt8(ascii: "0") { digitCount += 1 }
        if digitCount > Self.maximumDigits { return nil }
        digits = digits * 10 + Int64(byte - UInt8(ascii: "0"))
        if seenPoint {
          scale += 1
          if scale > Self.maximumScale { return nil }
        }
      } else {
        return nil
      }
      index = bytes.index(after: index)
    }
    guard seenDigit else { return nil }
    self.init(significand: isNegative ? -digits : digits, scale: scale)
  }

  /// The value exactly as written, with its scale kept (`0.120` stays `0.120`).
  public var description: String {
    let magnitude = String(significand.magnitude)
    let sign = significand < 0 ? "-" : ""
    guard scale > 0 else { return sign + magnitude }
    let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
    let point = padded.index(padded.endIndex, offsetBy: -scale)
    return sign + padded[..<point] + "." + padded[point...]
  }

  /// The nearest binary floating-point value, for display and for the LMS power law only.
  public var doubleValue: Double { Double(significand) / pow10Double(scale) }

  public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
    Fraction(lhs) == Fraction(rhs)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(Fraction(self))
  }
}

extension ExactDecimal {
  /// The value as an integer when it has no fractional part (`24`, `24.00`), else nil.
  public var wholeNumber: Int64? {
    let divisor = pow10(scale)
    guard Int128(significand) % divisor == 0 else { return nil }
    return Int64(Int128(significand) / divisor)
  }

  /// The whole part, truncated toward zero: completed years for text (68.6461 → 68).
  public var truncatedToWhole: Int64 { Int64(Int128(significand) / pow10(scale)) }

  /// |value|, with the scale kept.
  public var magnitude: ExactDecimal { ExactDecimal(significand: abs(significand), scale: scale) }
}

extension ExactDecimal: Comparable {
  public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
    Fraction(lhs) < Fraction(rhs)
  }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int64) {
    self.init(significand: value, scale: 0)
  }
}

func pow10Double(_ exponent: Int) -> Double {
  var result = 1.0
  for _ in 0..<exponent { result *= 10 }
  return result
}

func pow10(_ exponent: Int) -> Int128 {
  var result: Int128 = 1
  for _ in 0..<exponent { result *= 10 }
  return result
}

/// An exact rational number: a numerator over a positive denominator, always in lowest terms.
///
/// Scores are quotients of decimals, `(BMD − mean) / SD`, and a cross-maker conversion divides by a decimal slope
/// as well, so the exact result of a score is a fraction. Rounding it to one decimal is then integer arithmetic.
/// The operations throw ``ArithmeticOverflow`` rather than trap when a result would not fit in 128 bits; with
/// measured values of a few decimals that never happens, but a malformed reference file must not crash the engine.
public struct Fraction: Sendable, Hashable, CustomStringConvertible {
  public let numerator: Int128
  public let denominator: Int128

  /// Builds `numerator / denominator` in lowest terms. The denominator must not be zero.
  public init(_ numerator: Int128, _ denominator: Int128) throws(ArithmeticOverflow) {
    precondition(denominator != 0, "zero denominator")
    // Both within 64 bits, as the terms of decimals of a few places are: the same lowest terms with machine
    // divisions rather than 128-bit library calls (a template of the batch makes a few hundred fractions).
    if let magnitude = UInt64(exactly: numerator.magnitude),
      let divisorMagnitude = UInt64(exactly: denominator.magnitude)
    {
      self.init(reducing: magnitude, over: divisorMagnitude, isNegative: (numerator < 0) != (denominator < 0))
      return
    }
    guard numerator != .min, denominator != .min else { throw ArithmeticOverflow() }
    let divisor = greatestCommonDivisor(numerator.magnitude, denominator.magnitude)
    let sign: Int128 = denominator < 0 ? -1 : 1
    self.init(unchecked: sign * numerator / Int128(divisor), sign * denominator / Int128(divisor))
  }

  public init(_ decimal: ExactDecimal) {
    if decimal.scale <= 18 {
      // 10^scale fits in 64 bits, and so does the significand: the same lowest terms with machine divisions
      // rather than 128-bit library calls (the engine builds a fraction for every decimal it reads).
      let power = UInt64(truncatingIfNeeded: pow10(decimal.scale))
      var (u, v) = (decimal.significand.magnitude, power)
      while v != 0 { (u, v) = (v, u % v) }
      // u ≥ 1 (power is not zero); dividing the magnitude keeps Int64.min exact.
      let magnitude = decimal.significand.magnitude / u
      numerator = decimal.significand < 0 ? -Int128(magnitude) : Int128(magnitude)
      denominator = Int128(power / u)
      return
    }
    // A significand of at most 18 digits over at most 10^24 (ExactDecimal.maximumScale) always fits.
    let divisor = greatestCommonDivisor(UInt128(decimal.significand.magnitude), pow10(decimal.scale).magnitude)
    numerator = Int128(decimal.significand) / Int128(divisor)
    denominator = pow10(decimal.scale) / Int128(divisor)
  }

  public init(_ integer: Int) {
    numerator = Int128(integer)
    denominator = 1
  }

  public static let zero = Fraction(0)
  public static let one = Fraction(1)

  public var isZero: Bool { numerator == 0 }
  public var isNegative: Bool { numerator < 0 }
  public var magnitude: Fraction { isNegative ? -self : self }

  public static func + (lhs: Fraction, rhs: Fraction) throws(ArithmeticOverflow) -> Fraction {
    if let sum = narrowSum(lhs, rhs) { return sum }
    // Over the least common denominator: two decimals of 24 places add over 10^24, not 10^48.
    let common = Int128(greatestCommonDivisor(lhs.denominator.magnitude, rhs.denominator.magnitude))
    let left = try multiply(lhs.numerator, rhs.denominator / common)
    let right = try multiply(rhs.numerator, lhs.denominator / common)
    let (sum, overflow) = left.addingReportingOverflow(right)
    guard !overflow else { throw ArithmeticOverflow() }
    return try Fraction(sum, try multiply(lhs.denominator / common, rhs.denominator))
  }

  public static prefix func - (value: Fraction) -> Fraction {
    // The numerator is never Int128.min (see init), so negation is safe and the terms stay lowest.
    Fraction(unchecked: -value.numerator, value.denominator)
  }

  public static func - (lhs: Fraction, rhs: Fraction) throws(ArithmeticOverflow) -> Fraction {
    try lhs + (-rhs)
  }

  public static func * (lhs: Fraction, rhs: Fraction) throws(ArithmeticOverflow) -> Fraction {
    try Fraction(try multiply(lhs.numerator, rhs.numerator), try multiply(lhs.denominator, rhs.denominator))
  }

  /// Divides; the divisor must not be zero (reference SDs and slopes are checked when a table is read).
  public static func / (lhs: Fraction, rhs: Fraction) throws(ArithmeticOverflow) -> Fraction {
    precondition(!rhs.isZero, "division by zero")
    return try Fraction(try multiply(lhs.numerator, rhs.denominator), try multiply(lhs.denominator, rhs.numerator))
  }

  /// The value rounded half away from zero to a whole number of `1/10^places`, returned as that whole number.
  ///
  /// `Fraction(-255, 100).rounded(places: 1)` is `-26`: exactly −2.55 rounds away from zero to −2.6.
  /// Values of 10^30 or more (never a score or a BMD) are clamped rather than trapping.
  public func rounded(places: Int) -> Int128 {
    // The numerator, the power and their product within 64 bits (a score to one decimal): machine division, the
    // same quotient and remainder as the 256-bit division below, and no clamping (the value is below 2^63).
    if places >= 0, places <= 18, let narrowNumerator = Int64(exactly: numerator),
      let narrowDenominator = Int64(exactly: denominator)
    {
      let (scaled, overflow) = narrowNumerator.multipliedReportingOverflow(by: Int64(pow10(places)))
      if !overflow {
        let quotient = scaled / narrowDenominator
        let remainder = scaled % narrowDenominator
        // remainder < denominator < 2^63: twice it fits in 64 unsigned bits.
        guard remainder.magnitude &* 2 >= narrowDenominator.magnitude else { return Int128(quotient) }
        return Int128(numerator < 0 ? quotient - 1 : quotient + 1)
      }
    }
    guard magnitudeIsBelow(pow10(30)) else { return numerator < 0 ? -.max : .max }
    // numerator × 10^places in 256 bits, so no intermediate can overflow; the quotient is the value in units of
    // 10^-places, which fits for any value below 10^(38 − places).
    let (quotient, remainder) = denominator.dividingFullWidth(numerator.multipliedFullWidth(by: pow10(places)))
    // remainder < denominator, so 2 × remainder fits in an unsigned 128-bit magnitude.
    guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
    return numerator < 0 ? quotient - 1 : quotient + 1
  }

  /// The value rounded half away from zero to `places` decimals, as an ``ExactDecimal``.
  public func roundedDecimal(places: Int) -> ExactDecimal {
    ExactDecimal(significand: Int64(clamping: rounded(places: places)), scale: places)
  }

  /// The value rounded toward minus infinity to `places` decimals. Used for ages: flooring never moves an age across
  /// a whole-year boundary, so an age band `[from, under)` holds the floored age exactly when it holds the age.
  public func flooredDecimal(places: Int) -> ExactDecimal {
    guard magnitudeIsBelow(pow10(30)) else { return roundedDecimal(places: places) }
    let (quotient, remainder) = denominator.dividingFullWidth(numerator.multipliedFullWidth(by: pow10(places)))
    let floored = remainder < 0 ? quotient - 1 : quotient
    return ExactDecimal(significand: Int64(clamping: floored), scale: places)
  }

  /// Whether the value is a whole number of `1/10^places`, that is, rounding to `places` loses nothing.
  public func isExact(places: Int) -> Bool {
    guard magnitudeIsBelow(pow10(30)) else { return true }
    return denominator.dividingFullWidth(numerator.multipliedFullWidth(by: pow10(places))).remainder == 0
  }

  /// Whether |value| < `bound`.
  public func magnitudeIsBelow(_ bound: Int128) -> Bool {
    // A machine division when both terms fit in 64 bits; the same truncated quotient.
    if let narrowNumerator = Int64(exactly: numerator), let narrowDenominator = Int64(exactly: denominator) {
      return UInt128((narrowNumerator / narrowDenominator).magnitude) < bound.magnitude
    }
    return (numerator / denominator).magnitude < bound.magnitude
  }

  /// The nearest floating-point value (used only where the math itself needs a power: LMS with L ≠ 1).
  public var doubleValue: Double { Double(numerator) / Double(denominator) }

  /// `n/d` for display in audits, with up to 6 decimals and trailing zeros dropped (`-2.55`, `-1.234568`).
  public var description: String {
    var text = roundedDecimal(places: 6).description
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  private init(unchecked numerator: Int128, _ denominator: Int128) {
    self.numerator = numerator
    self.denominator = denominator
  }

  /// `±magnitude / divisorMagnitude` in lowest terms; the divisor is not zero.
  @inline(__always)
  private init(reducing magnitude: UInt64, over divisorMagnitude: UInt64, isNegative: Bool) {
    var (u, v) = (magnitude, divisorMagnitude)
    while v != 0 { (u, v) = (v, u % v) }
    // u ≥ 1: the divisor is not zero.
    let reduced = Int128(magnitude / u)
    numerator = isNegative ? -reduced : reduced
    denominator = Int128(divisorMagnitude / u)
  }

  /// `lhs + rhs` when all four terms fit in 64 bits, else nil. Over the least common denominator as in `+`, with
  /// machine divisions: each product of a 64-bit term and a 64-bit quotient is below 2^126, their sum below 2^127,
  /// so the 128-bit arithmetic cannot overflow and the sum is the one `+` computes in general.
  @inline(__always)
  private static func narrowSum(_ lhs: Fraction, _ rhs: Fraction) -> Fraction? {
    guard let leftNumerator = Int64(exactly: lhs.numerator), let leftDenominator = Int64(exactly: lhs.denominator),
      let rightNumerator = Int64(exactly: rhs.numerator), let rightDenominator = Int64(exactly: rhs.denominator)
    else { return nil }
    // Denominators are positive.
    var (u, v) = (UInt64(leftDenominator), UInt64(rightDenominator))
    while v != 0 { (u, v) = (v, u % v) }
    let common = Int64(u)
    let left = Int128(leftNumerator) &* Int128(rightDenominator / common)
    let right = Int128(rightNumerator) &* Int128(leftDenominator / common)
    let denominator = Int128(leftDenominator / common) &* Int128(rightDenominator)
    // Neither is Int128.min (both are below 2^127 in magnitude): the general initialiser cannot throw.
    return try? Fraction(left &+ right, denominator)
  }

  private static func multiply(_ lhs: Int128, _ rhs: Int128) throws(ArithmeticOverflow) -> Int128 {
    let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
    guard !overflow else { throw ArithmeticOverflow() }
    return product
  }
}

extension Fraction: Comparable {
  public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
    // Compare a/b < c/d as a·d < c·b (both denominators are positive), with the products in 256 bits so the
    // comparison is exact for every pair of fractions.
    let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
    let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
    return left.high != right.high ? left.high < right.high : left.low < right.low
  }
}

/// A result that does not fit in 128-bit integers: reported as an error, never a crash or a wrong number.
public struct ArithmeticOverflow: Error, Equatable, Sendable {}

private func greatestCommonDivisor(_ a: UInt128, _ b: UInt128) -> UInt128 {
  var (x, y) = (a, b)
  while y != 0 {
    // The same steps in 64 bits once both fit: a machine division instead of a 128-bit library call.
    if let small = UInt64(exactly: x), let smallDivisor = UInt64(exactly: y) {
      var (u, v) = (small, smallDivisor)
      while v != 0 { (u, v) = (v, u % v) }
      return UInt128(u)
    }
    (x, y) = (y, x % y)
  }
  return x == 0 ? 1 : x
}

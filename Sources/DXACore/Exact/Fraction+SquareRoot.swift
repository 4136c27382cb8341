extension Fraction {
  /// The square root rounded half away from zero to `places` decimals, with the rounding decided exactly.
  ///
  /// A precision is the square root of an exact mean variance, which is rarely a decimal. Floating point gives a
  /// first estimate of the rounded root r; r is then moved until (r − ½)² ≤ value × 10^(2·places) < (r + ½)² holds
  /// in exact arithmetic, so the printed digits never depend on a binary rounding.
  /// `Fraction(425, 3_000_000).squareRootRounded(places: 4)` is 0.0119 (√0.000141666… = 0.011902…).
  public func squareRootRounded(places: Int) throws(ArithmeticOverflow) -> ExactDecimal {
    precondition(!isNegative, "square root of a negative value")
    let scaled = try self * Fraction(pow10(2 * places), 1)
    let estimate = scaled.doubleValue.squareRoot().rounded()
    // Far beyond any precision; keeps (2r + 1)² inside 128 bits.
    guard estimate < 1e18 else { throw ArithmeticOverflow() }
    var root = Int128(estimate)
    // (r + ½)² = (2r + 1)² / 4: compare with the scaled value, all in integers.
    func upperHalf(_ r: Int128) throws(ArithmeticOverflow) -> Fraction {
      try Fraction((2 * r + 1) * (2 * r + 1), 4)
    }
    while try upperHalf(root) <= scaled { root += 1 }
    while root > 0, try upperHalf(root - 1) > scaled { root -= 1 }
    return ExactDecimal(significand: Int64(clamping: root), scale: places)
  }
}

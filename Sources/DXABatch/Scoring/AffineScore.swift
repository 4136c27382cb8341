import DXACore

/// A score as an exact affine function of the measured BMD: `score = coefficient × BMD + offset`.
///
/// Every mean/SD score is one: `(convert(BMD) − mean) / SD`, where each published cross-maker conversion is itself
/// affine. Holding the two fractions as integers lets a row be scored from its scanned digits with two 128-bit
/// multiplications and one division, and rounded half away from zero exactly as ``Fraction/rounded(places:)``.
struct AffineScore: Sendable, Equatable {
  let coefficient: Fraction
  let offset: Fraction
  /// For BMD written with `scale` decimals (0…6):
  /// tenths = (multiplier × significand + addend × 10^scale) / (divisor × 10^scale). Plain integers, no arrays:
  /// a template is a value with no reference counting.
  let wide: WideTerms
  /// The same three numbers when each is below 2^38, as nearly all are (see ``NarrowTerms``).
  let narrow: NarrowTerms?

  /// The terms in 128 bits. A value of their own, so that the row loop keeps them beside the narrow ones: reaching
  /// them through an optional ``AffineScore`` copied the whole score (a `memcpy`) for every row that needs them.
  struct WideTerms: Equatable {
    let multiplier: Int128
    let addend: Int128
    let divisor: Int128

    /// ``AffineScore/tenths(significand:scale:)`` for a BMD the caller has checked (a significand below 10^7, at
    /// most ``AffineScore/maximumScale`` decimals), given `power` = 10^scale.
    @inline(__always)
    func tenths(significand: Int64, power: Int64) -> Int64? {
      let numerator = multiplier * Int128(significand) + addend * Int128(power)
      let divisor = self.divisor * Int128(power)
      // Published means and SDs make small fractions: the division almost always fits 64 bits, which the processor
      // divides in one instruction (128-bit division is a library call). Same quotient, same rounding.
      if let narrowNumerator = Int64(exactly: numerator), let narrowDivisor = Int64(exactly: divisor),
        narrowNumerator.magnitude < UInt64(Int64.max / 2), narrowDivisor.magnitude < UInt64(Int64.max / 2)
      {
        var quotient = narrowNumerator / narrowDivisor
        let remainder = narrowNumerator - quotient * narrowDivisor
        if remainder.magnitude * 2 >= narrowDivisor.magnitude { quotient += narrowNumerator < 0 ? -1 : 1 }
        return quotient
      }
      var quotient = numerator / divisor
      let remainder = numerator - quotient * divisor
      if remainder.magnitude * 2 >= divisor.magnitude { quotient += numerator < 0 ? -1 : 1 }
      return Int64(exactly: quotient)
    }
  }

  /// The terms of a score whose arithmetic fits 64 bits. The fast path takes significands below 10^7 and scales up
  /// to 6, so with every term below 2^38: |multiplier × significand| < 2^38 · 10^7 < 2^62, |addend × 10^scale| and
  /// |divisor × 10^scale| < 2^38 · 10^6 < 2^58; the numerator's sum and twice a remainder stay below 2^63.
  struct NarrowTerms: Equatable {
    let multiplier: Int64
    let addend: Int64
    let divisor: Int64

    static let limit: Int128 = 1 << 38

    /// ``AffineScore/tenths(significand:scale:)`` in 64-bit arithmetic.
    @inline(__always)
    func tenths(significand: Int64, scale: Int) -> Int64? {
      guard scale >= 0, scale <= AffineScore.maximumScale, significand.magnitude < 10_000_000 else { return nil }
      return tenths(significand: significand, power: AffineScore.power(scale))
    }

    /// The same for a BMD the caller has checked (a significand below 10^7, at most ``AffineScore/maximumScale``
    /// decimals), given `power` = 10^scale: the row loop works out the power once for T and Z.
    @inline(__always)
    func tenths(significand: Int64, power: Int64) -> Int64 {
      let numerator = multiplier &* significand &+ addend &* power
      let divisor = divisor &* power
      var quotient = numerator / divisor
      // Within the bounds above: |quotient × divisor| ≤ |numerator| and the remainder, its double and the rounded
      // quotient are smaller still, so wrapping operations give the exact values, without overflow checks.
      let remainder = numerator &- quotient &* divisor
      if remainder.magnitude &* 2 >= divisor.magnitude { quotient &+= numerator < 0 ? -1 : 1 }
      return quotient
    }
  }

  /// The most decimals a BMD may have on the fast path; more (never seen in practice) go through the engine.
  static let maximumScale = 6

  /// 10^`exponent` for 0…18 (1 otherwise), by a switch the compiler makes a table: a loop of multiplications ran for
  /// every score. Callers pass exponents they have checked (a BMD's scale up to ``maximumScale``, an age's up to 15).
  @inline(__always)
  static func power(_ exponent: Int) -> Int64 {
    switch exponent {
    case 1: return 10
    case 2: return 100
    case 3: return 1_000
    case 4: return 10_000
    case 5: return 100_000
    case 6: return 1_000_000
    case 7: return 10_000_000
    case 8: return 100_000_000
    case 9: return 1_000_000_000
    case 10: return 10_000_000_000
    case 11: return 100_000_000_000
    case 12: return 1_000_000_000_000
    case 13: return 10_000_000_000_000
    case 14: return 100_000_000_000_000
    case 15: return 1_000_000_000_000_000
    case 16: return 10_000_000_000_000_000
    case 17: return 100_000_000_000_000_000
    case 18: return 1_000_000_000_000_000_000
    default: return 1
    }
  }

  /// Coefficients above this size go through the engine, so no product below can overflow 128 bits.
  private static let coefficientLimit: Int128 = 1 << 40

  /// Nil when the fractions are too large for overflow-free integer arithmetic.
  init?(coefficient: Fraction, offset: Fraction) {
    let limit = Self.coefficientLimit
    for part in [coefficient.numerator, coefficient.denominator, offset.numerator, offset.denominator]
    where part.magnitude >= limit.magnitude {
      return nil
    }
    self.coefficient = coefficient
    self.offset = offset
    // T·10 = 10·(an/ad·m/10^s + bn/bd) = (10·an·bd·m + 10·bn·ad·10^s) / (ad·bd·10^s)
    let multiplier = 10 * coefficient.numerator * offset.denominator
    let addend = 10 * offset.numerator * coefficient.denominator
    let divisor = coefficient.denominator * offset.denominator
    wide = WideTerms(multiplier: multiplier, addend: addend, divisor: divisor)
    let narrowLimit = NarrowTerms.limit
    if multiplier.magnitude < narrowLimit.magnitude, addend.magnitude < narrowLimit.magnitude,
      divisor.magnitude < narrowLimit.magnitude
    {
      narrow = NarrowTerms(multiplier: Int64(multiplier), addend: Int64(addend), divisor: Int64(divisor))
    } else {
      narrow = nil
    }
  }

  /// The score of a BMD `significand / 10^scale`, rounded half away from zero, in tenths; nil when the BMD has
  /// more than ``maximumScale`` decimals or more than 7 digits (the caller then asks the engine).
  @inline(__always)
  func tenths(significand: Int64, scale: Int) -> Int64? {
    if let narrow { return narrow.tenths(significand: significand, scale: scale) }
    guard scale >= 0, scale <= Self.maximumScale, significand.magnitude < 10_000_000 else { return nil }
    return wide.tenths(significand: significand, power: Self.power(scale))
  }

  /// The exact unrounded score, for checks.
  func exact(_ bmd: ExactDecimal) throws(ArithmeticOverflow) -> Fraction {
    try (try coefficient * Fraction(bmd)) + offset
  }
}

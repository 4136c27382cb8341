import DXACore
import Testing

/// The 64-bit shortcuts of ``Fraction`` and ``ExactDecimal/description`` against the general arithmetic, written out
/// here in 128 bits: a fraction in lowest terms is unique, so the same value means the same numerator and
/// denominator.
@Suite("Exact arithmetic: 64-bit shortcuts agree with 128-bit arithmetic")
struct NarrowArithmeticTests {
  /// The readers' deterministic generator, so a failure reproduces.
  typealias SplitMix = RobustnessTests.SplitMix

  /// `numerator / denominator` in lowest terms with a positive denominator, in 128-bit arithmetic.
  static func reduced(_ numerator: Int128, _ denominator: Int128) -> (Int128, Int128) {
    var (u, v) = (numerator.magnitude, denominator.magnitude)
    while v != 0 { (u, v) = (v, u % v) }
    let sign: Int128 = denominator < 0 ? -1 : 1
    return (sign * numerator / Int128(u), sign * denominator / Int128(u))
  }

  /// Terms of every size up to 62 bits (so that the reference's products fit in 128 bits), small ones often.
  static func term(_ random: inout SplitMix, positive: Bool) -> Int128 {
    let bits = Int.random(in: 1...62, using: &random)
    var value = Int128(random.next() >> UInt64(64 - bits))
    if positive { return max(value, 1) }
    if Bool.random(using: &random) { value = -value }
    return value
  }

  @Test(
    "a fraction of 64-bit terms is reduced and signed as in 128 bits",
    arguments: [(6, -4), (-6, -4), (0, -7), (858, 1000), (-255, 100)])
  func reduces(numerator: Int, denominator: Int) throws {
    let fraction = try Fraction(Int128(numerator), Int128(denominator))
    let (n, d) = Self.reduced(Int128(numerator), Int128(denominator))
    #expect(fraction.numerator == n && fraction.denominator == d)
  }

  @Test("sums, differences, products and quotients of random fractions match 128-bit arithmetic")
  func operations() throws {
    var random = SplitMix(state: 20_261_203)
    for _ in 0..<20_000 {
      let (an, ad) = Self.reduced(Self.term(&random, positive: false), Self.term(&random, positive: true))
      let (bn, bd) = Self.reduced(Self.term(&random, positive: false), Self.term(&random, positive: true))
      let a = try Fraction(an, ad)
      let b = try Fraction(bn, bd)
      let sum = try a + b
      let expectedSum = Self.reduced(an * bd + bn * ad, ad * bd)
      #expect(sum.numerator == expectedSum.0 && sum.denominator == expectedSum.1)
      let difference = try a - b
      let expectedDifference = Self.reduced(an * bd - bn * ad, ad * bd)
      #expect(difference.numerator == expectedDifference.0 && difference.denominator == expectedDifference.1)
      // Products of two 62-bit terms stay within 128 bits.
      let product = try a * b
      let expectedProduct = Self.reduced(an * bn, ad * bd)
      #expect(product.numerator == expectedProduct.0 && product.denominator == expectedProduct.1)
      if bn != 0 {
        let quotient = try a / b
        let expectedQuotient = Self.reduced(an * bd, ad * bn)
        #expect(quotient.numerator == expectedQuotient.0 && quotient.denominator == expectedQuotient.1)
      }
    }
  }

  @Test("a sum whose terms pass 64 bits takes the general path and is still exact")
  func wideSum() throws {
    let wide = try Fraction(Int128(1) << 70, 3)
    let sum = try wide + Fraction(1, 6)
    let expected = Self.reduced((Int128(1) << 71) + 1, 6)
    #expect(sum.numerator == expected.0 && sum.denominator == expected.1)
  }

  @Test("rounding half away from zero matches the 128-bit quotient and remainder")
  func rounding() throws {
    var random = SplitMix(state: 7)
    for _ in 0..<20_000 {
      let (n, d) = Self.reduced(Self.term(&random, positive: false), Self.term(&random, positive: true))
      let fraction = try Fraction(n, d)
      let places = Int.random(in: 0...18, using: &random)
      // |n| < 2^62 and 10^18 < 2^60: the product fits in 128 bits.
      let scaled = n * pow10Value(places)
      var expected = scaled / d
      if (scaled % d).magnitude * 2 >= d.magnitude { expected += n < 0 ? -1 : 1 }
      #expect(fraction.rounded(places: places) == expected)
      #expect(fraction.magnitudeIsBelow(1_000_000) == ((n / d).magnitude < 1_000_000))
    }
    // Worked values: −2.55 rounds to −2.6, 2.45 to 2.5, −2.549 to −2.5.
    #expect(try Fraction(-255, 100).rounded(places: 1) == -26)
    #expect(try Fraction(245, 100).rounded(places: 1) == 25)
    #expect(try Fraction(-2549, 1000).rounded(places: 1) == -25)
    // (0.558 − 0.858) / 0.120 = −2.5 exactly.
    #expect(try (try Fraction(558, 1000) - Fraction(858, 1000)) / Fraction(120, 1000) == Fraction(-5, 2))
  }

  func pow10Value(_ exponent: Int) -> Int128 {
    var value: Int128 = 1
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// ``ExactDecimal/description`` as it was written with strings: the reference for the byte writer.
  static func referenceDescription(_ value: ExactDecimal) -> String {
    let magnitude = String(value.significand.magnitude)
    let sign = value.significand < 0 ? "-" : ""
    guard value.scale > 0 else { return sign + magnitude }
    let padded = String(repeating: "0", count: max(0, value.scale + 1 - magnitude.count)) + magnitude
    let point = padded.index(padded.endIndex, offsetBy: -value.scale)
    return sign + padded[..<point] + "." + padded[point...]
  }

  @Test(
    "decimals are written with their scale kept",
    arguments: [
      (Int64(858), 3, "0.858"), (1000, 3, "1.000"), (-5, 1, "-0.5"), (0, 0, "0"), (0, 2, "0.00"), (12, 0, "12"),
      (88_298_425_735_797_399, 15, "88.298425735797399"), (Int64.min, 24, "-0.000009223372036854775808"),
      (Int64.max, 0, "9223372036854775807"),
    ])
  func description(significand: Int64, scale: Int, text: String) {
    #expect(ExactDecimal(significand: significand, scale: scale).description == text)
  }

  @Test("random decimals of every scale are written as with strings")
  func randomDescriptions() {
    var random = SplitMix(state: 42)
    for _ in 0..<20_000 {
      // Every length of significand, either sign, Int64.min and max among them.
      let bits = Int.random(in: 1...64, using: &random)
      let raw = random.next()
      let significand =
        bits == 64 ? Int64(bitPattern: raw) : Int64(raw >> UInt64(64 - bits)) * (Bool.random(using: &random) ? -1 : 1)
      let value = ExactDecimal(significand: significand, scale: Int.random(in: 0...24, using: &random))
      #expect(value.description == Self.referenceDescription(value))
    }
  }
}

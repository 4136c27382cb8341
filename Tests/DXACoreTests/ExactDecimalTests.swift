import DXACore
import DXATestSupport
import Testing

@Suite("Exact decimals and fractions")
struct ExactDecimalTests {
  @Test(
    "plain decimals are read exactly, keeping their scale",
    arguments: [
      ("0.858", Int64(858), 3, "0.858"), ("0.120", 120, 3, "0.120"), (".85", 85, 2, "0.85"),
      ("-2.55", -255, 2, "-2.55"),
      ("12", 12, 0, "12"), ("+1.5", 15, 1, "1.5"), ("0.000001", 1, 6, "0.000001"),
      ("1.000", 1000, 3, "1.000"), ("-.5", -5, 1, "-0.5"), ("007", 7, 0, "7"), ("1.", 1, 0, "1"),
      ("123456789012345678", 123_456_789_012_345_678, 0, "123456789012345678"),
      ("-1234567.8901234567", -12_345_678_901_234_567, 10, "-1234567.8901234567"),
    ])
  func parses(text: String, significand: Int64, scale: Int, description: String) throws {
    let value = try #require(ExactDecimal(text))
    #expect(value.significand == significand)
    #expect(value.scale == scale)
    #expect(value.description == description)
  }

  @Test(
    "anything that is not a plain decimal is refused",
    arguments: [
      "", "-", ".", "+", "-.", "--1", "+-1", "1.-2", "abc", "1e-3", "nan", "inf", "0,85", "1.2.3", " 0.8", "0.8 ",
      "1234567890123456789",
      "0.1234567890123456789", "0.0000000123456789012345678",
    ])
  func refuses(text: String) {
    #expect(ExactDecimal(text) == nil)
  }

  @Test("equal values compare equal whatever their scale")
  func equality() {
    #expect(dec("0.120") == dec("0.12"))
    #expect(dec("-1.0") == dec("-1"))
    #expect(dec("0.857") < dec("0.858"))
    #expect(dec("-2.55") < dec("-2.5"))
  }

  @Test("comparing decimals in 64 bits agrees with comparing their fractions, at every pair of scales")
  func comparisonAgreesWithFractions() throws {
    var generator = RobustnessTests.SplitMix(state: 20_261_202)
    // Significands of every length (up to the 18 digits a decimal holds), so that widening to the larger scale
    // sometimes overflows 64 bits and the comparison falls back to fractions.
    func random() -> ExactDecimal {
      let digits = Int.random(in: 0...17, using: &generator)
      var significand = Int64.random(in: 0...9, using: &generator)
      for _ in 0..<digits { significand = significand * 10 + Int64.random(in: 0...9, using: &generator) }
      if Bool.random(using: &generator) { significand.negate() }
      let scale = Int.random(in: 0...ExactDecimal.maximumScale, using: &generator)
      return ExactDecimal(significand: significand, scale: scale)
    }
    for _ in 0..<20_000 {
      let a = random()
      // The same value at another scale half the time, so equal values are met often.
      var b = random()
      if Bool.random(using: &generator), a.scale < ExactDecimal.maximumScale,
        case (let widened, false) = a.significand.multipliedReportingOverflow(by: 10)
      {
        b = Bool.random(using: &generator) ? ExactDecimal(significand: widened, scale: a.scale + 1) : a
      }
      #expect((a < b) == (Fraction(a) < Fraction(b)))
      #expect((b < a) == (Fraction(b) < Fraction(a)))
      #expect((a == b) == (Fraction(a) == Fraction(b)))
      let fraction = Fraction(a)
      let reduced = try Fraction(Int128(a.significand), pow10(a.scale))
      #expect(fraction.numerator == reduced.numerator && fraction.denominator == reduced.denominator)
    }
    // The bounds: a widening that overflows, the most negative significand, zero at every scale.
    #expect(dec("123456789012345678") > dec("0.000000000000000000000001"))
    #expect(ExactDecimal(significand: .min, scale: 0) < ExactDecimal(significand: -1, scale: 24))
    #expect(ExactDecimal(significand: 0, scale: 24) == ExactDecimal(significand: 0, scale: 0))
  }

  @Test(
    "rounding to one decimal is half away from zero on the exact value",
    arguments: [
      ("-2.55", "-2.6"), ("-2.45", "-2.5"), ("-1.05", "-1.1"), ("-0.95", "-1.0"), ("1.05", "1.1"), ("-1.04", "-1.0"),
      ("-1.0499999", "-1.0"), ("-2.5", "-2.5"), ("0.05", "0.1"), ("-0.05", "-0.1"), ("-0.04", "0.0"), ("0", "0.0"),
    ])
  func rounding(exact: String, reported: String) {
    #expect(Fraction(dec(exact)).roundedDecimal(places: 1).description == reported)
  }

  @Test("fractions stay exact where binary floating point does not")
  func exactQuotients() throws {
    // (0.552 − 0.858) / 0.120 is exactly −2.55; in Double it is −2.5499999999999994, which rounds to −2.5.
    let t = try (try Fraction(dec("0.552")) - Fraction(dec("0.858"))) / Fraction(dec("0.120"))
    #expect(t == Fraction(dec("-2.55")))
    #expect(t.roundedDecimal(places: 1) == dec("-2.6"))
    let double = (0.552 - 0.858) / 0.120
    #expect((double * 10).rounded(.toNearestOrAwayFromZero) / 10 == -2.5)

    // (0.825 − 0.969) / 0.144 is exactly −1.0; in Double it is −1.0000000000000002, below the line.
    let edge = try (try Fraction(dec("0.825")) - Fraction(dec("0.969"))) / Fraction(dec("0.144"))
    #expect(edge == Fraction(-1))
    #expect((0.825 - 0.969) / 0.144 < -1.0)
  }

  @Test("unrounded values print with up to six decimals")
  func fractionDescription() throws {
    #expect(try Fraction(-255, 100).description == "-2.55")
    #expect(try Fraction(1, 3).description == "0.333333")
    #expect(try Fraction(-2, 3).description == "-0.666667")
    #expect(try Fraction(1, 3).isExact(places: 6) == false)
    #expect(try Fraction(-1, 2).isExact(places: 6))
  }

  @Test("fractions come out in lowest terms, with terms above and below 64 bits")
  func lowestTerms() throws {
    let big = Int128(10_000_000_000) * 10_000_000_000 * 10  // 10^21, past 64 bits
    // 12·10^21 / 18·10^21 = 2/3; 3·2^70 / 6·2^70 = 1/2; 2^64 + 1 is odd, so (2^64 + 1)/2 stays as it is.
    let twoThirds = try Fraction(12 * big, 18 * big)
    #expect(twoThirds.numerator == 2 && twoThirds.denominator == 3)
    let half = try Fraction(3 * (Int128(1) << 70), -6 * (Int128(1) << 70))
    #expect(half.numerator == -1 && half.denominator == 2)
    let odd = try Fraction((Int128(1) << 64) + 1, 2)
    #expect(odd.numerator == (Int128(1) << 64) + 1 && odd.denominator == 2)
    // 0.120 = 3/25: the common factor 40 of 120 and 1000 is taken out.
    let sd = Fraction(ExactDecimal(significand: 120, scale: 3))
    #expect(sd.numerator == 3 && sd.denominator == 25)
    #expect(try Fraction(0, 7) == Fraction(0))
  }

  @Test("a result too large for 128 bits is an error, not a crash")
  func overflow() throws {
    let huge = try Fraction(Int128(1) << 100, 1)
    #expect(throws: ArithmeticOverflow.self) { try huge * huge }
  }
}

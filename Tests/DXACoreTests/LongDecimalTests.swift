import DXACore
import DXATestSupport
import Testing

/// Decimals as files hold them: binary64 values printed shortest-round-trip (pandas, Access through mdb-export)
/// have up to 17 significant digits, after any leading zeros. They are read and scored exactly.
@Suite("Long decimals: up to 18 significant digits and 24 decimals, exactly")
struct LongDecimalTests {
  @Test(
    "every shortest-round-trip double is read exactly",
    arguments: [
      ("0.6321400420314608", Int64(6_321_400_420_314_608), 16),
      ("0.7323903191755298", 7_323_903_191_755_298, 16),
      ("90.90000000000001", 9_090_000_000_000_001, 14),
      ("0.00012345678901234567", 12_345_678_901_234_567, 20),
      // The limits themselves: 18 significant digits; 24 decimals (6 leading zeros and 18 digits).
      ("0.123456789012345678", 123_456_789_012_345_678, 18),
      ("0.000000123456789012345678", 123_456_789_012_345_678, 24),
      ("-1.2345678901234567", -12_345_678_901_234_567, 16),
    ])
  func readsExactly(text: String, significand: Int64, scale: Int) throws {
    let value = try #require(ExactDecimal(text))
    #expect(value.significand == significand)
    #expect(value.scale == scale)
    #expect(value.description == text.replacing("+", with: ""))
  }

  @Test("zeros after the last non-zero decimal that do not fit are dropped: the value is unchanged")
  func trailingZeros() throws {
    let padded = try #require(ExactDecimal("0.85" + String(repeating: "0", count: 30)))
    #expect(padded == ExactDecimal(significand: 85, scale: 2))
    #expect(padded.scale == 18)
    // Zeros that fit are kept, so a value prints as written.
    #expect(ExactDecimal("0.120")?.description == "0.120")
  }

  @Test(
    "beyond the limits, the message counts the digits and names the limit",
    arguments: [
      ("0.63214004203146081234", "bmd: has 20 significant digits; at most 18 are read exactly"),
      ("1234567890123456789", "bmd: has 19 significant digits; at most 18 are read exactly"),
      ("0.0000000123456789012345678", "bmd: has 25 digits after the decimal point; at most 24 are read exactly"),
      (
        "-0." + String(repeating: "0", count: 40) + "7",
        "bmd: has 41 digits after the decimal point; at most 24 are read exactly"
      ),
      ("0.6321400420314608e0", "bmd: '0.6321400420314608e0': write a plain decimal such as 0.850, not an exponent"),
    ])
  func tooLong(text: String, message: String) {
    #expect(throws: InputError(.data, field: "bmd", String(message.dropFirst("bmd: ".count)))) {
      try ExactDecimal.parse(text, field: "bmd")
    }
  }

  @Test("comparison, equality and hashing stay exact at 24 decimals")
  func laws() throws {
    let small = dec("0.000000123456789012345678")
    let larger = dec("0.000000123456789012345679")
    let large = dec("123456789012345678")
    #expect(small < larger && !(larger < small) && small != larger)
    #expect(small < large && !(large < small))
    #expect(dec("-0.000000123456789012345679") < dec("-0.000000123456789012345678"))
    #expect(dec("0.500000000000000000") == dec("0.5") && dec("0.500000000000000000").hashValue == dec("0.5").hashValue)
    // Sums of two 24-decimal values are formed over 10^24, not 10^48.
    let sum = try Fraction(small) + Fraction(larger)
    #expect(sum == Fraction(dec("0.000000246913578024691357")))
    // A difference too long for 18 digits is refused, not wrapped.
    #expect(dec("123456789012345678").subtracting(dec("0.000000000000000001")) == nil)
    #expect(dec("-2.6").subtracting(dec("-2.55")) == dec("-0.05"))
    #expect(dec("-2.5").subtracting(dec("-2.4999999999999999")) == dec("-0.0000000000000001"))
  }

  @Test("the 16th decimal of a BMD decides osteoporosis, exactly")
  func sixteenDecimalBMD() throws {
    // Femoral neck, NHANES III young women 0.858 / 0.120: T = (BMD − 0.858) / 0.120.
    // (0.5640000000000001 − 0.858) / 0.120 = −2.4499999999999991666…: reported −2.4, low bone mass.
    let above = try score(.femoralNeck, "0.5640000000000001", age: "68")
    #expect(exact(above.tScore) == (try Fraction(-29_399_999_999_999_990, 12_000_000_000_000_000)))
    #expect(above.tScore.score?.reported == dec("-2.4"))
    #expect(above.classification.category == .lowBoneMass)
    // (0.5639999999999999 − 0.858) / 0.120 = −2.4500000000000008333…: reported −2.5, osteoporosis.
    let below = try score(.femoralNeck, "0.5639999999999999", age: "68")
    #expect(below.tScore.score?.reported == dec("-2.5"))
    #expect(below.classification.category == .osteoporosis)
    // The real APEX neck value of training hip #1: (0.7323903191755298 − 0.858) / 0.120 = −1.04674734020391833…
    let apex = try score(.femoralNeck, "0.7323903191755298", age: "68")
    #expect(exact(apex.tScore) == (try Fraction(-1_256_096_808_244_702, 1_200_000_000_000_000)))
    #expect(apex.tScore.score?.reported == dec("-1.0"))
  }

  @Test("a GE Lunar BMD of 17 digits converts and scores without overflow")
  func conversionAtLength() throws {
    let result = try score(.totalHip, "0.87654321098765432", manufacturer: .geLunar)
    #expect(result.tScore.score != nil)
  }
}

/// The exact unrounded value of a score, when it has one.
private func exact(_ outcome: ScoreOutcome) -> Fraction? {
  if case .exact(let fraction)? = outcome.score?.unrounded { return fraction }
  return nil
}

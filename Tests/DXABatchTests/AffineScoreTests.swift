import DXACore
import Testing

@testable import DXABatch

@Suite("Scores from templates: exact affine arithmetic, rounded half away from zero")
struct AffineScoreTests {
  /// T = (BMD − 0.858) / 0.120 = 25/3 · BMD − 143/20 (NHANES III femoral neck, women).
  func femoralNeck() throws -> AffineScore {
    try #require(AffineScore(coefficient: try Fraction(25, 3), offset: try Fraction(-143, 20)))
  }

  @Test(
    "worked values: −2.5 exactly, −2.55 rounds to −2.6, −2.545 to −2.5",
    arguments: [
      (Int64(558), 3, Int64(-25)), (552, 3, -26), (5526, 4, -25), (858, 3, 0), (1, 0, 12), (978_000, 6, 10),
    ])
  func worked(significand: Int64, scale: Int, tenths: Int64) throws {
    #expect(try femoralNeck().tenths(significand: significand, scale: scale) == tenths)
  }

  @Test("terms past 38 bits take the 128-bit path and give the same rounding as the exact fraction")
  func widePath() throws {
    // 1/0.1234567891 and −0.9876543219/0.1234567891: numerators and denominators of ten digits.
    let sd = Fraction(ExactDecimal(significand: 1_234_567_891, scale: 10))
    let mean = Fraction(ExactDecimal(significand: 9_876_543_219, scale: 10))
    let coefficient = try Fraction(1) / sd
    let offset = try -mean / sd
    let wide = try #require(AffineScore(coefficient: coefficient, offset: offset))
    let narrow = try femoralNeck()
    for significand in stride(from: Int64(50), through: 2500, by: 37) {
      let bmd = ExactDecimal(significand: significand, scale: 3)
      #expect(wide.tenths(significand: significand, scale: 3) == Int64(try wide.exact(bmd).rounded(places: 1)))
      #expect(narrow.tenths(significand: significand, scale: 3) == Int64(try narrow.exact(bmd).rounded(places: 1)))
    }
  }

  @Test("the 128-bit terms the row loop keeps give, for every scale the row loop takes, the exact fraction's rounding")
  func wideTermsOfTheRowLoop() throws {
    let sd = Fraction(ExactDecimal(significand: 1_234_567_891, scale: 10))
    let mean = Fraction(ExactDecimal(significand: 9_876_543_219, scale: 10))
    let wide = try #require(AffineScore(coefficient: try Fraction(1) / sd, offset: try -mean / sd))
    #expect(wide.narrow == nil)
    for scale in 0...AffineScore.maximumScale {
      for significand in stride(from: Int64(1), through: 9_999_999, by: 99_991) {
        let bmd = ExactDecimal(significand: significand, scale: scale)
        let tenths = wide.wide.tenths(significand: significand, power: AffineScore.power(scale))
        #expect(tenths == Int64(try wide.exact(bmd).rounded(places: 1)))
        #expect(tenths == wide.tenths(significand: significand, scale: scale))
      }
    }
  }

  @Test("terms between 31 and 38 bits take the 64-bit path and give the same rounding as the exact fraction")
  func middlePath() throws {
    // 1/0.12347 and −0.98765/0.12347: terms near 2^33, the size a cross-maker conversion gives.
    let sd = Fraction(ExactDecimal(significand: 12_347, scale: 5))
    let mean = Fraction(ExactDecimal(significand: 98_765, scale: 5))
    let score = try #require(AffineScore(coefficient: try Fraction(1) / sd, offset: try -mean / sd))
    #expect(score.narrow != nil)
    for scale in 0...6 {
      for significand in stride(from: Int64(1), through: 9_999_999, by: 99_991) {
        let bmd = ExactDecimal(significand: significand, scale: scale)
        #expect(score.tenths(significand: significand, scale: scale) == Int64(try score.exact(bmd).rounded(places: 1)))
      }
    }
  }
}

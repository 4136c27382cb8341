import DXACore
import Testing

@testable import DXABatch

@Suite("Batch rows with decimals as files hold them")
struct LongDecimalRowTests {
  @Test("a 16-decimal BMD, device score and age are scored exactly, as the engine scores them")
  func sixteenDecimals() throws {
    let values = [
      "patient_id": "P1", "sex": "female", "age": "68.0000000000000001", "menopause": "post", "site": "femoral-neck",
      "bmd": "0.5640000000000001", "t_score_device": "-2.4499999999999992",
    ]
    let run = try runBatch("\(header)\n\(longRow(values))\n")
    let row = try #require(run.rows.first)
    // (0.5640000000000001 − 0.858) / 0.120 = −2.44999999999999916…: −2.4, low bone mass.
    #expect(row["status"] == "ok")
    #expect(row["t_score"] == "-2.4")
    #expect(row["category"] == "low-bone-mass")
    // −2.4 − (−2.4499999999999992) = 0.0499999999999992, exactly.
    #expect(row["t_score_diff"] == "0.0499999999999992")
  }

  @Test("ages with more than 15 decimals have no age class and go to the engine")
  func ageBeyondUnits() {
    #expect(AgeClasses.units(ExactDecimal(significand: 680_000_000_000_000_001, scale: 16)) == nil)
    #expect(AgeClasses.units(ExactDecimal(significand: 68_000_000_000_000_001, scale: 15)) == 68_000_000_000_000_001)
  }
}

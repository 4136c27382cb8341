import DXACore
import Testing

@testable import DXABatch

/// A device score too long for the 64-bit difference (18 digits, or more than 18 decimals) still gets its exact
/// difference and is counted in the reconciliation: before, its `t_score_diff` was left empty with status ok, and the
/// summary compared one row fewer, without a word.
@Suite("Differences with device scores too long for 64 bits")
struct DeviceScoreDifferenceTests {
  private func row(t: String, z: String) throws -> (row: [String: String], summary: BatchSummary) {
    // 0.700 g/cm² at the femoral neck, white woman of 70: T (0.700 − 0.858) / 0.120 = −1.3, Z 0.7.
    let values = [
      "patient_id": "P1", "sex": "female", "age": "70", "menopause": "post", "ethnicity": "white",
      "manufacturer": "hologic", "site": "femoral-neck", "bmd": "0.700", "t_score_device": t, "z_score_device": z,
    ]
    let run = try runBatch("\(header)\n\(longRow(values))\n")
    return (try #require(run.rows.first), run.summary)
  }

  @Test("18-digit device scores: −1.3 − 999999999999999999 and 0.7 + 999999999999999999, exactly")
  func eighteenDigits() throws {
    let (row, summary) = try row(t: "999999999999999999", z: "-999999999999999999")
    #expect(row["status"] == "ok")
    #expect(row["t_score"] == "-1.3")
    #expect(row["z_score"] == "0.7")
    #expect(row["t_score_diff"] == "-1000000000000000000.3")
    #expect(row["z_score_diff"] == "999999999999999999.7")
    let counts = try #require(summary.reconciliation.values.first)
    #expect(
      counts == BatchSummary.Reconciliation(tCompared: 1, tOver01: 1, tOver02: 1, zCompared: 1, zOver01: 1, zOver02: 1))
  }

  @Test("22 decimals: −1.3 − 0.0000000000000000000012 = −1.3000000000000000000012")
  func manyDecimals() throws {
    let (row, summary) = try row(t: "0.0000000000000000000012", z: "0.0000000000000000000001")
    #expect(row["t_score_diff"] == "-1.3000000000000000000012")
    #expect(row["z_score_diff"] == "0.6999999999999999999999")
    let counts = try #require(summary.reconciliation.values.first)
    #expect(
      counts == BatchSummary.Reconciliation(tCompared: 1, tOver01: 1, tOver02: 1, zCompared: 1, zOver01: 1, zOver02: 1))
  }

  @Test(
    "over 0.1 and over 0.2, in 128 bits as in 64",
    arguments: [
      (Int64(0), "0.0000000000000000000001", false, false), (2, "0.0000000000000000000001", true, false),
      (3, "0.0000000000000000000001", true, true), (1, "-0.0000000000000000000001", true, false),
      (-13, "999999999999999999", true, true), (2, "0.0", true, false), (1, "0.0", false, false),
    ])
  func thresholds(tenths: Int64, device: String, over01: Bool, over02: Bool) throws {
    let value = try #require(ExactDecimal(device))
    let result = RowProcessor.exceeds(try #require(RowProcessor.exactDifference(tenths, value)))
    #expect(result == (over01, over02))
  }

  @Test(
    "the 128-bit difference is the 64-bit one wherever that fits",
    arguments: [
      (Int64(-13), "-2.8"), (-13, "3"), (25, "2.45"), (0, "-0.000000000000000001"), (-13, "0.999999999999999999"),
      (12_345, "-9999.99"), (-7, "0"),
    ])
  func agreesWithNarrow(tenths: Int64, device: String) throws {
    let value = try #require(ExactDecimal(device))
    let narrow = try #require(RowProcessor.difference(tenths, value))
    let wide = try #require(RowProcessor.wideDifference(tenths, value))
    #expect(wide.significand == Int128(narrow.significand) && wide.scale == narrow.scale)
  }

  @Test("a recomputed score past 10^14 has no 128-bit difference at 24 decimals: nil, not a trap")
  func beyondWide() throws {
    let value = try #require(ExactDecimal("0.000000000000000000000001"))
    #expect(RowProcessor.wideDifference(Int64.max, value) == nil)
    #expect(RowProcessor.wideDifference(1_000_000_000_000, value) != nil)
  }

  @Test(
    "128-bit decimals as the 64-bit ones are written",
    arguments: [
      (Int128(0), 0, "0"), (0, 1, "0.0"), (5, 3, "0.005"), (-123, 1, "-12.3"), (-10, 1, "-1.0"),
      (Int128(Int64.max) * 10 + 9, 1, "9223372036854775807.9"), (-12, 22, "-0.0000000000000000000012"),
      (Int128.min + 1, 24, "-170141183460469.231731687303715884105727"),
    ])
  func wideDecimals(significand: Int128, scale: Int, text: String) {
    let buffer = ByteBuffer(capacity: 8)
    buffer.write(room: 48) { $0.appendDecimal(significand, scale: scale) }
    #expect(String(decoding: buffer.bytes, as: UTF8.self) == text)
  }
}

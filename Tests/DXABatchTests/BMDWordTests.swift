import DXACore
import Testing

@testable import DXABatch

@Suite("A BMD d.ddd read as one byte and one 32-bit word: the scanner's value, or the scanner's path")
struct BMDWordTests {
  @Test(
    "every byte value at every position of a five-byte BMD reads as the core's scanner reads it",
    arguments: ["1.062", "0.500", "0.000", "9.999", "2.501", "0.050"])
  func everyByteEverywhere(text: String) {
    let original = Array(text.utf8)
    var mismatches: [String] = []
    var readInPlace = 0
    for position in original.indices {
      for byte in UInt8.min...UInt8.max {
        var bytes = original
        bytes[position] = byte
        bytes.withUnsafeBufferPointer { buffer in
          let short = FieldParser.shortDecimal(buffer)
          let scanned = ExactDecimal.scanned(buffer)
          // Read in place only when the scanner reads it too, and then to the same significand and scale.
          if let short {
            readInPlace += 1
            if short.significand != scanned?.significand || short.scale != scanned?.scale {
              mismatches.append("\(position): \(byte)")
            }
          }
          // The batch's reader (in place, else the scanner) agrees with the scanner on every text.
          let read = FieldParser.decimal(buffer)
          if read?.significand != scanned?.significand || read?.scale != scanned?.scale {
            mismatches.append("read \(position): \(byte)")
          }
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    // Each of the four digits takes ten values, the point one: the original text counted once per position.
    #expect(readInPlace == 4 * 10 + 1)
  }

  @Test(
    "a row's BMD of five bytes, the length tested first, scores and fails as the same value written longer",
    arguments: [
      // d.ddd (read in place), its bounds, and five bytes of other shapes (read by the scanner), or no number.
      ("0.558", "0.5580"), ("1.000", "1.0000"), ("0.000", "0.0000"), ("9.999", "9.9990"), ("12.34", "12.340"),
      (".5580", "0.558"), ("0.5a8", "0.5a80"), ("1.0.0", "1.0.00"), ("0.5 8", "0.5 80"),
    ])
  func fiveBytesInARow(written: String, longer: String) throws {
    let columns = "patient_id,site,sex,age,menopause,bmd"
    let run = try runBatch("\(columns)\nP1,femoral-neck,female,67,post,\(written)\n")
    let reference = try runBatch("\(columns)\nP1,femoral-neck,female,67,post,\(longer)\n")
    var row = try #require(run.rows.first)
    var expected = try #require(reference.rows.first)
    #expect(row.removeValue(forKey: "bmd") == written)
    expected.removeValue(forKey: "bmd")
    // A message that quotes the value quotes it as written.
    expected["error"] = expected["error"]?.replacing(longer, with: written)
    #expect(row == expected)
    #expect(run.summary.errorRows == reference.summary.errorRows)
  }

  @Test("a BMD d.ddd in a row gives the T-score of its value: 0.558 at the femoral neck, -2.5")
  func inARow() throws {
    let run = try runBatch("patient_id,site,sex,age,menopause,bmd\nP1,femoral-neck,female,67,post,0.558\n")
    #expect(run.rows.first?["t_score"] == "-2.5")
    #expect(run.rows.first?["status"] == "ok")
  }

  @Test("the digits' places: 1.062 is 1062 × 10⁻³, 0.050 is 50 × 10⁻³, 9.999 is 9999 × 10⁻³")
  func places() {
    for (text, significand) in [("1.062", Int64(1062)), ("0.050", 50), ("9.999", 9999), ("0.000", 0)] {
      let value = Array(text.utf8).withUnsafeBufferPointer(FieldParser.shortDecimal)
      #expect(value?.significand == significand && value?.scale == 3, "\(text)")
    }
  }
}

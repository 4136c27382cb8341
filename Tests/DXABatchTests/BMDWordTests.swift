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

  @Test("the digits' places: 1.062 is 1062 × 10⁻³, 0.050 is 50 × 10⁻³, 9.999 is 9999 × 10⁻³")
  func places() {
    for (text, significand) in [("1.062", Int64(1062)), ("0.050", 50), ("9.999", 9999), ("0.000", 0)] {
      let value = Array(text.utf8).withUnsafeBufferPointer(FieldParser.shortDecimal)
      #expect(value?.significand == significand && value?.scale == 3, "\(text)")
    }
  }
}

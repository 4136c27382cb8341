import DXACore
import Testing

@testable import DXABatch

@Suite("Short decimals read in place, as the core's scanner reads them")
struct ShortDecimalTests {
  /// Every text of up to five bytes from digits, point, signs, a letter and a space: the batch's reader gives the
  /// scanner's significand and scale, or nil where it does.
  @Test("every text of up to five bytes of digits, point, signs, a letter and a space reads as the scanner reads it")
  func sameAsScanner() {
    let alphabet = Array("0159.-+a ".utf8)
    var mismatches: [String] = []
    var shortRead = 0
    var visited = 0
    var text: [UInt8] = []
    // Each text of each length once: the digits of a counter in base 9.
    for length in 0...5 {
      var counter = 0
      var total = 1
      for _ in 0..<length { total *= alphabet.count }
      while counter < total {
        text.removeAll(keepingCapacity: true)
        var rest = counter
        for _ in 0..<length {
          text.append(alphabet[rest % alphabet.count])
          rest /= alphabet.count
        }
        text.withUnsafeBufferPointer { bytes in
          let scanned = ExactDecimal.scanned(bytes)
          let read = FieldParser.decimal(bytes)
          if read?.significand != scanned?.significand || read?.scale != scanned?.scale {
            mismatches.append(String(decoding: bytes, as: UTF8.self))
          }
          if FieldParser.shortDecimal(bytes) != nil { shortRead += 1 }
        }
        counter += 1
        visited += 1
      }
    }
    #expect(visited == 1 + 9 + 81 + 729 + 6_561 + 59_049)
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    // The shapes read in place do occur: d.ddd, -d.d and d.d over four digits.
    #expect(shortRead == 4 * 4 * 4 * 4 + 4 * 4 + 4 * 4)
  }

  @Test("a BMD and device scores as files write them", arguments: ["1.062", "0.500", "-2.8", "-0.0", "0.1", "9.999"])
  func rowValues(text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      let short = FieldParser.shortDecimal(buffer)
      let scanned = ExactDecimal.scanned(buffer)
      #expect(short != nil)
      #expect(short?.significand == scanned?.significand && short?.scale == scanned?.scale)
    }
  }

  @Test("device scores read in place and by the scanner give the same row: -2.8 and -02.8, 2.8 and +2.8")
  func deviceScoresInARow() throws {
    let header = "patient_id,site,sex,age,menopause,bmd,t_score_device,z_score_device\n"
    func row(_ t: String, _ z: String) throws -> [String: String] {
      let run = try runBatch(header + "P1,femoral-neck,female,67,post,0.558,\(t),\(z)\n")
      return try #require(run.rows.first)
    }
    let inPlace = try row("-2.8", "2.8")
    #expect(inPlace["status"] == "ok")
    // The same values and scale in shapes the scanner reads (a scale of its own would show in the differences).
    for (t, z) in [("-02.8", "+2.8"), ("-002.8", "02.8"), ("-2.8", "+02.8")] {
      let scanned = try row(t, z)
      for column in ["t_score_diff", "z_score_diff", "status", "error", "t_score", "z_score"] {
        #expect(scanned[column] == inPlace[column], "\(t) \(z): \(column)")
      }
    }
    #expect(try row("-2.x", "")["status"] == "error")
  }
}

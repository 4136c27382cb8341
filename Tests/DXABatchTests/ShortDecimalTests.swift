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
    var texts: [[UInt8]] = [[]]
    var shortRead = 0
    for _ in 0..<5 {
      texts = texts + texts.flatMap { text in alphabet.map { text + [$0] } }
    }
    for text in Set(texts) {
      text.withUnsafeBufferPointer { bytes in
        let scanned = ExactDecimal.scanned(bytes)
        let read = FieldParser.decimal(bytes)
        #expect(read?.significand == scanned?.significand, "\(String(decoding: text, as: UTF8.self))")
        #expect(read?.scale == scanned?.scale, "\(String(decoding: text, as: UTF8.self))")
        if let short = FieldParser.shortDecimal(bytes) {
          shortRead += 1
          #expect(short.significand == scanned?.significand && short.scale == scanned?.scale)
        }
      }
    }
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
}

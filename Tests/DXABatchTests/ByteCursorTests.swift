import Testing

@testable import DXABatch

@Suite("Output numbers and short copies through the byte cursor")
struct ByteCursorTests {
  private func written(_ body: (ByteBuffer) -> Void) -> String {
    let buffer = ByteBuffer(capacity: 16)
    body(buffer)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  @Test(
    "tenths: one decimal, the sign and every digit",
    arguments: [
      (Int64(0), "0.0"), (5, "0.5"), (-5, "-0.5"), (25, "2.5"), (-25, "-2.5"), (99, "9.9"), (-99, "-9.9"),
      (100, "10.0"), (-100, "-10.0"), (123_456, "12345.6"), (Int64.max, "922337203685477580.7"),
      (Int64.min, "-922337203685477580.8"),
    ])
  func tenths(value: Int64, text: String) {
    #expect(written { $0.appendTenths(value) } == text)
  }

  @Test("tenths below 10 in magnitude, written as one word: every value from −15.0 to 15.0 as the digits say")
  func shortTenths() {
    for value in Int64(-150)...150 {
      let magnitude = value.magnitude
      let text = (value < 0 ? "-" : "") + "\(magnitude / 10).\(magnitude % 10)"
      // Followed by a byte: the word's fourth byte is written over, not kept.
      #expect(
        written {
          $0.write(room: 24) {
            $0.appendTenths(value)
            $0.append(UInt8(ascii: ">"))
          }
        } == text + ">")
    }
  }

  @Test(
    "decimals: zero-padded to the scale",
    arguments: [(Int64(-5), 2, "-0.05"), (12, 0, "12"), (1234, 3, "1.234"), (-10, 1, "-1.0")])
  func decimals(significand: Int64, scale: Int, text: String) {
    #expect(written { $0.appendDecimal(significand, scale: scale) } == text)
  }

  @Test("copies of every length up to 40 bytes keep every byte", arguments: 0...40)
  func copies(count: Int) {
    let source = (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    let text = written { buffer in
      buffer.append(UInt8(ascii: "<"))
      source.withUnsafeBufferPointer { bytes in
        buffer.write(room: bytes.count + 1) { cursor in
          cursor.append(bytes)
          cursor.append(UInt8(ascii: ">"))
        }
      }
    }
    #expect(text == "<" + String(decoding: source, as: UTF8.self) + ">")
  }

  @Test("a slot of words keeps the bytes asked for, and what follows writes over the rest", arguments: 0...32)
  func slots(count: Int) {
    let words: [UInt64] = [0x3837_3635_3433_3231, 0x4847_4645_4443_4241, 0x5857_5655_5453_5251, 0x6867_6665_6463_6261]
    let text = written { buffer in
      words.withUnsafeBufferPointer { slot in
        buffer.write(room: ByteCursor.wordSlotSize + 1) { cursor in
          if let base = slot.baseAddress { cursor.appendWords(base, keeping: count) }
          cursor.append(UInt8(ascii: ">"))
        }
      }
    }
    let all = "12345678ABCDEFGHQRSTUVWXabcdefgh"
    #expect(text == String(all.prefix(count)) + ">")
  }
}

import DXAPlatform
import Testing

@testable import DXABatch

@Suite("The row's ASCII check: every byte seen, whatever the length; anything else goes to the full UTF-8 check")
struct ASCIICheckTests {
  static let lengths = [0, 1, 8, 31, 32, 33, 40, 63, 64, 65, 96, 97, 130, 255]

  /// The rule written plainly: 32 bytes or more, each below 0x80.
  static func plainRule(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 32 && bytes.allSatisfy { $0 < 0x80 }
  }

  static func isASCII(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer(RowProcessor.isASCII)
  }

  @Test("ASCII text of 32 bytes or more is ASCII; shorter text is left to the full check", arguments: lengths)
  func asciiText(length: Int) {
    let text = Array(String(repeating: "P1,S1,2008-09-02,femoral-neck,0.521,-2.8,", count: 8).utf8.prefix(length))
    #expect(Self.isASCII(text) == (length >= 32))
    #expect(Self.isASCII(text) == Self.plainRule(text))
  }

  @Test("one byte above ASCII anywhere is found: first, last, at and around each 32-byte step", arguments: lengths)
  func oneHighByte(length: Int) {
    let positions = Set([0, length - 1, length / 2, 7, 8, 31, 32, 33, 63, 64, length - 32, length - 33])
      .filter { $0 >= 0 && $0 < length }
    for position in positions {
      for high: UInt8 in [0x80, 0xC3, 0xFF] {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        bytes[position] = high
        #expect(!Self.isASCII(bytes), "length \(length), byte \(high) at \(position)")
      }
    }
  }

  @Test("the row's check as a whole is the full UTF-8 check, byte for byte, on text with and without UTF-8")
  func agreesWithFullCheck() {
    let samples: [[UInt8]] = [
      Array("P1,S1,2008-09-02,1920-05-16,,male,white,,hologic,Horizon A,lumbar-spine,,1.062,64.77".utf8),
      Array("P1,S1,2008-09-02,1920-05-16,,male,white,,hologic,Horizon Ä,lumbar-spine,,1.062,64.77".utf8),
      Array("P1,S1,2008-09-02,1920-05-16,,male,white,,hologic,Horizon A,lumbar-spine,,1.062".utf8) + [0xFF],
      [0xC3] + Array("P1,S1,2008-09-02,1920-05-16,,male,white,,hologic,Horizon A,lumbar-spine".utf8),
      Array("Pé,femoral-neck".utf8), [0xFF],
    ]
    for bytes in samples {
      let rowCheck = bytes.withUnsafeBufferPointer { RowProcessor.isASCII($0) || UTF8Check.isValid($0) }
      let fullCheck = bytes.withUnsafeBufferPointer(UTF8Check.isValid)
      #expect(rowCheck == fullCheck)
      #expect(fullCheck == (String(validating: bytes, as: UTF8.self) != nil))
    }
  }
}

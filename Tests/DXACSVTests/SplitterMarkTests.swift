import Testing

@testable import DXACSV

/// The splitter's formula marks (a first-byte bit test, then for a sign the `-d.d` shape as one 32-bit test and else
/// the closer look): the same marks as the rule, field by field.
@Suite("The splitter's formula marks: a first-byte bit test and a four-byte shape test, exactly the rule")
struct SplitterMarkTests {
  /// Bytes that split a record or open a quoted field: never inside an unquoted field's value.
  static let separators: Set<UInt8> = [CSVByte.comma, CSVByte.newline, CSVByte.carriageReturn, CSVByte.quote]

  /// The rule for an unquoted value, written out: its first byte is `=`, `@`, `+`, `-`, a tab or NUL (the closer look
  /// rules NUL out), and it is not a sign followed by a plain number.
  static func isMarked(_ value: [UInt8]) -> Bool {
    guard let first = value.first, [0, 0x09, 0x2B, 0x2D, 0x3D, 0x40].contains(first) else { return false }
    guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return true }
    return !value.withUnsafeBufferPointer { CSVText.isPlainNumber($0.dropFirst()) }
  }

  /// The mark the splitter gives the second field of `a,VALUE\n`.
  static func splitterMark(_ value: [UInt8]) -> Bool {
    let bytes = Array("a,".utf8) + value + [CSVByte.newline]
    return bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: 64)
      let spans = SpanBuffer()
      _ = window.splitRecord(from: 0, to: buffer.count, into: spans)
      return spans.formulaCandidates >> 1 & 1 == 1
    }
  }

  @Test("the first-byte test accepts exactly `=`, `@`, `+`, `-`, tab and NUL, of all 256 bytes")
  func firstByteTest() {
    let starters: Set<UInt8> = [0, 0x09, 0x2B, 0x2D, 0x3D, 0x40]
    for byte in 0...255 {
      #expect(CSVText.mayStartFormula(UInt8(byte)) == starters.contains(UInt8(byte)), "\(byte)")
    }
  }

  @Test("a signed four-byte field, every byte 1 and 3 around a point: marked unless it is `±d.d`")
  func signedFourBytesEveryDigitByte() {
    for sign in [UInt8(ascii: "-"), UInt8(ascii: "+")] {
      for second in 0...255 where !Self.separators.contains(UInt8(second)) {
        for fourth in 0...255 where !Self.separators.contains(UInt8(fourth)) {
          let value = [sign, UInt8(second), UInt8(ascii: "."), UInt8(fourth)]
          #expect(Self.splitterMark(value) == Self.isMarked(value), "\(value)")
        }
      }
    }
  }

  @Test("a signed four-byte field, every middle byte between digits and next to them: marked unless a point")
  func signedFourBytesEveryMiddleByte() {
    // Digits, the bytes either side of them, and bytes whose XOR with '0' is 0xF0 and up (an addition would carry).
    let edges: [UInt8] = Array("/0189:".utf8) + [0x0F, 0x1F, 0x3F, 0x40, 0xC0, 0xCA, 0xCF, 0xFF]
    for sign in [UInt8(ascii: "-"), UInt8(ascii: "+")] {
      for third in 0...255 where !Self.separators.contains(UInt8(third)) {
        for second in edges {
          for fourth in edges {
            let value = [sign, second, UInt8(third), fourth]
            #expect(Self.splitterMark(value) == Self.isMarked(value), "\(value)")
          }
        }
      }
    }
  }

  @Test(
    "signed fields of other lengths take the closer look",
    arguments: ["-", "+", "-2", "-2.", "-2.8", "-22.8", "+0.050", "-2.8e1", "-.5", "--2.8", "-2.8-"])
  func signedOtherLengths(value: String) {
    #expect(Self.splitterMark(Array(value.utf8)) == Self.isMarked(Array(value.utf8)), "\(value)")
  }
}

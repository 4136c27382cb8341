import Testing

@testable import DXABatch

@Suite("Padding around a value")
struct FieldTrimTests {
  /// Spaces and tabs dropped from both ends, byte by byte.
  static func reference(_ bytes: [UInt8]) -> [UInt8] {
    let isPadding = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    guard let first = bytes.firstIndex(where: { !isPadding($0) }), let last = bytes.lastIndex(where: { !isPadding($0) })
    else { return [] }
    return Array(bytes[first...last])
  }

  @Test("every text of up to five bytes of spaces, tabs, other low bytes and letters is trimmed at both ends only")
  func trimsAsByteByByte() {
    let alphabet: [UInt8] = [0x20, 0x09, 0x0B, 0x1F, 0x21, UInt8(ascii: "a")]
    var mismatches: [[UInt8]] = []
    var visited = 0
    for length in 0...5 {
      var total = 1
      for _ in 0..<length { total *= alphabet.count }
      for counter in 0..<total {
        var rest = counter
        var text: [UInt8] = []
        for _ in 0..<length {
          text.append(alphabet[rest % alphabet.count])
          rest /= alphabet.count
        }
        let trimmed = text.withUnsafeBufferPointer { Array(FieldParser.trimmed($0)) }
        if trimmed != Self.reference(text) { mismatches.append(text) }
        visited += 1
      }
    }
    #expect(visited == 1 + 6 + 36 + 216 + 1_296 + 7_776)
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
  }
}

import Testing

@testable import DXACSV

@Suite("Writing CSV: quoting, and formulas neutralised for spreadsheets (OWASP CSV injection)")
struct CSVTextTests {
  static func written(_ text: String, _ neutralising: Bool = true) -> String {
    String(decoding: CSVText.field(text, neutralisingFormulas: neutralising), as: UTF8.self)
  }

  @Test(
    "values a spreadsheet would run get a leading quote",
    arguments: [
      ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
      ("=1+1", "'=1+1"),
      ("+1+1", "'+1+1"),
      ("-1+1", "'-1+1"),
      ("@SUM(A1)", "'@SUM(A1)"),
      ("\tcmd", "'\tcmd"),
      ("\rcmd", "\"'\rcmd\""),
      ("-", "'-"),
      ("-2.", "'-2."),
      ("-.5", "'-.5"),
      ("-2.5e3", "'-2.5e3"),
      ("=a,b", "\"'=a,b\""),
    ])
  func neutralised(value: String, expected: String) {
    #expect(Self.written(value) == expected)
    #expect(Self.written(value, false) != expected)
  }

  @Test(
    "plain numbers, signed or not, and other text stay as they are",
    arguments: ["-2.5", "+1", "-0.050", "-12", "0.558", "2.5-", "a=b", " =1", "femoral-neck", ""])
  func kept(value: String) {
    #expect(Self.written(value) == value)
  }

  @Test(
    "every value of up to five bytes of signs, digits, points and formula starters: the rule as the summary states it")
  func everyShortValue() {
    let alphabet = Array("-+=@\t\r09.a ".utf8)
    var values: [[UInt8]] = [[]]
    for _ in 0..<5 {
      values += values.filter { $0.count == values.last?.count }.flatMap { v in alphabet.map { v + [$0] } }
    }
    func isPlainNumber(_ bytes: ArraySlice<UInt8>) -> Bool {
      let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
      func digits(_ part: ArraySlice<UInt8>) -> Bool {
        !part.isEmpty && part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
      }
      return parts.count <= 2 && parts.allSatisfy(digits)
    }
    for value in values {
      let expected: Bool
      switch value.first {
      case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: expected = true
      case UInt8(ascii: "+"), UInt8(ascii: "-"): expected = !isPlainNumber(value.dropFirst())
      default: expected = false
      }
      #expect(value.withUnsafeBufferPointer(CSVText.startsFormula) == expected, "\(value)")
    }
  }

  @Test("quoting: commas, quotes and line ends make a field quoted, quotes doubled")
  func quoting() {
    #expect(Self.written("a,b") == "\"a,b\"")
    #expect(Self.written("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(Self.written("two\nlines") == "\"two\nlines\"")
    #expect(
      String(decoding: CSVText.record(["a", "=b", "c,d"], neutralisingFormulas: true), as: UTF8.self)
        == "a,'=b,\"c,d\"\n")
  }
}

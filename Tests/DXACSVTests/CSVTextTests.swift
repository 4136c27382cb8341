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

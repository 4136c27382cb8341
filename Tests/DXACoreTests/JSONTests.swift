import DXACore
import Testing

@Suite("JSON reading and writing")
struct JSONTests {
  @Test("numbers keep the text they were written with")
  func numbersAsText() throws {
    let value = try JSONValue.parse(#"{"sd": 0.120, "n": -3, "big": 1.5e3}"#)
    #expect(value["sd"] == .number("0.120"))
    #expect(value["n"] == .number("-3"))
    #expect(value["big"] == .number("1.5e3"))
  }

  @Test("strings with escapes, unicode and surrogate pairs")
  func strings() throws {
    let value = try JSONValue.parse(#"["a\"b\\c\n", "\u00e9", "\ud83d\ude00", "20–29"]"#)
    #expect(value == .array([.string("a\"b\\c\n"), .string("é"), .string("😀"), .string("20–29")]))
  }

  @Test(
    "syntax errors give line, column and cause",
    arguments: [
      ("{\n  \"a\": 1,\n}", 3, 1, "expected a key in quotes"),
      ("{\"a\": 01}", 1, 7, "a number may not start with 0"),
      ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\""),
      ("[1, 2", 1, 6, "unexpected end of text inside an array"),
      ("{\"a\": tru}", 1, 7, "unexpected word; expected true"),
      ("\"abc", 1, 5, "unterminated string"),
      ("{} x", 1, 4, "unexpected text after the end"),
    ])
  func syntaxErrors(text: String, line: Int, column: Int, message: String) {
    #expect(throws: JSONSyntaxError(line: line, column: column, message: message)) { try JSONValue.parse(text) }
  }

  @Test("rendering then parsing gives the same value")
  func roundTrip() throws {
    let original = JSONValue.object([
      ("tScore", .number("-2.6")), ("category", .string("osteoporosis")), ("reason", .null),
      ("notes", .array([.string("line\nbreak \"quoted\""), .bool(true)])), ("empty", .object([])),
    ])
    #expect(try JSONValue.parse(original.rendered()) == original)
  }
}

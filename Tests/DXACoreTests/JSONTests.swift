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

  @Test("every key of a large object is kept in order, and a late duplicate is found where it is")
  func largeObject() throws {
    // 10,000 keys, one per line; the duplicate of key-0 is on line 10,002 (the brace is on line 1).
    let members = (0..<10_000).map { "\"key-\($0)\": 0.\(100 + $0 % 900)" }
    let text = "{\n" + members.joined(separator: ",\n") + "\n}"
    guard case .object(let parsed) = try JSONValue.parse(text) else {
      Issue.record("not an object")
      return
    }
    #expect(parsed.count == 10_000)
    #expect(parsed[9_999].key == "key-9999")
    #expect(parsed[9_999].value == .number("0.199"))
    let duplicated = "{\n" + members.joined(separator: ",\n") + ",\n  \"key-0\": 1\n}"
    #expect(throws: JSONSyntaxError(line: 10_002, column: 3, message: "duplicate key \"key-0\"")) {
      try JSONValue.parse(duplicated)
    }
  }

  @Test("keys that are the same text in another Unicode normal form are duplicates, as before")
  func normalisedDuplicate() {
    // "é" precomposed (U+00E9) and decomposed (e + U+0301): Swift strings compare them equal.
    #expect(throws: JSONSyntaxError(line: 1, column: 10, message: "duplicate key \"\u{E9}\"")) {
      try JSONValue.parse("{\"\u{E9}\": 1, \"e\u{301}\": 2}")
    }
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

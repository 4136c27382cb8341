import Testing

@testable import DXABatch

@Suite("A template's note is cut where it quotes the age, as String's own split would cut it")
struct ScoreTemplateSplitTests {
  @Test(
    "pieces between the separators, empty ones kept",
    arguments: [
      ("no reference at age 85", ["no reference at ", ""]),
      ("age 85", ["", ""]),
      ("age 85 and age 85; age 8", ["", " and ", "; age 8"]),
      ("no age here", ["no age here"]),
      ("age", ["age"]),
      ("", [""]),
      ("ünïcode age 85 ✓", ["ünïcode ", " ✓"]),
    ])
  func pieces(text: String, expected: [String]) {
    #expect(ScoreTemplate.split(text, at: "age 85") == expected)
    #expect(
      ScoreTemplate.split(text, at: "age 85")
        == text.split(separator: "age 85", omittingEmptySubsequences: false).map(String.init))
  }
}

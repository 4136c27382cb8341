import DXACore
import Testing

@Suite("Name patterns: phantoms and test entries a site names")
struct NamePatternTests {
  @Test(
    "ignoring case, the pieces between * appear in order anywhere in the text",
    arguments: [
      ("METAL HIP", "METAL HIP LEFT 6.0 CM", true),
      ("metal hip", "Metal Hip Right", true),
      ("PHANTOM", "SPINE PHANTOM #2", true),
      ("SPINE*PHANTOM", "SPINE QC PHANTOM", true),
      ("SPINE*PHANTOM", "PHANTOM SPINE", false),
      ("METAL*LEFT", "METAL HIP RIGHT", false),
      ("PHANTOM", "", false),
      ("PHANTOM", "PHANTO", false),
      ("*HIP*", "HIP #4", true),
      // The pattern is upper-cased with Unicode rules; the text byte by byte with ASCII ones.
      ("müller", "MÜLLER, ANNA", true),
      ("MÜLLER", "müller", false),
    ])
  func matching(pattern: String, text: String, matches: Bool) throws {
    let compiled = try #require(NamePattern(pattern))
    #expect(compiled.matches(text) == matches)
  }

  @Test("a pattern of nothing but * would match every entry: refused")
  func refused() {
    #expect(NamePattern("*") == nil && NamePattern("**") == nil && NamePattern("") == nil)
    #expect(NamePattern(" ") != nil)
  }
}

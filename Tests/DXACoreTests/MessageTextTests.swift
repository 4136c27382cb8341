import Testing

@testable import DXACore

@Suite("Message text: escaping, suggestions and which values a message may show")
struct MessageTextTests {
  @Test(
    "control characters, bidi controls and line separators are shown escaped; other text is kept as written",
    arguments: [
      ("Ann\nDIAGNOSIS: Normal", "Ann\\nDIAGNOSIS: Normal"),
      ("a\r\nb", "a\\r\\nb"),
      ("tab\there", "tab\\there"),
      ("\u{1B}[2J\u{1B}[31mred", "\\u{1B}[2J\\u{1B}[31mred"),
      ("bell\u{7}", "bell\\u{7}"),
      ("nul\u{0}", "nul\\u{0}"),
      ("del\u{7F}", "del\\u{7F}"),
      ("next line\u{85}, CSI\u{9B}", "next line\\u{85}, CSI\\u{9B}"),
      ("\u{202E}cba", "\\u{202E}cba"),
      ("\u{2066}isolate\u{2069}", "\\u{2066}isolate\\u{2069}"),
      ("mark\u{200E}\u{200F}\u{61C}", "mark\\u{200E}\\u{200F}\\u{61C}"),
      ("line\u{2028}paragraph\u{2029}", "line\\u{2028}paragraph\\u{2029}"),
      ("Müller-Lüdenscheidt, 20–29, 0.858 g/cm², C:\\scans", "Müller-Lüdenscheidt, 20–29, 0.858 g/cm², C:\\scans"),
      ("", ""),
    ])
  func escaped(text: String, shown: String) {
    #expect(text.escapedForDisplay() == shown)
  }

  @Test("text of several lines keeps its line feeds and nothing else")
  func keepingLineBreaks() {
    #expect("one\ntwo\r\nthree\u{1B}".escapedForDisplay(keepingLineBreaks: true) == "one\ntwo\\r\nthree\\u{1B}")
  }

  @Test(
    "did you mean: the one close candidate, never a far or an ambiguous one",
    arguments: [
      ("fromat", ["site", "bmd", "format", "output"], "format"),
      ("scroe", ["score", "report", "reference", "precision", "batch", "completions", "help"], "score"),
      ("reprot", ["score", "report", "reference"], "report"),
      ("jsno", ["text", "json"], "json"),
      ("JSON", ["text", "json"], "json"),
      ("femoral-nek", ["lumbar-spine", "femoral-neck", "total-hip"], "femoral-neck"),
      ("mena", ["ethnicity", "mean", "sd", "sex", "site"], "mean"),
      ("zhs", ["bash", "zsh", "fish"], "zsh"),
      ("job", ["jobs", "map", "columns"], "jobs"),
    ])
  func suggestion(typed: String, candidates: [String], expected: String) {
    #expect(Suggestion.closest(to: typed, among: candidates) == expected)
    #expect(Suggestion.didYouMean(typed, among: candidates, prefix: "--") == "; did you mean '--\(expected)'?")
  }

  @Test(
    "no suggestion for a word that is no slip of the keyboard, a tie, or the word itself",
    arguments: [
      ("hip", ["l1", "l2", "l3", "l4", "femoral-neck", "total-hip"]),  // a region, not a typo of l1
      ("l5", ["l1", "l2", "l3", "l4"]),  // as close to l1 as to l4
      ("bsh", ["bash", "zsh", "fish"]),  // as close to bash as to zsh
      ("weight", ["site", "bmd", "sex", "age", "format"]),
      ("x", ["female", "male"]),
      ("json", ["json"]),
      ("", ["text", "json"]),
    ])
  func noSuggestion(typed: String, candidates: [String]) {
    #expect(Suggestion.closest(to: typed, among: candidates) == nil)
    #expect(Suggestion.didYouMean(typed, among: candidates).isEmpty)
  }

  @Test("the edit distance counts insertions, deletions, substitutions and swapped neighbours")
  func editDistance() {
    func distance(_ a: String, _ b: String) -> Int {
      Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }
    #expect(distance("kitten", "sitting") == 3)
    #expect(distance("format", "fromat") == 1)
    #expect(distance("score", "scroe") == 1)
    #expect(distance("", "abc") == 3)
    #expect(distance("abc", "abc") == 0)
    for (a, b) in [("json", "jsno"), ("report", "reprot"), ("l1-l4", "l4")] {
      #expect(distance(a, b) == distance(b, a))
    }
  }

  @Test(
    "a value from a data row is shown only when shaped like a number",
    arguments: [
      ("850", true), ("-0.8", true), ("0,8", true), ("8e-1", true), ("1.5E+3", true), (" 0.9 ", true),
      ("nan", true), ("-inf", true), ("Infinity", true), ("99999999", true),
      ("abc", false), ("1950-02-03", false), ("02/03/1950", false), ("Example, Ann", false), ("P-1001", false),
      ("", false), ("n/a", false), ("1e", false), ("e5", false), ("+", false), ("0.9 g", false),
    ])
  func mayShow(text: String, isShown: Bool) {
    #expect(MessageValue.mayShow(text) == isShown)
  }
}

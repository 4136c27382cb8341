import DXACore
import Testing

@testable import DXABatch

@Suite("A setup's references are looked up by their parts, with the words and ids they are given otherwise")
struct ReferenceWordsTests {
  @Test("every reference of 5,000 random requests per setup: the words of RowScore.text(of:), the compact ids")
  func equalsWording() throws {
    var (listed, unlisted) = (0, 0)
    for (index, setup) in try equalitySetups(usesTemplates: false).enumerated() {
      var generator = RequestGenerator(state: UInt64(index) + 1_201)
      for _ in 0..<5_000 {
        let (request, _) = generator.request()
        guard let result = try? setup.engine.score(request) else { continue }
        let used = [result.tScore.score?.reference, result.zScore.score?.reference]
        for case let reference? in used {
          let entry = setup.referenceWords.entry(of: reference)
          #expect(Array(entry.text.utf8) == Array(RowScore.text(of: reference).utf8), "setup \(index): \(request)")
          if entry.id == nil { unlisted += 1 } else { listed += 1 }
        }
        let texts = used.map { $0.map(RowScore.text(of:)) }
        let entries = used.map { $0.map(setup.referenceWords.entry(of:)) }
        #expect(
          ReferenceWords.compactReference(t: entries[0], z: entries[1])
            == setup.compactReference(t: texts[0], z: texts[1]), "setup \(index): \(request)")
      }
    }
    // Young-adult and band references have ids; the LMS points of the test table are worded in full.
    #expect(listed > 5_000)
    #expect(unlisted > 0)
  }

  @Test("a label that is canonically equivalent to a listed one but other bytes is worded with its own bytes")
  func canonicalEquivalents() throws {
    let setup = try makeSetup()
    let request = ScoreRequest(
      site: .femoralNeck, bmd: ExactDecimal("0.700") ?? 0, sex: .female, age: 67, menopause: .post,
      manufacturer: .hologic, ethnicity: .white)
    guard case .scored(let score) = try setup.engine.score(request).tScore else {
      Issue.record("no T-score")
      return
    }
    var used = score.reference
    used.point.label = "caf\u{E9}"
    let listed = ReferenceWords.Key(
      tableID: used.tableID, tableVersion: used.tableVersion, ethnicity: used.ethnicity, sex: used.sex,
      label: "cafe\u{301}")
    let words = ReferenceWords(parts: [listed], ids: [listed.text: 7])
    // Equal as Swift strings, not as bytes.
    #expect(used.point.label == listed.label)
    let entry = words.entry(of: used)
    #expect(Array(entry.text.utf8) == Array(RowScore.text(of: used).utf8))
    #expect(Array(entry.text.utf8) != Array(listed.text.utf8))
    used.point.label = "cafe\u{301}"
    #expect(words.entry(of: used).id == 7)
    #expect(Array(words.entry(of: used).text.utf8) == Array(listed.text.utf8))
  }

  @Test(
    "the compact reference field: ids of any length, words in full, quoted only when the words need it",
    arguments: [
      (ReferenceWords.Entry(text: "a", id: 3), ReferenceWords.Entry(text: "b", id: 17), "T:r3;Z:r17"),
      (nil, ReferenceWords.Entry(text: "b", id: 120), "Z:r120"),
      (ReferenceWords.Entry(text: "a", id: 10), nil, "T:r10"),
      (
        ReferenceWords.Entry(text: "lms age 52.5", id: nil), ReferenceWords.Entry(text: "b", id: 9),
        "T:lms age 52.5;Z:r9"
      ),
      (ReferenceWords.Entry(text: "a, \"b\"", id: nil), nil, "\"T:a, \"\"b\"\"\""),
      (nil, nil, ""),
    ])
  func compactReference(t: ReferenceWords.Entry?, z: ReferenceWords.Entry?, expected: String) {
    #expect(String(decoding: ReferenceWords.compactReference(t: t, z: z), as: UTF8.self) == expected)
  }
}

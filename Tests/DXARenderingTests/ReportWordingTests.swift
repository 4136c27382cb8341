import DXACore
import DXARendering
import DXATestSupport
import Testing

/// How the report's facts read: each value worded once (`Sources/DXARendering/Wording/`), the same in every format.
@Suite("Wording: the report's facts in words")
struct ReportWordingTests {
  @Test("a scanner-only radius and an open-table spine say where their scores come from")
  func sources() throws {
    let rows =
      hips(neck: "0.700", total: "0.820")
      + #", {"site": "radius-33", "side": "left", "bmd": 0.598, "t_score_device": -2.7}"#
    let report = try buildReport(
      try exam(examJSON(measurements: rows, scan: #""indications": ["primary-hyperparathyroidism"]"#)))
    let radius = try #require(report.sites.first { $0.measurement.site == .radius33 })
    #expect(
      radius.sourceText(.t, maker: .hologic)
        == "T -2.7 printed by the scanner (Hologic database; the engine has no reference here)")
    #expect(report.diagnosis.headline.hasSuffix("printed by the scanner (no engine reference)"))

    let lunar = try buildReport(
      try exam(
        examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.772}"#)
          .replacing(#""manufacturer": "hologic""#, with: #""manufacturer": "ge-lunar""#)))
    #expect(
      lunar.sites[0].sourceText(.t, maker: .geLunar)?.contains("an open table (no GE Lunar spine database") == true)
  }

  @Test("a discrepancy reads as one line naming both values, which one is used and why")
  func discrepancyLine() throws {
    // (0.552 − 0.858)/0.120 = −2.55 → −2.6 against a typed −1.6: categories differ.
    let rows = #"{"site": "femoral-neck", "side": "left", "bmd": 0.552, "t_score_device": -1.6}"#
    let report = try buildReport(try exam(examJSON(measurements: rows)))
    #expect(
      report.discrepancyLines == [
        "Femoral neck (left): scanner T -1.6 (low bone mass), recomputed T -2.6 (osteoporosis) against "
          + "nhanes3-hip-young-adult, difference -1.0 (different categories). The report uses the recomputed value: "
          + "the engine's recomputation is the standard here; a scanner value is a cross-check. Check the reference "
          + "used and the value typed."
      ])
  }

  @Test("the population line and statements follow the gender identity, never 'men' for a transgender woman")
  func genderIdentity() throws {
    let woman = try buildReport(
      try exam(
        examJSON(
          measurements: #"{"site": "femoral-neck", "side": "left", "bmd": 0.540}"#,
          patient: #""sex": "male", "gender_identity": "female", "age": 45"#)))
    let words = ([woman.populationText, woman.personText] + woman.diagnosis.statements.map(\.text)).joined(
      separator: " | ")
    let wordList = words.lowercased().split { !$0.isLetter }
    #expect(!wordList.contains("men") && !wordList.contains("man"))
    #expect(words.contains("the female reference of the gender identity"))
    #expect(woman.personText == "Female (gender identity; sex recorded at birth male)")

    let man = try buildReport(
      try exam(
        examJSON(
          measurements: #"{"site": "femoral-neck", "side": "left", "bmd": 0.700}"#,
          patient: #""sex": "female", "gender_identity": "male", "age": 44"#)))
    #expect(
      man.populationText == "Z-score statement (premenopausal, classified by the sex recorded at birth, ISCD 2019)")
    #expect(!man.diagnosis.statements.map(\.text).joined().contains("woman"))

    let premenopausal = try buildReport(
      try exam(
        examJSON(
          measurements: #"{"site": "lumbar-spine", "bmd": 0.750, "z_score_device": -2.3}"#,
          patient: #""sex": "female", "age": 42, "menopause": "pre""#)))
    #expect(premenopausal.populationText == "Z-score statement (premenopausal woman)")
  }

  @Test("the diagnosis wording: severe, persisting, pediatric and none")
  func diagnosisWording() throws {
    let severe = try buildReport(
      try exam(
        examJSON(
          measurements: hips(neck: "0.558"),
          history: #""fragility_fractures": [{"site": "vertebra", "date": "2020-01-01"}]"#)))
    #expect(severe.diagnosis.wording == "Severe (established) osteoporosis")
    let prior = try exam(examJSON(measurements: hips(neck: "0.546"), scanID: "S-0", date: "2021-03-01"))
    let persisting = try buildReport(try exam(examJSON(measurements: hips(neck: "0.600"))), priors: [prior])
    #expect(persisting.diagnosis.wording == "Osteoporosis (diagnosed 2021-03-01; persists)")
    #expect(persisting.diagnosis.persistsFrom?.source.text == "prior exam S-0: Femoral neck (left), T-score -2.6")
    let child = try buildReport(
      try exam(
        examJSON(
          measurements: #"{"site": "lumbar-spine", "bmd": 0.700}"#,
          patient: #""sex": "female", "birth_date": "2012-05-01""#,
          history: #""fractures": [{"site": "vertebra", "date": "2024-01-01", "fragility": true}]"#)))
    #expect(child.diagnosis.wording == "Osteoporosis (pediatric: vertebral compression fracture)")
    let radius = try buildReport(
      try exam(
        examJSON(
          measurements: #"{"site": "radius-33", "side": "left", "bmd": 0.600}"#,
          scan: #""radius_reason": "hyperparathyroidism""#)))
    #expect(radius.diagnosis.wording == "No diagnosis")
    #expect(
      radius.diagnosis.reason?.text
        == "no diagnostic site has a T-score: Radius 33% (1/3) (left): no young-adult female reference for radius 33% "
        + "(1/3) is loaded; no published open table exists for this site, only the scanner maker's; none printed by "
        + "the scanner")
  }

  @Test("one wording per fact: a role, a spine screen and an LSC read the same in text, HTML and FHIR")
  func sameWordsEverywhere() throws {
    let report = try exampleReport("exam-follow-up.json")
    let text = textReport(report)
    let html = report.renderedHTML()
    let fhir = try fhirBundle(report)
    // The trochanter's role, as a reason.
    let trochanter = NonDiagnosticReason.neverDiagnostic(.trochanter).text
    #expect(trochanter == "Trochanter is reported, never used for diagnosis (ISCD)")
    #expect(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(trochanter))
    #expect(html.contains(trochanter))
    #expect(
      fhir.observation("Trochanter (left) BMD")?["note"]?.elements.contains { $0["text"]?.text == trochanter + "." }
        == true)
    // The spine screen (device T-scores), a sentence in text and HTML.
    let screen = SpineAnalysis.Screen.deviceScores.text
    #expect(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(screen.capitalizedFirstLetter))
    #expect(html.contains(screen.capitalizedFirstLetter))
  }
}

extension String {
  fileprivate var capitalizedFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}

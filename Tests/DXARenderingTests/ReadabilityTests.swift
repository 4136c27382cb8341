import DXACore
import DXARendering
import DXATestSupport
import Foundation
import Testing

/// Every example exam: the four in Tests/Examples and the nineteen of the clinical set, each as `dxa report` builds
/// it (the example facility; the baseline as the follow-up's prior; the clinical set's report date).
struct ExampleCase: CustomStringConvertible, Sendable {
  var file: String
  var description: String { file }
  var isFollowUp: Bool { file == "exam-follow-up.json" }

  static let all: [ExampleCase] = {
    let clinical = (try? FileManager.default.contentsOfDirectory(atPath: exampleURL("clinical").path)) ?? []
    return exampleExamFiles.map(ExampleCase.init)
      + clinical.filter { $0.hasSuffix(".json") && $0 != "expectations.json" }.sorted().map {
        ExampleCase(file: "clinical/" + $0)
      }
  }()

  func report() throws -> Report {
    let priors = isFollowUp ? [try exampleExam("exam-baseline.json")] : []
    return try buildReport(try exampleExam(file), priors: priors, facility: try exampleFacility())
  }

  /// `Tests/Snapshots/text/clinical-01-hologic-spine-printed.txt`.
  var snapshotName: String { "text/" + file.replacing("/", with: "-").replacing(".json", with: ".txt") }
}

@Suite("Readable reports: one page for a first exam, no options or field names, BMD to 3 decimals")
struct ReadabilityTests {
  /// The lines before the billing section: what the interpreting physician reads and signs.
  static func body(_ text: String) -> [Substring] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return Array(lines.prefix { !$0.hasPrefix("BILLING") }.dropLast())
  }

  @Test("every example's text report matches its snapshot and fits 80 columns", arguments: ExampleCase.all)
  func textSnapshot(_ example: ExampleCase) throws {
    let text = textReport(try example.report())
    try expectSnapshot(text, example.snapshotName)
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    #expect(!text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasSuffix(" ") })
  }

  // A printed page holds 60 lines of text. The report the physician signs (everything before the billing
  // suggestions and the appendix) fits one page for a first exam and two for a follow-up; the whole file, billing and
  // appendix included, fits two pages for every example.
  @Test(
    "a first exam's report fits one page before the billing and appendix, a follow-up two", arguments: ExampleCase.all)
  func pageBudget(_ example: ExampleCase) throws {
    let text = textReport(try example.report())
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let body = Self.body(text)
    #expect(body.count <= (example.isFollowUp ? 120 : 60), "\(body.count) lines before the billing")
    #expect(lines.count <= 120, "\(lines.count) lines in all")
    // The appendix is the last section and holds the sources.
    #expect(text.contains("\nAPPENDIX: SOURCES AND NOTES\n"))
  }

  /// Exam-file fields (snake_case), command-line options (`--use`), this repository's paths: never in a report.
  static var forbidden: [(what: String, pattern: Regex<Substring>)] {
    [
      ("an option", /(?:^|[\s(])--[a-z]/),
      ("an exam field", /\b[a-z]+(?:_[a-z0-9]+)+\b/),
      ("a repository path", /(?:Sources|Tests|reference-data|Benchmarks)\/|\.swift\b|README/),
    ]
  }

  static func offences(_ text: String) -> [String] {
    forbidden.compactMap { rule in text.firstMatch(of: rule.pattern).map { "\(rule.what): '\($0.output)'" } }
  }

  /// Every string value of a JSON document, except the presented form's base64 data.
  static func strings(_ value: JSONValue) -> [String] {
    switch value {
    case .string(let text): return [text]
    case .array(let items): return items.flatMap(strings)
    case .object(let members): return members.filter { $0.key != "data" }.flatMap { strings($0.value) }
    default: return []
    }
  }

  /// The text a reader sees in the HTML: no style sheet, no tags, entities as characters.
  static func visibleText(_ html: String) -> String {
    var text = ""
    var inTag = false
    let body = html.components(separatedBy: "</style>").last ?? html
    for character in body {
      if character == "<" {
        inTag = true
      } else if character == ">" {
        inTag = false
      } else if !inTag {
        text.append(character)
      }
    }
    return text.replacing("&#39;", with: "'").replacing("&quot;", with: "\"").replacing("&amp;", with: "&")
  }

  @Test("no option, exam field name or repository path in text, JSON, HTML or FHIR", arguments: ExampleCase.all)
  func noOperatorWords(_ example: ExampleCase) throws {
    let report = try example.report()
    let text = textReport(report)
    #expect(Self.offences(text).isEmpty, "text: \(Self.offences(text))")
    let json = Self.strings(report.json).joined(separator: "\n")
    #expect(Self.offences(json).isEmpty, "JSON: \(Self.offences(json))")
    let html = Self.visibleText(report.renderedHTML())
    #expect(Self.offences(html).isEmpty, "HTML: \(Self.offences(html))")
    let fhir = Self.strings(try fhirBundle(report).bundle).joined(separator: "\n")
    #expect(Self.offences(fhir).isEmpty, "FHIR: \(Self.offences(fhir))")
  }

  @Test("the rules catch what they are for")
  func rulesCatch() {
    #expect(!Self.offences("load it with --reference FILE").isEmpty)
    #expect(!Self.offences("the exam gives no scanner T-score (t_score_device)").isEmpty)
    #expect(!Self.offences("see Sources/DXACore/Report/Report.swift").isEmpty)
    #expect(Self.offences("T −1.0 or higher; L1–L2, L4; sBMD mg/cm²; nhanes3-hip-young-adult v1 — done").isEmpty)
  }

  // 0.7323903191755298 (as an APEX export writes it) reports as 0.732 everywhere a person reads it; JSON keeps the
  // measured value under bmdAsMeasured. T = (0.7323903191755298 − 0.858)/0.120 = −1.0467 → −1.0.
  @Test("a 16-digit BMD shows as 0.732 in text, HTML and FHIR, and stays whole in JSON's bmdAsMeasured")
  func threeDecimals() throws {
    let report = try buildReport(
      try exam(examJSON(measurements: #"{"site": "femoral-neck", "side": "left", "bmd": 0.7323903191755298}"#)))
    let long = "0.7323903191755298"
    let text = textReport(report)
    #expect(text.contains("Femoral neck (left)             0.732    -1.0      0.4   Normal"))
    #expect(!text.contains(long))
    let html = report.renderedHTML()
    #expect(html.contains("<td class=\"num\">0.732</td>"))
    #expect(!html.contains(long))
    let site = try #require(report.json["sites"]?.elements.first)
    #expect(site["bmd"] == .number("0.732"))
    #expect(site["bmdAsMeasured"] == .number(long))
    let bundle = try fhirBundle(report)
    #expect(bundle.observation("Femoral neck (left) BMD")?["valueQuantity"]?["value"] == .number("0.732"))
    #expect(!(bundle.bundle.rendered().contains(long)))
  }

  @Test("every BMD in the text report has 3 decimals", arguments: ExampleCase.all)
  func bmdDecimals(_ example: ExampleCase) throws {
    let text = textReport(try example.report())
    // The results rows: the region, then the BMD column.
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.dropFirst(30).hasPrefix(" ") }
    for row in rows where row.count > 39 {
      let cell = row.dropFirst(30).prefix(9).trimmingCharacters(in: .whitespaces)
      guard let value = ExactDecimal(cell) else { continue }
      #expect(value.scale == 3, "\(row)")
    }
  }
}

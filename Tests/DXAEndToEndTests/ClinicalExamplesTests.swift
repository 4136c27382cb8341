import DXACore
import Foundation
import Testing

/// The clinical set in `Tests/Examples/clinical/`: realistic exams, each with what a densitometrist would conclude
/// (category, deciding site, score and its source, billing, wording that must and must not appear), why, and a
/// citation per expectation (`expectations.json`). Each exam goes through the built `dxa report` as text and JSON.
@Suite("Clinical examples: the report concludes what a densitometrist would")
struct ClinicalExamplesTests {
  static let folder = examplesFolder.appending(path: "clinical")

  struct Expectation: CustomStringConvertible {
    var what: String
    var value: JSONValue
    var why: String
    var citation: String
    var description: String { "\(what) \(value)" }
  }

  struct Case: CustomStringConvertible, Sendable {
    var exam: String
    var arguments: [String]
    var expectations: [JSONValue]
    var description: String { exam }
  }

  static func cases() throws -> [Case] {
    let text = try String(contentsOf: folder.appending(path: "expectations.json"), encoding: .utf8)
    let document = try JSONValue.parse(text)
    guard case .array(let cases)? = document["cases"] else { return [] }
    return cases.map { item in
      var arguments: [String] = []
      if case .array(let values)? = item["arguments"] {
        arguments = values.compactMap { if case .string(let text) = $0 { text } else { nil } }
      }
      let expectations: [JSONValue] = if case .array(let values)? = item["expect"] { values } else { [] }
      return Case(exam: item["exam"].string ?? "", arguments: arguments, expectations: expectations)
    }
  }

  @Test("the set holds at least 15 exams, one file each, every expectation with a reason and a citation")
  func theSet() throws {
    let cases = try Self.cases()
    #expect(cases.count >= 15)
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasSuffix(".json") && $0 != "expectations.json" }.sorted()
    #expect(files == cases.map(\.exam).sorted(), "every exam in the folder has expectations, and no more")
    for item in cases {
      let whats = item.expectations.compactMap { $0["what"].string }
      for required in ["category", "site", "score", "cpt"] {
        #expect(whats.contains(required), "\(item.exam) has no \(required) expectation")
      }
      for expectation in item.expectations {
        #expect(!(expectation["why"].string ?? "").isEmpty, "\(item.exam): \(expectation) has no reason")
        #expect(!(expectation["citation"].string ?? "").isEmpty, "\(item.exam): \(expectation) has no citation")
      }
    }
  }

  @Test(
    "each exam's report gives the expected category, site, score, source, billing and wording", arguments: try cases())
  func report(_ item: Case) throws {
    let exam = Self.folder.appending(path: item.exam).path
    let base = ["report", exam, "--as-of", "2025-12-31"] + item.arguments
    let textRun = try dxa(base)
    let jsonRun = try dxa(base + ["--format", "json"])
    #expect(textRun.status == 0, "\(textRun.stderr)")
    #expect(jsonRun.status == 0, "\(jsonRun.stderr)")
    // Wrapped lines joined: a phrase may break across lines at 80 columns.
    let text = textRun.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let json = try JSONValue.parse(jsonRun.stdout)
    let diagnosis = json["diagnosis"]
    let billing = json["billing"] ?? .null
    let procedures = billing["procedures"].items.compactMap { $0["code"].string }
    let diagnoses = billing["diagnoses"].items.compactMap { $0["code"].string }
    #expect(textRun.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(item.exam): a line over 80 columns")
    for expectation in item.expectations {
      let what = expectation["what"].string ?? ""
      let value = expectation["value"] ?? .null
      let label = "\(item.exam): \(what) — \(expectation["why"].string ?? "")"
      switch what {
      case "category": #expect(diagnosis?["category"] == value, "\(label)")
      case "site": #expect(diagnosis?["site"] == value, "\(label)")
      case "score": #expect(diagnosis?["score"] == value.asNumber, "\(label)")
      case "source": #expect(diagnosis?["source"] == value, "\(label)")
      case "approximate": #expect(diagnosis?["approximate"] == value, "\(label)")
      case "discrepancies":
        #expect(json["discrepancies"].items.count == Int(value.string ?? value.numberText ?? ""), "\(label)")
      case "cpt": #expect(Set(procedures) == Set(value.items.compactMap(\.string)), "\(label)")
      case "icd":
        for code in value.items.compactMap(\.string) { #expect(diagnoses.contains(code), "\(label): \(code)") }
      case "icdAbsent":
        for code in value.items.compactMap(\.string) { #expect(!diagnoses.contains(code), "\(label): \(code)") }
      case "textContains": #expect(text.contains(value.string ?? "\u{0}"), "\(label)")
      case "textLacks": #expect(!text.contains(value.string ?? ""), "\(label)")
      default: Issue.record("\(item.exam): unknown expectation '\(what)'")
      }
    }
  }
}

extension Optional where Wrapped == JSONValue {
  fileprivate var string: String? { if case .string(let text)? = self { text } else { nil } }
  fileprivate var items: [JSONValue] { if case .array(let values)? = self { values } else { [] } }
}

extension JSONValue {
  fileprivate var string: String? { if case .string(let text) = self { text } else { nil } }
  fileprivate var numberText: String? { if case .number(let text) = self { text } else { nil } }
  fileprivate var items: [JSONValue] { if case .array(let values) = self { values } else { [] } }
  /// A score written in the expectations as text ("-2.2") is the number -2.2 in the report.
  fileprivate var asNumber: JSONValue { string.map { .number($0) } ?? self }
}

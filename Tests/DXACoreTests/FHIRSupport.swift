import DXAReferenceData
import Foundation
import Testing

@testable import DXACore

/// The folder `Tests/Examples/` of this checkout.
let examplesFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Examples")

func exampleExam(_ name: String) throws -> Exam {
  let url = examplesFolder.appending(path: name)
  return try Exam(json: try String(contentsOf: url, encoding: .utf8), file: name)
}

/// A report made by hand from an exam: every row with a BMD scored with the shipped tables, the diagnosis given.
/// Stands in for the report builder in tests that need a particular shape (a radius row, a category).
func handBuiltReport(
  _ exam: Exam, category: Category? = nil, wording: String = "Low bone mass (osteopenia)",
  interpretation: PhysicianInterpretation = PhysicianInterpretation()
) throws -> Report {
  let engine = ScoringEngine(library: try ShippedReferences.library())
  var sites: [SiteResult] = []
  for measurement in exam.measurements {
    guard let bmd = measurement.bmd else { continue }
    let request = ScoreRequest(
      site: measurement.site, bmd: bmd, sex: exam.patient.sex, age: exam.age, menopause: exam.patient.menopause,
      manufacturer: exam.scan.manufacturer, ethnicity: exam.patient.ethnicity)
    let result = try engine.score(request)
    let role: SiteRole =
      switch measurement.site.diagnosticUse {
      case .diagnostic: .diagnostic
      case .conditional: exam.scan.radiusReason.map { .diagnosticBecause($0) } ?? .notDiagnostic(reason: "no reason")
      case .singleVertebra, .nonDiagnostic: .notDiagnostic(reason: "\(measurement.site.displayName) is not diagnostic")
      }
    sites.append(
      SiteResult(
        measurement: measurement, label: measurement.displayName, vertebrae: nil, bmd: bmd, bmdSource: .measured,
        result: result, role: role, tScoreDifference: nil, zScoreDifference: nil, notes: []))
  }
  let diagnosis = Diagnosis(
    population: sites.first?.result?.population ?? .whoTScore, category: category, wording: wording,
    isSevere: false, basisLabel: nil, basis: nil, basisScore: nil, persistsFrom: nil, reason: nil, statements: [])
  return Report(
    exam: exam, priors: [], age: exam.age, policy: .standard, population: diagnosis.population, sites: sites,
    spine: nil, diagnosis: diagnosis, comparisons: [],
    fractureRisk: FractureRisk(
      frax: nil, femoralNeckTForFRAX: nil, femoralNeckLabel: nil, meetsTreatmentThreshold: nil, statements: [],
      tbs: nil),
    recommendations: [],
    billing: BillingSuggestions(
      procedures: [], diagnoses: [],
      frequency: FrequencyCheck(
        payer: "medicare", status: .unknown, lastCoveredScan: nil, eligibleFrom: nil, monthsSinceLastCovered: nil,
        exceptions: [], needsABN: false, statement: ""),
      notes: []),
    charts: [], interpretation: interpretation, assumptions: [], notes: [])
}

extension JSONValue {
  var elements: [JSONValue] {
    if case .array(let elements) = self { return elements }
    return []
  }

  var text: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  var numberText: String? {
    if case .number(let text) = self { return text }
    return nil
  }
}

/// Reads a rendered bundle back the way a receiver would: resources by type, observations by their code text.
struct BundleReader {
  let bundle: JSONValue

  var entries: [JSONValue] { bundle["entry"]?.elements ?? [] }

  func resources(_ type: String) -> [JSONValue] {
    entries.compactMap { $0["resource"] }.filter { $0["resourceType"]?.text == type }
  }

  var diagnosticReport: JSONValue? { resources("DiagnosticReport").first }

  /// The Observation whose `code.text` is `text` ("Femoral neck (left) T-score").
  func observation(_ text: String) -> JSONValue? {
    resources("Observation").first { $0["code"]?["text"]?.text == text }
  }

  var observationTexts: [String] { resources("Observation").compactMap { $0["code"]?["text"]?.text } }
}

extension JSONValue {
  /// The first coding's code of a CodeableConcept.
  var firstCode: String? { self["coding"]?.elements.first?["code"]?.text }
  var firstSystem: String? { self["coding"]?.elements.first?["system"]?.text }
  var noteTexts: [String] { self["note"]?.elements.compactMap { $0["text"]?.text } ?? [] }
}

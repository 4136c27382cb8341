import DXACore
import DXAReferenceData
import DXARendering
import DXATestSupport
import Foundation
import Testing

/// The report of an example exam as `dxa report` builds it: with the example facility, and the baseline as the
/// prior of the follow-up.
func exampleReport(
  _ name: String, interpretation: PhysicianInterpretation = PhysicianInterpretation()
) throws -> Report {
  let priors = name == "exam-follow-up.json" ? [try exampleExam("exam-baseline.json")] : []
  return try ReportBuilder(library: shippedLibrary(), facility: try exampleFacility())
    .build(try exampleExam(name), priors: priors, interpretation: interpretation)
}

/// The text report as `dxa report` writes it, with a version label for the tests.
func textReport(_ report: Report) -> String { report.renderedText(version: "0.0.0-test") }

/// The bundle of a report with the shipped codes; its presentedForm is the real text report unless `text` is given.
func fhirBundle(_ report: Report, text: String? = nil, generatedAt: String? = nil) throws -> BundleReader {
  BundleReader(
    bundle: report.fhirBundle(
      codes: try ShippedReferences.reportCodes(), presentedText: text ?? textReport(report), generatedAt: generatedAt))
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

  /// The first coding's code of a CodeableConcept.
  var firstCode: String? { self["coding"]?.elements.first?["code"]?.text }
  var firstSystem: String? { self["coding"]?.elements.first?["system"]?.text }
  var noteTexts: [String] { self["note"]?.elements.compactMap { $0["text"]?.text } ?? [] }
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

import Foundation
import Testing

@Suite("dxa report --format fhir")
struct ReportFHIRCommandTests {
  static let examples = [
    "exam-follow-up.json", "exam-baseline.json", "exam-man-45.json", "exam-nhanes-2009-2010-row-2002.json",
  ]

  /// The arguments for one example: the facility always, the baseline as prior of the follow-up, a fixed date.
  static func arguments(_ name: String) -> [String] {
    var arguments = ["report", example(name), "--facility", example("facility.json"), "--as-of", "2025-07-01"]
    if name == "exam-follow-up.json" { arguments += ["--prior", example("exam-baseline.json")] }
    return arguments
  }

  @Test("the bundle carries the text report as presentedForm, byte for byte", arguments: examples)
  func presentedFormIsTheTextReport(name: String) throws {
    let fhir = try dxa(Self.arguments(name) + ["--format", "fhir"])
    #expect(fhir.status == 0, "\(fhir.stderr)")
    #expect(fhir.errors == "")
    let text = try dxa(Self.arguments(name) + ["--format", "text"])
    let bundle = try #require(try JSONSerialization.jsonObject(with: Data(fhir.stdout.utf8)) as? [String: Any])
    #expect(bundle["resourceType"] as? String == "Bundle")
    #expect(bundle["type"] as? String == "collection")
    let entries = try #require(bundle["entry"] as? [[String: Any]])
    let report = try #require(
      entries.compactMap { $0["resource"] as? [String: Any] }.first {
        $0["resourceType"] as? String == "DiagnosticReport"
      })
    let form = try #require((report["presentedForm"] as? [[String: Any]])?.first)
    let encoded = try #require(form["data"] as? String)
    let data = try #require(Data(base64Encoded: encoded))
    #expect(String(decoding: data, as: UTF8.self) == text.stdout)
  }

  @Test("two runs give the same bytes")
  func deterministic() throws {
    let first = try dxa(Self.arguments("exam-follow-up.json") + ["--format", "fhir"])
    let second = try dxa(Self.arguments("exam-follow-up.json") + ["--format", "fhir"])
    #expect(first.stdout == second.stdout && !first.stdout.isEmpty)
  }

  @Test("the output of every example passes the FHIR R4 validator", arguments: examples)
  func validates(name: String) throws {
    let python = try #require(fhirPython, "no FHIR validator: Tests/FHIRValidation/setup-venv.sh failed (needs PyPI)")
    let folder = try emptyDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appending(path: "bundle.json")
    let run = try dxa(Self.arguments(name) + ["--format", "fhir", "-o", output.path])
    #expect(run.status == 0, "\(run.stderr)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      referenceDataFolder.deletingLastPathComponent().appending(path: "Tests/FHIRValidation/validate_fhir.py").path,
      output.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(name): \(message)")
    #expect(message.contains("valid FHIR R4 Bundle"))
  }
}

/// The validator's Python: `DXA_FHIR_PYTHON` (set by `.ci/run`), else the venv `setup-venv.sh` installs on first use.
let fhirPython: String? = {
  if let python = ProcessInfo.processInfo.environment["DXA_FHIR_PYTHON"], !python.isEmpty { return python }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/bash")
  process.arguments = [
    referenceDataFolder.deletingLastPathComponent().appending(path: "Tests/FHIRValidation/setup-venv.sh").path
  ]
  let output = Pipe()
  process.standardOutput = output
  guard (try? process.run()) != nil else { return nil }
  let path = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return process.terminationStatus == 0 ? path.trimmingCharacters(in: .whitespacesAndNewlines) : nil
}()

import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

@testable import DXACore
@testable import DXARendering

/// The FHIR R4 validator: `Tests/FHIRValidation/validate_fhir.py` (fhir.resources 6.4.0, FHIR 4.0.1) run by the
/// Python named by `DXA_FHIR_PYTHON` (set by `.ci/run`), else of the venv `setup-venv.sh` installs on first use.
enum FHIRValidator {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appending(path: "FHIRValidation")

  static let python: String? = {
    if let python = ProcessInfo.processInfo.environment["DXA_FHIR_PYTHON"], !python.isEmpty { return python }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [folder.appending(path: "setup-venv.sh").path]
    let output = Pipe()
    process.standardOutput = output
    guard (try? process.run()) != nil else { return nil }
    let path = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 ? path.trimmingCharacters(in: .whitespacesAndNewlines) : nil
  }()

  static let script = folder.appending(path: "validate_fhir.py")

  /// Writes `bundle` to a temporary file and validates it: the exit status and what the script printed.
  static func validate(_ bundle: JSONValue, name: String) throws -> (status: Int32, output: String) {
    let folder = FileManager.default.temporaryDirectory.appending(path: "dxa-fhir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "\(name).json")
    try Data(bundle.rendered().utf8).write(to: file)
    return try validate(file: file)
  }

  /// Validates bundle files in one run of the script: the exit status and what the script printed.
  static func validate(file: URL) throws -> (status: Int32, output: String) {
    try validate(files: [file])
  }

  static func validate(files: [URL]) throws -> (status: Int32, output: String) {
    let python = try #require(python, "no FHIR validator: Tests/FHIRValidation/setup-venv.sh failed (needs PyPI)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script.path] + files.map(\.path)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    // Read before waiting, so a long message cannot fill the pipe and stall the script.
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

@Suite("FHIR R4 validation with fhir.resources")
struct FHIRValidationTests {

  func bundle(_ examFile: String, signed: Bool) throws -> JSONValue {
    let interpretation =
      signed
      ? PhysicianInterpretation(
        impression: "As above.", signedBy: "Dr. A. Radiologist", signedOn: CalendarDate("2025-06-02"))
      : PhysicianInterpretation()
    let report = try exampleReport(examFile, interpretation: interpretation)
    return report.fhirBundle(
      codes: try ShippedReferences.reportCodes(), presentedText: textReport(report),
      generatedAt: "2025-06-02T09:30:00Z")
  }

  @Test("the bundle of every example exam, unsigned and signed, is a valid FHIR R4 Bundle", arguments: exampleExamFiles)
  func examplesValidate(examFile: String) throws {
    for signed in [false, true] {
      let (status, output) = try FHIRValidator.validate(try bundle(examFile, signed: signed), name: examFile)
      #expect(status == 0, "\(examFile) signed \(signed): \(output)")
      #expect(output.contains("valid FHIR R4 Bundle (fhir.resources 6.4.0, FHIR 4.0.1)"), "\(output)")
    }
  }

  @Test("the bundle of every exam of the clinical set (children, Z-score populations, scanner scores) is valid")
  func clinicalSetValidates() throws {
    let clinical = exampleURL("clinical")
    let exams = try FileManager.default.contentsOfDirectory(atPath: clinical.path)
      .filter { $0.hasSuffix(".json") && $0 != "expectations.json" }.sorted()
    #expect(exams.count >= 15)
    let folder = FileManager.default.temporaryDirectory.appending(path: "dxa-fhir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var files: [URL] = []
    for name in exams {
      let exam = try Exam(
        json: String(contentsOf: clinical.appending(path: name), encoding: .utf8), file: name)
      let report = try buildReport(exam)
      let bundle = report.fhirBundle(
        codes: try ShippedReferences.reportCodes(), presentedText: textReport(report), generatedAt: nil)
      let file = folder.appending(path: name)
      try Data(bundle.rendered().utf8).write(to: file)
      files.append(file)
    }
    guard let first = files.first else { return }
    let (status, output) = try FHIRValidator.validate(files: [first] + files.dropFirst())
    #expect(status == 0, "\(output)")
    #expect(output.components(separatedBy: ": valid FHIR R4 Bundle").count - 1 == exams.count, "\(output)")
  }

  @Test("the committed snapshot, Tests/Snapshots/exam-follow-up.fhir.json, is a valid FHIR R4 Bundle")
  func snapshotValidates() throws {
    let (status, output) = try FHIRValidator.validate(
      file: snapshotsFolder.appending(path: "exam-follow-up.fhir.json"))
    #expect(status == 0, "\(output)")
  }

  @Test("the validator is R4, not R4B: an R4B-only resource (SubscriptionTopic) is refused")
  func refusesR4BResource() throws {
    guard case .object(var members) = try bundle("exam-follow-up.json", signed: false),
      let index = members.firstIndex(where: { $0.key == "entry" }), case .array(var entries) = members[index].value
    else {
      Issue.record("the bundle has no entries")
      return
    }
    entries.append(
      .object([
        ("fullUrl", .string("urn:uuid:00000000-0000-5000-8000-000000000001")),
        (
          "resource",
          .object([
            ("resourceType", .string("SubscriptionTopic")), ("url", .string("http://example.org/topic")),
            ("status", .string("active")),
          ])
        ),
      ]))
    members[index].value = .array(entries)
    let (status, output) = try FHIRValidator.validate(.object(members), name: "r4b")
    #expect(status == 1, "\(output)")
    #expect(output.contains("SubscriptionTopic"), "\(output)")
  }

  /// Changes the first resource of `type` in a bundle.
  static func mutating(
    _ bundle: JSONValue, _ type: String, _ change: (inout [(key: String, value: JSONValue)]) -> Void
  ) -> JSONValue {
    guard case .object(var members) = bundle, let entryIndex = members.firstIndex(where: { $0.key == "entry" }),
      case .array(var entries) = members[entryIndex].value,
      let index = entries.firstIndex(where: { $0["resource"]?["resourceType"]?.text == type }),
      case .object(var entry) = entries[index], let resourceIndex = entry.firstIndex(where: { $0.key == "resource" }),
      case .object(var resource) = entry[resourceIndex].value
    else { return bundle }
    change(&resource)
    entry[resourceIndex].value = .object(resource)
    entries[index] = .object(entry)
    members[entryIndex].value = .array(entries)
    return .object(members)
  }

  typealias Change = @Sendable (inout [(key: String, value: JSONValue)]) -> Void

  static func setting(_ key: String, _ value: JSONValue) -> Change {
    { members in
      if let index = members.firstIndex(where: { $0.key == key }) {
        members[index].value = value
      } else {
        members.append((key, value))
      }
    }
  }

  /// A broken bundle: what is changed in the first resource of `type`, and what the validator must say.
  struct BrokenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var type: String
    var change: Change
    var message: String
    var testDescription: String { name }
  }

  /// The first three are caught by the fhir.resources models, the others by the script's own checks of required
  /// bindings, base64 and references.
  static let brokenCases: [BrokenCase] = [
    BrokenCase(
      name: "an element R4 does not define", type: "Observation",
      change: setting("bodySiteLaterality", .string("left")), message: "extra fields not permitted"),
    BrokenCase(
      name: "a DiagnosticReport without its required code", type: "DiagnosticReport",
      change: { $0.removeAll { $0.key == "code" } }, message: "field required"),
    BrokenCase(
      name: "an impossible date", type: "Observation", change: setting("effectiveDateTime", .string("2025-14-04")),
      message: "effectiveDateTime"),
    BrokenCase(
      name: "a status outside the required value set", type: "DiagnosticReport",
      change: setting("status", .string("signed")), message: "'signed' is not in the required value set"),
    BrokenCase(
      name: "presentedForm data that is not base64", type: "DiagnosticReport",
      change: setting(
        "presentedForm",
        .array([.object([("contentType", .string("text/plain")), ("data", .string("not base64!"))])])),
      message: "not base64"),
    BrokenCase(
      name: "a reference to nothing in the bundle", type: "Observation",
      change: setting("device", .object([("reference", .string("urn:uuid:00000000-0000-5000-8000-000000000000"))])),
      message: "does not resolve inside the bundle"),
  ]

  @Test("the validator rejects broken bundles with its message", arguments: brokenCases)
  func brokenBundlesFail(broken: BrokenCase) throws {
    let bundle = Self.mutating(try bundle("exam-follow-up.json", signed: false), broken.type, broken.change)
    let (status, output) = try FHIRValidator.validate(bundle, name: "broken")
    #expect(status == 1, "\(broken.name): \(output)")
    #expect(output.contains("invalid FHIR R4 Bundle"), "\(broken.name): \(output)")
    #expect(output.contains(broken.message), "\(broken.name): \(output)")
  }
}

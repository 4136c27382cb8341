import DXACore
import DXAReferenceData
import Foundation
import Testing

/// Helpers shared by the test targets (a test-support module, as swift-collections keeps one).

/// An exam file as text: a postmenopausal woman of 68 scanned on a Hologic on 2025-04-14, with the measurements,
/// history and scan fields given as JSON fragments.
public func examJSON(
  measurements: String, patient: String = #""sex": "female", "birth_date": "1956-08-21", "menopause": "post""#,
  patientID: String = "P-1", scanID: String = "S-1", date: String = "2025-04-14", scan: String = "",
  history: String? = nil, extra: String = ""
) -> String {
  var members = [
    #""patient": {"id": "\#(patientID)", \#(patient)}"#,
    #""scan": {"id": "\#(scanID)", "date": "\#(date)", "manufacturer": "hologic"\#(scan.isEmpty ? "" : ", " + scan)}"#,
    #""measurements": [\#(measurements)]"#,
  ]
  if let history { members.append(#""history": {\#(history)}"#) }
  if !extra.isEmpty { members.append(extra) }
  return "{" + members.joined(separator: ", ") + "}"
}

public func exam(_ json: String) throws -> Exam {
  try Exam(json: json, file: "exam.json")
}

public func buildReport(
  _ exam: Exam, priors: [Exam] = [], facility: Facility? = nil, options: ReportOptions = .standard,
  policy: ScoringPolicy = .standard
) throws -> Report {
  try ReportBuilder(library: shippedLibrary(), policy: policy, options: options, facility: facility)
    .build(exam, priors: priors)
}

/// Every example exam in `Tests/Examples/` (the facility file aside).
public let exampleExamFiles = [
  "exam-baseline.json", "exam-follow-up.json", "exam-man-45.json", "exam-nhanes-2009-2010-row-2002.json",
]

/// The example files in Tests/Examples.
public func exampleURL(_ name: String) -> URL {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Examples").appending(path: name)
}

public func exampleExam(_ name: String) throws -> Exam {
  try Exam(json: String(contentsOf: exampleURL(name), encoding: .utf8), file: name)
}

public func exampleFacility() throws -> Facility {
  try Facility(json: String(contentsOf: exampleURL("facility.json"), encoding: .utf8), file: "facility.json")
}

/// A femoral-neck and total-hip row pair.
public func hips(neck: String, total: String = "0.800", side: String = "left") -> String {
  #"{"site": "femoral-neck", "side": "\#(side)", "bmd": \#(neck)}, {"site": "total-hip", "side": "\#(side)", "bmd": \#(total)}"#
}

/// A decimal from text; the tests use literals only, so a nil is a typo in the test.
public func dec(_ text: String) -> ExactDecimal {
  guard let value = ExactDecimal(text) else {
    Issue.record("not a decimal: \(text)")
    return 0
  }
  return value
}

public func shippedLibrary() throws -> ReferenceLibrary {
  try ShippedReferences.library()
}

/// `Tests/Snapshots/`: committed outputs, outside every test target so SwiftPM does not take them for resources.
public let snapshotsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .appending(path: "Snapshots")

/// Compares `text` with `Tests/Snapshots/<name>`. With `DXA_UPDATE_SNAPSHOTS=1` a differing snapshot is rewritten
/// and the test still fails, so a run that rewrites never passes: review `git diff Tests/Snapshots`, run again.
public func expectSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = snapshotsFolder.appending(path: name)
  let expected = try? String(contentsOf: url, encoding: .utf8)
  if ProcessInfo.processInfo.environment["DXA_UPDATE_SNAPSHOTS"] == "1", text != expected {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    Issue.record(
      "rewrote Tests/Snapshots/\(name); review the diff and run again without DXA_UPDATE_SNAPSHOTS",
      sourceLocation: sourceLocation)
    return
  }
  #expect(
    text == expected, "differs from Tests/Snapshots/\(name) \(firstDifference(expected ?? "", text))",
    sourceLocation: sourceLocation)
}

/// "at line 12: expected '…', found '…'": where two texts first part.
public func firstDifference(_ expected: String, _ found: String) -> String {
  let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let new = found.split(separator: "\n", omittingEmptySubsequences: false)
  for index in 0..<max(old.count, new.count) {
    let a = index < old.count ? String(old[index]) : "(end)"
    let b = index < new.count ? String(new[index]) : "(end)"
    if a != b { return "at line \(index + 1): expected '\(a)', found '\(b)'" }
  }
  return "(same lines)"
}

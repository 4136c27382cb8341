import DXACore
import Foundation
import Testing

/// An exam file as text: a postmenopausal woman of 68 scanned on a Hologic on 2025-04-14, with the measurements,
/// history and scan fields given as JSON fragments.
func examJSON(
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

func exam(_ json: String) throws -> Exam {
  try Exam(json: json, file: "exam.json")
}

func buildReport(
  _ exam: Exam, priors: [Exam] = [], facility: Facility? = nil, options: ReportOptions = .standard,
  policy: ScoringPolicy = .standard
) throws -> Report {
  try ReportBuilder(library: shippedLibrary(), policy: policy, options: options, facility: facility)
    .build(exam, priors: priors)
}

/// The example files in Tests/Examples.
func exampleURL(_ name: String) -> URL {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Examples").appending(path: name)
}

func exampleExam(_ name: String) throws -> Exam {
  try Exam(json: String(contentsOf: exampleURL(name), encoding: .utf8), file: name)
}

func exampleFacility() throws -> Facility {
  try Facility(json: String(contentsOf: exampleURL("facility.json"), encoding: .utf8), file: "facility.json")
}

/// A femoral-neck and total-hip row pair.
func hips(neck: String, total: String = "0.800", side: String = "left") -> String {
  #"{"site": "femoral-neck", "side": "\#(side)", "bmd": \#(neck)}, {"site": "total-hip", "side": "\#(side)", "bmd": \#(total)}"#
}

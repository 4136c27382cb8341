import DXATestSupport
import Foundation
import Testing

/// The example exams in Tests/Examples.
let examplesFolder = referenceDataFolder.deletingLastPathComponent().appending(path: "Tests/Examples")

func example(_ name: String) -> String { examplesFolder.appending(path: name).path }

/// The follow-up example with its prior and the facility, on a fixed report date so the output never changes.
let followUpArguments = [
  "report", example("exam-follow-up.json"), "--prior", example("exam-baseline.json"), "--facility",
  example("facility.json"), "--as-of", "2025-05-01",
]

@Suite("dxa report")
struct ReportCommandTests {
  @Test("the follow-up example as text matches its snapshot and fits 80 columns", arguments: ["text", "json"])
  func snapshot(format: String) throws {
    let run = try dxa(followUpArguments + ["--format", format])
    #expect(run.status == 0)
    #expect(run.errors == "")
    try expectSnapshot(run.stdout, "report-follow-up.\(format == "text" ? "txt" : "json")")
    if format == "text" {
      let wide = run.stdout.split(separator: "\n").filter { $0.count > 80 }
      #expect(wide.isEmpty, "lines over 80 columns: \(wide)")
    }
  }

  @Test(
    "every example exam reports in every format",
    arguments: ["exam-follow-up.json", "exam-baseline.json", "exam-man-45.json", "exam-nhanes-2009-2010-row-2002.json"])
  func everyExample(name: String) throws {
    for format in ["text", "json", "fhir", "html"] {
      let run = try dxa("report", example(name), "--facility", example("facility.json"), "--format", format)
      #expect(run.status == 0, "\(name) \(format): \(run.stderr)")
      #expect(!run.stdout.isEmpty)
    }
  }

  @Test("--format html writes the renderer's document: self-contained, as the committed snapshot")
  func html() throws {
    let run = try dxa(followUpArguments + ["--format", "html"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(!run.stdout.contains("http://") && !run.stdout.contains("https://"))
    try expectSnapshot(run.stdout, "report-follow-up.html")
  }

  @Test("the real NHANES example: femoral neck 0.560 is T −2.5, osteoporosis")
  func nhanes() throws {
    let run = try dxa("report", example("exam-nhanes-2009-2010-row-2002.json"), "--format", "json")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let diagnosis = try #require(json["diagnosis"] as? [String: Any])
    #expect(diagnosis["category"] as? String == "osteoporosis")
    #expect((diagnosis["score"] as? NSNumber)?.doubleValue == -2.5)
    #expect(diagnosis["site"] as? String == "Femoral neck")
  }

  @Test("unsigned reports await review; signed ones carry the impression and signature apart")
  func signature() throws {
    let unsigned = try dxa(followUpArguments)
    #expect(unsigned.stdout.hasPrefix("BONE DENSITOMETRY (DXA) REPORT"))
    #expect(unsigned.stdout.contains("PRELIMINARY"))
    #expect(unsigned.stdout.contains("Not signed: this report awaits review."))
    let signed = try dxa(
      followUpArguments + ["--impression", "Low bone mass; treatment advised.", "--signed-by", "Dr. A. Chen"])
    #expect(signed.status == 0)
    #expect(signed.stdout.contains("FINAL"))
    #expect(signed.stdout.contains("Impression: Low bone mass; treatment advised."))
    #expect(signed.stdout.contains("Electronically signed by Dr. A. Chen on 2025-05-01"))
    #expect(!signed.stdout.contains("awaits review"))
  }

  @Test("-o writes the whole report to a file and nothing to stdout")
  func outputFile() throws {
    let directory = try emptyDirectory()
    let run = try dxa(followUpArguments + ["-o", "report.txt"], in: directory)
    #expect(run.status == 0)
    #expect(run.stdout == "")
    let written = try String(contentsOf: directory.appending(path: "report.txt"), encoding: .utf8)
    #expect(written == (try dxa(followUpArguments)).stdout)
  }

  @Test(
    "bad exams: one line naming the file and field, exit 65, and no report file left behind",
    arguments: [
      (
        ["--prior", "exam-follow-up.json"],
        "Error: {prior}: scan.date: is not earlier than the exam's; a prior must come before the exam"
      ),
      (["--as-of", "2025-04-01"], "Error: {exam}: scan.date: is in the future (after the report date)"),
      (
        ["--prior", "exam-man-45.json"],
        "Error: {prior}: patient.id: differs from the exam's: another patient"
      ),
    ])
  func refused(extra: [String], message: String) throws {
    let directory = try emptyDirectory()
    let prior = extra.first == "--prior" ? example(extra[1]) : ""
    let arguments = extra.first == "--prior" ? ["--prior", prior, "--as-of", "2025-12-31"] : extra
    let run = try dxa(["report", example("exam-follow-up.json")] + arguments + ["-o", "out.txt"], in: directory)
    #expect(run.status == 65)
    #expect(run.stdout == "")
    let expected = message.replacingOccurrences(of: "{prior}", with: prior)
      .replacingOccurrences(of: "{exam}", with: example("exam-follow-up.json"))
    #expect(run.stderr == expected + "\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }

  @Test(
    "signature options that do not fit are refused with the option named",
    arguments: [
      (["--signed-on", "2025-05-01"], 64, "Error: --signed-on: needs --signed-by\n"),
      (["--signed-by", " "], 64, "Error: --signed-by: is empty; give the physician's name\n"),
      (
        ["--signed-by", "Dr. A. Chen", "--signed-on", "2025-04-01"], 65,
        "Error: --signed-on: is before the scan date\n"
      ),
      (
        ["--signed-by", "Dr. A. Chen", "--signed-on", "14.04.2025"], 65,
        "Error: --signed-on: is not a date written YYYY-MM-DD, or a date and time written YYYY-MM-DDThh:mm[:ss] with Z or ±hh:mm\n"
      ),
    ])
  func signatureErrors(extra: [String], status: Int32, message: String) throws {
    let run = try dxa(followUpArguments + extra)
    #expect(run.status == status)
    #expect(run.stdout == "")
    #expect(run.stderr == message)
  }

  @Test(
    "--treated-follow-up-months takes whole months from 1 to 120",
    arguments: [("24.50", 65), ("0", 65), ("121", 65), ("abc", 65), ("24.0", 0), ("120", 0)])
  func followUpMonths(value: String, status: Int32) throws {
    let run = try dxa(followUpArguments + ["--treated-follow-up-months", value])
    #expect(run.status == status)
    if status == 65 {
      let expected =
        value == "abc"
        ? "Error: --treated-follow-up-months: 'abc' is not a number\n"
        : "Error: --treated-follow-up-months: must be a whole number of months, 1–120\n"
      #expect(run.stderr == expected)
    }
  }

  @Test("malformed exam JSON names the line and column; a missing exam file exits 66")
  func malformed() throws {
    let path = try temporaryFile("{\"patient\": {\"id\": \"P\",}\n", name: "exam.json")
    let run = try dxa("report", path)
    #expect(run.status == 65)
    #expect(run.stderr.hasPrefix("Error: \(path): not valid JSON: line 1, column"))
    let missing = try dxa("report", "/nonexistent/exam.json")
    #expect(missing.status == 66)
    #expect(missing.stderr == "Error: /nonexistent/exam.json: no such file\n")
    let none = try dxa("report")
    #expect(none.status == 64)
    #expect(none.stderr == "Error: <exam.json>: missing; give the exam file\n")
  }
}

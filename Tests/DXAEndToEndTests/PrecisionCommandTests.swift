import DXACore
import Foundation
import Testing

/// The worked 3 × 3 study of the core tests (RMS-SD 0.0119, %CV 1.37, df 6), as a clinic would export it.
let workedStudyCSV = """
  patient,site,bmd
  P1,lumbar-spine,1.000
  P1,lumbar-spine,1.010
  P1,lumbar-spine,1.020
  P2,lumbar-spine,0.900
  P2,lumbar-spine,0.910
  P2,lumbar-spine,0.890
  P3,lumbar-spine,0.800
  P3,lumbar-spine,0.830
  P3,lumbar-spine,0.815

  """

/// A 15 × 3 total-hip study at 0.990, 1.000, 1.010 (RMS-SD 0.0100, %CV 1.00, df 30), columns in another order,
/// with CRLF line ends and a byte order mark as spreadsheet exports have.
let hipStudyCSV =
  "\u{FEFF}bmd,site,patient,scan_date\r\n"
  + (1...15).flatMap { patient in
    ["0.990", "1.000", "1.010"].map { "\($0),total-hip,\"H\(patient)\",2025-03-01\r\n" }
  }.joined()

@Suite("dxa precision, end to end")
struct PrecisionCommandTests {
  @Test("the worked study as text: figures, ISCD minimum, warnings and the rounding rule")
  func text() throws {
    let study = try temporaryFile(workedStudyCSV, name: "study.csv")
    let run = try dxa("precision", study)
    #expect(run.status == 0)
    #expect(run.stderr.isEmpty)
    #expect(
      run.stdout == """
        Precision study: \(study)

        Lumbar spine (L1–L4)
          Patients            3 × 3 scans (9 scans)
          Degrees of freedom  6
          RMS-SD              0.0119 g/cm²
          RMS %CV             1.37%
          LSC (95%)           0.0330 g/cm² (3.79%)
          ISCD minimum        %CV 1.9%, LSC 5.3%
          Warnings:
            - only 6 degrees of freedom; ISCD asks for at least 27 degrees of freedom
              (15×3 or 30×2)
            - 3 patients × 3 scans is not an ISCD design (15×3 or 30×2)

        Rounded half away from zero: g/cm² to 4 decimals, % to 2. LSC = 2.77 × the
        precision as printed, the figure the facility file gives 'dxa report'.

        """)
  }

  @Test("JSON: one object per site with the figures as exact decimal text")
  func json() throws {
    let study = try temporaryFile(hipStudyCSV, name: "hip.csv")
    let run = try dxa("precision", study, "--format", "json", "--scanner", "horizon-a")
    #expect(run.status == 0)
    let document = try JSONValue.parse(run.stdout)
    #expect(document["scanner"] == .string("horizon-a"))
    #expect(document["facility_file"] == .null)
    guard case .array(let sites)? = document["sites"], sites.count == 1 else {
      Issue.record("expected one site: \(run.stdout)")
      return
    }
    let hip = sites[0]
    #expect(hip["site"] == .string("total-hip"))
    #expect(hip["vertebrae"] == .null)
    #expect(hip["patients"] == .number("15"))
    #expect(hip["scans_per_patient"] == .number("3"))
    #expect(hip["degrees_of_freedom"] == .number("30"))
    #expect(hip["rms_sd"] == .number("0.0100"))
    #expect(hip["percent_cv"] == .number("1.00"))
    #expect(hip["lsc"] == .number("0.0277"))
    #expect(hip["lsc_percent"] == .number("2.77"))
    #expect(hip["iscd_minimum_percent_cv"] == .number("1.8"))
    #expect(hip["iscd_minimum_lsc_percent"] == .number("5.0"))
    #expect(hip["warnings"] == .array([]))
  }

  @Test("-o writes a new facility file that Facility reads back with the computed figures")
  func writesNewFacility() throws {
    let directory = try emptyDirectory()
    let study = directory.appending(path: "study.csv")
    try workedStudyCSV.write(to: study, atomically: true, encoding: .utf8)
    let output = directory.appending(path: "facility.json")
    let run = try dxa(["precision", study.path, "-o", output.path, "--facility-name", "Riverside Bone Health"])
    #expect(run.status == 0)
    let unwrapped = run.stdout.replacingOccurrences(of: "\n", with: " ")
    #expect(unwrapped.contains("Facility file: \(output.path) (1 figure written: 1 new, 0 replaced)"))
    let facility = try Facility(json: String(contentsOf: output, encoding: .utf8), file: output.path)
    #expect(
      facility
        == Facility(
          name: "Riverside Bone Health",
          precision: [
            PrecisionFigure(
              site: .lumbarSpine, vertebrae: .all, rmsSD: ExactDecimal(significand: 119, scale: 4),
              percentCV: ExactDecimal(significand: 137, scale: 2), patients: 3, scansPerPatient: 3,
              degreesOfFreedom: 6)
          ]))
    // Nothing but the file itself is left beside it.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["facility.json", "study.csv"])
  }

  @Test("-o into an existing facility keeps its scanners and calibrations and replaces the same scanner's figure")
  func mergesIntoExistingFacility() throws {
    let existing = """
      {"format": "dxa-facility/1", "name": "Riverside", "bills_components_separately": true,
       "scanners": [{"id": "horizon-a", "manufacturer": "hologic"}, {"id": "prodigy-1", "manufacturer": "ge-lunar"}],
       "cross_calibrations": [{"from": "prodigy-1", "to": "horizon-a", "site": "total-hip", "slope": 0.979, "intercept": -0.012}],
       "precision": [
         {"scanner": "horizon-a", "site": "total-hip", "rms_sd": 0.0081, "study_date": "2024-01-15"},
         {"scanner": "prodigy-1", "site": "total-hip", "rms_sd": 0.0090},
         {"scanner": "horizon-a", "site": "femoral-neck", "rms_sd": 0.0142}]}
      """
    let output = try temporaryFile(existing, name: "facility.json")
    let study = try temporaryFile(hipStudyCSV, name: "hip.csv")
    let run = try dxa("precision", study, "--scanner", "horizon-a", "--output", output)
    #expect(run.status == 0)
    #expect(run.stdout.contains("(1 figure written: 0 new, 1 replaced)"))
    let facility = try Facility(json: String(contentsOfFile: output, encoding: .utf8), file: output)
    #expect(facility.name == "Riverside")
    #expect(facility.billsComponentsSeparately)
    #expect(facility.scanners.map(\.id) == ["horizon-a", "prodigy-1"])
    #expect(facility.crossCalibrations.count == 1)
    #expect(facility.precision.map(\.rmsSD.description) == ["0.0100", "0.0090", "0.0142"])
    #expect(facility.precision[0].studyDate == nil)
    #expect(facility.precision[0].degreesOfFreedom == 30)
  }

  @Test("JSON output names the facility file written, with its counts")
  func jsonWithOutput() throws {
    let directory = try emptyDirectory()
    let study = directory.appending(path: "study.csv")
    try (workedStudyCSV + "P4,lumbar-spine,0.950\n").write(to: study, atomically: true, encoding: .utf8)
    let output = directory.appending(path: "facility.json").path
    let run = try dxa(["precision", study.path, "-o", output, "--format", "json"])
    #expect(run.status == 0)
    let document = try JSONValue.parse(run.stdout)
    #expect(
      document["facility_file"]
        == .object([("path", .string(output)), ("figures", .number("1")), ("replaced", .number("0"))]))
    guard case .array(let sites)? = document["sites"], let warnings = sites.first?["warnings"],
      case .array(let list) = warnings
    else {
      Issue.record("expected sites with warnings: \(run.stdout)")
      return
    }
    #expect(
      list.first
        == .object([
          ("kind", .string("single-scan")),
          (
            "message",
            .string("the patient of row 11 has a single lumbar spine (L1–L4) scan and contributes nothing")
          ),
        ]))
    #expect(FileManager.default.fileExists(atPath: output))
  }

  @Test("-o - prints the facility file alone on stdout")
  func facilityToStandardOutput() throws {
    let study = try temporaryFile(hipStudyCSV, name: "hip.csv")
    let run = try dxa("precision", study, "-o", "-")
    #expect(run.status == 0)
    #expect(
      run.stdout == """
        {
          "format": "dxa-facility/1",
          "bills_components_separately": false,
          "scanners": [],
          "cross_calibrations": [],
          "precision": [
            {
              "site": "total-hip",
              "rms_sd": 0.0100,
              "percent_cv": 1.00,
              "patients": 15,
              "scans_per_patient": 3,
              "degrees_of_freedom": 30
            }
          ]
        }

        """)
  }

  @Test("help is the same from 'dxa help precision' and '--help', and dxa --help lists the command")
  func help() throws {
    let fromHelp = try dxa("help", "precision")
    let fromFlag = try dxa("precision", "--help")
    #expect(fromHelp.status == 0)
    #expect(fromHelp.stdout == fromFlag.stdout)
    #expect(fromHelp.stdout.hasPrefix("OVERVIEW: Work out a precision study"))
    #expect(fromHelp.stdout.contains("  -o, --output <facility.json>\n"))
    #expect(fromHelp.stdout.contains("only the square root is floating point"))
    #expect(fromHelp.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    #expect(try dxa("--help").stdout.contains("  precision               Work out a facility precision study"))
  }

  static let siteList =
    "lumbar-spine, l1, l2, l3, l4, femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"

  @Test(
    "bad study files: one line naming the row and column, exit 65",
    arguments: [
      (
        "id,site,bmd\nP1,total-hip,0.9\n",
        "row 1, patient: missing column; the header (row 1) must name patient, site and bmd"
      ),
      ("patient,site,bmd\nP1,total-hip,0.9\nP1,total-hip,abc\n", "row 3, bmd: is not a number"),
      ("patient,site,bmd\nP1,total-hip,0.9\nP1,total-hip,\n", "row 3, bmd: is empty; expected a number"),
      ("patient,site,bmd\nP1,total-hip,0,9\n", "row 2, column 4: the row has 4 fields, the header 3"),
      ("patient,site,bmd\nP1,total-hip\n", "row 2, bmd: missing; the row has 2 fields, the header 3"),
      ("patient,site,bmd\nP1,total-hip,900\n", "row 2, bmd: 900 looks like mg/cm²; give BMD in g/cm² (0.900)"),
      ("patient,site,bmd\nP1,total-hip,3.1\n", "row 2, bmd: 3.1 g/cm² is outside the plausible range 0.050–2.500"),
      ("patient,site,bmd\nP1,total-hip,-0.9\n", "row 2, bmd: must be greater than 0 g/cm², found -0.9"),
      ("patient,site,bmd\nP1,hip,0.9\n", "row 2, site: is not one of: \(siteList)"),
      ("patient,site,bmd\n,total-hip,0.9\n", "row 2, patient: empty; every scan needs its patient"),
      (
        "patient,site,bmd,vertebrae\nP1,lumbar-spine,0.9,l4-l5\n",
        "row 2, vertebrae: is not a set of L1–L4 (such as l1-l4, l2-l4 or l1,l3)"
      ),
      (
        "patient,site,bmd,vertebrae\nP1,total-hip,0.9,l2-l4\n",
        "row 2, vertebrae: given for total-hip; vertebrae apply to lumbar-spine rows only"
      ),
      ("patient,site,bmd\n", "row 2, patient: no scans; the file has a header only"),
      (
        "patient,site,bmd\nP1,total-hip,\"0.9\n",
        "row 2, column 3: a quoted field is not closed (no closing quote followed by a comma or a line end within "
          + "1,048,576 bytes); the record was read to the end of its line"
      ),
      (
        "patient,site,bmd\nP1,total-hip,0.9\nP2,total-hip,0.9\n",
        "row 2, patient: no patient has two or more total hip scans; precision needs repeated scans of the same patient"
      ),
    ])
  func badStudy(csv: String, message: String) throws {
    let directory = try emptyDirectory()
    let study = directory.appending(path: "study.csv")
    try csv.write(to: study, atomically: true, encoding: .utf8)
    let output = directory.appending(path: "facility.json")
    let run = try dxa(["precision", study.path, "-o", output.path])
    #expect(run.status == 65)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr == "Error: \(study.path): \(message)\n")
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  @Test("usage, missing files, unwritable output and bad facility files have their own exit codes")
  func otherErrors() throws {
    let study = try temporaryFile(workedStudyCSV, name: "study.csv")
    let cases: [([String], Int32, String)] = [
      (["precision"], 64, "Error: <study.csv>: missing; give the study file (see 'dxa precision --help')"),
      (
        ["precision", study, "--format", "xml"], 64,
        "Error: --format: the value 'xml' is invalid; expected one of: text, json"
      ),
      (["precision", study, "--site", "x"], 64, "Error: --site: unknown option"),
      (["precision", study, "-x"], 64, "Error: -x: unknown option"),
      (["precision", study, "-o"], 64, "Error: --output <facility.json>: missing value"),
      (["precision", study, "other.csv"], 64, "Error: other.csv: unexpected argument"),
      (["precision", "/nonexistent/study.csv"], 66, "Error: /nonexistent/study.csv: no such file"),
      (
        ["precision", study, "-o", "/nonexistent/dir/facility.json"], 73,
        "Error: /nonexistent/dir/facility.json: cannot be created: No such file or directory"
      ),
    ]
    for (arguments, status, message) in cases {
      let run = try dxa(arguments)
      #expect(run.status == status, "\(arguments)")
      #expect(run.stdout.isEmpty, "\(arguments)")
      #expect(run.stderr.hasPrefix(message), "\(arguments): \(run.stderr)")
    }
  }

  @Test("-o refuses a scanner the facility does not list, and a malformed facility file is exit 78, untouched")
  func facilityErrors() throws {
    let study = try temporaryFile(workedStudyCSV, name: "study.csv")
    let newFile = try emptyDirectory().appending(path: "new.json").path
    let unlisted = try dxa("precision", study, "--scanner", "horizon-a", "-o", newFile)
    #expect(unlisted.status == 64)
    #expect(
      unlisted.stderr
        == "Error: --scanner: 'horizon-a' needs a facility file that lists it; create \(newFile) with its scanners first (see README.md) or leave out --scanner\n"
    )
    #expect(!FileManager.default.fileExists(atPath: newFile))

    let listed = try temporaryFile(
      #"{"format": "dxa-facility/1", "scanners": [{"id": "horizon-a", "manufacturer": "hologic"}]}"#,
      name: "facility.json")
    let wrongScanner = try dxa("precision", study, "--scanner", "prodigy-1", "-o", listed)
    #expect(wrongScanner.status == 64)
    #expect(wrongScanner.stderr == "Error: --scanner: 'prodigy-1' is not a scanner of \(listed); it lists horizon-a\n")

    let malformedText = #"{"format": "dxa-facility/1", "precision": [{"site": "total-hip", "rms_sd": 0}]}"#
    let malformed = try temporaryFile(malformedText, name: "facility.json")
    let run = try dxa("precision", study, "-o", malformed)
    #expect(run.status == 78)
    #expect(run.stderr == "Error: \(malformed): precision[0].rms_sd: must be greater than 0, found 0\n")
    #expect(try String(contentsOfFile: malformed, encoding: .utf8) == malformedText)
  }
}

import DXACore
import DXATestSupport
import Foundation
import Testing

/// The example facility file documented in README.md; the one place its path is spelled.
let facilityExampleFile = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent()
  .appending(path: "Fixtures/facility-example.json")

/// A valid facility file a test can break one part at a time.
func facilityJSON(
  extra: String = "",
  scanners: String =
    #"[{"id": "horizon-a", "manufacturer": "hologic"}, {"id": "prodigy-1", "manufacturer": "ge-lunar"}]"#,
  calibrations: String =
    #"[{"from": "prodigy-1", "to": "horizon-a", "site": "total-hip", "slope": 0.979, "intercept": -0.012}]"#,
  precision: String = #"[{"scanner": "horizon-a", "site": "total-hip", "rms_sd": 0.0081}]"#
) -> String {
  """
  {"format": "dxa-facility/1", \(extra) "scanners": \(scanners), "cross_calibrations": \(calibrations),
   "precision": \(precision)}
  """
}

@Suite("Facility files")
struct FacilityTests {
  func example() throws -> Facility {
    try Facility(json: String(contentsOf: facilityExampleFile, encoding: .utf8), file: "facility-example.json")
  }

  @Test("the example file reads with every field, exactly")
  func readsExample() throws {
    let facility = try example()
    #expect(facility.name == "Riverside Bone Health")
    #expect(facility.billsComponentsSeparately == false)
    #expect(
      facility.scanner(id: "prodigy-1")
        == Scanner(id: "prodigy-1", manufacturer: .geLunar, model: "Prodigy", serialNumber: "PR-8812"))
    #expect(facility.scanner(id: "horizon-b") == nil)
    #expect(
      facility.precision.first
        == PrecisionFigure(
          scanner: "horizon-a", site: .lumbarSpine, vertebrae: .all, rmsSD: dec("0.0103"), percentCV: dec("1.05"),
          patients: 30, scansPerPatient: 2, degreesOfFreedom: 30, studyDate: "2025-02-10"))
    #expect(facility.precision.first?.rmsSD.description == "0.0103")
  }

  @Test("rendering the example gives its text back byte for byte, and reading that gives the same facility")
  func roundTrip() throws {
    let text = try String(contentsOf: facilityExampleFile, encoding: .utf8)
    let facility = try example()
    #expect(facility.json.rendered() + "\n" == text)
    #expect(try Facility(json: facility.json.rendered(), file: "again.json") == facility)
  }

  @Test("the report examples' facility file reads, and its rendering reads back equal")
  func reportExample() throws {
    let url = facilityExampleFile.deletingLastPathComponent().deletingLastPathComponent()
      .appending(path: "Examples/facility.json")
    let facility = try Facility(json: String(contentsOf: url, encoding: .utf8), file: url.path)
    #expect(facility.precision(for: .lumbarSpine, vertebrae: nil, scanner: "horizon-a")?.rmsSD.description == "0.0103")
    #expect(try Facility(json: facility.json.rendered(), file: "again.json") == facility)
  }

  @Test("a file with only its format is an empty facility, written out in full and stable")
  func minimal() throws {
    let facility = try Facility(json: #"{"format": "dxa-facility/1"}"#, file: "f.json")
    #expect(facility == Facility())
    let rendered = facility.json.rendered()
    #expect(
      rendered == """
        {
          "format": "dxa-facility/1",
          "bills_components_separately": false,
          "scanners": [],
          "cross_calibrations": [],
          "precision": []
        }
        """)
    #expect(try Facility(json: rendered, file: "f.json").json.rendered() == rendered)
  }

  @Test(
    "a figure is found for its scanner first, then a figure without scanner; spine figures by vertebrae",
    arguments: [
      (Site.lumbarSpine, nil as String?, "horizon-a" as String?, "0.0103" as String?),
      (.lumbarSpine, "l1-l4", "horizon-a", "0.0103"),
      (.lumbarSpine, "l2-l4", "horizon-a", "0.0112"),
      (.lumbarSpine, "l1,l3", "horizon-a", nil),
      (.lumbarSpine, nil, "prodigy-1", nil),
      (.lumbarSpine, nil, nil, nil),
      (.totalHip, nil, "horizon-a", "0.0081"),
      (.totalHip, nil, "prodigy-1", "0.0095"),
      (.totalHip, nil, nil, "0.0095"),
      (.femoralNeck, nil, "horizon-a", "0.0142"),
      (.femoralNeck, nil, "prodigy-1", nil),
      (.radius33, nil, "horizon-a", nil),
    ])
  func lookup(site: Site, vertebrae: String?, scanner: String?, expected: String?) throws {
    let set = vertebrae.flatMap { VertebralSet(label: $0) }
    let figure = try example().precision(for: site, vertebrae: set, scanner: scanner)
    #expect(figure?.rmsSD.description == expected)
  }

  @Test("a cross-calibration converts exactly: 0.979 × 0.900 − 0.012 = 0.8691")
  func crossCalibration() throws {
    let facility = try example()
    let calibration = try #require(facility.crossCalibration(from: "prodigy-1", to: "horizon-a", site: .totalHip))
    #expect(try calibration.convert(dec("0.900")) == Fraction(dec("0.8691")))
    #expect(facility.crossCalibration(from: "horizon-a", to: "prodigy-1", site: .totalHip) == nil)
    #expect(facility.crossCalibration(from: "prodigy-1", to: "horizon-a", site: .femoralNeck) == nil)
  }

  @Test(
    "LSC = 2.77 × RMS-SD, exact",
    arguments: [("0.0103", "0.028531"), ("0.0081", "0.022437"), ("0.01", "0.0277"), ("0.0119", "0.032963")])
  func leastSignificantChange(rmsSD: String, expected: String) {
    let figure = PrecisionFigure(site: .totalHip, rmsSD: dec(rmsSD))
    #expect(figure.leastSignificantChange.description == expected)
  }

  @Test(
    "ISCD minimum precision and LSC as published, nil for sites without one",
    arguments: [
      (Site.lumbarSpine, "1.9" as String?, "5.3" as String?), (.totalHip, "1.8", "5.0"), (.femoralNeck, "2.5", "6.9"),
      (.radius33, nil, nil), (.l2, nil, nil), (.trochanter, nil, nil),
    ])
  func iscdMinimum(site: Site, percentCV: String?, lsc: String?) {
    #expect(ISCDMinimumPrecision.percentCV(for: site)?.description == percentCV)
    #expect(ISCDMinimumPrecision.leastSignificantChangePercent(for: site)?.description == lsc)
  }

  @Test("merging replaces the figure for the same scanner, site and vertebrae in place and keeps the rest")
  func merge() throws {
    var facility = try example()
    let spine = PrecisionFigure(scanner: "horizon-a", site: .lumbarSpine, rmsSD: dec("0.0099"))
    let radius = PrecisionFigure(scanner: "horizon-a", site: .radius33, rmsSD: dec("0.0070"))
    let replaced = facility.merge(precision: [spine, radius])
    #expect(replaced == 1)
    #expect(
      facility.precision.map(\.rmsSD.description) == ["0.0099", "0.0112", "0.0081", "0.0142", "0.0095", "0.0070"])
    #expect(facility.scanners.count == 2)
    #expect(facility.crossCalibrations.count == 1)
  }

  static let allowedFigureFields =
    "degrees_of_freedom, patients, percent_cv, rms_sd, scanner, scans_per_patient, site, study_date, vertebrae"

  @Test(
    "malformed facility files are refused with the path of the field at fault",
    arguments: [
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0}]"#), "precision[0].rms_sd",
        "must be greater than 0, found 0"
      ),
      (facilityJSON(precision: #"[{"site": "total-hip"}]"#), "precision[0].rms_sd", "missing"),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.0081}, {"site": "total-hip", "rms_sd": 1.05}]"#),
        "precision[1].rms_sd", "1.05 is not an RMS-SD in g/cm² (expected well below 1, such as 0.010)"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": "0.0081"}]"#), "precision[0].rms_sd",
        "expected a number, found a string"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rmssd": 0.0081}]"#), "precision[0].rmssd",
        "unknown field; allowed: \(allowedFigureFields); did you mean 'rms_sd'?"
      ),
      (
        facilityJSON(precision: #"[{"scanner": "horizon-b", "site": "total-hip", "rms_sd": 0.0081}]"#),
        "precision[0].scanner", "no scanner 'horizon-b'; scanners: horizon-a, prodigy-1"
      ),
      (
        facilityJSON(scanners: "[]", calibrations: "[]"), "precision[0].scanner",
        "no scanner 'horizon-a'; the file lists no scanners"
      ),
      (
        facilityJSON(precision: #"[{"site": "hip", "rms_sd": 0.0081}]"#), "precision[0].site",
        "'hip' is not one of: lumbar-spine, l1, l2, l3, l4, femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "vertebrae": "l1-l4", "rms_sd": 0.0081}]"#),
        "precision[0].vertebrae", "only a lumbar-spine figure names vertebrae"
      ),
      (
        facilityJSON(precision: #"[{"site": "lumbar-spine", "vertebrae": "l4-l5", "rms_sd": 0.0081}]"#),
        "precision[0].vertebrae", "'l4-l5' is not a set of L1–L4 (such as l1-l4, l2-l4 or l1,l3)"
      ),
      (
        facilityJSON(
          precision:
            #"[{"scanner": "horizon-a", "site": "lumbar-spine", "rms_sd": 0.010}, {"scanner": "horizon-a", "site": "lumbar-spine", "vertebrae": "L1–L4", "rms_sd": 0.011}]"#
        ),
        "precision[1].site", "a second figure for lumbar-spine l1-l4 on scanner horizon-a"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.008}, {"site": "total-hip", "rms_sd": 0.009}]"#),
        "precision[1].site", "a second figure for total-hip on any scanner"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.008, "percent_cv": 0}]"#),
        "precision[0].percent_cv", "must be greater than 0, found 0"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.008, "patients": 1.5}]"#),
        "precision[0].patients", "must be a whole number of at least 1, found 1.5"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.008, "scans_per_patient": 1}]"#),
        "precision[0].scans_per_patient", "must be a whole number of at least 2, found 1"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.008, "degrees_of_freedom": 0}]"#),
        "precision[0].degrees_of_freedom", "must be a whole number of at least 1, found 0"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.008, "study_date": "2025-02-30"}]"#),
        "precision[0].study_date", "is not a date written YYYY-MM-DD"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.008, "study_date": "2023-02-29"}]"#),
        "precision[0].study_date", "is not a date written YYYY-MM-DD"
      ),
      (
        facilityJSON(precision: #"[{"site": "total-hip", "rms_sd": 0.008, "study_date": "10/02/2025"}]"#),
        "precision[0].study_date", "is not a date written YYYY-MM-DD"
      ),
      (
        facilityJSON(
          scanners: #"[{"id": "horizon-a", "manufacturer": "hologic"}, {"id": "horizon-a", "manufacturer": "hologic"}]"#
        ),
        "scanners[1].id", "a second scanner 'horizon-a'; scanner ids must be unique"
      ),
      (
        facilityJSON(scanners: #"[{"id": "horizon-a", "manufacturer": "siemens"}]"#), "scanners[0].manufacturer",
        "'siemens' is not one of: hologic, ge-lunar, norland"
      ),
      (
        facilityJSON(scanners: #"[{"id": "Horizon A", "manufacturer": "hologic"}]"#), "scanners[0].id",
        "'Horizon A': use lower-case letters, digits and '-' only"
      ),
      (
        facilityJSON(scanners: #"[{"id": "horizon-a", "manufacturer": "hologic", "serial": "1"}]"#),
        "scanners[0].serial", "unknown field; allowed: id, manufacturer, model, serial_number"
      ),
      (
        facilityJSON(
          calibrations: #"[{"from": "horizon-a", "to": "horizon-a", "site": "total-hip", "slope": 1, "intercept": 0}]"#),
        "cross_calibrations[0].to", "must name another scanner than from (horizon-a)"
      ),
      (
        facilityJSON(
          calibrations: #"[{"from": "lunar-2", "to": "horizon-a", "site": "total-hip", "slope": 1, "intercept": 0}]"#),
        "cross_calibrations[0].from", "no scanner 'lunar-2'; scanners: horizon-a, prodigy-1"
      ),
      (
        facilityJSON(
          calibrations:
            #"[{"from": "prodigy-1", "to": "horizon-a", "site": "total-hip", "slope": -0.979, "intercept": 0}]"#),
        "cross_calibrations[0].slope", "must be greater than 0, found -0.979"
      ),
      (
        facilityJSON(calibrations: #"[{"from": "prodigy-1", "to": "horizon-a", "site": "total-hip", "slope": 0.979}]"#),
        "cross_calibrations[0].intercept", "missing"
      ),
      (
        facilityJSON(
          calibrations:
            #"[{"from": "prodigy-1", "to": "horizon-a", "site": "total-hip", "slope": 0.979, "intercept": 0}, {"from": "prodigy-1", "to": "horizon-a", "site": "total-hip", "slope": 0.98, "intercept": 0}]"#
        ),
        "cross_calibrations[1].site", "a second calibration from prodigy-1 to horizon-a for total-hip"
      ),
      (
        facilityJSON(extra: #""bills_components_separately": "no","#), "bills_components_separately",
        "expected true or false, found a string"
      ),
      (
        facilityJSON(extra: #""site": "x","#), "site",
        "unknown field; allowed: bills_components_separately, cross_calibrations, format, "
          + "glucocorticoid_follow_up_months, name, patient_identifier_system, precision, scanners, "
          + "treated_follow_up_months"
      ),
      (
        facilityJSON(extra: #""treated_follow_up_months": 0,"#), "treated_follow_up_months",
        "must be a whole number of months, 1–120, found 0"
      ),
      (
        facilityJSON(extra: #""glucocorticoid_follow_up_months": 6.5,"#), "glucocorticoid_follow_up_months",
        "must be a whole number of months, 1–120, found 6.5"
      ),
      (#"{"format": "dxa-reference/1"}"#, "format", #"must be "dxa-facility/1""#),
      (#"{"format": "dxa-facility/1", "precision": {}}"#, "precision", "expected an array, found an object"),
    ])
  func refused(json: String, field: String, message: String) {
    #expect(throws: InputError(.reference, field: "f.json: \(field)", message)) {
      try Facility(json: json, file: "f.json")
    }
  }

  @Test("a file that is not JSON names the file, line and column")
  func notJSON() {
    #expect(
      throws: InputError(.reference, field: "f.json", "not valid JSON: line 1, column 3: expected a key in quotes")
    ) {
      try Facility(json: "{ nope", file: "f.json")
    }
  }
}

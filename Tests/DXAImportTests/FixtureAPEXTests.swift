import DXACore
import DXAImport
import DXAReferenceData
import Foundation
import Testing

/// Hand-made APEX-shaped tables (Tests/Fixtures/apex-visit) for what the real database lacks.
@Suite("dxa import apex on hand-made APEX tables")
struct FixtureAPEXTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Fixtures/apex-visit")

  let result: APEXImport

  init() throws {
    result = try APEXImport(tables: try tables(in: Self.folder), options: try importOptions(skipNames: ["phantom"]))
  }

  func exam(_ patient: String) throws -> APEXImportedExam {
    try #require(result.exams.first { $0.exam.patient.id == patient })
  }

  @Test("a spine and both hips of one visit form one exam, in reading order")
  func oneVisit() throws {
    let visit = try exam("1001_9000")
    #expect(visit.exam.scan.id == "A0001+A0002+A0003")
    #expect(visit.exam.scan.date == (try day("2012-05-02")))
    #expect(visit.exam.scan.serialNumber == "90001" && visit.exam.scan.softwareVersion == "13.4")
    #expect(visit.fileName == "1001_9000_2012-05-02.json")
    #expect(visit.exam.patient.birthDate == (try day("1948-03-15")))
    let regions = visit.exam.measurements.map { "\($0.site.rawValue)\($0.side.map { " \($0.rawValue)" } ?? "")" }
    #expect(
      regions == [
        "lumbar-spine", "l1", "l2", "l3", "l4", "femoral-neck left", "total-hip left", "trochanter left",
        "intertrochanter left", "wards left", "femoral-neck right", "total-hip right", "trochanter right",
        "intertrochanter right", "wards right",
      ])
    let neck = try #require(visit.exam.measurements.first { $0.site == .femoralNeck && $0.side == .left })
    #expect(neck.bmd?.description == "0.6321400420314608")
    #expect(neck.bmc?.description == "3.1607002101573040")
  }

  @Test("an excluded vertebra: kept with its reason, the total is ΣBMC/Σarea of L1, L2, L4 = 39.25/46 = 0.853")
  func excludedVertebra() throws {
    let visit = try exam("1001_9000")
    let l3 = try #require(visit.exam.measurements.first { $0.site == .l3 })
    #expect(!l3.isIncluded && l3.exclusionReason == "excluded in the APEX analysis (L3_INCLUDED = 0)")
    guard case .total(let total) = SpineTotal.of(visit.exam.measurements) else {
      Issue.record("no spine total")
      return
    }
    #expect(total.vertebrae.label == "L1–L2, L4")
    #expect(total.exactBMD == (try Fraction(3925, 4600)))
    #expect(total.bmd == ExactDecimal(significand: 853, scale: 3))
    let report = try ReportBuilder(library: try ShippedReferences.library()).build(visit.exam)
    let spine = try #require(report.sites.first)
    #expect(spine.label == "Lumbar spine (L1–L2, L4)")
    #expect(spine.bmd == ExactDecimal(significand: 853, scale: 3))
    // APEX's own T-score for L1–L2, L4 is the maker's database for that set: the report gives it, to one decimal
    // (the engine's L1–L4 stand-in, (0.853 − 1.047)/0.110 = −1.76 → −1.8, is only approximate).
    #expect(spine.measurement.deviceTScore?.description == "-1.8234567890123456")
    #expect(spine.t.reported == ExactDecimal(significand: -18, scale: 1))
    #expect(spine.t.source == .scanner)
    #expect(spine.t.recomputedApproximateFor?.label == "L1–L2, L4")
    #expect(visit.notes.contains("vertebrae excluded in the APEX analysis: the spine total is that of L1–L2, L4"))
    // The batch layout holds no lumbar-spine row for a subset, and says why on the vertebra rows.
    let csv = result.csv(withNames: false)
    #expect(!csv.contains(",lumbar-spine,"))
    #expect(csv.contains("no lumbar-spine row: the included vertebrae are L1–L2, L4"))
    #expect(csv.contains(",l3,,,0,1.2,19.2,16,"))
  }

  @Test("ReferenceResults become the scanner's scores, matched by BONERANGE")
  func scannerScores() throws {
    let visit = try exam("1001_9000")
    let leftNeck = try #require(visit.exam.measurements.first { $0.site == .femoralNeck && $0.side == .left })
    #expect(leftNeck.deviceTScore?.description == "-2.3456789012345678")
    #expect(leftNeck.deviceZScore?.description == "-1.0")
    let rightTotal = try #require(visit.exam.measurements.first { $0.site == .totalHip && $0.side == .right })
    #expect(rightTotal.deviceTScore?.description == "-2.5" && rightTotal.deviceZScore?.description == "-1.2")
    let spine = try #require(visit.exam.measurements.first { $0.site == .lumbarSpine })
    #expect(spine.bmc?.description == "39.25" && spine.area?.description == "46" && spine.bmd == nil)
    let report = try ReportBuilder(library: try ShippedReferences.library()).build(visit.exam)
    let neck = try #require(report.sites.first { $0.measurement.site == .femoralNeck && $0.measurement.side == .left })
    // (0.6321400420314608 − 0.858) / 0.120 = −1.88216…: −1.9; the scanner's −2.3456789012345678 differs by
    // 0.4456789012345678, shown to the interpreter.
    #expect(neck.tScore?.reported == ExactDecimal(significand: -19, scale: 1))
    #expect(neck.tScoreDifference?.description == "0.4456789012345678")
  }

  @Test("a phantom by --skip-name, a repeated hip scan, a 1921 birth and an undocumented ethnicity letter")
  func rulesAndNotes() throws {
    #expect(result.scanCount == 6)
    let reasons = result.skipped.map { "\($0.scan.key.scanID) \($0.reason.category)" }
    #expect(reasons == ["A0004 phantom or test entry (--skip-name)", "A0006 repeated scan"])
    let older = try exam("1003_9000")
    // 07/04/21 before a 2011 scan is 1921, not 2021.
    #expect(older.exam.patient.birthDate == (try day("1921-07-04")))
    // 32,839 days / 365.25 = 89.90828…, floored to 4 decimals.
    #expect(older.exam.age == ExactDecimal(significand: 899_082, scale: 4))
    #expect(older.exam.scan.id == "A0005")
    #expect(older.exam.patient.ethnicity == nil)
    #expect(
      older.notes == [
        "APEX ethnicity code 'C' is not documented: ethnicity not given (map it with --ethnicity-code)",
        "standardized total hip BMD (APEX HSTD_TOT_BMD) of the right hip 0.8123 g/cm²: kept as a note; the measured total hip BMD is scored",
      ])
    #expect(older.exam.scan.technicalNotes?.contains("HSTD_TOT_BMD") == true)
    // The site's own reading of the letter wins.
    var options = try importOptions()
    try options.ethnicityCodes.add("c=asian", option: "--ethnicity-code")
    let mapped = try APEXImport(tables: try tables(in: Self.folder), options: options)
    #expect(mapped.exams.first { $0.exam.patient.id == "1003_9000" }?.exam.patient.ethnicity == .asian)
    // Without the rule the phantom is an exam candidate, and has no birth date.
    #expect(mapped.skipped.first { $0.scan.key.scanID == "A0004" }?.reason == .noBirthDate)
  }

  @Test("names are copied only when asked")
  func names() throws {
    #expect(try exam("1001_9000").exam.patient.name == nil)
    var options = try importOptions()
    options.withNames = true
    let named = try APEXImport(tables: try tables(in: Self.folder), options: options)
    #expect(named.exams.first?.exam.patient.name == "DOE, JANE Q")
    #expect(named.csv(withNames: true).hasPrefix("patient_id,name,"))
  }
}

@Suite("APEX values that cannot be read")
struct APEXProblemTests {
  static let patients = """
    PATIENT_KEY,LAST_NAME,BIRTHDATE,SEX,ETHNICITY
    " 7",SECRET NAME,"04/01/50 00:00:00",F,W
    """

  func run(scans: String, hips: String) throws -> APEXImport {
    try APEXImport(
      tables: try tables([.patient: Self.patients, .scanAnalysis: scans, .hip: hips]), options: try importOptions())
  }

  @Test("an unreadable date or number skips the scan, naming the file, row and column, never the value")
  func unreadable() throws {
    let scans = """
      PATIENT_KEY,SCANID,SERIAL_NUMBER,SCAN_DATE,SCAN_TYPE
      " 7",S1,9,"13/45/12 00:00:00",2
      " 7",S2,9,"05/02/12 09:00:00",2
      """
    let hips = """
      PATIENT_KEY,SCANID,SERIAL_NUMBER,NECK_BMD,HTOT_BMD
      " 7",S1,9,0.7,0.8
      " 7",S2,9,0.7x1,0.8
      """
    let result = try run(scans: scans, hips: hips)
    let messages = result.skipped.map(\.reason.message)
    #expect(
      messages == [
        "ScanAnalysis.csv: row 2, SCAN_DATE: not a date", "Hip.csv: row 3, NECK_BMD: not a plain decimal",
      ])
    #expect(result.dataProblemCount == 2 && result.exams.isEmpty)
    #expect(!messages.joined().contains("SECRET") && !messages.joined().contains("13/45"))
  }

  @Test("a missing column stops the import, naming the file")
  func missingColumn() throws {
    #expect(
      throws: InputError(
        .data, field: "ScanAnalysis.csv: header", "no column SCAN_TYPE; export the whole table with mdb-export")
    ) {
      try run(scans: "PATIENT_KEY,SCANID,SERIAL_NUMBER,SCAN_DATE\n", hips: "PATIENT_KEY,SCANID,SERIAL_NUMBER\n")
    }
  }

  @Test("a BMD outside the plausible range leaves its region out with a note")
  func implausible() throws {
    let scans = "PATIENT_KEY,SCANID,SERIAL_NUMBER,SCAN_DATE,SCAN_TYPE\n\" 7\",S1,9,05/02/12 09:00:00,3\n"
    let hips = "PATIENT_KEY,SCANID,SERIAL_NUMBER,NECK_BMD,HTOT_BMD,WARDS_BMD\n\" 7\",S1,9,0.7,0.8,0.03\n"
    let result = try run(scans: scans, hips: hips)
    let imported = try #require(result.exams.first)
    #expect(imported.exam.measurements.map(\.site) == [.femoralNeck, .totalHip])
    #expect(
      imported.notes == [
        "Ward's area (right): WARDS_BMD 0.03 g/cm² is outside the plausible range 0.050–2.500; the region is left out"
      ])
  }
}

@Suite("Dates as archives write them")
struct DatePatternTests {
  @Test(
    "two-digit years: the latest year that keeps the date on or before the limit",
    arguments: [
      ("12/05/21 00:00:00", "1995-03-31", "1921-12-05"), ("03/10/11 20:34:33", "2026-01-01", "2011-03-10"),
      ("05/12/95 15:19:00", "2026-01-01", "1995-05-12"), ("11/12/61 00:00:00", "1994-06-20", "1961-11-12"),
      ("02/29/00 00:00:00", "2026-01-01", "2000-02-29"), ("07/01/11 00:00:00", "2011-07-01", "2011-07-01"),
      ("07/02/11 00:00:00", "2011-07-01", "1911-07-02"),
    ])
  func twoDigitYears(text: String, limit: String, expected: String) throws {
    let pattern = try #require(DatePattern("MM/DD/YY hh:mm:ss"))
    let written = try #require(pattern.read(text))
    #expect(written.resolved(notAfter: try day(limit)) == (try day(expected)))
  }

  @Test("text that does not follow the pattern, or names no real day, is not a date")
  func refused() throws {
    let pattern = try #require(DatePattern("MM/DD/YY hh:mm:ss"))
    for text in ["13/01/12 00:00:00", "01/32/12 00:00:00", "01/00/00 00:00:00", "1/2/12 00:00:00", "01/02/12 24:00:00"]
    {
      #expect(pattern.read(text) == nil)
    }
    #expect(pattern.read("02/29/01 00:00:00")?.resolved(notAfter: try day("2026-01-01")) == nil)
    #expect(
      DatePattern("DD.MM.YYYY")?.read("31.12.1999")?.resolved(notAfter: try day("1900-01-01"))
        == (try day("1999-12-31")))
    #expect(DatePattern("MM/DD") == nil && DatePattern("YYYY-MM-DD-DD") == nil)
  }
}

import DXABatch
import DXACore
import DXAImport
import DXAReferenceData
import Foundation
import Testing

/// The README's map for APEX tables joined one row per scan (checked against the README below).
let apexMap = """
  {
    "format": "dxa-batch-map/1",
    "notes": ["Hologic APEX tables exported with mdb-export and joined one row per scan with sqlite3 (README)"],
    "as_of": "2026-12-01",
    "fields": {
      "patient_id": "PATIENT_KEY",
      "scan_id": "SCANID",
      "scan_date": { "column": "SCAN_DATE", "date_format": "MM/DD/YY hh:mm:ss", "missing": "01/00/00 00:00:00" },
      "birth_date": { "column": "BIRTHDATE", "date_format": "MM/DD/YY hh:mm:ss", "missing": "01/00/00 00:00:00" },
      "sex": { "column": "SEX", "codes": { "F": "female", "M": "male" } },
      "ethnicity": { "column": "ETHNICITY", "codes": { "W": "white", "B": "black", "H": "hispanic", "C": "", "O": "" } },
      "manufacturer": { "value": "hologic" }
    },
    "rows": {
      "keep": [ { "column": "SCAN_TYPE", "values": ["1", "2", "3", "5", "6", "7"] } ],
      "skip": [ { "column": "LAST_NAME", "matches": ["METAL HIP", "PHANTOM"] } ]
    },
    "sites": [
      { "site": "l1", "bmd": "L1_BMD", "included": "L1_INCLUDED" },
      { "site": "l2", "bmd": "L2_BMD", "included": "L2_INCLUDED" },
      { "site": "l3", "bmd": "L3_BMD", "included": "L3_INCLUDED" },
      { "site": "l4", "bmd": "L4_BMD", "included": "L4_INCLUDED" },
      { "site": "lumbar-spine", "bmd": "TOT_BMD", "prefix": "spine_" },
      { "site": "femoral-neck", "bmd": { "column": "NECK_BMD", "missing": ["0", "-1"] }, "prefix": "neck_",
        "side": { "column": "SCAN_TYPE", "codes": { "2": "left", "3": "right" } } },
      { "site": "total-hip", "bmd": { "column": "HTOT_BMD", "missing": ["0", "-1"] }, "prefix": "hip_",
        "side": { "column": "SCAN_TYPE", "codes": { "2": "left", "3": "right" } } },
      { "site": "radius-33", "bmd": { "column": "R_13_BMD", "missing": ["0", "-1"] }, "prefix": "radius_",
        "side": { "column": "SCAN_TYPE", "codes": { "6": "left", "7": "right" } } },
      { "site": "total-body", "bmd": { "column": "WBTOT_BMD", "missing": ["0", "-1"] }, "prefix": "body_" }
    ]
  }
  """

/// The README's `sqlite3` join, done here the same way: one row per ScanAnalysis row, each table LEFT JOINed on
/// PATIENT_KEY (PATIENT) or PATIENT_KEY, SCANID, SERIAL_NUMBER (the result tables), matched exactly.
func joinedScans(_ tables: [APEXTable: TableFile]) throws -> String {
  let selected: [(table: APEXTable, columns: [String])] = [
    (.scanAnalysis, ["PATIENT_KEY", "SCANID", "SERIAL_NUMBER", "SCAN_DATE", "SCAN_TYPE"]),
    (.patient, ["LAST_NAME", "BIRTHDATE", "SEX", "ETHNICITY"]),
    (
      .spine,
      [
        "L1_INCLUDED", "L1_BMD", "L2_INCLUDED", "L2_BMD", "L3_INCLUDED", "L3_BMD", "L4_INCLUDED", "L4_BMD", "TOT_BMD",
      ]
    ),
    (.hip, ["NECK_BMD", "HTOT_BMD"]), (.forearm, ["R_13_BMD"]), (.wholeBody, ["WBTOT_BMD"]),
  ]
  let scans = try #require(tables[.scanAnalysis])
  func values(_ file: TableFile, _ row: TableRow, _ names: [String]) -> [String] {
    names.map { row[file.column($0)] ?? "" }
  }
  var text = CSVLine.render(selected.flatMap(\.columns))
  for scan in scans.rows {
    var joined = [values(scans, scan, selected[0].columns)]
    for (table, columns) in selected.dropFirst() {
      let key = table == .patient ? ["PATIENT_KEY"] : ["PATIENT_KEY", "SCANID", "SERIAL_NUMBER"]
      let wanted = values(scans, scan, key)
      let matches =
        tables[table].map { file in
          file.rows.filter { values(file, $0, key) == wanted }.map { values(file, $0, columns) }
        } ?? []
      let parts = matches.isEmpty ? [columns.map { _ in "" }] : matches
      joined = joined.flatMap { row in parts.map { row + $0 } }
    }
    for row in joined { text += CSVLine.render(row) }
  }
  return text
}

/// Runs the batch engine over `csv` through a map: the output rows by column name, the diagnoses and the summary.
func batch(_ csv: String, map json: String) throws -> (
  rows: [[String: String]], diagnoses: String, summary: BatchSummary
) {
  var options = BatchOptions()
  options.writesDiagnoses = true
  options.longNotes = true
  options.map = try ColumnMap(json: json, file: "apex-map.json")
  let output = MemorySink()
  let diagnoses = MemorySink()
  var sinks = BatchSinks(output: output, errors: MemorySink(), diagnoses: diagnoses, changed: nil)
  var source = MemorySource(Array(csv.utf8))
  let runner = BatchRunner(
    setup: ScoringSetup(library: try ShippedReferences.library(), policy: .standard), options: options)
  let summary = try runner.run(input: &source, sinks: &sinks)
  let table = try TableFile(name: "scored.csv", bytes: Array(output.text.utf8))
  let rows = table.rows.map { row in
    Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($0.element, row[$0.offset] ?? "") })
  }
  return (rows, diagnoses.text, summary)
}

/// APEX tables joined as the README joins them and scored through the README's map: the general `--map` rules
/// (two-digit dates, `01/00/00`, inclusion flags, row rules) on a real scanner's archive.
@Suite("dxa batch --map on APEX tables joined one row per scan")
struct APEXMapTests {
  @Test("the README's APEX map is the one tested here")
  func readmeMap() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appending(path: "README.md")
    #expect(try String(contentsOf: readme, encoding: .utf8).contains(apexMap))
  }

  @Test("hand-made tables: an excluded L3, both hips read exactly, a phantom filtered, a 1921 birth")
  func fixture() throws {
    let (rows, diagnoses, summary) = try batch(try joinedScans(try tables(in: FixtureAPEXTests.folder)), map: apexMap)
    #expect(rows.map { $0["SCANID"] ?? "" } == ["A0001", "A0002", "A0003", "A0004", "A0005", "A0006"])
    #expect(rows.map { $0["status"] ?? "" } == ["ok", "ok", "ok", "filtered", "ok", "ok"])
    // A0001: L3_INCLUDED = 0. L3 and the total (APEX's 39.25/46 of L1, L2, L4) are not scored; L1, L2, L4 are, as
    // single vertebrae without an open reference.
    let spine = rows[0]
    #expect(spine["l3_t_score"] == "" && spine["l3_note"] == "not scored: excluded from the analysis (L3_INCLUDED)")
    #expect(spine["spine_t_score"] == "" && spine["spine_note"]?.hasPrefix("not scored: L3 excluded") == true)
    #expect(spine["l2_note"]?.hasPrefix("no T-score: no young-adult female reference for L2 is loaded") == true)
    // NHANES III femoral neck 0.858/0.120 and total hip 0.942/0.122, White women, rounded half away from zero.
    // A0002 left: (0.6321400420314608 − 0.858)/0.120 = −1.882…; (0.7512424242424243 − 0.942)/0.122 = −1.563….
    #expect(rows[1]["neck_t_score"] == "-1.9" && rows[1]["hip_t_score"] == "-1.6")
    // A0003 right: 0.5640000000000001 read exactly gives −2.4499999…: −2.4, not the −2.5 of 0.564.
    #expect(rows[2]["neck_t_score"] == "-2.4" && rows[2]["neck_category"] == "low-bone-mass")
    #expect(rows[2]["hip_t_score"] == "-1.6")
    // A0004 is the phantom (no birth date: not read, so not an error).
    #expect(rows[3]["error"] == "" && rows[3]["neck_t_score"] == "")
    // A0005: born 07/04/21, scanned 06/01/11: 1921, 89.9 years; C is not given, so White for Z.
    #expect(rows[4]["neck_t_score"] == "-2.2" && rows[4]["hip_t_score"] == "-1.6")
    #expect(rows[4]["neck_reference"]?.hasSuffix("White female 80+") == true)
    #expect(rows[4]["neck_note"]?.contains("ethnicity not given") == true)
    // A0006, the earlier scan of that hip, is a scan of its own here: (0.5888… − 0.858)/0.120 = −2.24…, −1.65….
    #expect(rows[5]["neck_t_score"] == "-2.2" && rows[5]["hip_t_score"] == "-1.7")
    #expect(summary.rows == 6 && summary.okRows == 5 && summary.filteredRows == 1 && summary.errorRows == 0)
    #expect(summary.measurements == 3 + 2 * 4 && summary.unscoredSites == 2)
    #expect(diagnoses.split(separator: "\n").count == 1 + 5)
  }

  @Test(
    "the real training database: every scan accounted for, the import's scans scored, its hip scores agreeing",
    .enabled(if: hasRealTables))
  func realTables() throws {
    let tables = try tables(in: apexTables)
    let (rows, _, summary) = try batch(try joinedScans(tables), map: apexMap)
    #expect(summary.rows == 73 && rows.count == 73)
    // As the import counts them: 33 without BMD, 26 of other scan types (the metal-hip templates among them),
    // 7 without a birth date; the 7 scans it uses are the 7 scored.
    #expect(summary.okRows == 7 && summary.noMeasurementRows == 33)
    #expect(summary.filteredRows == 26 && summary.errorRows == 7)
    #expect(
      Set(rows.filter { $0["error"]?.isEmpty == false }.map { $0["error"] ?? "" }) == [
        "BIRTHDATE: is empty; the age is computed from it and SCAN_DATE"
      ])
    let imported = try APEXImport(tables: tables, options: try importOptions())
    let usedScans = imported.exams.flatMap { $0.exam.scan.id.split(separator: "+").map(String.init) }
    #expect(Set(rows.filter { $0["status"] == "ok" }.map { $0["SCANID"] ?? "" }) == Set(usedScans))
    // Each hip's neck and total T-score are those of dxa report on the imported exam.
    let builder = ReportBuilder(library: try ShippedReferences.library())
    var compared = 0
    for row in rows where row["status"] == "ok" && row["neck_t_score"]?.isEmpty == false {
      let exam = try #require(imported.exams.first { $0.exam.scan.id.contains(row["SCANID"] ?? "?") })
      let report = try builder.build(exam.exam)
      for (site, column) in [(Site.femoralNeck, "neck_t_score"), (.totalHip, "hip_t_score")] {
        let result = try #require(report.sites.first { $0.measurement.site == site })
        #expect(result.tScore?.reported.description == row[column])
        compared += 1
      }
    }
    #expect(compared == 4)
  }
}

import DXACore
import DXAReferenceData
import Foundation
import Testing

@testable import DXABatch

/// The README's map for the NHANES 2009–2010 femur file (checked against the README below).
let nhanesMap = """
  {
    "format": "dxa-batch-map/1",
    "notes": ["NHANES 2009-2010 femur (R package met, data set SSRI): one row per person, Hologic QDR-4500A"],
    "fields": {
      "scan_id": "row",
      "age": "age",
      "sex": { "column": "female", "codes": { "1": "female", "0": "male" } },
      "ethnicity": { "cases": [ { "column": "black", "code": "1", "value": "black" },
                                { "column": "hispanic", "code": "1", "value": "hispanic" } ] },
      "manufacturer": { "value": "hologic" }
    },
    "sites": [
      { "site": "femoral-neck", "bmd": "fneckbmd", "bmc": "fneckbmc", "prefix": "fneck_" },
      { "site": "total-hip", "bmd": "femurbmd", "bmc": "femurbmc", "prefix": "femur_" }
    ]
  }
  """

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
/// The team's shared data folder sits beside the repository (`../shared`), as in CI.
let nhanesFemur = repositoryRoot.deletingLastPathComponent()
  .appending(path: "shared/data/real-dxa/nhanes-2009-2010-femur/ssri_nhanes_2009_2010.csv")

@Suite("Wide files through a column map")
struct WideLayoutTests {
  static let map = """
    {"format": "dxa-batch-map/1",
     "fields": {"patient_id": "id", "age": "years", "sex": {"column": "sex", "codes": {"F": "female", "M": "male"}},
                "menopause": {"value": "post"}, "manufacturer": {"value": "hologic"}},
     "sites": [{"site": "femoral-neck", "bmd": "neck", "t_score_device": "neck_t"},
               {"site": "total-hip", "bmd": "hip", "prefix": "hip_"}]}
    """

  @Test("a row with no value at any mapped site is 'no-measurement', not 'ok', and counted apart")
  func noMeasurement() throws {
    let input = "id,years,sex,neck,neck_t,hip\n1,67,F,0.558,,\n2,67,F,,,\n3,67,F, ,,\n"
    let run = try runBatch(input) { $0.map = try? ColumnMap(json: Self.map, file: "map.json") }
    #expect(run.rows.map { $0["status"] } == ["ok", "no-measurement", "no-measurement"])
    #expect(run.rows[1]["error"] == "" && run.rows[1]["femoral_neck_t_score"] == "")
    #expect(run.summary.okRows == 1 && run.summary.noMeasurementRows == 2 && run.summary.errorRows == 0)
    #expect(
      run.summary.text(policy: "iscd-2023").hasPrefix(
        "3 rows in, 3 rows out: 1 ok, 2 with no measurement, 0 with errors"))
  }

  @Test("each row is one scan; each mapped site adds its own columns; a missing value is a site not measured")
  func wideRows() throws {
    let input = """
      id,years,sex,neck,neck_t,hip
      1,67,F,0.558,-2.4,0.820
      2,67,F,,,0.820
      3,67,X,0.558,,0.820
      4,55,F,abc,,0.700

      """
    let run = try runBatch(input) { $0.map = try? ColumnMap(json: Self.map, file: "map.json") }
    #expect(
      run.records[0] == [
        "id", "years", "sex", "neck", "neck_t", "hip", "femoral_neck_t_score", "femoral_neck_z_score",
        "femoral_neck_category", "femoral_neck_reference", "femoral_neck_note", "femoral_neck_t_score_diff",
        "femoral_neck_z_score_diff", "hip_t_score", "hip_z_score", "hip_category", "hip_reference", "hip_note",
        "status",
        "error",
      ])
    let rows = run.rows
    #expect(rows.count == 4)
    #expect(rows[0]["femoral_neck_t_score"] == "-2.5" && rows[0]["femoral_neck_category"] == "osteoporosis")
    #expect(rows[0]["femoral_neck_t_score_diff"] == "-0.1")
    #expect(rows[0]["hip_t_score"] == "-1.0" && rows[0]["hip_category"] == "normal" && rows[0]["status"] == "ok")
    #expect(rows[1]["femoral_neck_t_score"] == "" && rows[1]["hip_t_score"] == "-1.0" && rows[1]["status"] == "ok")
    #expect(rows[2]["status"] == "error")
    #expect(rows[2]["error"] == "sex: is not one of: female, male")
    // A bad site leaves the other scored; the row is an error that names the column.
    #expect(rows[3]["status"] == "error" && rows[3]["error"] == "neck: is not a number")
    #expect(rows[3]["hip_t_score"] == "-2.0")
    #expect(run.diagnoses.split(separator: "\n").count == 5)
  }

  @Test(
    "map files that do not fit are configuration errors naming the member",
    arguments: [
      (#"{"format": "x"}"#, "map.json: format: must be \"dxa-batch-map/1\""),
      (
        #"{"format": "dxa-batch-map/1", "colums": {}}"#,
        "map.json: colums: unknown field; allowed: as_of, fields, format, notes, rows, sites"
      ),
      (
        #"{"format": "dxa-batch-map/1", "fields": {"height": "h"}}"#,
        "map.json: fields.height: unknown field; known: patient_id, scan_id, scan_date, birth_date, age, sex, ethnicity, menopause, manufacturer, model, site, side, bmd, bmc, area, t_score_device, z_score_device, included, vertebrae"
      ),
      (
        #"{"format": "dxa-batch-map/1", "sites": [{"site": "hip", "bmd": "b"}]}"#,
        "map.json: sites[0].site: unknown site 'hip'; known: lumbar-spine, l1, l2, l3, l4, femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"
      ),
      (#"{"format": "dxa-batch-map/1", "sites": [{"site": "total-hip"}]}"#, "map.json: sites[0].bmd: missing"),
      (
        #"{"format": "dxa-batch-map/1", "fields": {"sex": {"column": "s", "value": "f"}}}"#,
        "map.json: fields.sex: expected exactly one of: column (with optional codes, missing, date_format), value, cases (with optional default)"
      ),
      (#"{"format": "#, "map.json: not valid JSON: line 1, column 12: unexpected end of text"),
    ])
  func badMaps(json: String, message: String) {
    #expect {
      _ = try ColumnMap(json: json, file: "map.json")
    } throws: { error in
      guard let error = error as? InputError else { return false }
      return error.kind == .reference && error.description == message
    }
  }

  @Test("a map that names a column the file lacks stops the run as a configuration error")
  func missingMappedColumn() throws {
    #expect {
      try runBatch("id,years\n1,60\n") { $0.map = try? ColumnMap(json: Self.map, file: "map.json") }
    } throws: { error in
      guard case .input(let inputError) = error as? BatchFailure else { return false }
      return inputError.kind == .reference
        && inputError.description == "sex: the map names column 'sex', which the input does not have"
    }
  }

  @Test("the README's NHANES map is the one tested here")
  func readmeMap() throws {
    let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
    #expect(readme.contains(nhanesMap))
  }

  @Test(
    "real NHANES 2009–2010 femur scans: every row scored as dxa score scores it",
    .enabled(if: FileManager.default.fileExists(atPath: nhanesFemur.path)))
  func nhanes() throws {
    let input = try Data(contentsOf: nhanesFemur)
    let run = try runBatch([UInt8](input), jobs: 2) { $0.map = try? ColumnMap(json: nhanesMap, file: "map.json") }
    #expect(run.summary.rows == 4_890)
    #expect(run.summary.errorRows == 0)
    #expect(run.summary.measurements == 2 * 4_890)
    let engine = ScoringEngine(library: try ShippedReferences.library())
    for row in run.rows {
      let ethnicity: Ethnicity? = row["black"] == "1" ? .black : row["hispanic"] == "1" ? .hispanic : nil
      for (site, column, prefix) in [(Site.femoralNeck, "fneckbmd", "fneck_"), (.totalHip, "femurbmd", "femur_")] {
        let request = ScoreRequest(
          site: site, bmd: ExactDecimal(row[column] ?? "") ?? 0, sex: row["female"] == "1" ? .female : .male,
          age: ExactDecimal(row["age"] ?? "") ?? 0, manufacturer: .hologic, ethnicity: ethnicity)
        let expected = RowScore(try engine.score(request))
        #expect(row[prefix + "t_score"] == expected.tTenths.map { tenthsText($0) } ?? "")
        #expect(row[prefix + "z_score"] == expected.zTenths.map { tenthsText($0) } ?? "")
        #expect(row[prefix + "category"] == expected.category?.rawValue ?? "")
        #expect(row[prefix + "note"] == expected.note)
      }
    }
    #expect(run.diagnoses.split(separator: "\n").count == 4_891)
  }
}

func tenthsText(_ tenths: Int64) -> String {
  let buffer = ByteBuffer()
  buffer.appendTenths(tenths)
  return String(decoding: buffer.bytes, as: UTF8.self)
}

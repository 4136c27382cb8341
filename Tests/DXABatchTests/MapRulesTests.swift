import DXACore
import Testing

@testable import DXABatch

/// The map's rules for archives as scanners store them: date formats and missing values, inclusion flags, row
/// rules, and rows with nothing measured. Worked values: NHANES III femoral neck, White women, 0.858/0.120; Hologic's
/// lumbar spine, White women, 1.047/0.110 (the maker's table, as `--spine-reference manufacturer` chooses).
@Suite("Map rules: dates, missing values, inclusion, row filters")
struct MapRulesTests {
  static func map(_ text: String) -> ColumnMap? { try? ColumnMap(json: text, file: "map.json") }

  static let twoDigitYears = """
    {"format": "dxa-batch-map/1", "as_of": "2024-06-30",
     "fields": {"sex": {"value": "female"},
                "scan_date": {"column": "scanned", "date_format": "MM/DD/YY"},
                "birth_date": {"column": "born", "date_format": "MM/DD/YY hh:mm:ss", "missing": "01/00/00 00:00:00"}},
     "sites": [{"site": "femoral-neck", "bmd": "neck"}]}
    """

  @Test("two-digit years: a scan is not after as_of, a birth not after the scan, on either side of 2000")
  func twoDigitYears() throws {
    let input = """
      id,scanned,born,neck
      1,06/01/11,07/04/21 00:00:00,0.700
      2,03/01/00,02/29/48 00:00:00,0.700
      3,12/31/99,01/01/50 00:00:00,0.700
      4,06/30/24,07/01/24 00:00:00,0.700
      5,07/01/24,06/30/24 00:00:00,0.700

      """
    let run = try runBatch(input) { $0.map = Self.map(Self.twoDigitYears) }
    let rows = run.rows
    #expect(rows.map { $0["status"] } == ["ok", "ok", "ok", "ok", "ok"])
    // (0.700 − 0.858) / 0.120 = −1.3166…: −1.3 whatever the age; the age shows in the Z group.
    #expect(rows[0]["femoral_neck_t_score"] == "-1.3")
    // 2011-06-01, born 1921-07-04 (2021 would be after the scan): 89.9 years.
    #expect(rows[0]["femoral_neck_reference"]?.hasSuffix("White female 80+") == true)
    // 2000-03-01, born 1948-02-29: 52.0 years.
    #expect(rows[1]["femoral_neck_reference"]?.hasSuffix("White female 50–59") == true)
    // 1999-12-31 (2099 is after as_of), born 1950-01-01: one day short of 50 years.
    #expect(rows[2]["femoral_neck_reference"]?.hasSuffix("White female 40–49") == true)
    // 2024-06-30 is as_of itself; born 1924-07-01 (2024-07-01 would be after the scan): 99.99 years.
    #expect(rows[3]["femoral_neck_reference"]?.hasSuffix("White female 80+") == true)
    // 07/01/24 is after as_of, so 1924-07-01; born 1924-06-30: one day old, no T-score under 20.
    #expect(rows[4]["femoral_neck_t_score"] == "")
    #expect(rows[4]["femoral_neck_note"]?.contains("no T-score under age 20") == true)
  }

  @Test(
    "a date that does not follow the format, or names no real day, is a row error that never quotes the date",
    arguments: [
      ("13/01/10", "01/01/50 00:00:00", "scanned: not a date as MM/DD/YY"),
      ("2010-01-13", "01/01/50 00:00:00", "scanned: not a date as MM/DD/YY"),
      // No year ending in 01 on or before 2024-06-30 has a 29 February (2001, 1901; 1801 is before 1850).
      ("02/29/01", "01/01/50 00:00:00", "scanned: names no real day on or before the map's as_of (MM/DD/YY)"),
      ("01/15/10", "02/30/50 00:00:00", "born: names no real day on or before scanned (MM/DD/YY hh:mm:ss)"),
      ("01/15/10", "01/01/50 24:00:00", "born: not a date as MM/DD/YY hh:mm:ss"),
      ("01/15/10", "01/00/00 00:00:00", "born: is empty; the age is computed from it and scanned"),
      ("", "01/01/50 00:00:00", "scanned: is empty; expected a date"),
    ])
  func badDates(scanned: String, born: String, message: String) throws {
    let run = try runBatch("id,scanned,born,neck\n1,\(scanned),\(born),0.700\n") {
      $0.map = Self.map(Self.twoDigitYears)
    }
    #expect(run.rows.first?["status"] == "error")
    #expect(run.rows.first?["error"] == message)
    #expect(run.summary.firstErrors.map(\.description) == ["row 1, \(message)"])
    for date in [scanned, born] where !date.isEmpty { #expect(!message.contains(date)) }
  }

  @Test("four-digit formats are taken as written; one date field with a format reads the other as YYYY-MM-DD")
  func fourDigitYears() throws {
    let dotted = """
      {"format": "dxa-batch-map/1",
       "fields": {"sex": {"value": "female"}, "scan_date": {"column": "scanned", "date_format": "DD.MM.YYYY"},
                  "birth_date": {"column": "born", "date_format": "YY-MM-DD"}},
       "sites": [{"site": "femoral-neck", "bmd": "neck"}]}
      """
    let input = """
      id,scanned,born,neck
      1,01.06.2011,21-07-04,0.700
      2,31.02.2011,21-07-04,0.700
      3,01.06.2011,12-01-01,0.700

      """
    let run = try runBatch(input) { $0.map = Self.map(dotted) }
    let rows = run.rows
    // No as_of is needed: the scan year has four digits. 1921-07-04 to 2011-06-01: 89.9 years.
    #expect(rows[0]["femoral_neck_reference"]?.hasSuffix("White female 80+") == true)
    #expect(rows[1]["error"] == "scanned: names no real day between 1850 and 2999 (DD.MM.YYYY)")
    // Born 1912-01-01 (2012 would be after the 2011 scan): 99.4 years.
    #expect(rows[2]["femoral_neck_reference"]?.hasSuffix("White female 80+") == true)

    let isoScan = """
      {"format": "dxa-batch-map/1",
       "fields": {"sex": {"value": "female"}, "scan_date": "scanned",
                  "birth_date": {"column": "born", "date_format": "MM/DD/YY"}},
       "sites": [{"site": "femoral-neck", "bmd": "neck"}]}
      """
    let iso = try runBatch("id,scanned,born,neck\n1,2000-03-01,02/29/48,0.700\n2,03/01/00,02/29/48,0.700\n") {
      $0.map = Self.map(isoScan)
    }
    #expect(iso.rows[0]["femoral_neck_reference"]?.hasSuffix("White female 50–59") == true)
    #expect(iso.rows[1]["error"] == "scanned: not a date as YYYY-MM-DD")
  }

  @Test("values listed as missing read as empty: a BMD of -1 is a site not measured")
  func missingValues() throws {
    let json = """
      {"format": "dxa-batch-map/1",
       "fields": {"sex": {"column": "sex", "codes": {"F": "female"}, "missing": ["?", "unknown"]}, "age": "age"},
       "sites": [{"site": "femoral-neck", "bmd": {"column": "neck", "missing": ["0", "-1"]}},
                 {"site": "total-hip", "bmd": {"column": "hip", "missing": "-1"}}]}
      """
    let input = """
      id,age,sex,neck,hip
      1,67,F,-1,0.820
      2,67,F,0,-1
      3,67,F,0.0,-1
      4,67,unknown,0.700,-1
      5,67,"  ? ",0.700,-1

      """
    let run = try runBatch(input) { $0.map = Self.map(json) }
    let rows = run.rows
    // (0.820 − 0.942) / 0.122 = −1.0.
    #expect(
      rows[0]["status"] == "ok" && rows[0]["femoral_neck_t_score"] == "" && rows[0]["total_hip_t_score"] == "-1.0")
    #expect(rows[1]["status"] == "no-measurement" && rows[1]["error"] == "")
    // Only the values listed are missing: 0.0 is a BMD, and an impossible one.
    #expect(rows[2]["error"] == "neck: must be greater than 0 g/cm², found 0.0")
    #expect(rows[3]["error"] == "sex: is empty; expected one of: female, male")
    #expect(rows[4]["error"] == "sex: is empty; expected one of: female, male")
    #expect(run.summary.okRows == 1 && run.summary.noMeasurementRows == 1 && run.summary.errorRows == 3)
  }

  static let spine = """
    {"format": "dxa-batch-map/1",
     "fields": {"age": "age", "sex": {"value": "female"}, "menopause": {"value": "post"}},
     "sites": [{"site": "l1", "bmd": "L1_BMD", "included": "L1_INCLUDED"},
               {"site": "lumbar-spine", "bmd": "TOT_BMD", "prefix": "spine_"},
               {"site": "l2", "bmd": "L2_BMD", "included": "L2_INCLUDED"},
               {"site": "l3", "bmd": "L3_BMD", "included": "L3_INCLUDED"},
               {"site": "l4", "bmd": "L4_BMD", "included": "L4_INCLUDED"},
               {"site": "femoral-neck", "bmd": "NECK_BMD", "prefix": "neck_"}]}
    """

  @Test("an excluded vertebra is not scored; nor is the spine total while one is excluded; the rest is")
  func excludedVertebra() throws {
    let input = """
      id,age,L1_INCLUDED,L1_BMD,L2_INCLUDED,L2_BMD,L3_INCLUDED,L3_BMD,L4_INCLUDED,L4_BMD,TOT_BMD,NECK_BMD
      1,64,1,0.8,1,0.85,0,1.2,1,0.9,0.852,0.700
      2,64,1,0.8,1,0.85,1,1.2,1,0.9,0.852,
      3,64,0,0.8,yes,0.85,,1.2,NO,0.9,0.852,
      4,64,1,0.8,2,0.85,1,1.2,1,0.9,0.852,
      5,64,0,0.8,0,0.85,0,1.2,0,0.9,,

      """
    let run = try runBatch(input) { $0.map = Self.map(Self.spine) }
    let rows = run.rows
    #expect(rows[0]["status"] == "ok")
    #expect(rows[0]["l3_t_score"] == "" && rows[0]["l3_note"] == "not scored: excluded from the analysis (L3_INCLUDED)")
    #expect(rows[0]["spine_t_score"] == "" && rows[0]["spine_category"] == "")
    #expect(
      rows[0]["spine_note"]
        == "not scored: L3 excluded, so this total is not of L1–L4, and the batch scores the spine against L1–L4 references only (dxa report scores ΣBMC/Σarea of the included vertebrae)"
    )
    // Included vertebrae are scored as single vertebrae (no open reference: no T-score, said in the note).
    #expect(rows[0]["l1_note"]?.hasPrefix("no T-score: no young-adult female reference for L1 is loaded") == true)
    // (0.700 − 0.858) / 0.120 = −1.3.
    #expect(rows[0]["neck_t_score"] == "-1.3")
    // All four included: the total is L1–L4, scored on the maker's table (Hologic assumed, hologic-spine-young-women
    // 1.047/0.110): (0.852 − 1.047) / 0.110 = −1.77.
    #expect(rows[1]["spine_t_score"] == "-1.8" && rows[1]["spine_category"] == "low-bone-mass")
    #expect(rows[1]["l3_note"]?.hasPrefix("no T-score") == true)
    // yes, empty (not said: included) and NO; the note names every excluded vertebra.
    #expect(rows[2]["spine_note"]?.hasPrefix("not scored: L1, L4 excluded, so this total") == true)
    #expect(rows[2]["l2_note"]?.hasPrefix("no T-score") == true && rows[2]["l3_note"]?.hasPrefix("no T-score") == true)
    #expect(rows[3]["status"] == "error")
    // The flag fails L2 and the total: said once.
    #expect(rows[3]["error"] == "L2_INCLUDED: is not one of: 1, 0, yes, no")
    // Every site excluded: nothing scored, yet something was measured: ok, each site saying why.
    #expect(rows[4]["status"] == "ok" && rows[4]["l4_note"] == "not scored: excluded from the analysis (L4_INCLUDED)")
    // Measurements: row 1 three vertebrae and the neck, row 2 the vertebrae and the total, row 3 L2 and L3, row 4
    // L1, L3 and L4 (L2 and the total failed).
    #expect(run.summary.measurements == 4 + 5 + 2 + 3)
    // Not scored: row 1 L3 and the total, row 3 L1, L4 and the total, row 5 four vertebrae.
    #expect(run.summary.unscoredSites == 2 + 3 + 4)
    #expect(
      run.summary.text(policy: "iscd-2023").contains(
        "; 9 sites not scored (excluded, or a spine total not of L1–L4)"))
  }

  @Test("a long row's vertebrae column: a total of other vertebrae than L1–L4 is not scored, with the note; L1–L4 is")
  func vertebraeColumn() throws {
    let input = """
      patient_id,site,vertebrae,bmd,sex,age,menopause,manufacturer
      P1,lumbar-spine,l2-l4,0.800,female,70,post,hologic
      P2,lumbar-spine,L1–L4,0.800,female,70,post,hologic
      P3,lumbar-spine,,0.800,female,70,post,hologic
      P4,lumbar-spine,l5,0.800,female,70,post,hologic
      P5,lumbar-spine,"l1-l2,l4",0.800,female,70,post,hologic

      """
    let rows = try runBatch(input).rows
    // Never scored against the L1–L4 reference as if it were L1–L4, and never silently: the note says why.
    #expect(rows[0]["status"] == "ok" && rows[0]["t_score"] == "" && rows[0]["category"] == "")
    #expect(
      rows[0]["note"]
        == "not scored: this total is of L2–L4, not L1–L4, and the batch scores the spine against L1–L4 references only (dxa report scores it, labelled approximate when no table has L2–L4)"
    )
    // L1–L4 (in either spelling, or empty): hologic-spine-young-women 1.047/0.110, (0.800 − 1.047) / 0.110 = −2.245.
    #expect(rows[1]["t_score"] == "-2.2" && rows[2]["t_score"] == "-2.2")
    #expect(rows[3]["status"] == "error")
    #expect(rows[3]["error"] == "vertebrae: is not a set of vertebrae such as l1-l4 or l2-l4")
    #expect(rows[4]["note"]?.hasPrefix("not scored: this total is of L1–L2, L4, not L1–L4") == true)
    let compact = try runBatch(input) { $0.longNotes = false }.rows
    #expect(compact[0]["note"] == "X2")
  }

  @Test("in the long layout an included column of 0 leaves that row's site unscored, with the note")
  func excludedLongRow() throws {
    let input = """
      patient_id,site,included,bmd,sex,age
      P1,l1,1,0.8,female,64
      P1,l3,0,1.2,female,64
      P1,femoral-neck,,0.700,female,64
      P1,l4,maybe,0.9,female,64

      """
    let run = try runBatch(input)
    let rows = run.rows
    #expect(rows.map { $0["status"] } == ["ok", "ok", "ok", "error"])
    #expect(rows[1]["t_score"] == "" && rows[1]["note"] == "not scored: excluded from the analysis (included)")
    #expect(rows[2]["t_score"] == "-1.3")
    #expect(rows[3]["error"] == "included: is not one of: 1, 0, yes, no")
    #expect(run.summary.measurements == 2 && run.summary.unscoredSites == 1)
  }

  static let filtered = """
    {"format": "dxa-batch-map/1",
     "fields": {"age": "age", "sex": {"column": "sex", "codes": {"F": "female", "M": "male"}}},
     "rows": {"keep": [{"column": "type", "values": [1, "2"]}],
              "skip": [{"column": "name", "matches": ["phantom", "METAL*LEFT"]}]},
     "sites": [{"site": "femoral-neck", "bmd": "neck"}]}
    """

  @Test("rows the map's rules leave out are written with status filtered, counted, and left out of --diagnoses")
  func rowFilter() throws {
    let input = """
      id,type,name,age,sex,neck
      1,1,DOE,67,F,0.700
      2,5,DOE,67,F,0.700
      3,2,SPINE Phantom 3,67,F,0.700
      4,2,METAL HIP LEFT 6.0 CM,67,F,0.700
      5," 2 ",METAL HIP RIGHT,67,F,0.700
      6,,DOE,67,F,0.700
      7,1,PHANTOM,,X,abc
      8,1,DOE,67,F,0.700,extra

      """
    let run = try runBatch(input) { $0.map = Self.map(Self.filtered) }
    let rows = run.rows
    #expect(
      rows.map { $0["status"] } == ["ok", "filtered", "filtered", "filtered", "ok", "filtered", "filtered", "error"])
    // A filtered row keeps its columns, gets no scores and no error: its values are not read.
    #expect(rows[1]["femoral_neck_t_score"] == "" && rows[1]["error"] == "")
    #expect(rows[6]["error"] == "")
    #expect(rows[4]["femoral_neck_t_score"] == "-1.3")
    // A row that cannot be read is an error whatever the rules would say.
    #expect(rows[7]["error"] == "row: has 7 fields; the header has 6")
    #expect(run.summary.rows == 8 && run.summary.okRows == 2 && run.summary.filteredRows == 5)
    #expect(run.summary.errorRows == 1 && run.summary.measurements == 2)
    #expect(
      run.summary.text(policy: "iscd-2023").hasPrefix(
        "8 rows in, 8 rows out: 2 ok, 5 filtered by the map's row rules, 1 with errors"))
    // Header and the three scans read: rows 1, 5 and 8.
    #expect(run.diagnoses.split(separator: "\n").count == 4)
  }

  @Test("row rules work on the long layout too, through a map without sites")
  func longRowFilter() throws {
    let json = """
      {"format": "dxa-batch-map/1", "rows": {"skip": [{"column": "patient_id", "values": ["QC"]}]}}
      """
    let input = "patient_id,site,bmd,sex,age\nP1,femoral-neck,0.700,female,67\nQC,femoral-neck,1.0,female,\n"
    let run = try runBatch(input) { $0.map = Self.map(json) }
    #expect(run.rows.map { $0["status"] } == ["ok", "filtered"])
    #expect(run.rows[1]["t_score"] == "" && run.rows[1]["note"] == "")
    #expect(run.summary.filteredRows == 1 && run.summary.errorRows == 0)
  }

  @Test("a long row with no BMD value is no-measurement, not ok and not an error; its other fields are not read")
  func longNoMeasurement() throws {
    let input = """
      patient_id,site,bmd,sex,age
      P1,femoral-neck,0.700,female,67
      P1,total-body,,female,67
      P2,whole-body, ,,

      """
    let run = try runBatch(input)
    #expect(run.rows.map { $0["status"] } == ["ok", "no-measurement", "no-measurement"])
    #expect(run.rows[1]["error"] == "" && run.rows[1]["t_score"] == "" && run.rows[1]["note"] == "")
    #expect(run.summary.okRows == 1 && run.summary.noMeasurementRows == 2 && run.summary.errorRows == 0)
    #expect(run.summary.measurements == 1)

    let renamed = """
      {"format": "dxa-batch-map/1", "fields": {"bmd": {"column": "BMD", "missing": "-1"}}}
      """
    let mapped = try runBatch("patient_id,site,BMD,sex,age\nP1,total-hip,-1,female,67\n") {
      $0.map = Self.map(renamed)
    }
    #expect(mapped.rows.map { $0["status"] } == ["no-measurement"])
  }

  @Test(
    "maps with bad date formats, missing values, inclusion or row rules are configuration errors naming the member",
    arguments: [
      (
        #"{"format": "dxa-batch-map/1", "fields": {"sex": {"column": "s", "date_format": "YYYY-MM-DD"}}}"#,
        "map.json: fields.sex.date_format: only birth_date and scan_date are dates"
      ),
      (
        #"{"format": "dxa-batch-map/1", "fields": {"scan_date": {"column": "d", "date_format": "MM/DD/YY HH:MM:SS"}}}"#,
        "map.json: fields.scan_date.date_format: not a date format; use YYYY or YY, MM and DD once each, other characters as written, and hh:mm:ss for a time (MM/DD/YY hh:mm:ss, DD.MM.YYYY)"
      ),
      (
        #"{"format": "dxa-batch-map/1", "fields": {"scan_date": {"column": "d", "date_format": "MM/DD/YY"}}}"#,
        "map.json: as_of: missing; fields.scan_date has two-digit years, which resolve to the latest year that keeps the scan on or before as_of: give the day the archive was exported, YYYY-MM-DD"
      ),
      (
        #"{"format": "dxa-batch-map/1", "as_of": "06/30/24"}"#,
        "map.json: as_of: not a date; write YYYY-MM-DD (the day the archive was exported)"
      ),
      (
        #"{"format": "dxa-batch-map/1", "fields": {"birth_date": {"column": "b", "missing": []}}}"#,
        "map.json: fields.birth_date.missing: expected a non-empty array"
      ),
      (
        #"{"format": "dxa-batch-map/1", "fields": {"birth_date": {"column": "b", "missing": [" "]}}}"#,
        "map.json: fields.birth_date.missing: an empty value is missing already; list the values that stand for none"
      ),
      (
        #"{"format": "dxa-batch-map/1", "fields": {"included": "inc"}, "sites": [{"site": "l1", "bmd": "b"}]}"#,
        "map.json: fields.included: is per site in a wide map: give it in each entry of sites"
      ),
      (
        #"{"format": "dxa-batch-map/1", "sites": [{"site": "l1", "bmd": "b", "include": "i"}]}"#,
        "map.json: sites[0].include: unknown field; allowed: site, prefix, side, bmd, bmc, area, t_score_device, z_score_device, included, vertebrae"
      ),
      (#"{"format": "dxa-batch-map/1", "rows": []}"#, "map.json: rows: expected an object with keep, skip"),
      (
        #"{"format": "dxa-batch-map/1", "rows": {"drop": []}}"#,
        "map.json: rows.drop: unknown field; allowed: keep, skip"
      ),
      (
        #"{"format": "dxa-batch-map/1", "rows": {"keep": []}}"#,
        "map.json: rows.keep: expected a non-empty array of rules"
      ),
      (
        #"{"format": "dxa-batch-map/1", "rows": {"keep": [{"column": "SCAN_TYPE"}]}}"#,
        "map.json: rows.keep[0]: expected column with values (exact codes) and/or matches (name patterns)"
      ),
      (
        #"{"format": "dxa-batch-map/1", "rows": {"skip": [{"column": "n", "matches": ["PHANTOM", "**"]}]}}"#,
        "map.json: rows.skip[0].matches[1]: matches every value; give part of a name"
      ),
      (
        #"{"format": "dxa-batch-map/1", "rows": {"skip": [{"column": "n", "values": [true]}]}}"#,
        "map.json: rows.skip[0].values[0]: expected a string, found a boolean"
      ),
    ])
  func badMaps(json: String, message: String) {
    #expect {
      _ = try ColumnMap(json: json, file: "map.json")
    } throws: { error in
      guard let error = error as? InputError else { return false }
      return error.kind == .reference && error.description == message
    }
  }

  @Test("a row rule on a column the input lacks stops the run as a configuration error")
  func filterColumnMissing() throws {
    let json = #"{"format": "dxa-batch-map/1", "rows": {"keep": [{"column": "SCAN_TYPE", "values": ["1"]}]}}"#
    #expect {
      try runBatch("site,bmd,sex,age\n") { $0.map = Self.map(json) }
    } throws: { error in
      guard case .input(let inputError) = error as? BatchFailure else { return false }
      return inputError.kind == .reference
        && inputError.description == "rows.keep: the map names column 'SCAN_TYPE', which the input does not have"
    }
  }
}

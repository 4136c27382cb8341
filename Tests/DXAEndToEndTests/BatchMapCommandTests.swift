import Foundation
import Testing

/// `dxa batch --map` with the rules for archives as scanners store them, run as a data team would.
@Suite("dxa batch --map: dates, inclusion flags and row rules, end to end")
struct BatchMapCommandTests {
  static let map = """
    {"format": "dxa-batch-map/1", "as_of": "2024-06-30",
     "fields": {"sex": {"value": "female"},
                "scan_date": {"column": "scanned", "date_format": "MM/DD/YY hh:mm:ss"},
                "birth_date": {"column": "born", "date_format": "MM/DD/YY hh:mm:ss", "missing": "01/00/00 00:00:00"}},
     "rows": {"skip": [{"column": "name", "matches": ["PHANTOM"]}]},
     "sites": [{"site": "l3", "bmd": "l3", "included": "l3_in"},
               {"site": "femoral-neck", "bmd": "neck"}]}
    """

  @Test("filtered and unmeasured rows are written and counted; with no error the run exits 0")
  func accountedFor() throws {
    let input = """
      name,scanned,born,l3_in,l3,neck
      DOE,05/02/12 09:10:00,03/15/48 00:00:00,0,1.2,0.700
      SPINE PHANTOM,05/02/12 10:00:00,01/00/00 00:00:00,1,1.0,
      ROE,06/01/11 08:10:00,07/04/21 00:00:00,,,

      """
    let run = try dxa(
      ["batch", "-", "--map", try temporaryFile(Self.map, name: "map.json"), "--notes-format", "long"], input: input)
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    // Born 1948, scanned 2012: 64 years. T (0.700 − 0.858)/0.120 = −1.32; Z White women 60–69 (0.700 − 0.681)/0.119
    // = 0.16.
    #expect(lines[1].hasSuffix(",-1.3,0.2,low-bone-mass,\(Self.reference60),\(Self.note),ok,"))
    #expect(lines[1].contains(",,,,,not scored: excluded from the analysis (l3_in),"))
    #expect(lines[2].hasSuffix(",,,,,,,,,,,filtered,") && lines[3].hasSuffix(",,,,,,,,,,,no-measurement,"))
    #expect(
      run.stderr.hasPrefix(
        """
        3 rows in, 3 rows out: 1 ok, 1 with no measurement, 1 filtered by the map's row rules, 0 with errors
        Scored under iscd-2023: 1 measurements; no T-score 0, no Z-score 0; 1 sites not scored (excluded, or a spine total not of L1–L4)

        """))
  }

  static let reference60 =
    "T nhanes3-hip-young-adult v1 White female young adult; Z looker-1998-femoral-neck-women v1 White female 60–69"
  static let note =
    "manufacturer not given: Hologic assumed; menopausal status not given: a woman aged 50 or over is taken as postmenopausal; ethnicity not given: the White age-matched reference is used for the Z-score"

  @Test("a map whose two-digit scan years have no as_of stops before reading, exit 78, naming file and member")
  func noAsOf() throws {
    let path = try temporaryFile(Self.map.replacing(#""as_of": "2024-06-30","#, with: ""), name: "map.json")
    let run = try dxa(["batch", "-", "--map", path], input: "name,scanned,born,l3_in,l3,neck\n")
    #expect(run.status == 78)
    #expect(
      run.stderr
        == "Error: \(path): as_of: missing; fields.scan_date has two-digit years, which resolve to the latest year that keeps the scan on or before as_of: give the day the archive was exported, YYYY-MM-DD\n"
    )
    #expect(run.stdout.isEmpty)
  }

  @Test("a date error names the row and column, never the date; the run exits 65")
  func dateError() throws {
    let input = "name,scanned,born,l3_in,l3,neck\nDOE,05/02/12 09:10:00,02/30/48 00:00:00,,,0.700\n"
    let run = try dxa(["batch", "-", "--map", try temporaryFile(Self.map, name: "map.json")], input: input)
    #expect(run.status == 65)
    #expect(run.stderr.contains("  row 1, born: names no real day on or before scanned (MM/DD/YY hh:mm:ss)\n"))
    #expect(!run.stderr.contains("02/30/48"))
  }
}

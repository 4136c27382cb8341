import DXACore
import Foundation
import Testing

@testable import DXABatch

@Suite("Reconciliation counts: the differences a row writes are the ones counted, on every output path")
struct ReconciliationTests {
  /// Rows of three sites and every maker, with device scores of one and two decimals, absent, or one of the two;
  /// some rows wrong.
  static func input() -> String {
    let makers = ["hologic", "ge-lunar", "norland", ""]
    let sites = ["lumbar-spine", "femoral-neck", "total-hip"]
    let deviceScores = [("-2.4", "-1.1"), ("-2.45", "0.3"), ("", "-0.7"), ("1.2", ""), ("", ""), ("-0.05", "0.15")]
    var lines = [header]
    for index in 0..<900 {
      let (t, z) = deviceScores[index % deviceScores.count]
      let bmd = String(format: "%.3f", 0.5 + Double(index % 41) * 0.011)
      let row = [
        "P\(index / 3)", "S\(index / 3)", "2020-01-01", "", "\(45 + index % 40)", index % 5 == 0 ? "male" : "female",
        "white", index % 5 == 0 ? "" : "post", makers[index % makers.count], "", sites[index % sites.count], "",
        index % 89 == 0 ? "abc" : bmd, "", "", t, z,
      ]
      lines.append(row.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The counts the output's own differences give, by site and maker.
  static func counted(_ run: BatchRun) -> [BatchSummary.ReconciliationKey: BatchSummary.Reconciliation] {
    var counts: [BatchSummary.ReconciliationKey: BatchSummary.Reconciliation] = [:]
    for row in run.rows where row["status"] == "ok" {
      guard let site = Site(rawValue: row["site"] ?? "") else {
        Issue.record("an ok row without a site")
        continue
      }
      let key = BatchSummary.ReconciliationKey(
        site: site, manufacturer: Manufacturer(rawValue: row["manufacturer"] ?? ""))
      var entry = counts[key] ?? BatchSummary.Reconciliation()
      if let text = row["t_score_diff"], let difference = Double(text) {
        entry.tCompared += 1
        if abs(difference) > 0.1 { entry.tOver01 += 1 }
        if abs(difference) > 0.2 { entry.tOver02 += 1 }
      }
      if let text = row["z_score_diff"], let difference = Double(text) {
        entry.zCompared += 1
        if abs(difference) > 0.1 { entry.zOver01 += 1 }
        if abs(difference) > 0.2 { entry.zOver02 += 1 }
      }
      if entry.tCompared + entry.zCompared > 0 { counts[key] = entry }
    }
    return counts
  }

  @Test("compact rows from templates count what they write", arguments: [1, 3])
  func compact(jobs: Int) throws {
    let run = try runBatch(Self.input(), jobs: jobs, bufferSize: 4_096) { $0.longNotes = false }
    #expect(run.summary.reconciliation == Self.counted(run))
    #expect(run.summary.reconciliation.values.reduce(0) { $0 + $1.tCompared } > 300)
    #expect(run.summary.reconciliation.values.reduce(0) { $0 + $1.tOver01 } > 0)
    #expect(run.summary.errorRows > 0)
  }

  @Test("long notes and rows scored by the engine count the same as compact rows from templates")
  func everyPath() throws {
    let compact = try runBatch(Self.input()) { $0.longNotes = false }
    let long = try runBatch(Self.input())
    let engine = try runBatch(Self.input(), setup: makeSetup(usesTemplates: false)) { $0.longNotes = false }
    #expect(long.summary.reconciliation == compact.summary.reconciliation)
    #expect(engine.summary.reconciliation == compact.summary.reconciliation)
    #expect(long.summary.reconciliation == Self.counted(long))
    #expect(engine.summary.engineScored > compact.summary.engineScored)
  }

  @Test("a wide row's sites are counted as they are scored, each with its own device scores")
  func wideRows() throws {
    let map = """
      {"format": "dxa-batch-map/1",
       "fields": {"patient_id": "id", "age": "years", "sex": {"column": "sex", "codes": {"F": "female", "M": "male"}},
                  "menopause": {"value": "post"}, "manufacturer": {"value": "hologic"}},
       "sites": [{"site": "femoral-neck", "bmd": "neck", "t_score_device": "neck_t"},
                 {"site": "total-hip", "bmd": "hip", "prefix": "hip_", "t_score_device": "hip_t"}]}
      """
    let input = """
      id,years,sex,neck,neck_t,hip,hip_t
      1,67,F,0.558,-2.4,0.820,-0.9
      2,67,F,0.558,-2.5,0.820,
      3,67,F,,,0.820,-1.0
      4,67,F,0.600,-1.9,,

      """
    let run = try runBatch(input) { $0.map = try? ColumnMap(json: map, file: "map.json") }
    let rows = run.rows
    // Recomputed −2.5, −2.5, none, −2.2 at the neck; −1.0 at the hip.
    #expect(rows.map { $0["femoral_neck_t_score_diff"] } == ["-0.1", "0.0", "", "-0.3"])
    #expect(rows.map { $0["hip_t_score_diff"] } == ["-0.1", "", "0.0", ""])
    #expect(
      run.summary.reconciliation[.init(site: .femoralNeck, manufacturer: .hologic)]
        == BatchSummary.Reconciliation(tCompared: 3, tOver01: 1, tOver02: 1))
    #expect(
      run.summary.reconciliation[.init(site: .totalHip, manufacturer: .hologic)]
        == BatchSummary.Reconciliation(tCompared: 2))
    #expect(run.summary.reconciliation.count == 2)
  }
}

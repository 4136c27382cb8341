import DXACore
import Foundation
import Testing

@testable import DXABatch

@Suite("A row's sites are read into slots reused row after row: nothing of one row reaches the next")
struct SiteSlotTests {
  static let measured =
    "P1,S1,2020-01-01,,67,female,white,post,hologic,,femoral-neck,left,0.558,,,-2.4,-1.1"
  /// Rows that leave the slot of the measured row before them without a measurement, each for another reason.
  static let followers = [
    // A BMD that is not a number: an error row.
    "P2,S2,2020-01-01,,67,female,white,post,hologic,,femoral-neck,left,abc,,,-2.4,-1.1",
    // No BMD: a row that measured nothing.
    "P3,S3,2020-01-01,,67,female,white,post,hologic,,femoral-neck,left,,,,-2.4,-1.1",
    // An age the engine refuses: the read succeeds, the scoring fails.
    "P4,S4,2020-01-01,,121,female,white,post,hologic,,femoral-neck,left,0.558,,,-2.4,-1.1",
    // A person field that is wrong: no site is read at all.
    "P5,S5,2020-01-01,,67,x,white,post,hologic,,femoral-neck,left,0.558,,,-2.4,-1.1",
    // Too few fields.
    "P6,S6,2020-01-01,,67,female",
    // A stray quote: a CSV issue, the record rewritten.
    "P8,S8,2020-01-01,,67,female,white,post,hologic,5\"2,femoral-neck,left,0.558,,,-2.4,-1.1",
    // Measured again, without device scores: its differences are empty, not the first row's.
    "P7,S7,2020-01-01,,70,female,white,post,hologic,,total-hip,left,0.700,,,,",
  ]

  @Test("a slot holds one measurement and its score, and forgets both when cleared")
  func slotLifecycle() {
    let slots = SiteSlots(count: 3)
    #expect(slots.measuredInputs.allSatisfy { $0 == nil })
    var input = MeasurementInput.placeholder
    input.site = .totalHip
    input.bmd = ExactDecimal(significand: 812, scale: 3)
    slots.inputs[1] = input
    #expect(slots.input(1) == nil)
    slots.isMeasured[1] = true
    slots.scores[1] = MeasurementScore(tTenths: -15, zTenths: 3, category: .lowBoneMass, source: 0, age: input.age)
    #expect(slots.input(1)?.bmd == ExactDecimal(significand: 812, scale: 3))
    #expect(slots.input(1)?.site == .totalHip)
    #expect(slots.measuredInputs.map { $0 != nil } == [false, true, false])
    slots.clear(1)
    #expect(slots.input(1) == nil)
    #expect(slots.scores[1] == nil)
    slots.isMeasured[2] = true
    slots.scores[2] = MeasurementScore(source: 0, age: input.age)
    slots.clearAll()
    #expect(slots.measuredInputs.allSatisfy { $0 == nil })
    #expect((0..<3).allSatisfy { slots.scores[$0] == nil })
  }

  @Test("each row after a measured one comes out as it does alone", arguments: followers)
  func rowAfterMeasuredRow(follower: String) throws {
    let together = try runBatch([header, Self.measured, follower, ""].joined(separator: "\n"))
    let alone = try runBatch([header, follower, ""].joined(separator: "\n"))
    let first = try runBatch([header, Self.measured, ""].joined(separator: "\n"))
    #expect(together.rows.count == 2)
    #expect(together.rows[0] == first.rows[0])
    #expect(together.rows[1] == alone.rows[0])
    #expect(together.rows[0]["t_score_diff"]?.isEmpty == false)
    #expect(together.summary.categories == zip(first.summary.categories, alone.summary.categories).map { $0 + $1 })
    // The errors file and the summary's first errors say the same, numbered as the row is in each run.
    #expect(together.errors == alone.errors.replacingOccurrences(of: "\n1,", with: "\n2,"))
    #expect(together.summary.firstErrors.map(\.message) == alone.summary.firstErrors.map(\.message))
    #expect(together.summary.errorRows == alone.summary.errorRows)
  }

  @Test("a record that is not UTF-8 after a measured one is an error row, and the row after it is read again")
  func notUTF8AfterMeasuredRow() throws {
    let bad =
      Array("P9,S9,2020-01-01,,67,female,white,post,hologic,".utf8) + [0xFF]
      + Array(",femoral-neck,left,0.558,,,-2.4,-1.1".utf8)
    let lines = [Array(header.utf8), Array(Self.measured.utf8), bad, Array(Self.measured.utf8)]
    let run = try runBatch(Array(lines.joined(separator: [0x0A])) + [0x0A])
    #expect(run.rows.map { $0["status"] } == ["ok", "error", "ok"])
    #expect(run.rows[1]["error"] == "model: not UTF-8 text; save the file as UTF-8")
    #expect(run.rows[1]["t_score"] == "" && run.rows[1]["t_score_diff"] == "")
    #expect(run.rows[2] == run.rows[0])
    #expect(run.summary.firstErrors.map(\.row) == [2])
  }

  @Test("the summary counts each category as the output shows it, for any pieces and jobs", arguments: [1, 3])
  func categoriesMatchOutput(jobs: Int) throws {
    var lines = [header]
    for index in 0..<600 {
      let bmd = String(format: "%.3f", 0.45 + Double(index % 50) * 0.012)
      let age = 20 + index % 60
      let row = [
        "P\(index)", "S\(index)", "2020-01-01", "", "\(age)", index % 3 == 0 ? "male" : "female", "white",
        index % 3 == 0 ? "" : "post", "hologic", "", index % 2 == 0 ? "femoral-neck" : "lumbar-spine", "",
        index % 97 == 0 ? "x" : bmd, "", "", "", "",
      ]
      lines.append(row.joined(separator: ","))
    }
    let run = try runBatch(lines.joined(separator: "\n") + "\n", jobs: jobs, bufferSize: 4_096)
    var expected = [Int](repeating: 0, count: BatchSummary.categorySlots)
    for row in run.rows where row["status"] == "ok" {
      let category = Category(rawValue: row["category"] ?? "")
      expected[BatchSummary.categoryIndex(category)] += 1
    }
    #expect(run.summary.categories == expected)
    #expect(run.summary.categories.reduce(0, +) == run.summary.measurements)
    #expect(run.summary.errorRows == 7)
    #expect(expected[BatchSummary.noCategorySlot] < expected.reduce(0, +))
  }
}

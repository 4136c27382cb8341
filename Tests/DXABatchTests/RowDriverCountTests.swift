import Foundation
import Testing

@testable import DXABatch

@Suite("The row driver's counts and its UTF-8 check of the bytes after the fields a record repeats")
struct RowDriverCountTests {
  /// One scan's rows: the leading fields repeat, the sites and device scores change.
  static func scan(_ index: Int, age: Int, sex: String) -> [String] {
    let menopause = sex == "female" ? "post" : ""
    let lead = "P\(index),S\(index),2020-01-01,,\(age),\(sex),white,\(menopause),hologic,Horizon A"
    return [
      "\(lead),lumbar-spine,,0.9\(index % 10)1,,,-1.2,",
      "\(lead),femoral-neck,left,0.6\(index % 10)4,,,,-0.4",
      "\(lead),total-hip,left,0.7\(index % 10)7,,,,",
    ]
  }

  @Test(
    "the measurements without a T-score and without a Z-score are those whose column is empty in the output",
    arguments: [1, 3])
  func withoutScoresMatchOutput(jobs: Int) throws {
    var lines = [header]
    // Ages on both sides of 20 and 50 and both sexes: some measurements have a T-score, some a Z-score, some both.
    for index in 0..<300 {
      lines += Self.scan(index, age: [12, 19, 25, 45, 55, 80][index % 6], sex: index % 4 == 0 ? "male" : "female")
    }
    let run = try runBatch(lines.joined(separator: "\n") + "\n", jobs: jobs, bufferSize: 2_048)
    let ok = run.rows.filter { $0["status"] == "ok" }
    #expect(ok.count == run.summary.measurements)
    let withoutT = ok.filter { $0["t_score"] == "" }.count
    let withoutZ = ok.filter { $0["z_score"] == "" }.count
    #expect(run.summary.withoutTScore == withoutT)
    #expect(run.summary.withoutZScore == withoutZ)
    // Both counts are neither none nor all: each side of the select is taken.
    #expect(withoutT > 0 && withoutT < ok.count)
    #expect(withoutZ > 0 && withoutZ < ok.count)
  }

  @Test("a record is checked for UTF-8 from its first byte unless the one before it was UTF-8 in full")
  func utf8AfterRepeatedFields() throws {
    let rows = Self.scan(1, age: 67, sex: "female")
    /// The row's text with its one `~` made `byte`.
    func withByte(_ text: String, _ byte: UInt8) -> [UInt8] {
      Array(text.utf8).map { $0 == UInt8(ascii: "~") ? byte : $0 }
    }
    // A bad byte after the fields it repeats from the UTF-8 record before it (in the side): found by the check of the
    // bytes after them. The next record repeats the bad one's leading fields, and is checked whole (it is UTF-8).
    let badSide = withByte(rows[1].replacingOccurrences(of: ",left,", with: ",le~t,"), 0xFF)
    // A bad byte in the leading fields (in the model) of a record of another patient: checked whole.
    let badModel = withByte(
      rows[2].replacingOccurrences(of: "P1,", with: "P2,").replacingOccurrences(of: "Horizon A", with: "Horizon ~"),
      0xC3)
    // The next record repeats the bad model: the fields it repeats are not UTF-8, so they are checked again.
    let badModelAgain = withByte(
      rows[0].replacingOccurrences(of: "P1,", with: "P2,").replacingOccurrences(of: "Horizon A", with: "Horizon ~"),
      0xC3)
    let lines = [
      Array(header.utf8), Array(rows[0].utf8), badSide, Array(rows[2].utf8), badModel, badModelAgain,
      Array(rows[0].utf8),
    ]
    let run = try runBatch(Array(lines.joined(separator: [0x0A])) + [0x0A])
    #expect(run.rows.map { $0["status"] } == ["ok", "error", "ok", "error", "error", "ok"])
    #expect(run.rows[1]["error"] == "side: not UTF-8 text; save the file as UTF-8")
    #expect(run.rows[3]["error"] == "model: not UTF-8 text; save the file as UTF-8")
    #expect(run.rows[4]["error"] == "model: not UTF-8 text; save the file as UTF-8")
    #expect(run.rows[5]["t_score"] == run.rows[0]["t_score"])
  }
}

import Testing

@testable import DXABatch

@Suite("The input record at the head of each output row: copied whole, padded, or rewritten field by field")
struct RecordAsReadTests {
  static let columns = "patient_id,site,sex,age,menopause,bmd,remark"
  /// The output lines after the header.
  static func lines(_ run: BatchRun) -> [String] {
    run.output.split(separator: "\n").dropFirst().map(String.init)
  }

  @Test(
    "each shape of record comes out as its own columns, as many as the header's",
    arguments: [
      // As read: copied whole, quotes and all.
      ("P1,femoral-neck,female,67,post,0.558,fine", "P1,femoral-neck,female,67,post,0.558,fine"),
      ("\"P1\",femoral-neck,female,67,post,0.558,\"a, b\"", "\"P1\",femoral-neck,female,67,post,0.558,\"a, b\""),
      // Short: padded with empty fields to the header's width (one field missing, and all but one).
      ("P1,femoral-neck,female,67,post,0.558", "P1,femoral-neck,female,67,post,0.558,"),
      ("P1", "P1,,,,,,"),
      // Long: cut to the header's width, each field rewritten as CSV (quoted only where it must be).
      ("P1,femoral-neck,female,67,post,0.558,fine,extra", "P1,femoral-neck,female,67,post,0.558,fine"),
      ("P1,femoral-neck,female,67,post,0.558,\"a, b\",extra", "P1,femoral-neck,female,67,post,0.558,\"a, b\""),
      // A formula: that field neutralised, the others as read.
      ("P1,femoral-neck,female,67,post,0.558,=1+1", "P1,femoral-neck,female,67,post,0.558,'=1+1"),
      // A formula in a short record: neutralised, and padded.
      ("=P1,femoral-neck", "'=P1,femoral-neck,,,,,"),
      // Malformed: rewritten field by field, the stray quote doubled inside a quoted field.
      ("P1,femoral-neck,female,67,post,0.558,5\"2", "P1,femoral-neck,female,67,post,0.558,\"5\"\"2\""),
    ])
  func recordShape(record: String, head: String) throws {
    let run = try runBatch("\(Self.columns)\n\(record)\n")
    let lines = Self.lines(run)
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix(head + ",") == true, "\(lines)")
    // The record's part has the header's seven columns, whatever the record had.
    #expect(run.records.count == 2)
    #expect(run.records.allSatisfy { $0.count == run.records[0].count })
  }

  @Test("records of every shape in one run come out as each does alone")
  func mixedShapes() throws {
    let records = [
      "P1,femoral-neck,female,67,post,0.558,fine", "P1", "P1,femoral-neck,female,67,post,0.558,fine,extra",
      "P1,femoral-neck,female,67,post,0.558,=1+1", "P1,femoral-neck,female,67,post,0.558,5\"2",
      "P1,femoral-neck,female,67,post,0.558", "P2,total-hip,female,70,post,0.700,",
    ]
    let together = try runBatch(([Self.columns] + records).joined(separator: "\n") + "\n")
    var alone: [String] = []
    for record in records { alone += Self.lines(try runBatch("\(Self.columns)\n\(record)\n")) }
    #expect(Self.lines(together) == alone)
    #expect(together.rows.count == records.count)
  }
}

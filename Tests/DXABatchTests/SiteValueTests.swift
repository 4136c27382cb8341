import Testing

@testable import DXABatch

@Suite("The site column: a listed word read in place, anything else read as the vocabulary says, with its error")
struct SiteValueTests {
  static let columns = "patient_id,site,sex,age,menopause,bmd"
  static let listed =
    "site: is not one of: lumbar-spine, l1, l2, l3, l4, femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"

  @Test(
    "each way of writing a site, or of getting it wrong",
    arguments: [
      // As listed, as written by other exporters (case, `_` for `-`, padding, a synonym): all the femoral neck.
      ("femoral-neck", "ok", "", "-2.5"), ("Femoral_Neck", "ok", "", "-2.5"), ("FEMORAL NECK", "ok", "", "-2.5"),
      ("\"femoral-neck \"", "ok", "", "-2.5"), ("neck", "ok", "", "-2.5"),
      // Empty, unknown, and a near miss named by the word.
      ("", "error", "site: is empty; expected one of: " + listed.dropFirst("site: is not one of: ".count), ""),
      ("hip2", "error", listed, ""),
      ("Femoral-Nek", "error", listed + "; did you mean 'femoral-neck'?", ""),
    ])
  func siteValue(site: String, status: String, error: String, tScore: String) throws {
    let run = try runBatch("\(Self.columns)\nP1,\(site),female,67,post,0.558\n")
    let row = try #require(run.rows.first)
    #expect(row["status"] == status)
    #expect(row["error"] == error)
    #expect(row["t_score"] == tScore)
  }

  @Test("rows with a site read in place and rows with one read the long way, mixed, come out as each does alone")
  func mixedSites() throws {
    let sites = ["femoral-neck", "", "Total_Hip", "hip2", "spine", "total-hip", "Femoral-Nek", "lumbar-spine"]
    let rows = sites.map { "P1,\($0),female,67,post,0.700" }
    let together = try runBatch(([Self.columns] + rows).joined(separator: "\n") + "\n")
    for (index, row) in rows.enumerated() {
      let alone = try runBatch("\(Self.columns)\n\(row)\n")
      #expect(together.rows[index] == alone.rows[0], "row \(index + 1)")
    }
    #expect(together.summary.errorRows == 3)
  }
}

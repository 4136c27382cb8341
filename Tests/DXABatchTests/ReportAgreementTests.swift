import DXABatch
import DXACore
import DXAReferenceData
import Foundation
import Testing

@Suite("Batch and report agree")
struct ReportAgreementTests {
  @Test(
    "on every real NHANES 2009–2010 respondent, the report's diagnosis is batch's per-scan diagnosis",
    .enabled(if: FileManager.default.fileExists(atPath: nhanesFemur.path)))
  func nhanesDiagnoses() throws {
    let input = try Data(contentsOf: nhanesFemur)
    let run = try runBatch([UInt8](input), jobs: 2) { $0.map = try? ColumnMap(json: nhanesMap, file: "map.json") }
    let diagnoses = parseCSV(run.diagnoses)
    let header = try #require(diagnoses.first)
    func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
    let (category, score, site) = (try column("category"), try column("score"), try column("site"))
    #expect(diagnoses.count - 1 == run.rows.count)
    let builder = ReportBuilder(library: try ShippedReferences.library())
    var agreed = 0
    for (row, diagnosis) in zip(run.rows, diagnoses.dropFirst()) {
      let ethnicity =
        row["black"] == "1" ? #", "ethnicity": "black""# : row["hispanic"] == "1" ? #", "ethnicity": "hispanic""# : ""
      let exam = try Exam(
        json: #"""
          {"patient": {"id": "R\#(row["row"] ?? "")", "sex": "\#(row["female"] == "1" ? "female" : "male")",
           "age": \#(row["age"] ?? "")\#(ethnicity)},
           "scan": {"id": "S", "date": "2010-01-01", "manufacturer": "hologic"},
           "measurements": [{"site": "femoral-neck", "bmd": \#(row["fneckbmd"] ?? "")},
                            {"site": "total-hip", "bmd": \#(row["femurbmd"] ?? "")}]}
          """#, file: "row \(row["row"] ?? "")")
      let report = try builder.build(exam)
      let expectedSite = report.diagnosis.basisLabel.flatMap { label in
        Site.allCases.first { $0.displayName == label }?.rawValue
      }
      #expect(diagnosis[category] == report.diagnosis.category?.rawValue ?? "", "row \(row["row"] ?? "")")
      #expect(diagnosis[score] == report.diagnosis.basisScore?.description ?? "", "row \(row["row"] ?? "")")
      #expect(diagnosis[site] == expectedSite ?? "", "row \(row["row"] ?? "")")
      if diagnosis[category] == report.diagnosis.category?.rawValue ?? "" { agreed += 1 }
    }
    #expect(agreed == 4_890)
  }
}

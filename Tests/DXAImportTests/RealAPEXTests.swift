import DXACore
import DXAImport
import DXAReferenceData
import Foundation
import Testing

/// The shared real Hologic APEX training database, exported with mdb-export (see its README).
@Suite("dxa import apex on the real APEX training tables", .enabled(if: hasRealTables))
struct RealAPEXTests {
  let tables: [APEXTable: TableFile]
  let result: APEXImport

  init() throws {
    tables = try DXAImportTests.tables(in: apexTables)
    result = try APEXImport(tables: tables, options: try importOptions())
  }

  @Test("the tables and scan types are those the data README lists")
  func tablesAsDocumented() throws {
    let rows = tables.mapValues(\.rows.count)
    #expect(rows == [.patient: 56, .scanAnalysis: 73, .hip: 4, .spine: 3, .forearm: 4, .wholeBody: 3])
    let scans = try #require(tables[.scanAnalysis])
    let type = scans.column("SCAN_TYPE")
    var counts: [String: Int] = [:]
    for row in scans.rows { counts[row[type] ?? "", default: 0] += 1 }
    // 1 spine, 2/3 hips, 5 whole body, 6/7 forearms; 21/22 metal-hip templates and the others carry no BMD.
    #expect(
      counts == ["1": 18, "2": 6, "3": 6, "5": 8, "6": 1, "7": 8, "8": 5, "21": 9, "22": 8, "36": 2, "37": 2])
  }

  @Test("every scan is accounted for: 7 in 6 exams, 66 skipped with their reasons")
  func everyScanAccountedFor() {
    #expect(result.scanCount == 73)
    #expect(result.exams.count == 6)
    #expect(result.exams.reduce(0) { $0 + $1.scans.count } == 7)
    #expect(result.skipped.count == 66)
    #expect(
      result.skippedByCategory.map { "\($0.category) \($0.count)" } == [
        "no BMD 33", "unknown scan type 26", "no birth date 7",
      ])
    let unknown = result.skipped.compactMap { scan -> String? in
      if case .unknownScanType(let code) = scan.reason { return code }
      return nil
    }
    #expect(
      Dictionary(grouping: unknown, by: { $0 }).mapValues(\.count) == ["8": 5, "21": 9, "22": 8, "36": 2, "37": 2])
    // Both hips of one visit and its whole body: no birth date (01/00/00), so no age for the scores.
    #expect(
      result.skipped.filter { $0.scan.key.patientKey == "1JV7210WTN02APEX" && $0.reason == .noBirthDate }.count == 3)
    #expect(result.dataProblemCount == 0 && result.orphanResultRows.isEmpty)
    // Every row of ScanAnalysis.csv is in exactly one place.
    let rows = result.exams.flatMap { $0.scans.map(\.row) } + result.skipped.map(\.scan.row)
    #expect(rows.sorted() == Array(2...74))
  }

  @Test("the metal-hip templates are phantom entries by --skip-name, the other type 21 stays unknown")
  func metalHips() throws {
    let named = try APEXImport(tables: tables, options: try importOptions(skipNames: ["METAL HIP"]))
    #expect(named.skipped.filter { $0.reason == .testEntry(pattern: "METAL HIP") }.count == 16)
    #expect(named.skipped.filter { $0.reason == .unknownScanType(code: "21") }.count == 1)
    #expect(named.exams.count == 6)
  }

  @Test("each hip's neck and total BMD in the exams are the table's digits exactly")
  func hipDigits() throws {
    let hip = try #require(tables[.hip])
    var compared = 0
    for row in hip.rows {
      let scanID = row[hip.column("SCANID")] ?? ""
      guard let imported = result.exams.first(where: { $0.scans.contains { $0.key.scanID == scanID } }) else {
        #expect(result.skipped.contains { $0.scan.key.scanID == scanID && $0.reason == .noBirthDate })
        continue
      }
      for (column, site) in [("NECK_BMD", Site.femoralNeck), ("HTOT_BMD", .totalHip)] {
        let measurement = try #require(imported.exam.measurements.first { $0.site == site })
        #expect(measurement.bmd?.description == row[hip.column(column)])
        #expect(measurement.side == .left)
      }
      compared += 1
    }
    #expect(compared == 2)
    let first = try #require(result.exams.first { $0.exam.patient.id == "118_4500" })
    #expect(first.exam.measurements.first?.bmd?.description == "0.7323903191755298")
    // Born 11/12/61, scanned 06/20/94: 1961, not 2061.
    #expect(first.exam.patient.birthDate == (try day("1961-11-12")))
    #expect(first.exam.scan.date == (try day("1994-06-20")))
  }

  @Test("the spine total is ΣBMC/ΣAREA of the included vertebrae: 70.906…/67.079… = 1.057")
  func spineTotal() throws {
    let spine = try #require(result.exams.first { $0.exam.measurements.contains { $0.site == .l1 } })
    let date = try day("2011-07-11")
    #expect(spine.exam.patient.id == "112_4500" && spine.exam.scan.date == date)
    let table = try #require(tables[.spine])
    let row = try #require(table.rows.first { $0[table.column("SCANID")] == "A1JV7110WPE02" })
    var bmc = Fraction.zero
    var area = Fraction.zero
    for vertebra in 1...4 where row[table.column("L\(vertebra)_INCLUDED")] == "1" {
      bmc = try bmc + Fraction(try #require(ExactDecimal(row[table.column("L\(vertebra)_BMC")] ?? "")))
      area = try area + Fraction(try #require(ExactDecimal(row[table.column("L\(vertebra)_AREA")] ?? "")))
    }
    guard case .total(let total) = SpineTotal.of(spine.exam.measurements) else {
      Issue.record("no spine total")
      return
    }
    #expect(total.vertebrae == .all)
    #expect(total.exactBMD == (try bmc / area))
    #expect(total.bmd == ExactDecimal(significand: 1057, scale: 3))
    // The report scores the same value.
    let report = try ReportBuilder(library: try ShippedReferences.library()).build(spine.exam)
    #expect(report.sites.first?.bmd == ExactDecimal(significand: 1057, scale: 3))
    #expect(report.sites.first?.label == "Lumbar spine (L1–L4)")
  }

  @Test("every exam reads back from its file and gives a report")
  func examsGiveReports() throws {
    let builder = ReportBuilder(library: try ShippedReferences.library())
    for imported in result.exams {
      let text = imported.exam.examFile.rendered()
      let read = try Exam(json: text, file: imported.fileName)
      #expect(read.examFile.rendered() == text)
      let report = try builder.build(read)
      #expect(!report.sites.isEmpty)
      #expect(imported.exam.patient.name == nil)
    }
    let hip = try #require(result.exams.first { $0.exam.patient.id == "118_4500" })
    let report = try builder.build(hip.exam)
    // (0.7323903191755298 − 0.858) / 0.120 = −1.0467…: −1.0.
    #expect(report.sites.first?.tScore?.reported == ExactDecimal(significand: -10, scale: 1))
  }

  @Test("the CSV goes through dxa batch with every row accounted for")
  func csvThroughBatch() throws {
    let csv = result.csv(withNames: false)
    let lines = csv.split(separator: "\n")
    // 1 header; hips 5 + 5 regions, forearms 3, whole body 1, spine total and 4 vertebrae.
    #expect(lines.count == 1 + 10 + 3 + 1 + 5)
    let (output, summary) = try batch(csv)
    #expect(summary.rows == 19 && summary.errorRows == 0 && summary.okRows == 19)
    #expect(output.split(separator: "\n").count == 20)
    #expect(csv.contains(",lumbar-spine,,l1-l4,,1.057,70.91,67.08,"))
  }
}

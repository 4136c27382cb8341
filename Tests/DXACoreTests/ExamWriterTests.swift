import DXACore
import DXATestSupport
import Foundation
import Testing

@Suite("The exam writer: dxa-exam/1 out, the same exam back in")
struct ExamWriterTests {
  @Test("every example exam is written and read back to the same file", arguments: exampleExamFiles)
  func roundTrip(name: String) throws {
    let exam = try exampleExam(name)
    let written = exam.examFile.rendered()
    let reread = try Exam(json: written, file: name)
    #expect(reread.examFile.rendered() == written)
    // The same members as the hand-written file, and the same report.
    let original = try JSONValue.parse(String(contentsOf: exampleURL(name), encoding: .utf8))
    #expect(written.contains("\"format\": \"dxa-exam/1\""))
    #expect(try buildReport(reread).sites.map(\.label) == (try buildReport(exam).sites.map(\.label)))
    if case .object(let members) = original, case .object(let rewritten) = reread.examFile {
      #expect(Set(rewritten.map(\.key)).isSubset(of: Set(members.map(\.key)).union(["format"])))
    }
  }

  @Test("long decimals are written with every digit")
  func longDecimals() throws {
    let exam = Exam(
      patient: Patient(id: "P", sex: .female, age: ExactDecimal(68)),
      scan: ScanInfo(id: "S", date: try #require(CalendarDate("2020-01-02"))),
      measurements: [
        Measurement(
          site: .l1, bmc: dec("15.68650206754979"),
          area: dec("15.43491315980599"), isIncluded: false, exclusionReason: "artifact",
          deviceTScore: dec("-1.2345678901234567"))
      ])
    let text = exam.examFile.rendered()
    #expect(text.contains("\"bmc\": 15.68650206754979"))
    #expect(text.contains("\"included\": false"))
    #expect(text.contains("\"t_score_device\": -1.2345678901234567"))
    let back = try Exam(json: text, file: "x.json")
    #expect(back.measurements.first?.deviceTScore == ExactDecimal("-1.2345678901234567"))
  }
}

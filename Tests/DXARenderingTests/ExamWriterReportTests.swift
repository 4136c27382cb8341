import DXACore
import DXARendering
import DXATestSupport
import Foundation
import Testing

@Suite("The exam writer: the report of a written and reread exam is the same")
struct ExamWriterReportTests {
  @Test("every exam of the clinical set (VFA findings, fracture ages, a spine total's vertebrae) round-trips")
  func clinicalRoundTrip() throws {
    let folder = exampleURL("clinical")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") && $0 != "expectations.json" }.sorted()
    #expect(names.count >= 15)
    for name in names {
      let exam = try exampleExam("clinical/" + name)
      let written = exam.examFile.rendered()
      let reread = try Exam(json: written, file: name)
      #expect(reread.examFile.rendered() == written, "\(name)")
      #expect(try buildReport(reread).json == (try buildReport(exam).json), "\(name)")
    }
    let vfa = try exampleExam("clinical/09-vfa-vertebral-fracture.json").examFile.rendered()
    #expect(vfa.contains("\"vertebra\": \"T12\""))
    let child = try exampleExam("clinical/14-child-fracture-history.json").examFile.rendered()
    #expect(child.contains("\"age\": 7"))
    let spine = try exampleExam("clinical/02-two-vertebrae-printed.json").examFile.rendered()
    #expect(spine.contains("\"vertebrae\": \"l1-l2\""))
  }
}

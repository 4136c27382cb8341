import DXACore
import FuzzSupport

// The exam reader (`dxa report EXAM.json`): every input is read as an exam; one that reads is reported on its own
// and as the follow-up of the example baseline when it is the same patient.
let baseline = FuzzInput.exampleExam("exam-baseline.json")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExam(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let exam = try? Exam(json: FuzzInput.text(data, size), file: "exam.json") else { return 0 }
  ReportPipeline.run(exam)
  if exam.patient.id == baseline.patient.id { ReportPipeline.run(exam, priors: [baseline]) }
  return 0
}

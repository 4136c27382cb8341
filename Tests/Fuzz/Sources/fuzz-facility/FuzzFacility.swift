import DXACore
import FuzzSupport

// The facility reader (`--facility FILE`, and `dxa precision -o` reading an existing file): a facility that reads is
// written back and used for the example follow-up report, whose serial change uses its precision figures.
let followUp = FuzzInput.exampleExam("exam-follow-up.json")
let baseline = FuzzInput.exampleExam("exam-baseline.json")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFacility(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let facility = try? Facility(json: FuzzInput.text(data, size), file: "facility.json") else { return 0 }
  // What precision -o writes must read back.
  let written = facility.json.rendered()
  guard (try? Facility(json: written, file: "written.json")) != nil else {
    fatalError("a facility that reads does not read back after it is written:\n\(written)")
  }
  ReportPipeline.run(followUp, priors: [baseline], facility: facility)
  return 0
}

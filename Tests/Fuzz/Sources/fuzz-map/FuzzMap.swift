import DXABatch
import DXACore
import FuzzSupport

// The column map of `dxa batch --map FILE`: a map that reads runs a batch over a small file that has the columns of
// the README's NHANES example and of the long layout, so wide and renaming maps both reach the row reader.
let input = Array(
  """
  row,age,female,black,hispanic,fneckbmd,fneckbmc,femurbmd,femurbmc,site,bmd,sex,birth_date,scan_date,t
  1,68,1,0,0,0.560,3.1,0.701,25.2,femoral-neck,0.560,female,1956-08-21,2025-04-14,-2.5
  2,45,0,1,0,0.912,4.8,,,total-hip,0.912,m,,,
  3,,1,0,1,"0,7",x,1.2,,lumbar-spine,850,f,1950-02-30,2020-01-01,abc

  """.utf8)
let setup = ScoringSetup(library: ReportPipeline.library, policy: .standard)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMap(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let map = try? ColumnMap(json: FuzzInput.text(data, size), file: "map.json") else { return 0 }
  var options = BatchOptions()
  options.map = map
  options.writesErrors = true
  options.writesDiagnoses = true
  var sinks = BatchSinks(output: MemorySink(), errors: MemorySink(), diagnoses: MemorySink())
  var source = MemorySource(input)
  _ = try? BatchRunner(setup: setup, options: options).run(input: &source, sinks: &sinks)
  return 0
}

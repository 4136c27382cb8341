import DXABatch
import DXACore
import FuzzSupport

// The CSV input of `dxa batch` and `dxa precision`. The batch engine reads the bytes three times: the README promises
// the same bytes out for any job count and buffer size, so any difference stops the run.
let setup = ScoringSetup(library: ReportPipeline.library, policy: .standard)

func runBatch(_ bytes: [UInt8], jobs: Int, bufferSize: Int, chunkSize: Int) -> [[UInt8]]? {
  var options = BatchOptions()
  options.jobs = jobs
  options.bufferSize = bufferSize
  options.writesErrors = true
  options.writesDiagnoses = true
  let output = MemorySink()
  let errors = MemorySink()
  let diagnoses = MemorySink()
  var sinks = BatchSinks(output: output, errors: errors, diagnoses: diagnoses)
  var source = MemorySource(bytes, chunkSize: chunkSize)
  guard (try? BatchRunner(setup: setup, options: options).run(input: &source, sinks: &sinks)) != nil else {
    return nil
  }
  return [output.bytes, errors.bytes, diagnoses.bytes]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = FuzzInput.bytes(data, size)
  CSVEntry.scan(bytes)
  // One buffer for the whole input (inputs are at most 16 KiB), then 1 KiB buffers taken in turn by two threads (each
  // reads, scores and hands over to the write order), then a 1 KiB buffer filled 7 bytes at a time, which puts
  // buffer boundaries inside records and quoted fields.
  let whole = runBatch(bytes, jobs: 1, bufferSize: 1 << 16, chunkSize: .max)
  let threaded = runBatch(bytes, jobs: 2, bufferSize: 1 << 10, chunkSize: .max)
  let small = runBatch(bytes, jobs: 1, bufferSize: 1 << 10, chunkSize: 7)
  guard whole == threaded else { fatalError("the batch output depends on the job count") }
  guard whole == small else { fatalError("the batch output depends on the buffer size or the reads") }
  return 0
}

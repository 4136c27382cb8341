import DXABatch
import DXACore
import DXAReferenceData
import DXASynthetic
import Foundation
import Glibc

// dxa-bench: generates a deterministic synthetic archive, runs the batch engine on it with --jobs 1 and 2, and
// prints rows/s, MB/s, peak memory and a checksum of the output; then runs the built `dxa batch --jobs 2 -o FILE`
// (the binary of `swift build -c release` at the repository root, or --dxa PATH) and `cp` of the same file, with
// wall time, peak memory, output bytes and the ratio; with --pandas also times Benchmarks/pandas_batch.py on the same
// file and prints the ratio. The load average is printed first: the machine may be shared.
//
//   swift run -c release --package-path Benchmarks dxa-bench [--rows N] [--file PATH] [--reuse] [--pandas]
//     [--dxa PATH] [--runs N]

#if DEBUG
FileHandle.standardError.write(Data("dxa-bench: refusing a debug build; run with -c release\n".utf8))
exit(1)
#endif

struct Options {
  var rows = 2_000_000
  var file: String?
  var reuse = false
  var pandas = false
  var jobs = [1, 2]
  var dxa: String?
  var runs = 3
}

func parseOptions() -> Options {
  var options = Options()
  var arguments = CommandLine.arguments.dropFirst().makeIterator()
  while let argument = arguments.next() {
    switch argument {
    case "--rows":
      options.rows = arguments.next().flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? options.rows
    case "--file": options.file = arguments.next()
    case "--reuse": options.reuse = true
    case "--pandas": options.pandas = true
    case "--jobs": options.jobs = arguments.next()?.split(separator: ",").compactMap { Int($0) } ?? options.jobs
    case "--dxa": options.dxa = arguments.next()
    case "--runs": options.runs = arguments.next().flatMap { Int($0) } ?? options.runs
    default:
      print("usage: dxa-bench [--rows N] [--file PATH] [--reuse] [--pandas] [--jobs 1,2] [--dxa PATH] [--runs N]")
      exit(64)
    }
  }
  return options
}

/// A sink that keeps a 64-bit checksum of everything written and its length, so the work cannot be optimised away
/// and runs can be compared without storing their output. The checksum (a sum of the 8-byte words and a sum weighted
/// by their position) does not depend on how the bytes are split into writes, and is cheap enough not to slow the
/// run it measures.
final class ChecksumSink: ByteSink {
  private var sum: UInt64 = 0
  private var weighted: UInt64 = 0
  private var pending: UInt64 = 0
  private(set) var count = 0

  func write(_ bytes: UnsafeRawBufferPointer) throws(BatchIOError) {
    var index = 0
    // Finish the word left open by the previous write, byte by byte.
    while index < bytes.count && (count + index) % 8 != 0 {
      pending |= UInt64(bytes[index]) << (8 * UInt64((count + index) % 8))
      index += 1
      if (count + index) % 8 == 0 { add(pending, at: UInt64((count + index) / 8 - 1)) }
    }
    if (count + index) % 8 == 0 { pending = 0 }
    var (sum, weighted) = (self.sum, self.weighted)
    var position = UInt64((count + index) / 8)
    while index + 8 <= bytes.count {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      sum &+= word
      weighted &+= word &* (position | 1)
      position += 1
      index += 8
    }
    (self.sum, self.weighted) = (sum, weighted)
    while index < bytes.count {
      pending |= UInt64(bytes[index]) << (8 * UInt64((count + index) % 8))
      index += 1
    }
    count += bytes.count
  }

  private func add(_ word: UInt64, at position: UInt64) {
    sum &+= word
    weighted &+= word &* (position | 1)
  }

  /// The checksum, with the last partial word and the length folded in.
  var final: UInt64 {
    let tail = count % 8 == 0 ? 0 : pending
    return (sum &+ tail) ^ ((weighted << 1) | (weighted >> 63)) ^ UInt64(count)
  }
}

/// Peak resident memory of this process since the last reset, from /proc/self/status (VmHWM).
func peakMemoryKiB() -> Int? {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    return Int(line.split(separator: " ").dropFirst().first ?? "")
  }
  return nil
}

/// Resets VmHWM to the current resident size (Linux: write 5 to /proc/self/clear_refs).
func resetPeakMemory() {
  try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

func seconds(_ start: DispatchTime) -> Double {
  Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func format(_ value: Double, _ places: Int = 2) -> String { String(format: "%.\(places)f", value) }

/// Runs a command and waits for it: wall seconds and peak resident memory (KiB, from wait4's rusage).
func timed(_ arguments: [String]) -> (seconds: Double, peakKiB: Int, status: Int32) {
  var pid: pid_t = 0
  var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  let start = DispatchTime.now()
  guard posix_spawnp(&pid, arguments[0], nil, nil, &argv, environ) == 0 else { return (0, 0, -1) }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  return (seconds(start), usage.ru_maxrss, (status >> 8) & 0xFF)
}

func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
    .joined(separator: " ") ?? "unknown"
}

let options = parseOptions()
let path = options.file ?? "/tmp/dxa-bench-\(options.rows).csv"
print("load average (1, 5, 15 min): \(loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores")

// 1. The archive.
if !(options.reuse && FileManager.default.fileExists(atPath: path)) {
  let start = DispatchTime.now()
  guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
  else {
    print("dxa-bench: cannot create \(path)")
    exit(73)
  }
  var archive = SyntheticArchive(seed: 20_260_101)
  archive.write(rows: options.rows) { handle.write(Data($0)) }
  try handle.close()
  print("generated \(options.rows) rows in \(format(seconds(start))) s: \(path)")
}
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print("input: \(path), \(format(Double(size) / 1e6, 1)) MB")

// 2. The batch engine, as `dxa batch` runs it.
let library = try ShippedReferences.library()
var times: [Int: Double] = [:]
var checksums: Set<UInt64> = []
for jobs in options.jobs {
  let setup = ScoringSetup(library: library, policy: .standard)
  var batchOptions = BatchOptions()
  batchOptions.jobs = jobs
  var input: FileSource
  do {
    input = try FileSource(path: path)
  } catch {
    print("dxa-bench: \(error)")
    exit(66)
  }
  let sink = ChecksumSink()
  var sinks = BatchSinks(output: sink)
  resetPeakMemory()
  let start = DispatchTime.now()
  let summary = try BatchRunner(setup: setup, options: batchOptions).run(input: &input, sinks: &sinks)
  let elapsed = seconds(start)
  times[jobs] = elapsed
  checksums.insert(sink.final)
  print(
    "jobs \(jobs): \(summary.rows) rows (\(summary.errorRows) with errors) in \(format(elapsed, 3)) s: "
      + "\(format(Double(summary.rows) / elapsed / 1e6, 3)) M rows/s, \(format(Double(size) / elapsed / 1e6, 1)) MB/s in, "
      + "peak memory \(peakMemoryKiB().map { format(Double($0) / 1024, 1) + " MiB" } ?? "unknown"), "
      + "output \(format(Double(sink.count) / 1e6, 1)) MB, checksum \(String(sink.final, radix: 16)), "
      + "\(summary.engineScored) rows through the engine")
}
if options.jobs.count > 1 {
  print(checksums.count == 1 ? "outputs identical across jobs" : "OUTPUTS DIFFER ACROSS JOBS")
}

// 3. The built binary, as a person runs it, against cp of the same file: the read+write limit.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let binary = options.dxa ?? root.appending(path: ".build/release/dxa").path
if FileManager.default.isExecutableFile(atPath: binary) {
  let output = path + ".dxa-out.csv"
  let copy = path + ".copy"
  var best: (dxa: Double, cp: Double) = (.infinity, .infinity)
  var peak = 0
  // Interleaved runs, the best of each kept: other work on a shared machine only ever adds time.
  for _ in 0..<max(options.runs, 1) {
    let run = timed([binary, "batch", path, "--jobs", "2", "-o", output, "--quiet"])
    guard run.status == 0 || run.status == 65 else {
      print("dxa batch failed (exit \(run.status)): \(binary)")
      exit(1)
    }
    best.dxa = min(best.dxa, run.seconds)
    peak = max(peak, run.peakKiB)
    best.cp = min(best.cp, timed(["cp", path, copy]).seconds)
  }
  let written = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
  print(
    "dxa batch --jobs 2 -o FILE (\(binary)): best of \(options.runs) \(format(best.dxa, 3)) s, "
      + "\(format(Double(options.rows) / best.dxa / 1e6, 3)) M rows/s, \(format(Double(size) / best.dxa / 1e6, 1)) MB/s in, "
      + "peak memory \(format(Double(peak) / 1024, 1)) MiB, output \(format(Double(written) / 1e6, 1)) MB")
  print(
    "cp of the same file: best of \(options.runs) \(format(best.cp, 3)) s; dxa batch is \(format(best.dxa / best.cp, 1))× cp"
  )
  try? FileManager.default.removeItem(atPath: output)
  try? FileManager.default.removeItem(atPath: copy)
} else {
  print("no built dxa at \(binary): run `swift build -c release` at the repository root (or give --dxa PATH)")
}
print("load average after: \(loadAverage())")

// 4. pandas on the same file.
if options.pandas {
  let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appending(path: "pandas_batch.py").path
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", script, path, "/tmp/dxa-bench-pandas-out.csv"]
  let start = DispatchTime.now()
  try process.run()
  process.waitUntilExit()
  let elapsed = seconds(start)
  guard process.terminationStatus == 0 else {
    print("pandas script failed (exit \(process.terminationStatus)); is pandas installed? (pip install pandas)")
    exit(1)
  }
  print("pandas: \(format(elapsed, 3)) s: \(format(Double(options.rows) / elapsed / 1e6, 3)) M rows/s")
  for (jobs, time) in times.sorted(by: { $0.key < $1.key }) {
    print("dxa batch --jobs \(jobs) is \(format(elapsed / time, 1))× faster than pandas")
  }
}

import DXABatch
import DXACore
import DXAReferenceData
import DXASynthetic
import Foundation

// dxa-bench: generates a deterministic synthetic archive, runs the batch engine on it with --jobs 1 and 2, and
// prints rows/s, MB/s, peak memory and a checksum of the output. With --peers it runs the built `dxa batch` beside
// DuckDB, polars and pandas (installed into .build/peers-venv) and `cat` and `cp` on the same file, and prints one
// table (Peers.swift). --generate-only writes the archive and stops (Benchmarks/spark/run.sh uses it).
//
//   swift run -c release --package-path Benchmarks dxa-bench [--rows N] [--file PATH] [--reuse] [--jobs 1,2]
//   swift run -c release --package-path Benchmarks dxa-bench --peers [--rows N] [--rounds N]
// With --json it times the JSON reader on one object of 100,000 keys instead (see JSONBenchmark.swift) and exits 1
// when that is over its bound.
//
//   swift run -c release --package-path Benchmarks dxa-bench --json [--json-keys N] [--json-bound SECONDS]

#if DEBUG
FileHandle.standardError.write(Data("dxa-bench: refusing a debug build; run with -c release\n".utf8))
exit(1)
#endif

struct Options {
  var rows = 2_000_000
  var file: String?
  var reuse = false
  var peers = false
  var rounds = 1
  var generateOnly = false
  var jobs = [1, 2]
  var json = false
  var jsonKeys = 100_000
  /// Seconds for one object of `jsonKeys` keys; the quadratic reader this replaced took 20 s at 100,000.
  var jsonBound = 1.0
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
    case "--peers": options.peers = true
    case "--rounds": options.rounds = arguments.next().flatMap { Int($0) }.map { max(1, $0) } ?? options.rounds
    case "--generate-only": options.generateOnly = true
    case "--jobs": options.jobs = arguments.next()?.split(separator: ",").compactMap { Int($0) } ?? options.jobs
    case "--json": options.json = true
    case "--json-keys":
      let text = arguments.next()?.replacingOccurrences(of: "_", with: "")
      options.jsonKeys = text.flatMap { Int($0) } ?? options.jsonKeys
    case "--json-bound": options.jsonBound = arguments.next().flatMap { Double($0) } ?? options.jsonBound
    default:
      print(
        "usage: dxa-bench [--rows N] [--file PATH] [--reuse] [--jobs 1,2] [--peers [--rounds N]] [--generate-only]\n"
          + "       dxa-bench --json [--json-keys N] [--json-bound SECONDS]")
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

let options = parseOptions()
if options.json {
  exit(try JSONBenchmark.run(keys: options.jsonKeys, bound: options.jsonBound) ? 0 : 1)
}
let path = options.file ?? "/tmp/dxa-bench-\(options.rows).csv"

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
if options.generateOnly { exit(0) }
if options.peers {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  exit(runPeers(path: path, rounds: options.rounds, root: root) ? 0 : 1)
}

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

import DXACSV
import DXACore
import DXAPlatform
import DXASynthetic
import Foundation
import Testing

@testable import DXABatch

@Suite("Hostile CSV: a named row error and nothing lost; memory flat; formulas neutralised")
struct HostileInputTests {
  static let columns = "patient_id,site,sex,age,menopause,bmd,comment"
  static let good = "P1,femoral-neck,female,67,post,0.558,fine"

  @Test("a stray quote inside a field is a row error; the row is re-quoted so every reader sees the same columns")
  func strayQuote() throws {
    let input = "\(Self.columns)\n\(Self.good)\nP2,femoral-neck,female,67,post,0.558,5\"2 a\"b\n\(Self.good)\n"
    let run = try runBatch(input)
    #expect(run.summary.rows == 3)
    #expect(run.summary.errorRows == 1)
    let rows = run.rows
    #expect(rows.map { $0["status"] } == ["ok", "error", "ok"])
    #expect(
      rows[1]["error"]
        == "comment: a quote inside an unquoted field; quote the whole field and double its quotes (\"\")")
    #expect(rows[1]["comment"] == "5\"2 a\"b")
    #expect(run.output.contains("\n\"P2\",\"femoral-neck\"") == false)
    #expect(run.output.contains("\nP2,femoral-neck,female,67,post,0.558,\"5\"\"2 a\"\"b\",,,,,error,"))
    #expect(run.records.allSatisfy { $0.count == run.records[0].count })
    // The errors file keeps the record as read.
    #expect(run.errors.contains(",\"P2,femoral-neck,female,67,post,0.558,5\"\"2 a\"\"b\"\n"))
  }

  @Test("one stray quote opening a field does not swallow the file: each line after it is its own row")
  func strayOpeningQuote() throws {
    var lines = [Self.columns, "P0,femoral-neck,female,67,post,0.558,\"unclosed"]
    for index in 1...200 { lines.append("P\(index),total-hip,female,60,post,0.820,\"a, b\"") }
    let run = try runBatch(lines.joined(separator: "\n") + "\n", jobs: 2, bufferSize: 1 << 12)
    #expect(run.summary.rows == 201)
    #expect(run.summary.errorRows == 1)
    #expect(run.rows.dropFirst().allSatisfy { $0["status"] == "ok" && $0["comment"] == "a, b" })
  }

  @Test("CR-only line ends, as old Mac exports write them, read as rows")
  func carriageReturnsOnly() throws {
    let input = "\(Self.columns)\r\(Self.good)\r\(Self.good)\r"
    let run = try runBatch(input)
    #expect(run.summary.rows == 2)
    #expect(run.rows.allSatisfy { $0["t_score"] == "-2.5" })
  }

  @Test("a header naming a column twice, in any case, is a usage error")
  func duplicateHeader() throws {
    #expect(
      throws: BatchFailure.self,
      performing: { try runBatch("site,sex,age,bmd,BMD\nfemoral-neck,female,67,0.558,0.600\n") })
    do {
      _ = try runBatch("site,sex,age,bmd, BMD\n")
    } catch let BatchFailure.input(error) {
      #expect(error.kind == .usage)
      #expect(
        error.description
          == "header: columns 4 and 5 are both named 'bmd' (names are matched without regard to case or surrounding spaces); rename one"
      )
    }
  }

  @Test("a header with a stray quote is a data error naming its column")
  func headerQuote() throws {
    do {
      _ = try runBatch("site,s\"ex,age,bmd\nfemoral-neck,female,67,0.558\n")
      Issue.record("the header was accepted")
    } catch let BatchFailure.input(error) {
      #expect(error.kind == .data)
      #expect(
        error.description
          == "header: column 2: a quote inside an unquoted field; quote the whole field and double its quotes (\"\")")
    }
  }

  /// A source that remembers the largest read it was asked for: the buffer never asks for more than it holds.
  struct ProbingSource: ByteSource {
    var inner: MemorySource
    var largestRead = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(BatchIOError) -> Int {
      largestRead = max(largestRead, buffer.count)
      return try inner.read(into: buffer)
    }
  }

  @Test("records longer than the limit: one error row each, the same whether or not they fit in memory")
  func tooLongRecords() throws {
    let limit = 1_024
    let fits = "P2,femoral-neck,female,67,post,0.558," + String(repeating: "x", count: 2_000)
    let streams = "P3,femoral-neck,female,67,post,0.558," + String(repeating: "y", count: 200_000)
    // Quoted fields with line breaks, each closing within the limit, make a record far longer than it.
    let quotedField = "\"" + String(repeating: "z\n", count: 400) + "\""
    let quoted =
      "P4,femoral-neck,female,67,post,0.558," + Array(repeating: quotedField, count: 300).joined(separator: ",")
    let input = [Self.columns, Self.good, fits, Self.good, streams, Self.good, quoted, Self.good].joined(
      separator: "\n")
    var outputs: Set<String> = []
    for (jobs, bufferSize, chunk) in [(1, 1 << 12, Int.max), (3, 1 << 10, 333), (2, 1 << 20, 4_096)] {
      let run = try runBatch(input, jobs: jobs, bufferSize: bufferSize, chunkSize: chunk) { $0.recordLimit = limit }
      outputs.insert(run.output + run.errors)
      #expect(run.summary.rows == 7, "jobs \(jobs) buffer \(bufferSize)")
      #expect(run.rows.map { $0["status"] } == ["ok", "error", "ok", "error", "ok", "error", "ok"])
      #expect(run.rows[1]["error"] == "row: the record is longer than 1,024 bytes; it was not read")
      #expect(run.rows[1]["patient_id"] == "")
      #expect(run.records.allSatisfy { $0.count == run.records[0].count })
    }
    #expect(outputs.count == 1)

    // A 20 MB record with no line end at all: the buffer stays near twice the limit.
    var options = BatchOptions()
    options.recordLimit = limit
    options.bufferSize = 1 << 12
    let huge = Array((Self.columns + "\n" + String(repeating: "w", count: 20_000_000)).utf8)
    var source = ProbingSource(inner: MemorySource(huge, chunkSize: 1 << 16))
    let sink = MemorySink()
    var sinks = BatchSinks(output: sink)
    let summary = try BatchRunner(setup: try makeSetup(), options: options).run(input: &source, sinks: &sinks)
    #expect(summary.rows == 1)
    #expect(summary.errorRows == 1)
    #expect(source.largestRead <= 2 * limit + 2 + (1 << 12))
  }

  @Test("hostile bytes between good rows: the same output for any jobs, buffer and read size, and every line kept")
  func hostileDeterminism() throws {
    var generator = SplitMix64(seed: 99)
    let alphabet = Array("a,\"\n\r0.5-=".utf8)
    var input = Self.columns + "\n"
    for index in 0..<400 {
      if index % 3 == 0 {
        input +=
          String(
            decoding: (0..<Int.random(in: 0...30, using: &generator)).map { _ in
              alphabet.randomElement(using: &generator) ?? 0
            }, as: UTF8.self) + "\n"
      } else {
        input += "P\(index),total-hip,female,\(50 + index % 40),post,0.8\(index % 10),c\(index)\n"
      }
    }
    var results: Set<String> = []
    for (jobs, bufferSize, chunk, limit) in [
      (1, 1 << 16, Int.max, 64), (3, 1 << 10, 7, 64), (8, 1 << 11, 1, 64), (2, 1 << 10, 100, 64),
    ] {
      let run = try runBatch(input, jobs: jobs, bufferSize: bufferSize, chunkSize: chunk) { $0.recordLimit = limit }
      results.insert(run.output + run.errors + "\(run.summary.rows)")
    }
    #expect(results.count == 1)
  }

  @Test("values that would start a spreadsheet formula get a leading quote; negative numbers stay numbers")
  func formulas() throws {
    let input =
      "patient_id,site,sex,age,menopause,bmd,t_score_device,=HEADER\n"
      + "=cmd|' /C calc'!A0,femoral-neck,female,67,post,0.558,-2.5,@SUM(A1)\n"
    let run = try runBatch(input)
    #expect(run.records[0][7] == "'=HEADER")
    #expect(run.rows[0]["patient_id"] == "'=cmd|' /C calc'!A0")
    #expect(run.rows[0]["t_score_device"] == "-2.5")
    #expect(run.rows[0]["t_score_diff"] == "0.0")
    #expect(run.rows[0]["'=HEADER"] == "'@SUM(A1)")
    #expect(run.diagnoses.contains("\n'=cmd|' /C calc'!A0,"))
    let kept = try runBatch(input) { $0.neutralisesFormulas = false }
    #expect(kept.rows[0]["patient_id"] == "=cmd|' /C calc'!A0")
    #expect(kept.output.contains("\n=cmd|' /C calc'!A0,femoral-neck,female,67,post,0.558,-2.5,@SUM(A1),"))
  }

  @Test("a sign before a value that is not a plain number is neutralised in any column; signed numbers are not")
  func signedValues() throws {
    let input =
      "patient_id,site,sex,age,menopause,bmd,t_score_device,remark\n"
      + "P1,femoral-neck,female,67,post,0.558,-2.5,-1.9\n" + "P2,femoral-neck,female,67,post,0.558,-2.5,-1+1\n"
      + "P3,femoral-neck,female,67,post,0.558,-2.5,+2.\n" + "-P4,femoral-neck,female,67,post,0.558,+2,-.5\n"
    let run = try runBatch(input)
    #expect(run.rows.map { $0["remark"] } == ["-1.9", "'-1+1", "'+2.", "'-.5"])
    #expect(run.rows.map { $0["patient_id"] } == ["P1", "P2", "P3", "'-P4"])
    #expect(run.rows.map { $0["t_score_device"] } == ["-2.5", "-2.5", "-2.5", "+2"])
    #expect(run.output.contains("\nP1,femoral-neck,female,67,post,0.558,-2.5,-1.9,"))
  }

  @Test("rows that repeat a row's leading fields are checked for UTF-8 as each row alone is, after a good or bad row")
  func utf8AfterRepeatedFields() throws {
    let header = Array("patient_id,site,sex,age,menopause,bmd,t_score_device,remark\n".utf8)
    let shared = Array(",femoral-neck,female,67,post,0.558,-2.5,".utf8)
    let good: [UInt8] = [0x50, 0xC3, 0xA9]  // "Pé"
    let bad: [UInt8] = [0x50, 0xFF]
    let rows: [[UInt8]] = [
      good + shared + [0x61], good + shared + [0xFF], good + shared + [0x61], bad + shared + [0x61],
      bad + shared + [0x62], good + shared + [0xC3], good + shared + [0x62],
    ].map { $0 + [0x0A] }
    let run = try runBatch(header + rows.flatMap { $0 })
    #expect(run.rows.count == rows.count)
    for (index, row) in rows.enumerated() {
      let alone = try runBatch(header + row)
      #expect(run.rows[index]["status"] == alone.rows[0]["status"], "row \(index + 1)")
      #expect(run.rows[index]["error"] == alone.rows[0]["error"], "row \(index + 1)")
    }
    #expect(run.rows.map { $0["status"] } == ["ok", "error", "ok", "error", "error", "error", "ok"])
  }

  @Test("a thread that fails to start fails the run with exit 71's message; the threads that started end")
  func threadFailure() throws {
    let started = PieceTally()
    // The first thread starts (and records that its body ran to the end); the second cannot.
    let failing: WorkerPool.ThreadStarter = { body throws(Errno) in
      guard started.pieces.isEmpty else { throw Errno(rawValue: 11) }
      started.add(0)
      return try PlatformThread.start {
        body()
        started.add(1)
      }
    }
    var options = BatchOptions()
    options.jobs = 3
    let runner = BatchRunner(setup: try makeSetup(), options: options)
    runner.startThread = failing
    var source = MemorySource(Array((header + "\n" + longRow(["site": "femoral-neck"]) + "\n").utf8))
    var sinks = BatchSinks(output: MemorySink())
    do {
      _ = try runner.run(input: &source, sinks: &sinks)
      Issue.record("the run went on without its threads")
    } catch {
      guard case .threads(let message) = error else {
        Issue.record("unexpected failure \(error)")
        return
      }
      // Three threads, each reading, scoring and writing: the second of three failed.
      #expect(message == "cannot start thread 2 of 3: Resource temporarily unavailable; use a smaller --jobs")
    }
    #expect(started.pieces == [0, 1])
  }
}

private final class PieceTally: @unchecked Sendable {
  private let lock = NSLock()
  private var seen: [Int] = []
  func add(_ piece: Int) { lock.withLock { seen.append(piece) } }
  var pieces: [Int] { lock.withLock { seen.sorted() } }
}

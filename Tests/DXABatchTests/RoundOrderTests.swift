import DXACSV
import DXACore
import Foundation
import Testing

@testable import DXABatch

/// The rounds of a threaded run: read in order by whichever thread is free, written in that order by whichever thread
/// completes the round that is next.
@Suite("Rounds read and written in input order by any thread")
struct RoundOrderTests {
  private static func rounds(_ count: Int, capacity: Int = 64) -> [Round] {
    (0..<count).map { _ in Round(buffer: InputBuffer(capacity: capacity, recordLimit: 1 << 10)) }
  }

  @Test("rounds scored ahead wait; the thread that hands over the next one writes it and them, in turn order")
  func scoredAheadWait() {
    let rounds = Self.rounds(3)
    defer { for round in rounds { round.buffer.deallocate() } }
    let order = WriteOrder(rounds: rounds)
    let taken = (0..<3).map { _ in order.take(preferring: nil) }
    var written: [ObjectIdentifier] = []
    let write = { (round: Round) in written.append(ObjectIdentifier(round)) }
    order.finish(taken[1], turn: 1, write: write)
    order.finish(taken[2], turn: 2, write: write)
    #expect(written.isEmpty)
    order.finish(taken[0], turn: 0, write: write)
    #expect(written == taken.map(ObjectIdentifier.init))
    // All three are free again; the preferred one is given when it is free.
    #expect(order.take(preferring: taken[1]) === taken[1])
  }

  @Test("two threads scoring rounds of random length: every turn written once, in order, one write at a time")
  func twoThreads() {
    let rounds = Self.rounds(4)
    defer { for round in rounds { round.buffer.deallocate() } }
    let order = WriteOrder(rounds: rounds)
    let log = WriteLog()
    let turns = 2_000
    let threads = (0..<2).map { seed in
      Thread {
        var state = UInt64(seed + 1)
        var last: Round?
        while true {
          let round = order.take(preferring: last)
          guard let turn = log.nextTurn(limit: turns) else {
            order.giveBack(round)
            return
          }
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          usleep(UInt32(state >> 59))  // 0–31 µs of "scoring"
          log.tag(round, turn: turn)
          order.finish(round, turn: turn, write: log.write)
          last = round
        }
      }
    }
    for thread in threads { thread.start() }
    // Bounded, so that a lost turn fails the test rather than hang it.
    let deadline = Date().addingTimeInterval(60)
    while !log.isDone(turns: turns) && Date() < deadline { usleep(1_000) }
    #expect(log.written.count == turns)
    let misplaced = log.written.enumerated().first { $0.offset != $0.element }
    #expect(misplaced == nil, "turn \(misplaced?.element ?? -1) written in place \(misplaced?.offset ?? -1)")
    #expect(!log.overlapped)
  }

  @Test(
    "reads into the same round or another join the input's records, none lost or repeated",
    arguments: [UInt64(1), 2, 3, 4])
  func readerJoinsRecords(seed: UInt64) throws {
    // Records of varied length, some with a quoted line end, some longer than a round's first capacity.
    var text = ""
    for index in 0..<300 {
      let padding = String(repeating: "x", count: (index * 37) % 90)
      text += index % 7 == 0 ? "\(index),\"a\nb\",\(padding)\n" : "\(index),\(padding)\n"
    }
    text += "last,no line end"
    let bytes = Array(text.utf8)
    var source = MemorySource(bytes, chunkSize: 13)
    let rounds = Self.rounds(2)
    defer { for round in rounds { round.buffer.deallocate() } }
    try rounds[0].buffer.fill(from: &source)
    let reader = RoundReader(input: source, first: rounds[0])
    var state = seed
    var joined: [UInt8] = []
    var turns: [Int] = []
    while true {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let round = rounds[Int(state >> 63)]
      guard let turn = reader.read(into: round, unless: { false }) else { break }
      #expect(!round.isTooLongRecord)
      turns.append(turn)
      joined += UnsafeBufferPointer(start: round.buffer.base, count: round.end)
    }
    #expect(joined == bytes)
    #expect(turns == Array(0..<turns.count))
    #expect(reader.failure == nil)
  }

  /// The message of the run's input or output failure; nil when it did not fail so.
  private static func failure(
    _ runner: BatchRunner, _ source: inout some ByteSource, _ sinks: inout BatchSinks
  ) -> String? {
    do {
      _ = try runner.run(input: &source, sinks: &sinks)
      return nil
    } catch {
      guard case .io(let failure) = error else { return nil }
      return failure.message
    }
  }

  @Test("with two jobs, a read that fails part way fails the run; what was written is whole rows of the input's start")
  func readFailure() throws {
    let rows = (0..<400).map { index in
      longRow(["site": "femoral-neck", "sex": "female", "age": "\(50 + index % 30)", "bmd": "0.7\(index % 10)"])
    }
    let input = Array(([header] + rows).joined(separator: "\n").utf8) + [CSVByte.newline]
    let whole = try runBatch(input, jobs: 1).output
    var options = BatchOptions()
    options.jobs = 2
    options.bufferSize = 1 << 10
    options.longNotes = true
    let output = MemorySink()
    var sinks = BatchSinks(output: output)
    var source = FailingAfter(bytes: input, limit: input.count / 2)
    #expect(try Self.failure(BatchRunner(setup: makeSetup(), options: options), &source, &sinks) == "read failed")
    let written = output.text
    #expect(written.hasSuffix("\n"))
    #expect(whole.hasPrefix(written))
    #expect(written.split(separator: "\n").count > 10)
  }

  @Test("with two jobs, a write that fails stops the reading: the rest of the input is not read")
  func writeFailure() throws {
    let rows = (0..<2_000).map { index in
      longRow(["site": "lumbar-spine", "sex": "female", "age": "\(50 + index % 30)", "bmd": "0.9\(index % 10)"])
    }
    let input = Array(([header] + rows).joined(separator: "\n").utf8) + [CSVByte.newline]
    var options = BatchOptions()
    options.jobs = 2
    options.bufferSize = 1 << 10
    let counter = ReadCounter()
    var source = CountingSource(bytes: input, counter: counter)
    var sinks = BatchSinks(output: FailingSink(writesBeforeFailure: 3))
    #expect(try Self.failure(BatchRunner(setup: makeSetup(), options: options), &source, &sinks) == "disk full")
    // The header, two rounds, then the failure: at most a few more rounds (one per thread) were read.
    #expect(counter.bytes < input.count / 4)
  }
}

/// What the two-thread test's writes did, checked under a lock.
private final class WriteLog: @unchecked Sendable {
  private let lock = NSLock()
  private var issued = 0
  private var tags: [ObjectIdentifier: Int] = [:]
  private var isWriting = false
  private(set) var written: [Int] = []
  private(set) var overlapped = false

  func nextTurn(limit: Int) -> Int? {
    lock.withLock {
      guard issued < limit else { return nil }
      defer { issued += 1 }
      return issued
    }
  }

  func tag(_ round: Round, turn: Int) { lock.withLock { tags[ObjectIdentifier(round)] = turn } }

  func write(_ round: Round) {
    lock.withLock {
      overlapped = overlapped || isWriting
      isWriting = true
    }
    usleep(5)
    lock.withLock {
      written.append(tags[ObjectIdentifier(round)] ?? -1)
      isWriting = false
    }
  }

  func isDone(turns: Int) -> Bool { lock.withLock { written.count == turns } }
}

/// Gives `bytes` in chunks of 100, then fails once `limit` bytes have been given.
private struct FailingAfter: ByteSource {
  let bytes: [UInt8]
  let limit: Int
  private var offset = 0

  init(bytes: [UInt8], limit: Int) {
    self.bytes = bytes
    self.limit = limit
  }

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(BatchIOError) -> Int {
    guard offset < limit else { throw BatchIOError("read failed") }
    let count = min(buffer.count, 100, bytes.count - offset)
    for index in 0..<count { buffer[index] = bytes[offset + index] }
    offset += count
    return count
  }
}

private final class ReadCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var total = 0
  func add(_ count: Int) { lock.withLock { total += count } }
  var bytes: Int { lock.withLock { total } }
}

private struct CountingSource: ByteSource {
  var inner: MemorySource
  let counter: ReadCounter

  init(bytes: [UInt8], counter: ReadCounter) {
    inner = MemorySource(bytes, chunkSize: 100)
    self.counter = counter
  }

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(BatchIOError) -> Int {
    let count = try inner.read(into: buffer)
    counter.add(count)
    return count
  }
}

/// Takes `writesBeforeFailure` writes, then fails every one.
private final class FailingSink: ByteSink {
  private var remaining: Int
  init(writesBeforeFailure: Int) { remaining = writesBeforeFailure }
  func write(_ bytes: UnsafeRawBufferPointer) throws(BatchIOError) {
    guard remaining > 0 else { throw BatchIOError("disk full") }
    remaining -= 1
  }
}

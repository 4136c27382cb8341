import DXACSV
import DXACore
import Foundation

/// One buffer of input on its way through a run: its whole records, and what they produced.
///
/// A thread takes a free one, fills it (``RoundReader``), scores it into its output and hands it to the
/// ``WriteOrder``, which writes it in turn (``RoundWriter``) and frees it.
final class Round: @unchecked Sendable {
  var buffer: InputBuffer
  let output: RoundOutput
  /// The round's records are the buffer's bytes before this offset.
  private(set) var end = 0
  /// Input bytes this round accounts for, for progress.
  private(set) var bytes = 0
  /// The round stands for one record longer than the limit, whose bytes were skipped: one error row.
  private(set) var isTooLongRecord = false

  init(buffer: InputBuffer) {
    self.buffer = buffer
    // Room for the usual output of a full buffer (the compact columns add about a third to the input's bytes) from
    // the start: grown from 64 KiB by doubling, each round's first output was copied five times into fresh memory.
    output = RoundOutput(capacity: 2 * buffer.capacity)
  }

  func cut(at end: Int) {
    self.end = end
    bytes = end
    isTooLongRecord = false
  }

  func markTooLongRecord(bytes: Int) {
    end = 0
    self.bytes = bytes
    isTooLongRecord = true
  }

  func process(with processor: RowProcessor) {
    output.reset()
    if isTooLongRecord {
      processor.processTooLongRecord(into: output)
    } else if end > 0 {
      processor.process(buffer.window, from: 0, to: end, into: output)
    }
  }
}

/// The input of a run, read a round at a time by whichever thread is free; the lock keeps the reads in order.
///
/// A round starts where the one read before it stops: the bytes after the previous round's last whole record are
/// copied to the front of the next round's buffer (the previous round may still be scored meanwhile: only bytes
/// after its end are read).
final class RoundReader<Source: ByteSource>: @unchecked Sendable {
  private let lock = NSLock()
  // Guarded by `lock`.
  private(set) var input: Source
  private var previous: Round
  private var isDone = false
  private var nextTurn = 0
  private var storedFailure: BatchIOError?

  /// `first` holds the input's first bytes (read for the header), as if it were a round that ended at its start.
  init(input: Source, first: Round) {
    self.input = input
    previous = first
    first.cut(at: 0)
  }

  /// The first read that failed; nothing is read after it.
  var failure: BatchIOError? { lock.withLock { storedFailure } }

  /// Fills `round` with the next whole records (or marks it as one record too long to hold) and returns its turn to
  /// be written: 0, 1, 2… in input order. Nil at the end of the input, after a failed read, or when `stop` says so.
  func read(into round: Round, unless stop: () -> Bool) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard !isDone, storedFailure == nil, !stop() else { return nil }
    do {
      guard try fill(round) else {
        isDone = true
        return nil
      }
    } catch {
      storedFailure = error
      return nil
    }
    defer { nextTurn += 1 }
    return nextTurn
  }

  private func fill(_ round: Round) throws(BatchIOError) -> Bool {
    // The previous round may be this one: its bytes after its end move to the front.
    round.buffer.take(from: previous.buffer, after: previous.end)
    previous = round
    round.cut(at: 0)
    while true {
      if round.buffer.isAtEnd && round.buffer.isEmpty { return false }
      try round.buffer.fill(from: &input)
      if let end = round.buffer.wholeRecordsEnd() {
        round.cut(at: end)
        return true
      }
      if round.buffer.isFullWithoutRecord {
        // A record longer than the limit, too long to hold: one error row, its bytes skipped as read.
        round.markTooLongRecord(bytes: try round.buffer.skipRecord(from: &input))
        return true
      }
      // Not one whole record in the buffer: make room and read more.
      round.buffer.grow()
    }
  }
}

/// The rounds of a run: free ones, and scored ones waiting to be written in the order they were read.
///
/// The thread that hands over the round that is next writes it, then every round after it that is already scored;
/// a thread that hands over a round scored ahead of its turn leaves it and goes on. One thread writes at a time.
final class WriteOrder: @unchecked Sendable {
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var free: [Round]
  private var scored: [Int: Round] = [:]
  private var next = 0
  private var isWriting = false

  init(rounds: [Round]) { free = rounds }

  /// A free round: `preferred` when it is free (its memory is likely in this thread's cache), else another; waits
  /// while none is free.
  func take(preferring preferred: Round?) -> Round {
    condition.lock()
    defer { condition.unlock() }
    while free.isEmpty { condition.wait() }
    if let preferred, let index = free.firstIndex(where: { $0 === preferred }) { return free.remove(at: index) }
    return free.removeLast()
  }

  /// Returns a round taken but not read into.
  func giveBack(_ round: Round) {
    condition.lock()
    free.append(round)
    condition.broadcast()
    condition.unlock()
  }

  /// Hands over the scored round of `turn`; writes it and the scored rounds after it if it is next and no other
  /// thread is writing.
  func finish(_ round: Round, turn: Int, write: (Round) -> Void) {
    condition.lock()
    scored[turn] = round
    if isWriting {
      condition.unlock()
      return
    }
    isWriting = true
    while let ready = scored.removeValue(forKey: next) {
      condition.unlock()
      write(ready)
      condition.lock()
      next += 1
      free.append(ready)
      condition.broadcast()
    }
    isWriting = false
    condition.unlock()
  }
}

/// Writes rounds in input order and adds up their summaries; called by the ``WriteOrder``, one thread at a time.
final class RoundWriter: @unchecked Sendable {
  private(set) var sinks: BatchSinks
  let options: BatchOptions
  let isComparing: Bool
  let progress: (@Sendable (_ rows: Int, _ bytes: Int) -> Void)?
  var state = MergeState()
  private var bytesDone: Int
  private let failureLock = NSLock()
  private var storedFailure: BatchIOError?
  private let scratch = ByteBuffer()

  /// What merging the rounds' outputs carries from one round to the next.
  struct MergeState {
    var summary = BatchSummary()
    /// The last scan of the previous round, which the next round's first rows may continue.
    var openScan: ScanGroup?
  }

  init(
    sinks: BatchSinks, options: BatchOptions, comparing: Bool, skippedPrefix: Int,
    progress: (@Sendable (Int, Int) -> Void)?
  ) {
    self.sinks = sinks
    self.options = options
    isComparing = comparing
    bytesDone = skippedPrefix
    self.progress = progress
  }

  /// The first write that failed; nothing is written after it.
  var failure: BatchIOError? { failureLock.withLock { storedFailure } }

  func write(_ round: Round) {
    guard failure == nil else { return }
    do {
      try merge(round.output)
    } catch {
      failureLock.withLock { storedFailure = error }
      return
    }
    bytesDone += round.bytes
    progress?(state.summary.rows, bytesDone)
  }

  /// Writes the scan still open at the end of the input.
  func finish() throws(BatchIOError) {
    guard let openScan = state.openScan, sinks.diagnoses != nil else { return }
    scratch.removeAll()
    openScan.write(to: scratch, neutralisingFormulas: options.neutralisesFormulas)
    if isComparing { state.summary.countTransition(of: openScan) }
    try sinks.diagnoses?.write(scratch)
    state.openScan = nil
  }

  /// Writes one round's outputs and adds up its summary.
  private func merge(_ output: RoundOutput) throws(BatchIOError) {
    try sinks.output.write(output.main)
    if sinks.errors != nil {
      scratch.removeAll()
      for (row, line) in output.errorLines {
        scratch.appendDigits(UInt64(options.rowOffset + state.summary.rows + row))
        scratch.append(CSVByte.comma)
        scratch.append(line)
      }
      try sinks.errors?.write(scratch)
    }
    try sinks.changed?.write(output.changed)
    if sinks.diagnoses != nil { try flushScans(output.scans) }
    state.summary.merge(output.summary, rowOffset: options.rowOffset + state.summary.rows)
  }

  /// Writes finished scans; the last one may continue in the next round, so it stays open.
  private func flushScans(_ scans: [ScanGroup]) throws(BatchIOError) {
    scratch.removeAll()
    for scan in scans {
      if var current = state.openScan {
        if current.identity == scan.identity && !options.mapIsWide {
          current.merge(scan)
          state.openScan = current
          continue
        }
        current.write(to: scratch, neutralisingFormulas: options.neutralisesFormulas)
        if isComparing { state.summary.countTransition(of: current) }
      }
      state.openScan = scan
    }
    try sinks.diagnoses?.write(scratch)
  }
}

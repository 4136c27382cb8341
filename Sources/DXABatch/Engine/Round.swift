import DXACSV
import DXACore
import Foundation

/// One buffer of input on its way through a run: its whole records cut into pieces, and what each piece produced.
///
/// The reader fills it and cuts it, the pool's threads score its pieces (each into its own ``PieceOutput``), the
/// writer writes the outputs in order; then it is free to be filled again.
final class Round: @unchecked Sendable {
  var buffer: InputBuffer
  let pieceCount: Int
  let outputs: [PieceOutput]
  let countdown = Countdown(0)
  private(set) var cuts: [Int] = []
  /// Input bytes this round accounts for, for progress.
  private(set) var bytes = 0
  /// The round stands for one record longer than the limit, whose bytes were skipped: one error row.
  private(set) var isTooLongRecord = false

  init(buffer: InputBuffer, pieces: Int) {
    self.buffer = buffer
    pieceCount = pieces
    outputs = (0..<pieces).map { _ in PieceOutput() }
  }

  /// The round's records are the buffer's bytes up to the last cut, in `cuts.count − 1` pieces.
  func cut(at cuts: [Int]) {
    self.cuts = cuts
    bytes = cuts[cuts.count - 1] - cuts[0]
    isTooLongRecord = false
  }

  func markTooLongRecord(bytes: Int) {
    cuts = []
    self.bytes = bytes
    isTooLongRecord = true
  }

  func process(piece: Int, with processor: RowProcessor) {
    let output = outputs[piece]
    output.reset()
    if isTooLongRecord {
      if piece == 0 { processor.processTooLongRecord(into: output) }
      return
    }
    guard cuts[piece] < cuts[piece + 1] else { return }
    processor.process(buffer.window, from: cuts[piece], to: cuts[piece + 1], into: output)
  }

  func process(with processor: RowProcessor) {
    for piece in 0..<pieceCount { process(piece: piece, with: processor) }
  }
}

/// Writes rounds in input order and adds up their summaries; runs on the writer thread (or the only one).
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

  /// What merging the pieces' outputs carries from one round to the next.
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
      let count = round.isTooLongRecord ? 1 : round.pieceCount
      for output in round.outputs.prefix(count) { try merge(output) }
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

  /// Writes one piece's outputs and adds up its summary.
  private func merge(_ output: PieceOutput) throws(BatchIOError) {
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

  /// Writes finished scans; the last one may continue in the next piece, so it stays open.
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

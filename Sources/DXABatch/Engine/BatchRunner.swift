import DXACSV
import DXACore

/// Runs a batch: streams the input through a fixed buffer, cuts each filled buffer into pieces at record
/// boundaries, scores the pieces in parallel and writes their outputs in input order.
///
/// The output is the same bytes for any number of jobs and any buffer size, because every piece starts at a
/// record boundary and is formatted on its own; memory stays within a small multiple of the buffer size whatever
/// the input's size.
public final class BatchRunner {
  public let setup: ScoringSetup
  public let compare: ScoringSetup?
  public let options: BatchOptions
  /// Called after each buffer with the rows and input bytes done so far.
  public var progress: ((_ rows: Int, _ bytes: Int) -> Void)?

  public init(setup: ScoringSetup, compare: ScoringSetup? = nil, options: BatchOptions) {
    self.setup = setup
    self.compare = compare
    self.options = options
  }

  public func run(input: inout some ByteSource, sinks: inout BatchSinks) throws(BatchFailure) -> BatchSummary {
    var buffer = InputBuffer(capacity: max(options.bufferSize, 1 << 10), recordLimit: options.recordLimit)
    defer { buffer.deallocate() }
    // The header alone from given names reads nothing, so it never waits on a pipe.
    if !(options.writesHeaderOnly && options.columns != nil) {
      do {
        try buffer.fill(from: &input)
      } catch {
        throw .io(error)
      }
    }

    let layout: BatchLayout
    do {
      layout = try readLayout(&buffer, input: &input)
    } catch let failure as BatchFailure {
      throw failure
    } catch let error as BatchIOError {
      throw .io(error)
    } catch {
      throw .io(BatchIOError("\(error)"))
    }
    do {
      try writeHeaders(layout, sinks: &sinks)
    } catch {
      throw .io(error)
    }
    var state = MergeState()
    if options.writesHeaderOnly { return state.summary }
    if options.skipsRepeatedHeader, options.columns != nil {
      do {
        try readFirstRecord(&buffer, input: &input)
      } catch {
        throw .io(error)
      }
      state.summary.skippedHeader = buffer.skipRecord(repeating: layout.columns)
    }

    // More pieces than threads, so a thread that finishes early takes another; a processor per thread (its
    // templates and scratch memory), an output per piece (written in input order).
    let pieceCount = options.jobs <= 1 ? 1 : options.jobs * 4
    let workers = (0..<min(options.jobs, pieceCount)).map { _ in
      Worker(processor: RowProcessor(layout: layout, setup: setup, compare: compare, options: options))
    }
    let outputs = (0..<pieceCount).map { _ in PieceOutput() }

    var bytesDone = 0
    while true {
      guard let cuts = buffer.cuts(pieces: pieceCount) else {
        if buffer.isFullWithoutRecord {
          // A record longer than the limit, too long to hold: one error row, and its bytes are skipped as read.
          let output = outputs[0]
          output.reset()
          workers[0].processor.processTooLongRecord(into: output)
          do {
            try merge([output], into: &sinks, state: &state)
            bytesDone += try buffer.skipRecord(from: &input)
          } catch {
            throw .io(error)
          }
        } else {
          // Not one whole record in the buffer: make room and read more.
          buffer.grow()
        }
        if buffer.isAtEnd && buffer.isEmpty { break }
        do { try buffer.fill(from: &input) } catch { throw .io(error) }
        continue
      }
      let window = SharedWindow(window: buffer.window)
      let process: @Sendable (Int, Int) -> Void = { piece, worker in
        let output = outputs[piece]
        output.reset()
        guard cuts[piece] < cuts[piece + 1] else { return }
        workers[worker].processor.process(window.window, from: cuts[piece], to: cuts[piece + 1], into: output)
      }
      do {
        try ParallelPieces.run(pieces: pieceCount, jobs: options.jobs, process)
      } catch {
        throw .threads(error.message)
      }
      do {
        try merge(outputs, into: &sinks, state: &state)
      } catch {
        throw .io(error)
      }
      bytesDone += cuts[pieceCount] - cuts[0]
      progress?(state.summary.rows, bytesDone + buffer.skippedPrefix)
      buffer.consume(upTo: cuts[pieceCount])
      if buffer.isAtEnd && buffer.isEmpty { break }
      do { try buffer.fill(from: &input) } catch { throw .io(error) }
    }
    if let openScan = state.openScan, var diagnoses = sinks.diagnoses {
      let scratch = ByteBuffer()
      openScan.write(to: scratch, neutralisingFormulas: options.neutralisesFormulas)
      if compare != nil { state.summary.countTransition(of: openScan) }
      do { try write(scratch, to: &diagnoses) } catch { throw .io(error) }
      sinks.diagnoses = diagnoses
    }
    return state.summary
  }

  /// What merging the pieces' outputs carries from one round to the next.
  private struct MergeState {
    var summary = BatchSummary()
    /// The last scan of the previous round, which the next round's first rows may continue.
    var openScan: ScanGroup?
  }

  /// Writes the pieces' outputs in input order and adds up their summaries.
  private func merge(_ outputs: [PieceOutput], into sinks: inout BatchSinks, state: inout MergeState)
    throws(BatchIOError)
  {
    for output in outputs {
      try write(output.main, to: &sinks.output)
      if var errors = sinks.errors {
        for (row, line) in output.errorLines {
          var prefixed = Array(String(options.rowOffset + state.summary.rows + row).utf8)
          prefixed.append(CSVByte.comma)
          prefixed += line
          try write(prefixed, to: &errors)
        }
        sinks.errors = errors
      }
      if var changed = sinks.changed {
        try write(output.changed, to: &changed)
        sinks.changed = changed
      }
      if var diagnoses = sinks.diagnoses {
        try flushScans(output.scans, open: &state.openScan, to: &diagnoses, summary: &state.summary)
        sinks.diagnoses = diagnoses
      }
      state.summary.merge(output.summary, rowOffset: options.rowOffset + state.summary.rows)
    }
  }

  /// The header (or `--columns`) read into a layout; the header line is consumed.
  private func readLayout(_ buffer: inout InputBuffer, input: inout some ByteSource) throws -> BatchLayout {
    buffer.skipByteOrderMark()
    let columns: [String]
    if let given = options.columns {
      columns = given
    } else {
      if !(try readFirstRecord(&buffer, input: &input)) {
        throw BatchFailure.input(
          InputError(
            .data, field: "header",
            "longer than \(BatchSummary.grouped(options.recordLimit)) bytes (--max-record-bytes); is this a CSV file?"
          ))
      }
      let header: [String]?
      do {
        header = try buffer.readHeader()
      } catch {
        throw BatchFailure.input(error)
      }
      guard let header else {
        throw BatchFailure.input(InputError(.data, field: "header", "the input is empty: no header line"))
      }
      columns = header
    }
    let layout: BatchLayout
    do {
      layout = try BatchLayout(columns: columns, map: options.map)
    } catch {
      throw BatchFailure.input(error)
    }
    if options.writesDiagnoses, !layout.isWide, !layout.source(.patientID).isPresent, !layout.source(.scanID).isPresent
    {
      throw BatchFailure.input(
        InputError(.usage, field: "--diagnoses", "needs a patient_id or scan_id column to group rows into scans"))
    }
    return layout
  }

  /// Reads until the buffer holds the whole first record or the input ends; false when that record is longer than
  /// the limit.
  @discardableResult
  private func readFirstRecord(_ buffer: inout InputBuffer, input: inout some ByteSource) throws(BatchIOError) -> Bool {
    while !buffer.isAtEnd && buffer.firstRecordEnd() == nil {
      if buffer.isFullWithoutRecord { return false }
      buffer.grow()
      try buffer.fill(from: &input)
    }
    return true
  }

  private func writeHeaders(_ layout: BatchLayout, sinks: inout BatchSinks) throws(BatchIOError) {
    guard options.writesHeader else { return }
    let neutralises = options.neutralisesFormulas
    try write(
      CSVText.record(layout.columns + layout.appendedColumns, neutralisingFormulas: neutralises), to: &sinks.output)
    if var errors = sinks.errors {
      try write(CSVText.record(["row", "error", "record"], neutralisingFormulas: neutralises), to: &errors)
      sinks.errors = errors
    }
    if var diagnoses = sinks.diagnoses {
      try write(CSVText.record(ScanGroup.header, neutralisingFormulas: neutralises), to: &diagnoses)
      sinks.diagnoses = diagnoses
    }
    if var changed = sinks.changed {
      let block = ["t_score", "z_score", "category", "reference", "note"]
      var names = layout.columns
      for site in layout.sites {
        names += block.map { site.prefix + $0 } + block.map { "compare_" + site.prefix + $0 }
      }
      try write(CSVText.record(names, neutralisingFormulas: neutralises), to: &changed)
      sinks.changed = changed
    }
  }

  /// Writes finished scans; the last one may continue in the next piece, so it stays open.
  private func flushScans(
    _ scans: [ScanGroup], open: inout ScanGroup?, to sink: inout any ByteSink, summary: inout BatchSummary
  ) throws(BatchIOError) {
    let scratch = ByteBuffer()
    for scan in scans {
      if var current = open {
        if current.identity == scan.identity && !options.mapIsWide {
          current.merge(scan)
          open = current
          continue
        }
        current.write(to: scratch, neutralisingFormulas: options.neutralisesFormulas)
        if compare != nil { summary.countTransition(of: current) }
      }
      open = scan
    }
    try write(scratch, to: &sink)
  }

  private func write(_ buffer: ByteBuffer, to sink: inout any ByteSink) throws(BatchIOError) {
    guard buffer.count > 0 else { return }
    try sink.write(UnsafeRawBufferPointer(buffer.bytes))
  }

  private func write(_ bytes: [UInt8], to sink: inout any ByteSink) throws(BatchIOError) {
    var failure: BatchIOError?
    bytes.withUnsafeBytes { raw in
      do throws(BatchIOError) { try sink.write(raw) } catch { failure = error }
    }
    if let failure { throw failure }
  }
}

extension BatchOptions {
  var mapIsWide: Bool { !(map?.sites.isEmpty ?? true) }
}

/// One thread's processor; no two threads share one.
private final class Worker: @unchecked Sendable {
  let processor: RowProcessor

  init(processor: RowProcessor) { self.processor = processor }
}

/// The input buffer, read-only while the pieces are processed.
private struct SharedWindow: @unchecked Sendable {
  let window: CSVWindow
}

import DXACSV
import DXACore
import Foundation

/// Runs a batch: streams the input through fixed buffers, cuts each filled buffer into pieces at record
/// boundaries, scores the pieces on a pool of long-lived threads and writes their outputs in input order on a
/// writer thread, so reading, scoring and writing overlap.
///
/// The output is the same bytes for any number of jobs and any buffer size, because every piece starts at a
/// record boundary and is formatted on its own; memory stays within a small multiple of the buffer size whatever
/// the input's size (``roundCount`` buffers and their outputs).
public final class BatchRunner {
  public let setup: ScoringSetup
  public let compare: ScoringSetup?
  public let options: BatchOptions
  /// Called after each buffer is written with the rows and input bytes done so far (on the writer thread).
  public var progress: (@Sendable (_ rows: Int, _ bytes: Int) -> Void)?
  /// How threads are started; tests make it fail.
  var startThread: WorkerPool.ThreadStarter = WorkerPool.startThread

  /// Buffers in flight with more than one job: one being read, one being scored, one being written.
  static let roundCount = 3

  public init(setup: ScoringSetup, compare: ScoringSetup? = nil, options: BatchOptions) {
    self.setup = setup
    self.compare = compare
    self.options = options
  }

  public func run(input: inout some ByteSource, sinks: inout BatchSinks) throws(BatchFailure) -> BatchSummary {
    var buffer = InputBuffer(capacity: max(options.bufferSize, 1 << 10), recordLimit: options.recordLimit)
    let layout: BatchLayout
    var skippedHeader = false
    do {
      // The header alone from given names reads nothing, so it never waits on a pipe.
      if !(options.writesHeaderOnly && options.columns != nil) { try buffer.fill(from: &input) }
      layout = try readLayout(&buffer, input: &input)
      try writeHeaders(layout, sinks: &sinks)
      if options.writesHeaderOnly {
        buffer.deallocate()
        return BatchSummary()
      }
      if options.skipsRepeatedHeader, options.columns != nil {
        try readFirstRecord(&buffer, input: &input)
        skippedHeader = buffer.skipRecord(repeating: layout.columns)
      }
    } catch let failure as BatchFailure {
      buffer.deallocate()
      throw failure
    } catch let error as BatchIOError {
      buffer.deallocate()
      throw .io(error)
    } catch {
      buffer.deallocate()
      throw .io(BatchIOError("\(error)"))
    }

    let isThreaded = options.jobs > 1
    // More pieces than threads, so a thread that finishes early takes another.
    let pieceCount = isThreaded ? options.jobs * 2 : 1
    // A processor per thread (its templates and scratch memory); the writer's thread may take pieces too.
    let processors = (0..<(isThreaded ? options.jobs + 1 : 1)).map { _ in
      RowProcessor(layout: layout, setup: setup, compare: compare, options: options)
    }
    let rounds = (0..<(isThreaded ? Self.roundCount : 1)).map { index in
      Round(
        buffer: index == 0
          ? buffer : InputBuffer(capacity: buffer.capacity, recordLimit: options.recordLimit),
        pieces: pieceCount)
    }
    defer { for round in rounds { round.buffer.deallocate() } }
    let writer = RoundWriter(
      sinks: sinks, options: options, comparing: compare != nil, skippedPrefix: buffer.skippedPrefix,
      progress: progress)
    writer.state.summary.skippedHeader = skippedHeader
    defer { sinks = writer.sinks }
    let free = Channel<Round>()
    for round in rounds.dropFirst() { free.send(round) }

    // With more than one job: `jobs` threads score, one more writes (its task never ends before the input does).
    var pool: WorkerPool?
    let written = Channel<Round>()
    if isThreaded {
      do {
        pool = try WorkerPool(count: options.jobs + 1, startThread: startThread)
      } catch {
        throw .threads(error.message)
      }
      pool?.submit([
        { _ in
          while let round = written.receive() {
            round.countdown.wait()
            writer.write(round)
            free.send(round)
          }
        }
      ])
    }
    defer {
      written.close()
      pool?.finish()
    }

    /// Scores a round's pieces and hands it to the writer (or, with one job, does both here).
    func submit(_ round: Round) {
      guard let pool else {
        round.process(with: processors[0])
        writer.write(round)
        return
      }
      round.countdown.reset(round.pieceCount)
      written.send(round)
      pool.submit(
        (0..<round.pieceCount).map { piece in
          { worker in
            round.process(piece: piece, with: processors[worker])
            round.countdown.done()
          }
        })
    }

    var current = rounds[0]
    do {
      while writer.failure == nil {
        guard let cuts = current.buffer.cuts(pieces: current.pieceCount) else {
          if current.buffer.isFullWithoutRecord {
            // A record longer than the limit, too long to hold: one error row, its bytes skipped as read. With
            // threads the row goes out in a spare round; with one job, through this one (written at once).
            let skipped = try current.buffer.skipRecord(from: &input)
            let marker = pool == nil ? current : (free.receive() ?? current)
            marker.markTooLongRecord(bytes: skipped)
            submit(marker)
          } else {
            // Not one whole record in the buffer: make room and read more.
            current.buffer.grow()
          }
          if current.buffer.isAtEnd && current.buffer.isEmpty { break }
          try current.buffer.fill(from: &input)
          continue
        }
        current.cut(at: cuts)
        if pool == nil {
          submit(current)
          current.buffer.consume(upTo: cuts[cuts.count - 1])
        } else {
          let next = free.receive() ?? current
          next.buffer.take(from: &current.buffer, after: cuts[cuts.count - 1])
          submit(current)
          current = next
        }
        if current.buffer.isAtEnd && current.buffer.isEmpty { break }
        try current.buffer.fill(from: &input)
      }
    } catch {
      throw .io(error)
    }
    // The writer has written every round once the pool has finished.
    written.close()
    pool?.finish()
    if let failure = writer.failure { throw .io(failure) }
    do {
      try writer.finish()
    } catch {
      throw .io(error)
    }
    return writer.state.summary
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
    try sinks.output.write(
      CSVText.record(layout.columns + layout.appendedColumns, neutralisingFormulas: neutralises))
    try sinks.errors?.write(CSVText.record(["row", "error", "record"], neutralisingFormulas: neutralises))
    try sinks.diagnoses?.write(CSVText.record(ScanGroup.header, neutralisingFormulas: neutralises))
    if sinks.changed != nil {
      let block = ["t_score", "z_score", "category", "reference", "note"]
      var names = layout.columns
      for site in layout.sites {
        names += block.map { site.prefix + $0 } + block.map { "compare_" + site.prefix + $0 }
      }
      try sinks.changed?.write(CSVText.record(names, neutralisingFormulas: neutralises))
    }
  }
}

extension BatchOptions {
  var mapIsWide: Bool { !(map?.sites.isEmpty ?? true) }
}

extension ByteSink {
  mutating func write(_ bytes: [UInt8]) throws(BatchIOError) {
    var failure: BatchIOError?
    bytes.withUnsafeBytes { raw in
      do throws(BatchIOError) { try write(raw) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  mutating func write(_ buffer: ByteBuffer) throws(BatchIOError) {
    guard buffer.count > 0 else { return }
    try write(UnsafeRawBufferPointer(buffer.bytes))
  }
}

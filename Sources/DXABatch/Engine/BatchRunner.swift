import DXACSV
import DXACore
import Foundation

/// Runs a batch: streams the input through fixed buffers. A thread reads the next buffer of whole records, scores
/// it and hands it over to be written in input order, so one thread reads or writes while the others score, and a
/// buffer's bytes are mostly read, scored and written on one core.
///
/// The output is the same bytes for any number of jobs and any buffer size, because every buffer starts at a
/// record boundary and is formatted on its own; memory stays within a small multiple of the buffer size whatever
/// the input's size (two buffers and their outputs per job).
public final class BatchRunner {
  public let setup: ScoringSetup
  public let compare: ScoringSetup?
  public let options: BatchOptions
  /// Called after each buffer is written with the rows and input bytes done so far (on the writer thread).
  public var progress: (@Sendable (_ rows: Int, _ bytes: Int) -> Void)?
  /// How threads are started; tests make it fail.
  var startThread: WorkerPool.ThreadStarter = WorkerPool.startThread

  /// Rounds per thread with more than one job: one being scored, one scored ahead of its turn to be written.
  static let roundsPerJob = 2

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

    // Each thread takes a free round (an input buffer and its output), reads the next buffer of input into it under
    // the reader's lock, scores it with its own processor (its templates and scratch memory) and hands it to the
    // write order, which writes it at once when it is next. Rounds scored ahead wait there and are written by
    // the thread that completes the one before them, so a faster thread never waits for a slower one's turn. With
    // one job the calling thread does all of it; with more it waits for the pool.
    let jobs = options.jobs
    let rounds = (0..<(jobs == 1 ? 1 : Self.roundsPerJob * jobs)).map { index in
      Round(buffer: index == 0 ? buffer : InputBuffer(capacity: buffer.capacity, recordLimit: options.recordLimit))
    }
    defer { for round in rounds { round.buffer.deallocate() } }
    let writer = RoundWriter(
      sinks: sinks, options: options, comparing: compare != nil, skippedPrefix: buffer.skippedPrefix,
      progress: progress)
    writer.state.summary.skippedHeader = skippedHeader
    defer { sinks = writer.sinks }
    let reader = RoundReader(input: input, first: rounds[0])
    defer { input = reader.input }
    let order = WriteOrder(rounds: rounds)

    func work() {
      // Made by the thread that uses it, so its memory comes from that thread's own heap (glibc gives each thread an
      // arena): made by the calling thread for all, one processor's row counts shared a cache line with the object of
      // the next, which the other thread reads for every row, and every row moved that line between the cores.
      let processor = RowProcessor(layout: layout, setup: setup, compare: compare, options: options)
      var last: Round?
      while true {
        let round = order.take(preferring: last)
        guard let turn = reader.read(into: round, unless: { writer.failure != nil }) else {
          order.giveBack(round)
          return
        }
        round.process(with: processor)
        order.finish(round, turn: turn, write: writer.write)
        last = round
      }
    }

    if jobs == 1 {
      work()
    } else {
      let pool: WorkerPool
      do {
        pool = try WorkerPool(count: jobs, startThread: startThread)
      } catch {
        throw .threads(error.message)
      }
      pool.submit((0..<jobs).map { _ in { work() } })
      pool.finish()
    }
    if let failure = reader.failure { throw .io(failure) }
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

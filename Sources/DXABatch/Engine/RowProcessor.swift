import DXACSV
import DXACore
import DXAPlatform

/// Scores the records of one round of input and formats their output. One per thread; reused round after round.
final class RowProcessor {
  let layout: BatchLayout
  let options: BatchOptions
  let reader: RowReader
  let scorer: RowScorer
  let compareScorer: RowScorer?
  let spans = SpanBuffer()
  /// The current row's measurements and scores, by site.
  let sites: SiteSlots
  // One worker's own state: no dynamic exclusivity checks in the hot path.
  @exclusivity(unchecked) var compareScores: [MeasurementScore?] = []
  @exclusivity(unchecked) var siteErrors: [String] = []
  @exclusivity(unchecked) var decoded: [UInt8] = []
  /// Whether the record processed last was checked and found UTF-8 in full.
  @exclusivity(unchecked) private var lastRecordIsUTF8 = false
  /// Per site of the layout: whether it has device scores to reconcile.
  let sitesReconcile: [Bool]
  let reconciles: Bool
  /// Whether a wide layout reconciles: its measurements are counted as they are scored.
  let reconcilesWide: Bool
  /// Reconciliation counts of the current piece, by site and maker (``reconciliationSlot``). Raw memory: counting in
  /// an array took a uniqueness check and a copy of the counts for every row.
  let reconciliation = ValueBuffer<BatchSummary.Reconciliation>()
  /// The current piece's measurements by category slot (``BatchSummary/categoryIndex(_:)``), in memory the processor
  /// owns: counted in the summary's array, each measurement took a uniqueness check of it.
  let categoryCounts: UnsafeMutablePointer<Int>
  /// The current piece's counts of rows and measurements the processor keeps, as ``categoryCounts``.
  let counts: UnsafeMutablePointer<Counts>

  struct Counts {
    var okRows = 0
    var measurements = 0
    var withoutTScore = 0
    var withoutZScore = 0
  }

  init(layout: BatchLayout, setup: ScoringSetup, compare: ScoringSetup?, options: BatchOptions) {
    self.layout = layout
    self.options = options
    reader = RowReader(layout: layout)
    scorer = RowScorer(setup: setup)
    compareScorer = compare.map(RowScorer.init)
    sites = SiteSlots(count: layout.sites.count)
    sitesReconcile = layout.sites.map(\.hasDeviceScores)
    reconciles = layout.reconciles
    reconcilesWide = reconciles && layout.isWide
    // Four slots a site: no maker, then each maker (``reconciliationSlot``).
    precondition(Manufacturer.allCases.count < 4)
    for _ in 0..<(Site.allCases.count * 4) { reconciliation.append(BatchSummary.Reconciliation()) }
    categoryCounts = .allocate(capacity: BatchSummary.categorySlots)
    categoryCounts.initialize(repeating: 0, count: BatchSummary.categorySlots)
    counts = .allocate(capacity: 1)
    counts.initialize(to: Counts())
  }

  deinit {
    categoryCounts.deallocate()
    counts.deallocate()
  }

  /// The constant bytes of the appended columns, made once for the process and copied into each processor: reading
  /// a `static let` in the row loop costs a call.
  struct ConstantBytes {
    static let shared = ConstantBytes()
    let ok = StaticBytes("ok")
    let error = StaticBytes("error")
    let noMeasurement = StaticBytes("no-measurement")
    let filtered = StaticBytes("filtered")
    let threeCommas = StaticBytes(",,,")
    let categories = CategoryText()
    /// The most bytes ``RowProcessor/writeNumbers(_:to:)`` writes, with a comma before: two scores and a category.
    let numbersRoom = 4 + 2 * 24 + CategoryText.longest
  }
  let constants = ConstantBytes.shared

  static func reconciliationSlot(_ site: Site, _ manufacturer: Manufacturer?) -> Int {
    caseIndex(site) * 4 + (manufacturer.map { caseIndex($0) + 1 } ?? 0)
  }

  /// Processes the complete records in `start..<end` (a region that starts at a record start).
  func process(_ window: CSVWindow, from start: Int, to end: Int, into output: RoundOutput) {
    var position = start
    let engineBefore = scorer.engineCount
    // The start of the previous record when `spans` holds its split and it had no issue: the next record may
    // repeat its leading fields.
    var previous: Int?
    // How many fields the last record that repeated some of its previous record's repeated: rows of one scan repeat
    // the same columns.
    var repeated = 0
    while position < end {
      let record = window.splitRecord(
        from: position, to: end, into: spans, repeating: previous, expected: repeated)
      defer {
        previous = record.issue == nil ? position : nil
        position = record.next
        if record.sharedFields > 0 { repeated = record.sharedFields }
      }
      if record.issue == nil, spans.count == 1, spans[0].isEmpty, !spans[0].isQuoted {
        output.summary.blankLines += 1
        continue
      }
      if record.issue == .tooLong {
        processTooLongRecord(into: output)
        continue
      }
      output.summary.rows += 1
      processRecord(
        window.base, start: position, contentEnd: record.contentEnd, issue: record.issue,
        sharedFields: record.sharedFields, output: output)
    }
    output.summary.engineScored += scorer.engineCount - engineBefore
    flushCounts(into: output)
  }

  /// A record longer than the record limit: an error row of empty fields; its bytes are not kept (the runner
  /// skips one that does not fit in memory without reading it whole, and both give the same row).
  func processTooLongRecord(into output: RoundOutput) {
    output.summary.rows += 1
    spans.removeAll()
    spans.append(FieldSpan(start: 0, end: 0))
    processRecord(Self.noBytes, start: 0, contentEnd: 0, issue: .tooLong, sharedFields: 0, output: output)
    flushCounts(into: output)
  }

  // Never written: a valid address for a record of no bytes.
  nonisolated(unsafe) private static let noBytes = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))

  /// Adds the counts kept by the processor to the piece's summary, and sets them back to zero.
  private func flushCounts(into output: RoundOutput) {
    for slot in 0..<BatchSummary.categorySlots {
      output.summary.categories[slot] += categoryCounts[slot]
      categoryCounts[slot] = 0
    }
    output.summary.okRows += counts.pointee.okRows
    output.summary.measurements += counts.pointee.measurements
    output.summary.withoutTScore += counts.pointee.withoutTScore
    output.summary.withoutZScore += counts.pointee.withoutZScore
    counts.pointee = Counts()
    for site in Site.allCases {
      for manufacturer in [nil] + Manufacturer.allCases.map(Optional.some) {
        let slot = Self.reconciliationSlot(site, manufacturer)
        let slotCounts = reconciliation[slot]
        guard slotCounts.tCompared + slotCounts.zCompared > 0 else { continue }
        let key = BatchSummary.ReconciliationKey(site: site, manufacturer: manufacturer)
        output.summary.reconciliation[key, default: BatchSummary.Reconciliation()].merge(slotCounts)
        reconciliation.base[slot] = BatchSummary.Reconciliation()
      }
    }
  }

  /// The column a message names for field `index` (0-based): its header name, or its position past the header.
  func columnName(_ index: Int) -> String {
    index < layout.columns.count ? CSVHeader.trimmed(layout.columns[index]) : "column \(index + 1)"
  }

  /// Counts a scored measurement in the piece's summary, as it is scored: a site scored stays in the row's output
  /// whatever its other sites give.
  @inline(__always)
  private func count(site: Int, in output: RoundOutput) {
    // Read in place, field by field (see ``RowScorer/score(at:into:)``).
    let score = sites.scores + site
    // Counts of one piece's rows: wrapping increments, without overflow checks.
    counts.pointee.measurements &+= 1
    categoryCounts[BatchSummary.categoryIndex(score.pointee.unsafelyUnwrapped.category)] &+= 1
    // Added, not tested: whether a measurement has a Z-score follows no pattern a branch predictor could learn.
    counts.pointee.withoutTScore &+= score.pointee.unsafelyUnwrapped.tTenths == nil ? 1 : 0
    counts.pointee.withoutZScore &+= score.pointee.unsafelyUnwrapped.zTenths == nil ? 1 : 0
    // A long row's measurement is counted as its differences are written (``writeScores(to:error:status:)``).
    if reconcilesWide { reconcile(score.pointee.unsafelyUnwrapped, sites.inputs + site) }
  }

  /// Whether the record's bytes are UTF-8. Only those after its shared fields are checked when the record processed
  /// before it was UTF-8 in full: the shared bytes are that record's first bytes, ending with a comma, and UTF-8 bytes
  /// cut after an ASCII byte are UTF-8, as are two such runs put together.
  @inline(__always)
  private func isValidUTF8(
    _ base: UnsafePointer<UInt8>, start: Int, contentEnd: Int, sharedFields: Int,
    fields: UnsafeBufferPointer<FieldSpan>
  ) -> Bool {
    // The end of the last shared field is read whether or not it is used (a record read has a field at least), so
    // that the choice is a select: whether a record shares fields with the one before follows the scans' lengths.
    let sharedEnd = fields[max(sharedFields, 1) &- 1].end &+ 1
    let checked = sharedFields > 0 && lastRecordIsUTF8 ? sharedEnd : start
    let bytes = UnsafeBufferPointer(start: base + checked, count: contentEnd &- checked)
    // ASCII is UTF-8; anything else gets the full check.
    return Self.isASCII(bytes) || UTF8Check.isValid(bytes)
  }

  /// Whether every byte is ASCII, for 32 bytes or more (false for fewer, whatever they are): their high bits are
  /// gathered 32 bytes at a time and tested once, where ``UTF8Check/isValid(_:)`` tests each 32 bytes on its way to
  /// the first byte above ASCII.
  @inline(__always)
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress, bytes.count >= 32 else { return false }
    let raw = UnsafeRawPointer(base)
    @inline(__always) func gathered(_ offset: Int) -> UInt64 {
      raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: offset &+ 16, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: offset &+ 24, as: UInt64.self)
    }
    // The last 32 bytes, which overlap those before them, and every 32 from the first.
    var bits = gathered(bytes.count &- 32)
    var offset = 0
    while offset &+ 32 <= bytes.count {
      bits |= gathered(offset)
      offset &+= 32
    }
    return bits & 0x8080_8080_8080_8080 == 0
  }

  /// Processes one record; its first `sharedFields` fields are byte for byte those of the record processed before
  /// it.
  private func processRecord(
    _ base: UnsafePointer<UInt8>, start: Int, contentEnd: Int, issue: CSVIssue?, sharedFields: Int,
    output: RoundOutput
  ) {
    let width = layout.columns.count
    // The spans as a plain buffer: reading the shared buffer's count from this module took an exclusivity check.
    let fields = spans.spans
    // Nearly every record passes the checks of the record as a whole and is read. The others are processed apart,
    // so that a record read holds no error text: releasing one, even none, took a call per row.
    guard issue == nil, fields.count == width,
      isValidUTF8(base, start: start, contentEnd: contentEnd, sharedFields: sharedFields, fields: fields)
    else {
      processUnreadableRecord(
        base, start: start, contentEnd: contentEnd, issue: issue, sharedFields: sharedFields, output: output)
      return
    }
    lastRecordIsUTF8 = true
    processReadableRecord(base, start: start, contentEnd: contentEnd, sharedFields: sharedFields, output: output)
  }

  /// A record with a CSV issue, a number of fields not the header's, or bytes that are not UTF-8: an error row.
  @inline(never)
  private func processUnreadableRecord(
    _ base: UnsafePointer<UInt8>, start: Int, contentEnd: Int, issue: CSVIssue?, sharedFields: Int,
    output: RoundOutput
  ) {
    let width = layout.columns.count
    let fields = spans.spans
    // Whether the bytes are UTF-8: not known for a record that fails a check before that one.
    lastRecordIsUTF8 = false
    let rowError: String
    if let issue {
      rowError = "\(issue.field.map(columnName) ?? "row"): \(issue.message(recordLimit: options.recordLimit))"
    } else if fields.count != width {
      rowError = "row: has \(fields.count) fields; the header has \(width)"
    } else {
      // Written as read, and an error: a value that is not UTF-8 is never passed on as if it had been read.
      let field = fields.firstIndex { span in
        !UTF8Check.isValid(UnsafeBufferPointer(start: base + span.start, count: span.end - span.start))
      }
      rowError = "\(field.map(columnName) ?? "row"): not UTF-8 text; save the file as UTF-8"
    }
    writeRecordAsRead(base, start: start, contentEnd: contentEnd, isRewritten: issue != nil, to: output.main)
    reader.load(base: base, spans: fields, sharedFields: sharedFields)
    startRow()
    sites.clearAll()
    finishRow(
      error: rowError, isFiltered: false, hasInput: false, unscoredBefore: output.summary.unscoredSites, base: base,
      start: start, contentEnd: contentEnd, output: output)
  }

  /// Processes a record that has the header's fields, as UTF-8: its values are read and scored.
  @inline(__always)
  private func processReadableRecord(
    _ base: UnsafePointer<UInt8>, start: Int, contentEnd: Int, sharedFields: Int, output: RoundOutput
  ) {
    writeRecordAsRead(base, start: start, contentEnd: contentEnd, isRewritten: false, to: output.main)
    reader.load(base: base, spans: spans.spans, sharedFields: sharedFields)
    // A row the map's row rules leave out is written and counted, and not read further.
    let isFiltered = !layout.rowFilters.isEmpty && reader.isFiltered()
    startRow()
    // One slot per site, each written below for every row.
    let sites = sites
    let unscoredBefore = output.summary.unscoredSites
    // Whether a site of the row was measured and scored (its input kept).
    var hasInput = false
    if !isFiltered {
      do throws(InputError) {
        let person = try reader.person()
        for site in 0..<sites.count {
          do throws(InputError) {
            // Each measurement is read into its slot and scored from it.
            switch try reader.measurement(site, person: person, into: &sites.inputs[site]) {
            case .notMeasured:
              sites.clear(site)
              continue
            case .notScored(let note, let code):
              // Not a measurement (no input): only its note is written.
              sites.isMeasured[site] = false
              sites.scores[site] = scorer.unscored(note: note, code: code)
              output.summary.unscoredSites += 1
              continue
            case .measured:
              do throws(InputError) {
                try scorer.score(at: sites.inputs + site, into: sites.scores + site)
                sites.isMeasured[site] = true
                hasInput = true
                count(site: site, in: output)
              } catch {
                let column = reader.columnName(ofCoreField: error.field, site: site, person: person)
                throw InputError(error.kind, field: column, error.message)
              }
            }
          } catch {
            // One bad inclusion flag fails its vertebra and the spine total: said once.
            let message = "\(error.field): \(error.message)"
            if !siteErrors.contains(message) { siteErrors.append(message) }
            sites.clear(site)
          }
        }
      } catch {
        // A row with no BMD value at any site measured nothing: its other fields do not matter.
        if reader.hasBMDValue() { siteErrors.append("\(error.field): \(error.message)") }
        sites.clearAll()
      }
    } else {
      sites.clearAll()
    }
    if siteErrors.isEmpty {
      finishRow(
        error: nil, isFiltered: isFiltered, hasInput: hasInput, unscoredBefore: unscoredBefore, base: base,
        start: start, contentEnd: contentEnd, output: output)
    } else {
      finishRow(
        error: siteErrors.joined(separator: "; "), isFiltered: isFiltered, hasInput: hasInput,
        unscoredBefore: unscoredBefore, base: base, start: start, contentEnd: contentEnd, output: output)
    }
  }

  /// Forgets the previous row's results before a row is read.
  @inline(__always)
  private func startRow() {
    scorer.startRow()
    if !compareScores.isEmpty { compareScores.removeAll(keepingCapacity: true) }
    if !siteErrors.isEmpty { siteErrors.removeAll(keepingCapacity: true) }
  }

  /// Counts the row by its outcome and writes its appended columns, its comparison and its scan's diagnosis.
  /// Inlined into each caller, so that a row without an error, the common one, holds no error text.
  @inline(__always)
  private func finishRow(
    error rowError: String?, isFiltered: Bool, hasInput: Bool, unscoredBefore: Int, base: UnsafePointer<UInt8>,
    start: Int, contentEnd: Int, output: RoundOutput
  ) {
    // A long row with an error has no scores: its one measurement failed.
    let isError = rowError != nil
    // A row with no BMD value at any of its sites measured nothing: "no-measurement", not "ok" (nor an error).
    // A site not scored for a reason (excluded) was measured.
    let isUnmeasured =
      !isError && !isFiltered && !hasInput && output.summary.unscoredSites == unscoredBefore
    let status: StaticBytes
    if isError {
      status = constants.error
      output.summary.errorRows += 1
      if output.summary.firstErrors.count < BatchSummary.listedErrorLimit, let rowError {
        output.summary.firstErrors.append(BatchSummary.ListedError(row: output.summary.rows, message: rowError))
      }
      if options.writesErrors, let rowError {
        var line = CSVText.field(rowError, neutralisingFormulas: options.neutralisesFormulas)
        line.append(CSVByte.comma)
        line += CSVText.field(
          bytes: UnsafeBufferPointer(start: base + start, count: contentEnd - start),
          neutralisingFormulas: options.neutralisesFormulas)
        line.append(CSVByte.newline)
        output.errorLines.append((output.summary.rows, line))
      }
    } else if isFiltered {
      status = constants.filtered
      output.summary.filteredRows += 1
    } else if isUnmeasured {
      status = constants.noMeasurement
      output.summary.noMeasurementRows += 1
    } else {
      status = constants.ok
      counts.pointee.okRows &+= 1
    }

    writeScores(to: output.main, error: rowError, status: status)

    if let compareScorer {
      compareRow(
        compareScorer, inputs: sites.measuredInputs, isError: isError, base: base, start: start, end: contentEnd,
        output: output)
    }
    if options.writesDiagnoses, !isFiltered {
      group(inputs: sites.measuredInputs, isError: isError, base: base, output: output)
    }
  }
}

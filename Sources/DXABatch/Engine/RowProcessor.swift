import DXACore

/// Scores the records of one piece of input and formats their output. One per worker; reused piece after piece.
final class RowProcessor {
  let layout: BatchLayout
  let options: BatchOptions
  private let reader: RowReader
  private let scorer: RowScorer
  private let compareScorer: RowScorer?
  private let spans = SpanBuffer()
  // One worker's own state: no dynamic exclusivity checks in the hot path.
  @exclusivity(unchecked) private var inputs: [MeasurementInput?] = []
  @exclusivity(unchecked) private var scores: [MeasurementScore?] = []
  @exclusivity(unchecked) private var compareScores: [MeasurementScore?] = []
  @exclusivity(unchecked) private var siteErrors: [String] = []
  @exclusivity(unchecked) private var decoded: [UInt8] = []
  /// Per site of the layout: whether it has device scores to reconcile.
  private let sitesReconcile: [Bool]
  private let reconciles: Bool
  /// Reconciliation counts of the current piece, by site and maker (``reconciliationSlot``).
  @exclusivity(unchecked) private var reconciliation: [BatchSummary.Reconciliation]

  init(layout: BatchLayout, setup: ScoringSetup, compare: ScoringSetup?, options: BatchOptions) {
    self.layout = layout
    self.options = options
    reader = RowReader(layout: layout)
    scorer = RowScorer(setup: setup)
    compareScorer = compare.map(RowScorer.init)
    sitesReconcile = layout.sites.map(\.hasDeviceScores)
    reconciles = layout.reconciles
    reconciliation = Array(repeating: BatchSummary.Reconciliation(), count: Site.allCases.count * 4)
  }

  private static let okBytes = Array("ok".utf8)
  private static let errorBytes = Array("error".utf8)

  private static func reconciliationSlot(_ site: Site, _ manufacturer: Manufacturer?) -> Int {
    caseIndex(site) * 4 + (manufacturer.map { caseIndex($0) + 1 } ?? 0)
  }

  /// Processes the complete records in `start..<end` (a region that starts at a record start).
  func process(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, into output: PieceOutput) {
    var position = start
    let engineBefore = scorer.engineCount
    while position < end {
      let record = RecordScanner.splitRecord(base, from: position, to: end, into: spans)
      defer { position = record.next }
      if spans.count == 1, spans[0].isEmpty, !record.isUnterminated {
        output.summary.blankLines += 1
        continue
      }
      output.summary.rows += 1
      processRecord(
        base, start: position, contentEnd: record.contentEnd, isUnterminated: record.isUnterminated, output: output)
    }
    output.summary.engineScored += scorer.engineCount - engineBefore
    for site in Site.allCases {
      for manufacturer in [nil] + Manufacturer.allCases.map(Optional.some) {
        let slot = Self.reconciliationSlot(site, manufacturer)
        let counts = reconciliation[slot]
        guard counts.tCompared + counts.zCompared > 0 else { continue }
        let key = BatchSummary.ReconciliationKey(site: site, manufacturer: manufacturer)
        output.summary.reconciliation[key, default: BatchSummary.Reconciliation()].merge(counts)
        reconciliation[slot] = BatchSummary.Reconciliation()
      }
    }
  }

  private func processRecord(
    _ base: UnsafePointer<UInt8>, start: Int, contentEnd: Int, isUnterminated: Bool, output: PieceOutput
  ) {
    let width = layout.columns.count
    var rowError: String?
    if isUnterminated {
      rowError =
        "\(layout.columns[min(spans.count, width) - 1]): a quoted field is not closed before the end of the input"
    } else if spans.count != width {
      rowError = "row: has \(spans.count) fields; the header has \(width)"
    }
    // The row as read, cut or padded to the header's width so every output row has the same columns.
    let main = output.main
    if isUnterminated || spans.count > width {
      for index in 0..<min(spans.count, width) {
        if index > 0 { main.append(CSVByte.comma) }
        RecordScanner.decode(spans[index], base, scratch: &decoded)
        main.append(CSVText.field(String(decoding: decoded, as: UTF8.self)))
      }
    } else {
      main.append(UnsafeBufferPointer(start: base + start, count: contentEnd - start))
    }
    for _ in min(spans.count, width)..<width { main.append(CSVByte.comma) }
    let rowStart = start
    reader.load(base: base, spans: spans.spans)

    scores.removeAll(keepingCapacity: true)
    compareScores.removeAll(keepingCapacity: true)
    siteErrors.removeAll(keepingCapacity: true)
    inputs.removeAll(keepingCapacity: true)
    if rowError == nil {
      do throws(InputError) {
        let person = try reader.person()
        for site in layout.sites.indices {
          do throws(InputError) {
            guard let input = try reader.measurement(site, person: person) else {
              inputs.append(nil)
              scores.append(nil)
              continue
            }
            do throws(InputError) {
              scores.append(try scorer.score(input))
              inputs.append(input)
            } catch {
              let column = reader.columnName(ofCoreField: error.field, site: site, person: person)
              throw InputError(error.kind, field: column, error.message)
            }
          } catch {
            siteErrors.append("\(error.field): \(error.message)")
            inputs.append(nil)
            scores.append(nil)
          }
        }
      } catch {
        siteErrors.append("\(error.field): \(error.message)")
        inputs.removeAll(keepingCapacity: true)
        scores.removeAll(keepingCapacity: true)
        for _ in layout.sites {
          inputs.append(nil)
          scores.append(nil)
        }
      }
      if !siteErrors.isEmpty { rowError = siteErrors.joined(separator: "; ") }
    } else {
      for _ in layout.sites {
        inputs.append(nil)
        scores.append(nil)
      }
    }
    // A long row with an error has no scores: its one measurement failed.
    let isError = rowError != nil
    if isError {
      output.summary.errorRows += 1
      if output.summary.firstErrors.count < BatchSummary.listedErrorLimit, let rowError {
        output.summary.firstErrors.append(BatchSummary.ListedError(row: output.summary.rows, message: rowError))
      }
      if options.writesErrors, let rowError {
        var line = CSVText.field(rowError)
        line.append(CSVByte.comma)
        line += CSVText.field(
          String(decoding: UnsafeBufferPointer(start: base + rowStart, count: contentEnd - rowStart), as: UTF8.self))
        line.append(CSVByte.newline)
        output.errorLines.append((output.summary.rows, line))
      }
    } else {
      output.summary.okRows += 1
    }

    writeScores(to: main, inputs: inputs, error: rowError)
    main.append(CSVByte.newline)

    for (index, score) in scores.enumerated() {
      guard let score, let input = inputs[index] else { continue }
      output.summary.measurements += 1
      output.summary.categories[BatchSummary.categoryIndex(score.category)] += 1
      if score.tTenths == nil { output.summary.withoutTScore += 1 }
      if score.zTenths == nil { output.summary.withoutZScore += 1 }
      if reconciles { reconcile(score, input) }
    }

    if let compareScorer {
      compareRow(
        compareScorer, inputs: inputs, isError: isError, base: base, start: rowStart, end: contentEnd, output: output)
    }
    if options.writesDiagnoses {
      group(inputs: inputs, isError: isError, base: base, output: output)
    }
  }

  // MARK: Output columns

  private func writeScores(to buffer: ByteBuffer, inputs: [MeasurementInput?], error: String?) {
    if layout.isWide {
      for index in layout.sites.indices {
        buffer.append(CSVByte.comma)
        writeBlock(scores[index], to: buffer)
        if sitesReconcile[index] { writeDifferences(scores[index], inputs[index], to: buffer) }
      }
      buffer.append(CSVByte.comma)
      buffer.append(error == nil ? Self.okBytes : Self.errorBytes)
      buffer.append(CSVByte.comma)
      if let error { buffer.appendField(error) }
    } else {
      let score = scores.first ?? nil
      buffer.append(CSVByte.comma)
      writeNumbers(score, to: buffer)
      buffer.append(CSVByte.comma)
      buffer.append(error == nil ? Self.okBytes : Self.errorBytes)
      buffer.append(CSVByte.comma)
      if let error { buffer.appendField(error) }
      buffer.append(CSVByte.comma)
      if let score { writeNote(score, to: buffer) }
      if reconciles { writeDifferences(score, inputs.first ?? nil, to: buffer) }
    }
  }

  /// `t_score,z_score,category,reference,note` of one measurement (all empty when there is none).
  private func writeBlock(_ score: MeasurementScore?, to buffer: ByteBuffer) {
    writeNumbers(score, to: buffer)
    buffer.append(CSVByte.comma)
    if let score { writeNote(score, to: buffer) }
  }

  /// `t_score,z_score,category,reference`.
  @inline(__always)
  private func writeNumbers(_ score: MeasurementScore?, to buffer: ByteBuffer) {
    guard let score else {
      buffer.append(CSVByte.comma)
      buffer.append(CSVByte.comma)
      buffer.append(CSVByte.comma)
      return
    }
    if let tenths = score.tTenths { buffer.appendTenths(tenths) }
    buffer.append(CSVByte.comma)
    if let tenths = score.zTenths { buffer.appendTenths(tenths) }
    buffer.append(CSVByte.comma)
    if let category = score.category { buffer.append(CategoryText.bytes(category)) }
    buffer.append(CSVByte.comma)
    switch score.text {
    case .template(let template, _): buffer.append(template.referenceField)
    case .computed(let reference, _): buffer.appendField(reference)
    }
  }

  @inline(__always)
  private func writeNote(_ score: MeasurementScore, to buffer: ByteBuffer) {
    switch score.text {
    case .template(let template, let age):
      template.writeNote(age: age, to: buffer)
    case .computed(_, let note):
      buffer.appendField(note)
    }
  }

  /// `,t_score_diff,z_score_diff`: recomputed minus device, exactly.
  private func writeDifferences(_ score: MeasurementScore?, _ input: MeasurementInput?, to buffer: ByteBuffer) {
    writeDifference(score?.tTenths, input?.deviceTScore, to: buffer)
    writeDifference(score?.zTenths, input?.deviceZScore, to: buffer)
  }

  @inline(__always)
  private func writeDifference(_ tenths: Int64?, _ device: ExactDecimal?, to buffer: ByteBuffer) {
    buffer.append(CSVByte.comma)
    guard let tenths, let device, let difference = Self.difference(tenths, device) else { return }
    buffer.appendDecimal(difference.significand, scale: difference.scale)
  }

  /// tenths/10 − device, exactly, with as many decimals as the longer of the two.
  static func difference(_ tenths: Int64, _ device: ExactDecimal) -> (significand: Int64, scale: Int)? {
    let scale = max(1, device.scale)
    guard scale <= 15 else { return nil }
    var power: Int64 = 1
    for _ in 0..<(scale - 1) { power *= 10 }
    var devicePower: Int64 = 1
    for _ in 0..<(scale - device.scale) { devicePower *= 10 }
    let (recomputed, overflowA) = tenths.multipliedReportingOverflow(by: power)
    let (given, overflowB) = device.significand.multipliedReportingOverflow(by: devicePower)
    let (difference, overflowC) = recomputed.subtractingReportingOverflow(given)
    guard !overflowA, !overflowB, !overflowC else { return nil }
    return (difference, scale)
  }

  private func reconcile(_ score: MeasurementScore, _ input: MeasurementInput) {
    guard input.deviceTScore != nil || input.deviceZScore != nil else { return }
    let slot = Self.reconciliationSlot(input.request.site, input.request.manufacturer)
    var counts = reconciliation[slot]
    if let tenths = score.tTenths, let device = input.deviceTScore, let difference = Self.difference(tenths, device) {
      counts.tCompared += 1
      let (over01, over02) = Self.exceeds(difference)
      if over01 { counts.tOver01 += 1 }
      if over02 { counts.tOver02 += 1 }
    }
    if let tenths = score.zTenths, let device = input.deviceZScore, let difference = Self.difference(tenths, device) {
      counts.zCompared += 1
      let (over01, over02) = Self.exceeds(difference)
      if over01 { counts.zOver01 += 1 }
      if over02 { counts.zOver02 += 1 }
    }
    reconciliation[slot] = counts
  }

  /// Whether |difference| > 0.1 and > 0.2.
  static func exceeds(_ difference: (significand: Int64, scale: Int)) -> (Bool, Bool) {
    var tenth: Int64 = 1
    for _ in 0..<(difference.scale - 1) { tenth *= 10 }
    let magnitude = difference.significand.magnitude
    return (magnitude > tenth.magnitude, magnitude > 2 * tenth.magnitude)
  }

  // MARK: Comparison

  private func compareRow(
    _ compareScorer: RowScorer, inputs: [MeasurementInput?], isError: Bool, base: UnsafePointer<UInt8>,
    start: Int, end: Int, output: PieceOutput
  ) {
    var changed = false
    compareScores.removeAll(keepingCapacity: true)
    for (index, input) in inputs.enumerated() {
      guard let input, let first = scores[index] else {
        compareScores.append(nil)
        if isError && !layout.isWide {
          output.summary.transitions[BatchSummary.errorSlot * BatchSummary.categorySlots + BatchSummary.errorSlot] += 1
        }
        continue
      }
      // The same request was valid under the first setup, and validation does not depend on the policy.
      let second = try? compareScorer.score(input)
      compareScores.append(second)
      let from = BatchSummary.categoryIndex(first.category)
      let to = second.map { BatchSummary.categoryIndex($0.category) } ?? BatchSummary.errorSlot
      output.summary.transitions[from * BatchSummary.categorySlots + to] += 1
      if first.tTenths != second?.tTenths || first.zTenths != second?.zTenths || first.category != second?.category {
        changed = true
      }
    }
    guard changed else { return }
    output.summary.changedRows += 1
    let buffer = output.changed
    buffer.append(UnsafeBufferPointer(start: base + start, count: end - start))
    for _ in spans.count..<max(spans.count, layout.columns.count) { buffer.append(CSVByte.comma) }
    for index in layout.sites.indices {
      buffer.append(CSVByte.comma)
      writeBlock(scores[index], to: buffer)
      buffer.append(CSVByte.comma)
      writeBlock(compareScores[index], to: buffer)
    }
    buffer.append(CSVByte.newline)
  }

  // MARK: Diagnoses

  private func group(
    inputs: [MeasurementInput?], isError: Bool, base: UnsafePointer<UInt8>, output: PieceOutput
  ) {
    var identity: [[UInt8]] = []
    for field in [BatchField.patientID, .scanID, .scanDate] {
      identity.append(reader.value(field).map(Array.init) ?? [])
    }
    var row = ScanGroup(identity: identity, rows: 1, errorRows: isError ? 1 : 0)
    for (index, input) in inputs.enumerated() {
      guard let input, let score = scores[index], let category = score.category,
        input.request.site.diagnosticUse == .diagnostic
      else { continue }
      let isTBasis = category == .normal || category == .lowBoneMass || category == .osteoporosis
      guard let tenths = isTBasis ? score.tTenths : score.zTenths else { continue }
      let side = reader.value(.side, site: index).map(Array.init) ?? []
      row.consider(
        ScanGroup.Candidate(
          isTBasis: isTBasis, tenths: tenths, category: category.rawValue, site: input.request.site.rawValue,
          side: side))
    }
    // Rows of one scan follow each other in the long layout: a row joins the scan before it when the identity
    // matches. A wide row is a scan of its own.
    if !layout.isWide, let last = output.scans.last, last.identity == row.identity {
      output.scans[output.scans.count - 1].merge(row)
    } else {
      output.scans.append(row)
    }
  }
}

/// Category names as output bytes.
enum CategoryText {
  private static let table: [[UInt8]] = Category.allCases.map { Array($0.rawValue.utf8) }

  @inline(__always)
  static func bytes(_ category: Category) -> [UInt8] {
    table[caseIndex(category)]
  }
}

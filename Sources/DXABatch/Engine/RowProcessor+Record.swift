import DXACSV

/// The input row as it goes out: the first columns of every output row.
extension RowProcessor {
  /// Writes the record at `start..<contentEnd` as read, cut or padded to the header's width so every output row has
  /// the same columns.
  ///
  /// The bytes are copied as they are, quotes and all, except: a row whose CSV is malformed (`isRewritten`) or
  /// that has more fields than the header is written field by field, each quoted as RFC 4180 asks, so a stray quote
  /// cannot shift the columns of the next program that reads the file; and a field that would start a spreadsheet
  /// formula is written with a leading `'` unless formulas are kept (``BatchOptions/neutralisesFormulas``).
  @inline(__always)
  func writeRecordAsRead(
    _ base: UnsafePointer<UInt8>, start: Int, contentEnd: Int, isRewritten: Bool, to buffer: ByteBuffer
  ) {
    let width = layout.columns.count
    // The spans as a plain buffer: reading the shared buffer's count from here took an exclusivity check per row.
    let fieldCount = spans.spans.count
    // Inline only the common case, a record copied whole: the call and frame cost as much as the copy.
    if isRewritten || fieldCount > width || holdsFormula(base) {
      writeRecordByField(base, rewritesAll: isRewritten || fieldCount > width, to: buffer)
      return
    }
    buffer.append(UnsafeBufferPointer(start: base + start, count: contentEnd &- start))
    if fieldCount < width { writeMissingFields(width &- fieldCount, to: buffer) }
  }

  /// The record field by field: each rewritten (`rewritesAll`), or only those that would start a formula.
  @inline(never)
  private func writeRecordByField(_ base: UnsafePointer<UInt8>, rewritesAll: Bool, to buffer: ByteBuffer) {
    let width = layout.columns.count
    let fields = spans.spans
    let written = min(fields.count, width)
    for index in 0..<written {
      if index > 0 { buffer.append(CSVByte.comma) }
      writeField(fields[index], base, rewrite: rewritesAll, to: buffer)
    }
    writeMissingFields(width - written, to: buffer)
  }

  /// The empty fields that pad a short record to the header's width.
  @inline(never)
  private func writeMissingFields(_ count: Int, to buffer: ByteBuffer) {
    for _ in 0..<count { buffer.append(CSVByte.comma) }
  }

  private func writeField(_ span: FieldSpan, _ base: UnsafePointer<UInt8>, rewrite: Bool, to buffer: ByteBuffer) {
    guard rewrite || startsFormula(span, base) else {
      buffer.append(UnsafeBufferPointer(start: base + span.start, count: span.end - span.start))
      return
    }
    span.decode(base, into: &decoded)
    buffer.append(CSVText.field(bytes: decoded, neutralisingFormulas: options.neutralisesFormulas))
  }

  @inline(__always)
  private func holdsFormula(_ base: UnsafePointer<UInt8>) -> Bool {
    options.neutralisesFormulas && spans.mayHoldFormula && spans.holdsFormula(in: base)
  }

  @inline(__always)
  private func startsFormula(_ span: FieldSpan, _ base: UnsafePointer<UInt8>) -> Bool {
    options.neutralisesFormulas
      && CSVText.startsFormula(
        UnsafeBufferPointer(start: base + span.valueStart, count: span.valueEnd - span.valueStart))
  }
}

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
  func writeRecordAsRead(
    _ base: UnsafePointer<UInt8>, start: Int, contentEnd: Int, isRewritten: Bool, to buffer: ByteBuffer
  ) {
    let width = layout.columns.count
    // The spans as a plain buffer: reading the shared buffer's count from here took an exclusivity check per row.
    let fields = spans.spans
    let written = min(fields.count, width)
    let rewritesAll = isRewritten || fields.count > width
    if rewritesAll || holdsFormula(base) {
      for index in 0..<written {
        if index > 0 { buffer.append(CSVByte.comma) }
        writeField(fields[index], base, rewrite: rewritesAll, to: buffer)
      }
    } else {
      buffer.append(UnsafeBufferPointer(start: base + start, count: contentEnd - start))
    }
    for _ in written..<width { buffer.append(CSVByte.comma) }
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

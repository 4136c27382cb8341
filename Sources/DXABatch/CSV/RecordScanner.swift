import Glibc

/// Finds records and fields in bytes, the way RFC 4180 reads them.
///
/// Quotes toggle a quoted section; a comma or a line feed inside one is data, and a doubled quote inside one is a
/// literal quote. A record ends at a line feed outside quotes; a carriage return before it belongs to the line end
/// (CRLF). Text that breaks the RFC (a quote in the middle of an unquoted field) is read with the same toggling
/// rule, so record boundaries never depend on where a file was cut: the parallel reader and the sequential one
/// always agree.
enum RecordScanner {
  /// The start of the first record that begins after `target`, for a buffer region that starts at a record start
  /// (`start`, outside quotes); nil when no record boundary lies in `target..<end`.
  ///
  /// - Complexity: O(end − start), with `memchr` doing the scanning.
  static func recordStart(after target: Int, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
    var position = start
    while true {
      // Outside quotes: the next quote, and any line feed between the target and that quote, decide.
      let nextQuote = find(CSVByte.quote, base, position, end)
      let searchFrom = max(position, target)
      let searchTo = nextQuote ?? end
      if searchFrom < searchTo, let newline = find(CSVByte.newline, base, searchFrom, searchTo) {
        return newline + 1
      }
      guard let openQuote = nextQuote else { return nil }
      // Inside quotes until the next quote (a doubled quote closes and reopens, which reads the same).
      guard let closeQuote = find(CSVByte.quote, base, openQuote + 1, end) else { return nil }
      position = closeQuote + 1
    }
  }

  /// Splits the record starting at `start` into `fields`; returns the end of its content (line end excluded) and the
  /// start of the next record. A record still in quotes at `end` runs to `end` and reports `isUnterminated`.
  static func splitRecord(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, into fields: SpanBuffer
  ) -> (contentEnd: Int, next: Int, isUnterminated: Bool) {
    fields.removeAll()
    var fieldStart = start
    var hasQuote = false
    var isQuoted = false
    var position = start
    while position < end {
      let byte = base[position]
      // Quote, comma and line feed are all at or below the comma in ASCII; most bytes of a row are above it.
      if byte > CSVByte.comma {
        position += 1
        continue
      }
      if byte == CSVByte.quote {
        isQuoted.toggle()
        hasQuote = true
      } else if !isQuoted {
        if byte == CSVByte.comma {
          fields.append(FieldSpan(start: fieldStart, end: position, hasQuote: hasQuote))
          fieldStart = position + 1
          hasQuote = false
        } else if byte == CSVByte.newline {
          var contentEnd = position
          if contentEnd > fieldStart, base[contentEnd - 1] == CSVByte.carriageReturn { contentEnd -= 1 }
          fields.append(FieldSpan(start: fieldStart, end: contentEnd, hasQuote: hasQuote))
          return (contentEnd, position + 1, false)
        }
      }
      position += 1
    }
    var contentEnd = end
    if !isQuoted, contentEnd > fieldStart, base[contentEnd - 1] == CSVByte.carriageReturn { contentEnd -= 1 }
    fields.append(FieldSpan(start: fieldStart, end: contentEnd, hasQuote: hasQuote))
    return (contentEnd, end, isQuoted)
  }

  /// The value of a field: its bytes with quoting removed, written to `scratch` when it needs decoding.
  static func decode(_ field: FieldSpan, _ base: UnsafePointer<UInt8>, scratch: inout [UInt8]) {
    scratch.removeAll(keepingCapacity: true)
    var isQuoted = false
    var position = field.start
    while position < field.end {
      let byte = base[position]
      if byte == CSVByte.quote {
        if isQuoted, position + 1 < field.end, base[position + 1] == CSVByte.quote {
          scratch.append(CSVByte.quote)
          position += 2
          continue
        }
        isQuoted.toggle()
      } else {
        scratch.append(byte)
      }
      position += 1
    }
  }

  private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
    guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }
}

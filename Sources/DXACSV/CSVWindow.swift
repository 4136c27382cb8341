import DXAPlatform

/// Bytes of CSV input that a scan may look at, `base[0..<count]`: a whole file, or the part of a stream in memory.
///
/// The rules (RFC 4180, bounded so that hostile input costs one row, never the file):
/// - A record ends at LF, CRLF or CR outside a quoted field.
/// - A field that starts with a quote is quoted when a closing quote follows within `recordLimit` bytes of the
///   opening one and is itself followed by a comma, a line end or the end of the input; inside it, commas and line
///   ends are data and `""` is a quote. Otherwise the opening quote is an ordinary character
///   (``CSVIssue/unclosedQuote(field:)``), and the record ends at its line end.
/// - Any other quote (`a"b`) is an ordinary character (``CSVIssue/strayQuote(field:)``).
/// - A record longer than `recordLimit` bytes is ``CSVIssue/tooLong``.
///
/// Every decision depends only on the bytes from a record's start, so the boundaries found by
/// ``RecordBoundaries`` (jumping with `memchr`) and by ``splitRecord(from:to:into:)`` (byte by byte) agree, and
/// a file cut anywhere into pieces reads the same as the whole.
package struct CSVWindow {
  package let base: UnsafePointer<UInt8>
  package let count: Int
  /// Whether the input ends at `count` (otherwise a decision that needs bytes past `count` waits for them).
  package let isEndOfInput: Bool
  package let recordLimit: Int

  package init(base: UnsafePointer<UInt8>, count: Int, isEndOfInput: Bool, recordLimit: Int) {
    self.base = base
    self.count = count
    self.isEndOfInput = isEndOfInput
    self.recordLimit = recordLimit
  }

  /// What the quote at `open`, at the start of a field, does.
  package enum QuoteDecision: Equatable {
    /// It opens a quoted field that closes at `close`.
    case closes(at: Int, hasEscapedQuotes: Bool)
    /// It is an ordinary character.
    case isLiteral
    /// The bytes that decide have not been read yet.
    case undecided
  }

  package func decideQuote(openingAt open: Int) -> QuoteDecision {
    let bound = open + 1 + recordLimit
    var search = open + 1
    var hasEscapedQuotes = false
    while true {
      guard let close = Bytes.firstIndex(of: CSVByte.quote, in: base, from: search, to: min(bound, count)) else {
        return bound <= count || isEndOfInput ? .isLiteral : .undecided
      }
      guard close + 1 < count else {
        return isEndOfInput ? .closes(at: close, hasEscapedQuotes: hasEscapedQuotes) : .undecided
      }
      let next = base[close + 1]
      if next == CSVByte.quote {
        hasEscapedQuotes = true
        search = close + 2
      } else {
        return CSVByte.isSeparator(next) ? .closes(at: close, hasEscapedQuotes: hasEscapedQuotes) : .isLiteral
      }
    }
  }

  /// The record at `start` (a record start) split into `fields`, within `start..<end` where `end` is a record
  /// boundary or the end of the input.
  package struct Record: Equatable {
    /// The end of its content, line end excluded.
    package var contentEnd: Int
    /// The start of the next record.
    package var next: Int
    /// The first thing wrong with its CSV, if any.
    package var issue: CSVIssue?
    /// How many leading fields, separators included, are byte for byte those of the previous record
    /// (``splitRecord(from:to:into:repeating:)``); 0 when not compared.
    package var sharedFields = 0
  }

  /// Splits the record at `start` into `fields`.
  ///
  /// - Complexity: O(record length): eight bytes per step outside quoted fields (with the commas among them), `memchr`
  ///   across quoted fields.
  package func splitRecord(from start: Int, to end: Int, into fields: SpanBuffer) -> Record {
    splitRecord(from: start, to: end, into: fields, repeating: nil)
  }

  /// Splits the record at `start` into `fields`, where `fields` holds the split of the record at `previous`, an
  /// earlier record of this window that had no issue (nil: no such record). Its leading fields whose bytes and
  /// comma the record repeats are kept, moved to this record, and the split resumes after them. `expected` is how
  /// many the caller expects (the last record that repeated some repeated that many): only a guess that saves
  /// counting them.
  ///
  /// Rows of one scan repeat their leading columns (patient, dates, maker, model): about half a row's bytes are then
  /// compared sixteen at a time instead of split. A record of another scan most often differs in its first word.
  ///
  /// Why a kept field is the field a split from scratch gives: the decisions that end a field depend only on the
  /// bytes from the record's start to its separator (a quote's, on those up to its closing quote and the byte after
  /// it, and the previous record had no issue, so every quote of it opened a field that closed before its
  /// separator); the same bytes at the same offsets decide the same. After a kept comma the splitter is where it is
  /// after any comma: at the start of an unquoted field, with no issue.
  package func splitRecord(
    from start: Int, to end: Int, into fields: SpanBuffer, repeating previous: Int?, expected: Int = 0
  ) -> Record {
    var kept = 0
    if let previous, fields.count >= 2 {
      // A record of another scan most often differs in its first field: then it keeps none.
      let difference = start &+ 8 <= end ? word(at: start) ^ word(at: previous) : 0
      if difference == 0 || previous &+ difference.trailingZeroBitCount &>> 3 > fields.base[0].end {
        // Most often exactly the expected fields: their bytes and comma the same, the byte after them not.
        let spans = fields.base
        let length = expected > 0 && expected < fields.count ? spans[expected &- 1].end &+ 1 &- previous : 0
        if length >= 16, length < end &- start, base[previous &+ length] != base[start &+ length],
          isSame(previous, start, length: length)
        {
          kept = expected
          Self.shift(spans, count: kept, by: start &- previous)
        } else {
          kept = keepFields(of: previous, repeatedAt: start, to: end, in: fields, expecting: expected)
        }
      }
    }
    var writer = SpanBuffer.Writer(fields, keeping: kept)
    var fieldStart = kept == 0 ? start : fields.base[kept &- 1].end &+ 1
    // Most records: whole words to the line feed that ends them, all in this function (no quote, so no issue).
    let stop = scanWords(from: fieldStart, to: end, fieldStart: &fieldStart, into: &writer)
    if stop < end, base[stop] == CSVByte.newline {
      writer.append(
        FieldSpan(start: fieldStart, end: stop), mayStartFormula: mayStartFormula(unquotedFrom: fieldStart, to: stop))
      writer.finish()
      return Record(
        contentEnd: stop, next: stop &+ 1, issue: stop &- start > recordLimit ? .tooLong : nil, sharedFields: kept)
    }
    var record = split(from: start, to: end, into: writer, fieldStart: fieldStart, at: stop)
    record.sharedFields = kept
    return record
  }

  /// Keeps the leading fields of the record at `previous` (split in `fields`) that the record at `start` repeats,
  /// moved to it, and returns how many (``keptFields(of:repeatedAt:to:in:expecting:)``). A function of its own: the
  /// word scan is then inlined into the split.
  @inline(never)
  private func keepFields(
    of previous: Int, repeatedAt start: Int, to end: Int, in fields: SpanBuffer, expecting expected: Int
  ) -> Int {
    let kept = keptFields(of: previous, repeatedAt: start, to: end, in: fields, expecting: expected)
    if kept > 0 { Self.shift(fields.base, count: kept, by: start &- previous) }
    return kept
  }

  /// Moves the first `count` fields of `spans`, at least one, by `shift` bytes.
  @inline(__always)
  private static func shift(_ spans: UnsafeMutablePointer<FieldSpan>, count: Int, by shift: Int) {
    var span = spans
    let last = spans + count
    repeat {
      span.pointee.valueStart &+= shift
      span.pointee.valueEnd &+= shift
      span += 1
    } while span < last
  }

  /// How many leading fields of the record at `previous` (split in `fields`) the record at `start` repeats, byte for
  /// byte up to and including the comma after each (never the previous record's last field). `expected` is a guess
  /// (how many the last record that repeated some repeated): those are compared at once, and when the byte after them
  /// differs, as it most often does, nothing is counted.
  @inline(__always)
  private func keptFields(
    of previous: Int, repeatedAt start: Int, to end: Int, in fields: SpanBuffer, expecting expected: Int
  ) -> Int {
    let spans = fields.base
    let count = fields.count
    guard count >= 2 else { return 0 }
    // Up to the previous record's last comma (the end of its next-to-last field), and within this record's bytes.
    let limit = min(spans[count &- 2].end &+ 1 &- previous, end &- start)
    var same = 0
    var kept = 1
    if expected > 0, expected < count {
      let length = spans[expected &- 1].end &+ 1 &- previous
      if length >= 16, length <= limit, isSame(previous, start, length: length) {
        guard length < limit, base[previous &+ length] == base[start &+ length] else { return expected }
        same = length
        kept = expected
      }
    }
    same = sameLength(previous, start, from: same, limit: limit)
    // The fields whose separator is among the bytes that are the same: a prefix of the fields, as their ends rise.
    let bound = previous &+ same
    guard bound > spans[0].end else { return 0 }
    while kept < count &- 1, spans[kept].end < bound { kept &+= 1 }
    return kept
  }

  /// Whether the `length` bytes at `first` and at `second` are the same, `length` at least 16: two words a step, the
  /// last step ending at `length`.
  @inline(__always)
  private func isSame(_ first: Int, _ second: Int, length: Int) -> Bool {
    var offset = 0
    while offset &+ 16 < length {
      let low = word(at: first &+ offset) ^ word(at: second &+ offset)
      let high = word(at: first &+ offset &+ 8) ^ word(at: second &+ offset &+ 8)
      guard low | high == 0 else { return false }
      offset &+= 16
    }
    offset = length &- 16
    let low = word(at: first &+ offset) ^ word(at: second &+ offset)
    let high = word(at: first &+ offset &+ 8) ^ word(at: second &+ offset &+ 8)
    return low | high == 0
  }

  /// How many leading bytes, at least `known` (known to be the same) and at most `limit`, the records at `first` and
  /// `second` have in common: two words a step, then a word, then byte by byte.
  @inline(__always)
  private func sameLength(_ first: Int, _ second: Int, from known: Int, limit: Int) -> Int {
    var same = known
    while same &+ 16 <= limit {
      let low = word(at: first &+ same) ^ word(at: second &+ same)
      let high = word(at: first &+ same &+ 8) ^ word(at: second &+ same &+ 8)
      if low | high != 0 {
        return same &+ (low != 0 ? low.trailingZeroBitCount : 64 &+ high.trailingZeroBitCount) &>> 3
      }
      same &+= 16
    }
    if same &+ 8 <= limit {
      let difference = word(at: first &+ same) ^ word(at: second &+ same)
      if difference != 0 { return same &+ difference.trailingZeroBitCount &>> 3 }
      same &+= 8
    }
    while same < limit, base[first &+ same] == base[second &+ same] { same &+= 1 }
    return same
  }

  /// The eight bytes at `position`, little-end first.
  @inline(__always)
  private func word(at position: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
  }

  /// Splits the rest of the record at `start` from `stop`, where the word scan stopped (a quote, a CR or the last
  /// partial word), in the field that starts at `fieldStart` (unquoted, with no issue before it), with the fields
  /// before it in `writer`.
  @inline(never)
  private func split(
    from start: Int, to end: Int, into writer: SpanBuffer.Writer, fieldStart resume: Int, at stop: Int
  ) -> Record {
    var fields = writer
    defer { fields.finish() }
    var fieldStart = resume
    var isQuoted = false
    var hasEscapedQuotes = false
    var issue: CSVIssue?
    var position = stop
    while position < end {
      // Outside quoted fields, whole words at a time (the separator after a closing quote is taken byte by byte, so
      // every field ended there is unquoted).
      if !isQuoted {
        position = scanWords(from: position, to: end, fieldStart: &fieldStart, into: &fields)
        guard position < end else { break }
      }
      let byte = base[position]
      if byte > CSVByte.comma {
        position += 1
        continue
      }
      if byte == CSVByte.comma {
        append(fieldStart, position, isQuoted, hasEscapedQuotes, to: &fields)
        fieldStart = position + 1
        isQuoted = false
        hasEscapedQuotes = false
      } else if byte == CSVByte.newline || byte == CSVByte.carriageReturn {
        append(fieldStart, position, isQuoted, hasEscapedQuotes, to: &fields)
        var next = position + 1
        if byte == CSVByte.carriageReturn, next < end, base[next] == CSVByte.newline { next += 1 }
        return finished(start: start, contentEnd: position, next: next, issue: issue)
      } else if byte == CSVByte.quote {
        if position == fieldStart, case .closes(let close, let escaped) = decideQuote(openingAt: position) {
          isQuoted = true
          hasEscapedQuotes = escaped
          position = close + 1
          continue
        }
        if issue == nil {
          issue = position == fieldStart ? .unclosedQuote(field: fields.count) : .strayQuote(field: fields.count)
        }
      }
      position += 1
    }
    fields.append(
      FieldSpan(start: fieldStart, end: end, isQuoted: isQuoted, hasEscapedQuotes: hasEscapedQuotes),
      mayStartFormula: isQuoted || (fieldStart < end && mayStartFormula(unquotedFrom: fieldStart, to: end)))
    return finished(start: start, contentEnd: end, next: end, issue: issue)
  }

  /// Splits whole words from `position` while they hold no quote or line end, and returns where the byte-by-byte
  /// scan goes on: at the first quote or line end, or at the last, partial word. Every field it ends is unquoted.
  ///
  /// Quote, comma and line ends are all below `-` in ASCII; most bytes of a row are above it. A subtraction flags
  /// every byte below 0x2D of the word (its result wraps to 0xD2 or more), and perhaps others (a `-` after a flagged
  /// byte, through the borrow, and bytes from 0xAD up): each flagged byte is looked at. Inlined into the split (callgrind: its own function cost an entry and an exit, the
  /// writer stored and loaded, per record).
  @inline(__always)
  private func scanWords(
    from start: Int, to end: Int, fieldStart: inout Int, into fields: inout SpanBuffer.Writer
  ) -> Int {
    var writer = fields
    var current = fieldStart
    defer {
      fields = writer
      fieldStart = current
    }
    var position = start
    while true {
      // At most one field ends per byte: a round of no more bytes than there are free slots checks no capacity.
      writer.reserve(Self.roundBytes)
      // The last word start of the round.
      let lastWord = min(end, position &+ Self.roundBytes) &- 8
      while position <= lastWord {
        let word = word(at: position)
        // Also flags the bytes from 0xAD up (no `& ~word`: one step less a word), which are looked at and passed over:
        // UTF-8 outside ASCII, rare in these files.
        var flags = (word &- 0x2D2D_2D2D_2D2D_2D2D) & 0x8080_8080_8080_8080
        while flags != 0 {
          let at = position &+ (flags.trailingZeroBitCount >> 3)
          flags &= flags &- 1
          let byte = base[at]
          if byte == CSVByte.comma {
            writer.appendReserved(
              FieldSpan(start: current, end: at), mayStartFormula: mayStartFormula(unquotedFrom: current, to: at))
            current = at &+ 1
          } else if Self.isQuoteOrLineEnd(byte) {
            return at
          }
        }
        position &+= 8
      }
      guard position &+ 8 <= end else { return position }
    }
  }

  /// The free field slots ``scanWords(from:to:fieldStart:into:)`` makes before a round: most records fit in one.
  private static var roundBytes: Int { 256 }

  /// A quote, LF or CR: one shift of a constant with bits 0x0A, 0x0D and 0x22 set.
  @inline(__always)
  private static func isQuoteOrLineEnd(_ byte: UInt8) -> Bool {
    byte < 64 && (0x4_0000_2400 as UInt64) >> UInt64(byte) & 1 != 0
  }

  /// Appends the field at `fieldStart..<separator`, where `base[separator]` is its comma or line end.
  @inline(__always)
  private func append(
    _ fieldStart: Int, _ separator: Int, _ isQuoted: Bool, _ hasEscapedQuotes: Bool, to fields: inout SpanBuffer.Writer
  ) {
    // A quoted value may start with anything; an unquoted one's first byte is at or before the separator.
    fields.append(
      FieldSpan(start: fieldStart, end: separator, isQuoted: isQuoted, hasEscapedQuotes: hasEscapedQuotes),
      mayStartFormula: isQuoted || mayStartFormula(unquotedFrom: fieldStart, to: separator))
  }

  /// Whether the unquoted field at `start..<end` (`base[start]` readable: its first byte, or its separator) may start
  /// a formula: its first byte may (``CSVText/mayStartFormula(_:)``), and it is not a sign and a plain number.
  ///
  /// A device score such as `-2.8` starts with a sign; ``CSVText/startsFormula(_:)`` rules such a value out by the
  /// same test (``CSVText/isPlainNumber(from:to:)`` on the bytes after the sign). Made here, while the field is at
  /// hand, it leaves most records with no field to look at again (callgrind: the closer look cost ~79 instructions
  /// a row).
  @inline(__always)
  private func mayStartFormula(unquotedFrom start: Int, to end: Int) -> Bool {
    let first = base[start]
    guard CSVText.mayStartFormula(first) else { return false }
    guard first == UInt8(ascii: "-") || first == UInt8(ascii: "+") else { return true }
    // A device score's usual shape, `-d.d`, at once: bytes 1 and 3 digits and byte 2 a point, in one 32-bit word.
    if end &- start == 4 {
      let shape = UInt32(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt32.self)) ^ 0x302E_3000
      // Bytes 1 and 3 at most 0x0F and byte 2 zero, then bytes 1 and 3 below 10 (adding 6 sets no bit 4).
      if shape & 0xF0FF_F000 | (shape &+ 0x0600_0600) & 0x1000_1000 == 0 { return false }
    }
    return !CSVText.isPlainNumber(from: base + (start &+ 1), to: base + end)
  }

  @inline(__always)
  private func finished(start: Int, contentEnd: Int, next: Int, issue: CSVIssue?) -> Record {
    Record(contentEnd: contentEnd, next: next, issue: contentEnd - start > recordLimit ? .tooLong : issue)
  }
}

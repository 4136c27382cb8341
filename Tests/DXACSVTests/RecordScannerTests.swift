import DXASynthetic
import Testing

@testable import DXACSV

@Suite("The CSV scanner: RFC 4180, with stray quotes bounded to their row")
struct RecordScannerTests {
  @Test(
    "well-formed records",
    arguments: [
      ("a,b,c\n", [["a", "b", "c"]]),
      ("\"a, b\",c\n", [["a, b", "c"]]),
      ("\"say \"\"hi\"\"\",x\n", [["say \"hi\"", "x"]]),
      ("\"two\nlines\",x\n", [["two\nlines", "x"]]),
      ("\"\",x\n", [["", "x"]]),
      ("a,b", [["a", "b"]]),
      ("a,\n", [["a", ""]]),
      ("\n", [[""]]),
    ])
  func wellFormed(text: String, fields: [[String]]) {
    #expect(scan(text).records == fields.map { ScannedRecord(fields: $0, issue: nil) })
  }

  @Test("LF, CRLF and CR all end records, and may be mixed")
  func lineEnds() {
    #expect(scan("a,b\nc,d\n").records.map(\.fields) == [["a", "b"], ["c", "d"]])
    #expect(scan("a,b\r\nc,d\r\n").records.map(\.fields) == [["a", "b"], ["c", "d"]])
    #expect(scan("a,b\rc,d\r").records.map(\.fields) == [["a", "b"], ["c", "d"]])
    #expect(scan("a\rb\r\nc\nd").records.map(\.fields) == [["a"], ["b"], ["c"], ["d"]])
    // CR CR LF is a record and an empty line, as a spreadsheet shows it.
    #expect(scan("a\r\r\nb").records.map(\.fields) == [["a"], [""], ["b"]])
  }

  @Test("a quote inside an unquoted field is a character, and the row an error: fields split as pandas splits them")
  func strayQuote() {
    #expect(
      scan("a\"b,c\"d\nx,y\n").records == [
        ScannedRecord(fields: ["a\"b", "c\"d"], issue: .strayQuote(field: 0)),
        ScannedRecord(fields: ["x", "y"], issue: nil),
      ])
  }

  @Test("a quote that opens a field but never closes costs its own line, not the rest of the file")
  func unclosedQuote() {
    let text = "p1,\"oops,0.9\np2,female,0.8\np3,\"x, y\",0.7\n"
    #expect(
      scan(text).records == [
        ScannedRecord(fields: ["p1", "\"oops", "0.9"], issue: .unclosedQuote(field: 1)),
        ScannedRecord(fields: ["p2", "female", "0.8"], issue: nil),
        ScannedRecord(fields: ["p3", "x, y", "0.7"], issue: nil),
      ])
  }

  @Test("a closing quote must be followed by a comma, a line end or the end: otherwise the opening one is a character")
  func textAfterClosingQuote() {
    // `"x"y`: the quote at 0 does not open a field, so the quote at 2 is a stray one: one field, as written.
    #expect(scan("\"x\"y,1\n").records == [ScannedRecord(fields: ["\"x\"y", "1"], issue: .unclosedQuote(field: 0))])
    // The stray quote of line 1 would pair with the opening quote of line 2 (followed by `a`): refused, so each
    // line stays a record.
    #expect(
      scan("1,\"x\n2,\"a, b\"\n").records == [
        ScannedRecord(fields: ["1", "\"x"], issue: .unclosedQuote(field: 1)),
        ScannedRecord(fields: ["2", "a, b"], issue: nil),
      ])
  }

  @Test("a quoted field must close within the record limit; a longer record is too long")
  func limits() {
    let longField = "\"" + String(repeating: "x", count: 20) + "\",y\n"
    #expect(scan(longField, recordLimit: 30).records.first?.issue == nil)
    // The closing quote is 21 bytes after the opening one: beyond a limit of 16, so the quote is a character.
    let bounded = scan(longField, recordLimit: 16).records
    #expect(bounded.count == 1)
    #expect(bounded.first?.issue == .tooLong)
    #expect(scan("\"ab\ncd\",e\nf\n", recordLimit: 4).records.map(\.fields) == [["\"ab"], ["cd\"", "e"], ["f"]])
    #expect(scan(String(repeating: "a", count: 17) + "\nb\n", recordLimit: 16).records.map(\.issue) == [.tooLong, nil])
    #expect(scan(String(repeating: "a", count: 16) + "\n", recordLimit: 16).records.first?.issue == nil)
  }

  @Test("messages name no value")
  func messages() {
    #expect(
      CSVIssue.strayQuote(field: 2).message(recordLimit: 1 << 20)
        == "a quote inside an unquoted field; quote the whole field and double its quotes (\"\")")
    #expect(
      CSVIssue.unclosedQuote(field: 0).message(recordLimit: 1 << 20)
        == "a quoted field is not closed (no closing quote followed by a comma or a line end within 1,048,576 "
        + "bytes); the record was read to the end of its line")
    #expect(
      CSVIssue.tooLong.message(recordLimit: 1 << 20)
        == "the record is longer than 1,048,576 bytes; it was not read")
  }

  /// Inputs made of the bytes that matter: every mix of quotes, commas and line ends.
  static func hostileInputs(count: Int, seed: UInt64) -> [[UInt8]] {
    var generator = SplitMix64(seed: seed)
    let alphabet: [UInt8] = Array("a,\"\n\r".utf8) + [UInt8(ascii: "\"")]
    return (0..<count).map { _ in
      let length = Int.random(in: 0...40, using: &generator)
      return (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
    }
  }

  @Test("the boundary finder agrees with the splitter on every record of 4,000 hostile inputs")
  func boundariesAgree() {
    for bytes in Self.hostileInputs(count: 4_000, seed: 20_260_101) {
      for limit in [4, 8, 64] {
        let expected = scan(bytes, recordLimit: limit).starts
        var found: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
          guard let base = buffer.baseAddress else { return }
          let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: limit)
          var boundaries = RecordBoundaries(window)
          var position = 0
          while position < buffer.count {
            guard case .recordStart(let next) = boundaries.recordStart(after: position, from: position) else {
              found.append(buffer.count)
              break
            }
            found.append(next)
            position = next
          }
          // Jumping straight to any target finds the first record start after it.
          // (A last record without a line end has no record after it: the end of the input.)
          let isTerminated = scan(bytes, recordLimit: limit).isLastTerminated
          for target in 0..<buffer.count {
            var fresh = RecordBoundaries(window)
            let jump = fresh.recordStart(after: target, from: 0)
            let first = expected.first { $0 > target && ($0 < buffer.count || isTerminated) }
            #expect(jump == (first.map { .recordStart($0) } ?? .endOfInput), "\(bytes) target \(target)")
          }
        }
        #expect(found == expected, "\(bytes) limit \(limit)")
      }
    }
  }

  /// The splitter's rules one byte at a time, without its eight-byte steps: what ``CSVWindow/splitRecord`` gives.
  static func referenceSplit(_ window: CSVWindow, from start: Int, to end: Int) -> ([FieldSpan], CSVWindow.Record) {
    var fields: [FieldSpan] = []
    var fieldStart = start
    var isQuoted = false
    var hasEscapedQuotes = false
    var issue: CSVIssue?
    var position = start
    func record(_ contentEnd: Int, _ next: Int) -> CSVWindow.Record {
      CSVWindow.Record(
        contentEnd: contentEnd, next: next, issue: contentEnd - start > window.recordLimit ? .tooLong : issue)
    }
    while position < end {
      let byte = window.base[position]
      if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        fields.append(
          FieldSpan(start: fieldStart, end: position, isQuoted: isQuoted, hasEscapedQuotes: hasEscapedQuotes))
        if byte != UInt8(ascii: ",") {
          var next = position + 1
          if byte == UInt8(ascii: "\r"), next < end, window.base[next] == UInt8(ascii: "\n") { next += 1 }
          return (fields, record(position, next))
        }
        fieldStart = position + 1
        isQuoted = false
        hasEscapedQuotes = false
      } else if byte == UInt8(ascii: "\"") {
        if position == fieldStart, case .closes(let close, let escaped) = window.decideQuote(openingAt: position) {
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
    fields.append(FieldSpan(start: fieldStart, end: end, isQuoted: isQuoted, hasEscapedQuotes: hasEscapedQuotes))
    return (fields, record(end, end))
  }

  @Test("the splitter gives the fields and issues of the byte-by-byte rules on 4,000 inputs of special bytes")
  func splitterMatchesByteByByteRules() {
    // Bytes below the comma (space, '!', '+') and just above it ('-', '.') test the eight-byte steps' flags; '=',
    // '@', tab, '+' and '-' the formula marks.
    let alphabet = Array("a0,,\"\"\n\r !+-.=@\t".utf8)
    var generator = SplitMix64(seed: 20_261_202)
    for _ in 0..<4_000 {
      let length = Int.random(in: 0...80, using: &generator)
      let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
      bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for limit in [6, 64] {
          let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: limit)
          let spans = SpanBuffer()
          var position = 0
          while position < buffer.count {
            let record = window.splitRecord(from: position, to: buffer.count, into: spans)
            let (fields, expected) = Self.referenceSplit(window, from: position, to: buffer.count)
            #expect(Array(spans.spans) == fields, "\(bytes) at \(position)")
            #expect(record == expected, "\(bytes) at \(position)")
            #expect(spans.holdsFormula(in: base) == Self.holdsFormula(fields, base), "\(bytes) at \(position)")
            position = max(record.next, position + 1)
          }
        }
      }
    }
  }

  @Test("signed numbers: the splitter's marks leave out only fields the closer look rules out, on 4,000 inputs")
  func signedNumbersMarkedAsTheCloserLookDecides() {
    // Signs, digits and points, so that many fields are plain signed numbers (`-2.8`) and many are nearly so (`-2.`,
    // `-.5`, `--1`, `-2.8-`); a quote makes a few fields quoted.
    let alphabet = Array("-+0.9.,,\n=a\"".utf8)
    var generator = SplitMix64(seed: 20_261_203)
    for _ in 0..<4_000 {
      let length = Int.random(in: 0...40, using: &generator)
      let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
      Self.checkSplit(bytes)
      bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: 64)
        let spans = SpanBuffer()
        var position = 0
        while position < buffer.count {
          let record = window.splitRecord(from: position, to: buffer.count, into: spans)
          // A clear mark only for a field whose value does not start a formula.
          for (index, span) in spans.spans.enumerated() where spans.formulaCandidates >> UInt64(index % 64) & 1 == 0 {
            let value = UnsafeBufferPointer(start: base + span.valueStart, count: span.valueEnd - span.valueStart)
            #expect(!CSVText.startsFormula(value), "\(bytes) at \(position), field \(index)")
          }
          position = max(record.next, position + 1)
        }
      }
    }
  }

  @Test("a row's device scores such as -2.8 leave no field to look at again; a sign before anything else does")
  func deviceScoresNotMarked() {
    let rows: [(String, Bool)] = [
      ("a,-2.8,-1.9\n", false), ("a,+1,-0.050\n", false), ("a,-12,3\n", false), ("a,-2.,1\n", true),
      ("a,-.5\n", true), ("-1+1,b\n", true), ("a,-\n", true), ("a,-2.8e1\n", true), ("a,\"-2.8\"\n", true),
      // Four bytes, the shape `-d.d` read at once, and its near misses.
      ("a,+0.0,-9.9\n", false), ("a,-2.8", false), ("-2.8,a\n", false), ("a,-2..\n", true), ("a,-2.a\n", true),
      ("a,-a.8\n", true), ("a,-2,8\n", false), ("a,-2-8\n", true), ("a,-/.8\n", true), ("a,-:.8\n", true),
      ("a,-2.:\n", true), ("a,-2./\n", true), ("a,--2.8\n", true), ("a,-2.88\n", false), ("a,-22.8\n", false),
    ]
    for (row, marked) in rows {
      let bytes = Array(row.utf8)
      bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: 64)
        let spans = SpanBuffer()
        _ = window.splitRecord(from: 0, to: buffer.count, into: spans)
        #expect((spans.formulaCandidates != 0) == marked, "\(row)")
      }
    }
  }

  /// Whether any field's value starts a formula, field by field.
  static func holdsFormula(_ fields: [FieldSpan], _ base: UnsafePointer<UInt8>) -> Bool {
    fields.contains { span in
      CSVText.startsFormula(UnsafeBufferPointer(start: base + span.valueStart, count: span.valueEnd - span.valueStart))
    }
  }

  /// Splits `bytes` record by record and checks every record against the byte-by-byte rules.
  static func checkSplit(_ bytes: [UInt8], limit: Int = 64) {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: limit)
      let spans = SpanBuffer(capacity: 2)
      var position = 0
      while position < buffer.count {
        let record = window.splitRecord(from: position, to: buffer.count, into: spans)
        let (fields, expected) = referenceSplit(window, from: position, to: buffer.count)
        #expect(Array(spans.spans) == fields, "\(bytes) at \(position)")
        #expect(record == expected, "\(bytes) at \(position)")
        #expect(spans.holdsFormula(in: base) == holdsFormula(fields, base), "\(bytes) at \(position)")
        position = max(record.next, position + 1)
      }
    }
  }

  @Test("a quote, CR, LF, CRLF or comma at every offset of the eight-byte steps splits as the byte-by-byte rules")
  func everyOffsetInAWord() {
    let specials: [[UInt8]] = [
      Array("\"".utf8), Array("\r".utf8), Array("\n".utf8), Array("\r\n".utf8), Array(",".utf8), Array("\"\"".utf8),
      Array(",\"".utf8), Array("\",".utf8), Array(",-".utf8), Array(" ".utf8),
    ]
    for special in specials {
      for offset in 0..<26 {
        for length in [offset + special.count, offset + special.count + 1, 34] where length >= offset + special.count {
          for filler in [UInt8(ascii: "a"), UInt8(ascii: ",")] {
            var bytes = [UInt8](repeating: filler, count: length)
            bytes.replaceSubrange(offset..<offset + special.count, with: special)
            Self.checkSplit(bytes)
            // And after a quoted field, whose separator the splitter takes byte by byte.
            Self.checkSplit(Array("\"q,q\",".utf8) + bytes)
          }
        }
      }
    }
  }

  @Test("bytes from 0xAD up, which the eight-byte steps flag and pass over, split as the byte-by-byte rules")
  func bytesAboveASCII() {
    // UTF-8 (`é` is C3 A9), the bytes either side of 0xAD, and 0xFF, among commas, quotes, line ends and signs.
    let alphabet: [UInt8] = [0xC3, 0xA9, 0xAC, 0xAD, 0xFF, 0x80] + Array("a,,\"\n\r-2.8".utf8)
    var generator = SplitMix64(seed: 20_261_204)
    for _ in 0..<4_000 {
      let length = Int.random(in: 0...60, using: &generator)
      Self.checkSplit((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 })
    }
    // A comma, quote or line end at every offset of a word of such bytes.
    for filler: UInt8 in [0xAD, 0xC3, 0xFF] {
      for special in [",", "\"", "\n", "\r\n", ",-"] {
        for offset in 0..<18 {
          var bytes = [UInt8](repeating: filler, count: 24)
          bytes.replaceSubrange(offset..<offset + special.utf8.count, with: Array(special.utf8))
          Self.checkSplit(bytes)
        }
      }
    }
  }

  @Test("every first byte of a field, at every field up to the 70th, quoted or not: formulas found as field by field")
  func formulaMarksEveryFirstByte() {
    for byte in 0...255 where byte != Int(UInt8(ascii: ",")) {
      for index in [0, 1, 7, 8, 9, 62, 63, 64, 65, 69] {
        for isQuoted in [false, true] {
          var fields = [[UInt8]](repeating: Array("x".utf8), count: 70)
          fields[index] = [UInt8(byte)] + Array("2.5".utf8)
          if isQuoted { fields[index] = [CSVByte.quote] + fields[index] + [CSVByte.quote] }
          var bytes = Array(fields.joined(separator: [CSVByte.comma]))
          bytes.append(CSVByte.newline)
          Self.checkSplit(bytes)
          // A field whose whole value is that byte, last in its record with and without a line end.
          Self.checkSplit(Array("a,b,".utf8) + [UInt8(byte)])
          Self.checkSplit(Array("a,b,".utf8) + [UInt8(byte), CSVByte.newline])
        }
      }
    }
  }

  @Test("a boundary found in part of the input is the one the whole input has, and an undecided one is safe")
  func streamingAgrees() {
    for bytes in Self.hostileInputs(count: 2_000, seed: 7) {
      let limit = 6
      let whole = Set(scan(bytes, recordLimit: limit).starts)
      bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for prefix in 0...buffer.count {
          let window = CSVWindow(base: base, count: prefix, isEndOfInput: false, recordLimit: limit)
          var boundaries = RecordBoundaries(window)
          switch boundaries.recordStart(after: 0, from: 0) {
          case .recordStart(let start): #expect(whole.contains(start), "\(bytes) prefix \(prefix)")
          case .undecided(let position, _): #expect(position <= prefix)
          case .endOfInput: Issue.record("the end of a part is not the end of the input")
          }
        }
      }
    }
  }
}

import DXASynthetic
import Testing

@testable import DXACSV

@Suite("Splitting a record that repeats the previous record's leading fields")
struct RepeatedFieldsTests {
  /// Splits `bytes` record by record as the batch does (each record after one without an issue reuses the fields it
  /// repeats) and checks every record against the byte-by-byte rules: fields, bounds, issue and formula marks; and
  /// that the fields it says it shares are the previous record's, byte for byte.
  static func checkRepeatingSplit(_ bytes: [UInt8], limit: Int) -> Int {
    var sharedTotal = 0
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let window = CSVWindow(base: base, count: buffer.count, isEndOfInput: true, recordLimit: limit)
      let spans = SpanBuffer(capacity: 2)
      var position = 0
      var previous: Int?
      var previousFields: [[UInt8]] = []
      var expected = 0
      while position < buffer.count {
        let record = window.splitRecord(
          from: position, to: buffer.count, into: spans, repeating: previous, expected: expected)
        let (fields, reference) = RecordScannerTests.referenceSplit(window, from: position, to: buffer.count)
        #expect(Array(spans.spans) == fields, "\(bytes) at \(position)")
        #expect(record.contentEnd == reference.contentEnd, "\(bytes) at \(position)")
        #expect(record.next == reference.next, "\(bytes) at \(position)")
        #expect(record.issue == reference.issue, "\(bytes) at \(position)")
        #expect(
          spans.holdsFormula(in: base) == RecordScannerTests.holdsFormula(fields, base), "\(bytes) at \(position)")
        let written = fields.map { Array(buffer[$0.start..<$0.end]) }
        #expect(record.sharedFields < max(fields.count, 1), "\(bytes) at \(position)")
        #expect(record.sharedFields <= previousFields.count, "\(bytes) at \(position)")
        for index in 0..<min(record.sharedFields, written.count, previousFields.count) {
          #expect(written[index] == previousFields[index], "\(bytes) at \(position) field \(index)")
        }
        sharedTotal += record.sharedFields
        previous = record.issue == nil ? position : nil
        previousFields = written
        if record.sharedFields > 0 { expected = record.sharedFields }
        position = max(record.next, position + 1)
      }
    }
    return sharedTotal
  }

  @Test("rows of one scan: the patient's columns are kept, the rest split, as from scratch")
  func rowsOfOneScan() {
    let text =
      "P1,S1,2008-09-02,1920-05-16,,male,white,,hologic,Horizon A,lumbar-spine,,1.062,64.77,61.00,,\n"
      + "P1,S1,2008-09-02,1920-05-16,,male,white,,hologic,Horizon A,femoral-neck,left,0.521,2.71,5.20,-2.8,-1.9\n"
      + "P1,S1,2008-09-02,1920-05-16,,male,white,,hologic,Horizon A,total-hip,left,0.962,35.13,36.50,0.1,1.1\n"
      + "P2,S2,2012-06-09,1932-04-27,,female,white,post,hologic,\"QDR 4500A, fan beam\",lumbar-spine,,0.713\r\n"
      + "P2,S2,2012-06-09,1932-04-27,,female,white,post,hologic,\"QDR 4500A, fan beam\",femoral-neck,left,0.533\r\n"
      + "P2,S3,2014-06-09,1932-04-27,,female,white,post,hologic,\"QDR 4500A, fan beam\",femoral-neck,left,0.533\n"
      + "P2,S3,2014-06-09,1932-04-27,,female,white,post,hologic,\"QDR 4500A, fan beam\",total-hip,left,0.6"
    #expect(Self.checkRepeatingSplit(Array(text.utf8), limit: 1 << 20) > 40)
  }

  @Test("a repeated quote that closes, a stray quote, an unclosed quote, a formula and a short row after a long one")
  func hostileRepeats() {
    let texts = [
      "\"a,b\",\"c\"\"d\",x,1\n\"a,b\",\"c\"\"d\",x,2\n\"a,b\",\"c\"\"d\",y,3\n",
      // The repeated bytes end inside a quoted field of the next record, which closes later.
      "\"a,\"x,1\n\"a,\"x,1,\"\n\"a,\"x,1,\",\n",
      // A stray quote in the first record: the next is split from scratch.
      "a\"b,c,d\na\"b,c,d\na\"b,c,e\n",
      // An unclosed quote after repeated fields.
      "a,b,c\na,b,\"c\na,b,c\n",
      // A formula mark in a repeated field, and one after.
      "=a,b,c\n=a,b,-1\n=a,b,@x\n+a,b,c\n",
      // Short and long rows, blank lines, CR, CRLF, and a last record without a line end.
      "a,b,c,d\na,b\na,b,c,d,e,f\n\na,b,c,d\ra,b,c,d\r\na,b,c,d",
      // A record that is the previous record's prefix, ending at the end of the input.
      "abc,defghijkl,mn\nabc,defghijkl,",
      // The expected fields repeated but for the comma after them (the field runs on), or but for their first byte.
      "aaaaaaaaaaaaaaaa,bbbb,c\naaaaaaaaaaaaaaaa,bbbb,d\naaaaaaaaaaaaaaaa,bbbbX,d\naaaaaaaaaaaaaaaa,bbbb,d\n",
      "aaaaaaaaaaaaaaaa,bbbb,c\naaaaaaaaaaaaaaaa,bbbb,d\nXaaaaaaaaaaaaaaa,bbbb,d\n",
      "aaaaaaaaaaaaaaaa,bbbb,c\naaaaaaaaaaaaaaaa,bbbb,d\naaaaaaaaaaaaaaaa,bbbb,d\naaaaaaaaaaaaaaaa,bbbb,",
      // More than 64 fields kept: formula marks past the 64th share bits with earlier fields.
      String(repeating: "a,", count: 70) + "1\n" + String(repeating: "a,", count: 70) + "2\n"
        + String(repeating: "a,", count: 66) + "=b,c\n" + String(repeating: "a,", count: 66) + "=b,d\n",
    ]
    for text in texts {
      for limit in [6, 12, 1 << 20] { _ = Self.checkRepeatingSplit(Array(text.utf8), limit: limit) }
    }
  }

  @Test("random records that repeat the previous record's leading bytes split as from scratch (4,000 inputs)")
  func randomRepeats() {
    let alphabet = Array("ab0,,,\"\"\n\r -=@+".utf8)
    var generator = SplitMix64(seed: 20_261_202)
    var sharedTotal = 0
    for _ in 0..<4_000 {
      var bytes: [UInt8] = []
      var record: [UInt8] = []
      for _ in 0..<Int.random(in: 1...8, using: &generator) {
        // Keep a random prefix of the last record (often all of its leading part), then random bytes.
        let keep = record.isEmpty ? 0 : Int.random(in: 0...record.count, using: &generator)
        record = Array(record.prefix(keep))
        for _ in 0..<Int.random(in: 0...24, using: &generator) {
          record.append(alphabet.randomElement(using: &generator) ?? 0)
        }
        // Most records end at a line end, so the next one starts where it repeats.
        if Int.random(in: 0..<4, using: &generator) > 0 { record.append(UInt8(ascii: "\n")) }
        bytes += record
        if record.last == UInt8(ascii: "\n") { record.removeLast() }
      }
      for limit in [6, 24, 1 << 20] { sharedTotal += Self.checkRepeatingSplit(bytes, limit: limit) }
    }
    // The inputs do repeat fields: the reuse is exercised, not only the split from scratch.
    #expect(sharedTotal > 1_000)
  }

  @Test("a record that repeats any prefix of a long record, to every byte of the word steps, splits as from scratch")
  func everyRepeatedLength() {
    // Fields of many lengths, a quoted field with a comma and a doubled quote, and a signed score; the next record
    // keeps the first `length` bytes and then differs (a byte, a comma, a quote, a line end or the end of the input).
    let record = Array("P551495,S1,2008-09-02,\"QDR, \"\"4500\"\"\",1920-05-16,,male,white,hologic,-2.8,0.521".utf8)
    let endings: [[UInt8]] = [
      Array("x,1\n".utf8), Array(",y\n".utf8), Array("\"a\"\n".utf8), Array("\r\n".utf8), Array("\n".utf8), [],
      Array("a\"b,c\n".utf8),
    ]
    var sharedTotal = 0
    for length in 0...record.count {
      for ending in endings {
        for lineEnd in ["\n", "\r\n"] {
          let first = record + Array(lineEnd.utf8)
          let second = Array(record.prefix(length)) + ending
          sharedTotal += Self.checkRepeatingSplit(first + second, limit: 1 << 20)
          // And a third record after the second, which may have kept fields or an issue.
          sharedTotal += Self.checkRepeatingSplit(first + second + (ending.last == 10 ? first : []), limit: 1 << 20)
        }
      }
    }
    #expect(sharedTotal > 1_000)
  }

  @Test("a record of another scan, whose first word differs in its first field or after it, keeps only what it repeats")
  func firstWordDiffers() {
    let texts = [
      // The first difference in the first field: nothing kept.
      "P551495,S1,a\nP907519,S1,a\n", "P5,S1,a,b\nP6,S1,a,b\n",
      // The first difference after a short first field, within the first word: the first fields kept.
      "P5,S1,a,b\nP5,S2,a,b\n", "a,b,c,d,e\na,b,c,x,e\n", "a,bcdefghij,k\na,bcdefghiz,k\n",
      // A first field of exactly the word, and a record shorter than a word.
      "abcdefg,h,i\nabcdefg,x,i\n", "a,b\na,c\n", "a,b\na,b",
    ]
    for text in texts {
      for limit in [6, 1 << 20] { _ = Self.checkRepeatingSplit(Array(text.utf8), limit: limit) }
    }
    // Kept fields are counted exactly: the first field when the first difference is the next field's first byte.
    #expect(Self.checkRepeatingSplit(Array("P5,S1,a,b\nP5,S2,a,b\n".utf8), limit: 1 << 20) == 1)
    #expect(Self.checkRepeatingSplit(Array("a,b,c,d,e\na,x,c,d,e\n".utf8), limit: 1 << 20) == 1)
    #expect(Self.checkRepeatingSplit(Array("ab,cdefgh,i\nab,cdefgx,i\n".utf8), limit: 1 << 20) == 1)
    #expect(Self.checkRepeatingSplit(Array("P551495,S1,a\nP907519,S1,a\n".utf8), limit: 1 << 20) == 0)
  }
}

/// Writing CSV: fields quoted as RFC 4180 asks, and values that a spreadsheet would run as a formula neutralised.
///
/// Formula neutralising (OWASP, "CSV Injection"): a value whose first byte is `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so Excel, LibreOffice and Google Sheets show it as text, unless the whole
/// value is a plain decimal number: an optional sign, digits, and optionally a point and more digits (`-2.5`,
/// `+1`, `-0.050`). Such numbers are what scores and BMD look like and are left as they are.
package enum CSVText {
  /// `text` as one CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break; with a
  /// leading `'` when `neutralisingFormulas` and it would start a formula.
  package static func field(_ text: String, neutralisingFormulas: Bool) -> [UInt8] {
    field(bytes: text.utf8, neutralisingFormulas: neutralisingFormulas)
  }

  /// Bytes as one CSV field, as ``field(_:neutralisingFormulas:)`` writes text; bytes that are not UTF-8 are kept.
  package static func field(bytes value: some Collection<UInt8>, neutralisingFormulas: Bool) -> [UInt8] {
    var bytes = Array(value)
    if neutralisingFormulas, bytes.withUnsafeBufferPointer(startsFormula) { bytes.insert(UInt8(ascii: "'"), at: 0) }
    guard bytes.contains(where: needsQuotes) else { return bytes }
    var quoted: [UInt8] = [CSVByte.quote]
    quoted.reserveCapacity(bytes.count + 4)
    for byte in bytes {
      quoted.append(byte)
      if byte == CSVByte.quote { quoted.append(CSVByte.quote) }
    }
    quoted.append(CSVByte.quote)
    return quoted
  }

  /// Whether a field holding `text` is written quoted: it holds a comma, a quote or a line break.
  package static func needsQuotes(_ text: String) -> Bool {
    // On the contiguous bytes: a string's UTF-8 view, walked a byte at a time, costs tens of instructions a byte.
    var text = text
    return text.withUTF8 { $0.contains(where: needsQuotes) }
  }

  private static func needsQuotes(_ byte: UInt8) -> Bool {
    byte == CSVByte.quote || CSVByte.isSeparator(byte)
  }

  /// A header or record of plain texts, ending with LF.
  package static func record(_ fields: [String], neutralisingFormulas: Bool) -> [UInt8] {
    var bytes: [UInt8] = []
    for (index, field) in fields.enumerated() {
      if index > 0 { bytes.append(CSVByte.comma) }
      bytes += Self.field(field, neutralisingFormulas: neutralisingFormulas)
    }
    bytes.append(CSVByte.newline)
    return bytes
  }

  /// Whether a spreadsheet would read `value` as the start of a formula (see the type's summary).
  @inlinable @inline(__always)
  package static func startsFormula(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = value.first else { return false }
    // Most fields start with a letter or a digit: above '@' or between '0' and '9'.
    if first > UInt8(ascii: "@") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) { return false }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, CSVByte.carriageReturn: return true
    case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(value.dropFirst())
    default: return false
    }
  }

  /// Whether an unquoted value whose first byte is `byte` may start a formula: `=`, `@`, `+`, `-` or a tab (a carriage
  /// return never starts an unquoted value: it ends the record), or a NUL, which the closer look rules out. One bit
  /// test: bit `byte` of a constant, with `@` (64) at bit 0.
  @inlinable @inline(__always)
  package static func mayStartFormula(_ byte: UInt8) -> Bool {
    // Bits 0x3D ('='), 0x2B ('+'), 0x2D ('-'), 0x09 (tab), and 0 for '@' (and NUL).
    let starters: UInt64 = 1 << 0x3D | 1 << 0x2B | 1 << 0x2D | 1 << 0x09 | 1
    return byte <= UInt8(ascii: "@") && (starters >> UInt64(byte & 63)) & 1 != 0
  }

  /// Digits, then optionally a point and at least one more digit.
  @usableFromInline @inline(__always)
  static func isPlainNumber(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    // On pointers: a slice's indexing checks each index against its bounds.
    guard let base = bytes.base.baseAddress else { return false }
    return isPlainNumber(from: base + bytes.startIndex, to: base + bytes.endIndex)
  }

  /// ``isPlainNumber(_:)`` on the bytes `start..<end`.
  @usableFromInline @inline(__always)
  static func isPlainNumber(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) -> Bool {
    var position = start
    let integerStart = position
    while position < end, isDigit(position.pointee) { position += 1 }
    guard position > integerStart else { return false }
    guard position < end else { return true }
    guard position.pointee == UInt8(ascii: ".") else { return false }
    position += 1
    guard position < end else { return false }
    while position < end {
      guard isDigit(position.pointee) else { return false }
      position += 1
    }
    return true
  }

  @inline(__always)
  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

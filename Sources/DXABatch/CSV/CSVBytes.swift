/// The bytes that structure a CSV file (RFC 4180).
enum CSVByte {
  static let comma = UInt8(ascii: ",")
  static let quote = UInt8(ascii: "\"")
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  /// The UTF-8 byte-order mark some exporters put before the header.
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}

/// One field of a record: where its bytes are in the buffer, as written (quotes included).
struct FieldSpan: Sendable, Equatable {
  var start: Int
  var end: Int
  /// Whether the raw bytes hold a quote, so the value must be decoded (`"a ""b"""` is `a "b"`).
  var hasQuote: Bool

  var isEmpty: Bool { start == end }
}

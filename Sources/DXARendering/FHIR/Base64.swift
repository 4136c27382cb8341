/// Base64 (RFC 4648, with padding), for FHIR `Attachment.data`.
enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func encode(_ bytes: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let remaining = bytes.count - index
      let first = UInt32(bytes[index]) << 16
      let second = remaining > 1 ? UInt32(bytes[index + 1]) << 8 : 0
      let third = remaining > 2 ? UInt32(bytes[index + 2]) : 0
      let group = first | second | third
      output.append(alphabet[Int(group >> 18 & 0x3F)])
      output.append(alphabet[Int(group >> 12 & 0x3F)])
      output.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
      output.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : UInt8(ascii: "="))
      index += 3
    }
    return String(decoding: output, as: UTF8.self)
  }
}

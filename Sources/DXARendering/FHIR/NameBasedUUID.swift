/// Name-based (version 5, SHA-1) UUIDs, RFC 9562 §5.5: the same namespace and name always give the same UUID, so a
/// rendered FHIR bundle is byte for byte the same each time it is made from the same report.
enum NameBasedUUID {
  /// The RFC 9562 namespace for URLs, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
  static let urlNamespace: [UInt8] = [
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
  ]

  /// The DNS namespace, 6ba7b810-9dad-11d1-80b4-00c04fd430c8 (used by the test against the RFC's example).
  static let dnsNamespace: [UInt8] = [
    0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
  ]

  /// The 16 bytes of the version-5 UUID of `name` in `namespace`.
  static func bytes(namespace: [UInt8], name: String) -> [UInt8] {
    var digest = Array(SHA1.digest(namespace + Array(name.utf8)).prefix(16))
    digest[6] = (digest[6] & 0x0F) | 0x50  // version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  // RFC 9562 variant
    return digest
  }

  /// The UUID as lower-case text, `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
  static func string(namespace: [UInt8], name: String) -> String {
    var text = ""
    for (index, byte) in bytes(namespace: namespace, name: name).enumerated() {
      if [4, 6, 8, 10].contains(index) { text += "-" }
      text += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }
    return text
  }
}

/// SHA-1 (FIPS 180-4), only to derive name-based UUIDs: not used for anything that needs collision resistance.
enum SHA1 {
  static func digest(_ message: [UInt8]) -> [UInt8] {
    var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    var padded = message
    padded.append(0x80)
    while padded.count % 64 != 56 { padded.append(0) }
    let bitLength = UInt64(message.count) &* 8
    for shift in stride(from: 56, through: 0, by: -8) { padded.append(UInt8(truncatingIfNeeded: bitLength >> shift)) }

    var words = [UInt32](repeating: 0, count: 80)
    for blockStart in stride(from: 0, to: padded.count, by: 64) {
      for index in 0..<16 {
        let offset = blockStart + index * 4
        words[index] =
          UInt32(padded[offset]) << 24 | UInt32(padded[offset + 1]) << 16 | UInt32(padded[offset + 2]) << 8
          | UInt32(padded[offset + 3])
      }
      for index in 16..<80 {
        words[index] = rotateLeft(words[index - 3] ^ words[index - 8] ^ words[index - 14] ^ words[index - 16], 1)
      }
      var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
      for index in 0..<80 {
        let (f, k): (UInt32, UInt32)
        switch index {
        case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
        case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
        case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
        default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
        }
        let next = rotateLeft(a, 5) &+ f &+ e &+ k &+ words[index]
        (e, d, c, b, a) = (d, c, rotateLeft(b, 30), a, next)
      }
      state[0] &+= a
      state[1] &+= b
      state[2] &+= c
      state[3] &+= d
      state[4] &+= e
    }
    return state.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> $0) } }
  }

  private static func rotateLeft(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value << count) | (value >> (32 - count))
  }
}

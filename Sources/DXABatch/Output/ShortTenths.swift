/// The texts of the one-decimal values from −9.9 to 9.9 (`-9.9` … `9.9`), as nearly every score and difference is:
/// written by one load and one store, without a branch on the sign or on whether the value is there.
struct ShortTenths: @unchecked Sendable {
  /// Per value + 99: the text's bytes in the low 32 bits (the lowest byte first), its length in the next 8.
  let words: UnsafePointer<UInt64>

  static let shared = ShortTenths()

  /// Whether `tenths` is in the table: below 100 in magnitude.
  @inline(__always)
  static func holds(_ tenths: Int64) -> Bool { UInt64(bitPattern: tenths &+ 99) < 199 }

  private init() {
    let storage = UnsafeMutablePointer<UInt64>.allocate(capacity: 199)
    for value in -99...99 {
      let text = Array(((value < 0 ? "-" : "") + "\(abs(value) / 10).\(abs(value) % 10)").utf8)
      var word = UInt64(text.count) << 32
      for (index, byte) in text.enumerated() { word |= UInt64(byte) << (8 * index) }
      storage[value + 99] = word
    }
    words = UnsafePointer(storage)
  }
}

/// A pattern a site sets to recognise the entries of an archive that are not patients (`PHANTOM`, `METAL HIP`):
/// ignoring case, its pieces between `*` appear in order anywhere in the text (`METAL HIP` holds for
/// "METAL HIP LEFT 6.0 CM"; `SPINE*PHANTOM` for "SPINE QC PHANTOM"). Empty text never matches.
///
/// Matching works on bytes, so a batch can test a field in place: letters are compared after Unicode upper-casing
/// of the pattern and ASCII upper-casing of the text; a caller that needs Unicode case folding of the text (é, ß)
/// upper-cases it first.
public struct NamePattern: Sendable, Equatable, CustomStringConvertible {
  let pieces: [[UInt8]]
  public let description: String

  /// Nil when the pattern has nothing but `*`: it would match every entry.
  public init?(_ pattern: String) {
    let pieces = pattern.uppercased().split(separator: "*").map { Array($0.utf8) }
    guard !pieces.isEmpty else { return nil }
    self.pieces = pieces
    description = pattern
  }

  public func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !text.isEmpty else { return false }
    var start = 0
    for piece in pieces {
      guard let end = Self.find(piece, in: text, from: start) else { return false }
      start = end
    }
    return true
  }

  public func matches(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { matches($0) }
  }

  /// The end of the first occurrence of `piece` in `text` at or after `start`.
  private static func find(_ piece: [UInt8], in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard piece.count <= text.count - start else { return nil }
    for offset in start...(text.count - piece.count) {
      var index = 0
      while index < piece.count, upper(text[offset + index]) == piece[index] { index += 1 }
      if index == piece.count { return offset + piece.count }
    }
    return nil
  }

  @inline(__always)
  private static func upper(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
  }
}

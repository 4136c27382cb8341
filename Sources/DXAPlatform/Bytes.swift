import Glibc

/// Byte searches and moves over raw memory, with the C library's vectorised `memchr` and `memmove`.
package enum Bytes {
  /// The first position of `byte` in `from..<to`, or nil.
  ///
  /// - Complexity: O(to − from), at memory speed.
  @inlinable @inline(__always)
  package static func firstIndex(of byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
    guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// Moves `count` bytes from `source` to `destination`; the two may overlap.
  @inlinable @inline(__always)
  package static func move(_ count: Int, from source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>)
  {
    memmove(destination, source, count)
  }
}

import Glibc

/// Byte searches and moves over raw memory, with the C library's vectorised `memchr` and `memmove`.
///
/// Public, though no product exports this module: this toolchain inlines an `@inlinable` declaration into other
/// modules only when it is public (a `package` one costs a call at every use), and the batch compares and searches
/// bytes for every record.
public enum Bytes {
  /// The first position of `byte` in `from..<to`, or nil.
  ///
  /// - Complexity: O(to − from), at memory speed.
  @inlinable @inline(__always)
  public static func firstIndex(of byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
    guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// Whether `count` bytes at `first` and `second` are the same, with the C library's vectorised `memcmp`.
  @inlinable @inline(__always)
  public static func equal(_ first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>, count: Int) -> Bool {
    memcmp(first, second, count) == 0
  }

  /// Moves `count` bytes from `source` to `destination`; the two may overlap.
  @inlinable @inline(__always)
  public static func move(_ count: Int, from source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>)
  {
    memmove(destination, source, count)
  }
}

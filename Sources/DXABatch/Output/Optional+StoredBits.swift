// A value read from an optional without a branch on whether it is there: `tenths ?? 0` is a select, and the
// compiler turns a later test of the result (`(tenths ?? 0) < 100`) into a branch on `tenths == nil` first, which
// follows the data. Reading the bytes where the value is kept gives a test that does not look at the case; the
// case is then used in arithmetic (a length kept or not), not in a branch. Every bit pattern of `Int64` is a value,
// so the unspecified bytes of a nil are still some value, which the caller must not take for the optional's.

extension Int64? {
  /// The value when there is one; when nil, the bytes where a value would be, read as an `Int64` (some value).
  @inline(__always)
  var storedBits: Int64 { withUnsafeBytes(of: self) { $0.loadUnaligned(as: Int64.self) } }
}

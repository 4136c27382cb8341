/// The declaration-order index of a case of an enumeration without payloads: its one-byte tag.
///
/// `CaseIterable.allCases.firstIndex(of:)` builds an array and compares each case; in the batch hot path and the
/// engine that is an allocation per value. The tag is the same number for free. `caseIndexMatchesAllCases` checks the
/// equivalence and a test calls it for every enumeration used here.
///
/// Inlinable: called across modules, a generic function not inlined was a call per value.
@inlinable @inline(__always)
package func caseIndex<E: CaseIterable>(_ value: E) -> Int {
  Int(unsafeBitCast(value, to: UInt8.self))
}

/// Whether ``caseIndex(_:)`` gives each case its position in `allCases`.
package func caseIndexMatchesAllCases<E: CaseIterable>(_: E.Type) -> Bool {
  guard MemoryLayout<E>.size == 1 else { return false }
  return E.allCases.enumerated().allSatisfy { caseIndex($0.element) == $0.offset }
}

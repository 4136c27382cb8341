/// The current row's measurements and scores, one slot per site of the layout, in memory the processor owns.
///
/// A measurement is read straight into its slot and scored from there: kept in arrays, each row's input was built
/// on the stack, copied into the array and copied again to be counted, and every write checked the array's
/// uniqueness and bounds.
final class SiteSlots {
  let count: Int
  /// Each site's measurement, as last read; valid only where ``isMeasured`` holds (a read that failed may have
  /// written part of it).
  let inputs: UnsafeMutablePointer<MeasurementInput>
  /// Whether the site's slot in ``inputs`` holds this row's measurement, scored.
  let isMeasured: UnsafeMutablePointer<Bool>
  /// Each site's score (or its note when not scored), nil when it has none.
  let scores: UnsafeMutablePointer<MeasurementScore?>

  init(count: Int) {
    self.count = count
    let slots = max(count, 1)
    inputs = .allocate(capacity: slots)
    inputs.initialize(repeating: .placeholder, count: slots)
    isMeasured = .allocate(capacity: slots)
    isMeasured.initialize(repeating: false, count: slots)
    scores = .allocate(capacity: slots)
    scores.initialize(repeating: nil, count: slots)
  }

  deinit {
    // Plain values: nothing to deinitialise.
    inputs.deallocate()
    isMeasured.deallocate()
    scores.deallocate()
  }

  /// Site `site`'s measurement, when it was measured and scored.
  @inline(__always)
  func input(_ site: Int) -> MeasurementInput? { isMeasured[site] ? inputs[site] : nil }

  /// Site `site` has neither a measurement nor a score.
  @inline(__always)
  func clear(_ site: Int) {
    isMeasured[site] = false
    scores[site] = nil
  }

  func clearAll() {
    for site in 0..<count { clear(site) }
  }

  /// The measurements of every site, for the row's comparison and diagnosis (options few runs use).
  var measuredInputs: [MeasurementInput?] { (0..<count).map(input) }
}

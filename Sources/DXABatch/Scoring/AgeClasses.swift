import DXACore

/// Ages grouped so that the engine treats every age in a group alike.
///
/// The engine's choices depend on age only through comparisons with fixed ages: 20 and 50 (who gets T-scores and
/// WHO categories), the limits of every age band and the points of every LMS curve in the library. Between two
/// consecutive such ages, and at each of them, the result for a given BMD is the same whatever the exact age: those
/// are the classes. Ages are compared exactly, in units of 10^-15 years.
struct AgeClasses: Sendable {
  /// The fixed ages, ascending, in units of 10^-15 years.
  let limits: [Int64]

  static let unitsPerYear: Int64 = 1_000_000_000_000_000

  init(library: ReferenceLibrary) {
    var ages: [ExactDecimal] = [0, 20, 50, 120]
    for table in library.tables {
      if let young = table.youngAdultAge { ages.append(young) }
      for curve in table.curves {
        switch curve.values {
        case .youngAdult: break
        case .bands(let bands): ages += bands.flatMap { [$0.from] + ($0.under.map { [$0] } ?? []) }
        case .lms(let points): ages += points.map(\.age)
        }
      }
    }
    limits = Array(Set(ages.compactMap(Self.units))).sorted()
  }

  /// The number of classes: each limit, and the open stretches before, between and after them.
  var count: Int { 2 * limits.count + 1 }

  /// An age in units of 10^-15 years, or nil outside ±9,000 years.
  static func units(_ age: ExactDecimal) -> Int64? {
    let scaled = Int128(age.significand) * pow10(ExactDecimal.maximumScale - age.scale)
    return Int64(exactly: scaled)
  }

  /// The class of an age: 2k + 1 for the limit k itself, 2k for the stretch below limit k.
  @inline(__always)
  func index(ofUnits age: Int64) -> Int {
    var low = 0
    var high = limits.count
    while low < high {
      let middle = (low + high) / 2
      if limits[middle] < age { low = middle + 1 } else { high = middle }
    }
    return low < limits.count && limits[low] == age ? 2 * low + 1 : 2 * low
  }

  /// Another age of the same class as `age`, for checking that a template holds across the class.
  func otherAge(inClassOf age: ExactDecimal, units: Int64) -> ExactDecimal {
    let index = index(ofUnits: units)
    if index % 2 == 1 {
      // The limit itself: the same value written with one more decimal ("67.0"), when there is room.
      guard age.scale < ExactDecimal.maximumScale else { return age }
      return ExactDecimal(significand: age.significand * 10, scale: age.scale + 1)
    }
    let below = index / 2 == 0 ? limits[0] - Self.unitsPerYear : limits[index / 2 - 1]
    let above = index / 2 < limits.count ? limits[index / 2] : limits[limits.count - 1] + Self.unitsPerYear
    var other = below + (above - below) / 2
    if other == units { other = below + (above - below) / 4 }
    return FieldParser.trimmedDecimal(other, scale: ExactDecimal.maximumScale)
  }

  private static func pow10(_ exponent: Int) -> Int128 {
    var result: Int128 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }
}

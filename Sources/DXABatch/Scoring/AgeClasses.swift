import DXACore

/// Ages grouped so that the engine treats every age in a group alike, site by site and sex by sex.
///
/// The engine's choices depend on age only through comparisons with fixed ages: 20 and 50 (who gets T-scores and
/// WHO categories), the young-adult ages of the tables (T-scores, whatever the person's age), and the limits of the
/// age bands and the points of the LMS curves of the site and the person's own sex (Z-scores; the batch sets no
/// gender identity). Between two consecutive such ages, and at each of them, the result for a given BMD is the same
/// whatever the exact age: those are the classes. Ages are compared exactly, in units of 10^-15 years.
struct AgeClasses: Sendable {
  /// Per site and sex (by ``group(site:sex:)``), the fixed ages, ascending, in units of 10^-15 years.
  let limitsByGroup: [[Int64]]
  /// The same limits in one array, with each group's range, so the hot path does not copy an inner array.
  private let flatLimits: [Int64]
  private let groupRanges: [Range<Int>]
  /// Per group and whole year 0…121 (``yearSlots`` a group): the position in `flatLimits` of the group's first limit
  /// at or above that year. A row's search then covers only the limits inside its own year, nearly always none.
  /// 32-bit: the table (26 groups × 122 years) is read at random, one entry a row, and is half the size in cache.
  private let yearStarts: [Int32]
  private static var yearSlots: Int { 122 }
  /// Kept, as is every count the lookup uses: `Sex.allCases` builds an array, and a static constant costs a call.
  private let sexCount = Sex.allCases.count

  static let unitsPerYear: Int64 = 1_000_000_000_000_000
  /// Decimals of a unit: ages with more (possible since decimals hold 24) have no units and go to the engine.
  static let unitScale = 15

  init(library: ReferenceLibrary) {
    var common: [ExactDecimal] = [0, 20, 50, 120]
    common += library.tables.compactMap(\.youngAdultAge)
    var groups: [[Int64]] = []
    for site in Site.allCases {
      for sex in Sex.allCases {
        var ages = common
        for table in library.tables {
          for curve in table.curves where curve.site == site && curve.sex == sex {
            switch curve.values {
            case .youngAdult: break
            case .bands(let bands): ages += bands.flatMap { [$0.from] + ($0.under.map { [$0] } ?? []) }
            case .lms(let points): ages += points.map(\.age)
            }
          }
        }
        groups.append(Array(Set(ages.compactMap(Self.units))).sorted())
      }
    }
    self.init(limitsByGroup: groups)
  }

  /// Classes from each group's limits (ascending, distinct, in units; ``group(site:sex:)`` positions), as
  /// ``init(library:)`` finds them; tests give others.
  init(limitsByGroup groups: [[Int64]]) {
    limitsByGroup = groups
    var flat: [Int64] = []
    var ranges: [Range<Int>] = []
    for limits in groups {
      ranges.append(flat.count..<(flat.count + limits.count))
      flat += limits
    }
    flatLimits = flat
    groupRanges = ranges
    var starts: [Int32] = []
    for range in ranges {
      for year in 0..<Self.yearSlots {
        let bound = Int64(year) * Self.unitsPerYear
        // A position in an array of 64-bit ages: far below 2^31.
        starts.append(Int32(flat[range].firstIndex { $0 >= bound } ?? range.upperBound))
      }
    }
    yearStarts = starts
  }

  /// The position of a site and sex in ``limitsByGroup``.
  @inline(__always)
  func group(site: Site, sex: Sex) -> Int {
    // Small numbers (cases of two enumerations): wrapping operations, without overflow checks.
    caseIndex(site) &* sexCount &+ caseIndex(sex)
  }

  /// The most classes of any site and sex: each limit, and the open stretches before, between and after them.
  var count: Int { 2 * (limitsByGroup.map(\.count).max() ?? 0) + 1 }

  /// An age in units of 10^-15 years, or nil outside ±9,000 years or with more than 15 decimals.
  @inline(__always)
  static func units(_ age: ExactDecimal) -> Int64? {
    guard age.scale <= unitScale else { return nil }
    // An 18-digit significand times 10^15 fits in 128 bits.
    var scaled = Int128(age.significand)
    if age.scale >= 0 {
      // One multiplication by a power from a table, where a loop made up to fifteen (an age in whole years).
      scaled *= Int128(AffineScore.power(unitScale - age.scale))
    } else {
      for _ in age.scale..<unitScale { scaled *= 10 }
    }
    return Int64(exactly: scaled)
  }

  /// The class of an age: 2k + 1 for the limit k itself, 2k for the stretch below limit k.
  @inline(__always)
  func index(ofUnits age: Int64, site: Site, sex: Sex) -> Int {
    let group = group(site: site, sex: sex)
    let range = groupRanges[group]
    var low = range.lowerBound
    var high = range.upperBound
    // Limits before the age's year are below it, limits from the next year on above it: search between.
    // Positions in arrays and years below 122: wrapping operations, without overflow checks.
    if age >= 0, age < 121 * Self.unitsPerYear {
      let slot = group &* Self.yearSlots &+ Int(age / Self.unitsPerYear)
      low = Int(yearStarts[slot])
      high = Int(yearStarts[slot &+ 1])
    }
    while low < high {
      let middle = (low &+ high) / 2
      if flatLimits[middle] < age { low = middle &+ 1 } else { high = middle }
    }
    let position = low &- range.lowerBound
    return low < range.upperBound && flatLimits[low] == age ? 2 &* position &+ 1 : 2 &* position
  }

  @inline(__always)
  private func index(ofUnits age: Int64, in limits: [Int64]) -> Int {
    var low = 0
    var high = limits.count
    while low < high {
      let middle = (low + high) / 2
      if limits[middle] < age { low = middle + 1 } else { high = middle }
    }
    return low < limits.count && limits[low] == age ? 2 * low + 1 : 2 * low
  }

  /// Another age of the same class as `age`, for checking that a template holds across the class.
  func otherAge(inClassOf age: ExactDecimal, units: Int64, site: Site, sex: Sex) -> ExactDecimal {
    let limits = limitsByGroup[group(site: site, sex: sex)]
    let index = index(ofUnits: units, in: limits)
    if index % 2 == 1 {
      // The limit itself: the same value written with one more decimal ("67.0"), when there is room.
      let (widened, overflow) = age.significand.multipliedReportingOverflow(by: 10)
      guard age.scale < Self.unitScale, !overflow else { return age }
      return ExactDecimal(significand: widened, scale: age.scale + 1)
    }
    let below = index / 2 == 0 ? limits[0] - Self.unitsPerYear : limits[index / 2 - 1]
    let above = index / 2 < limits.count ? limits[index / 2] : limits[limits.count - 1] + Self.unitsPerYear
    var other = below + (above - below) / 2
    if other == units { other = below + (above - below) / 4 }
    return FieldParser.trimmedDecimal(other, scale: Self.unitScale)
  }
}

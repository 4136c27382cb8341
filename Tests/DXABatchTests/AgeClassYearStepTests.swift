import DXACore
import DXAReferenceData
import Testing

@testable import DXABatch

/// ``AgeClasses/index(ofUnits:site:sex:)`` searches only the limits inside an age's year (``AgeClasses`` keeps where
/// each year's limits start); it must give the class a search of all the group's limits gives, whatever a year holds.
@Suite("Age classes: the search of the age's own year")
struct AgeClassYearStepTests {
  private static let unit = AgeClasses.unitsPerYear

  /// The class as the lookup found it before the fixed steps: a binary search of all of the group's limits.
  private static func searched(_ age: Int64, in limits: [Int64]) -> Int {
    var (low, high) = (0, limits.count)
    while low < high {
      let middle = (low + high) / 2
      if limits[middle] < age { low = middle + 1 } else { high = middle }
    }
    return low < limits.count && limits[low] == age ? 2 * low + 1 : 2 * low
  }

  /// Every limit, one unit below and above it, and the starts, middles and ends of every year from −1 to 122.
  private static func ages(around limits: [Int64]) -> [Int64] {
    var ages: [Int64] = [Int64.min, -1, 0, 1, 121 * unit - 1, 121 * unit, 121 * unit + 1, Int64.max]
    for limit in limits { ages += [limit - 1, limit, limit + 1] }
    for year in Int64(-1)...122 { ages += [year * unit - 1, year * unit, year * unit + unit / 2] }
    return ages
  }

  @Test("the shipped tables: at, just below and just above every limit of every site and sex")
  func shippedLimits() throws {
    let classes = AgeClasses(library: try ShippedReferences.library())
    for site in Site.allCases {
      for sex in Sex.allCases {
        let limits = classes.limitsByGroup[classes.group(site: site, sex: sex)]
        for age in Self.ages(around: limits) {
          #expect(
            classes.index(ofUnits: age, site: site, sex: sex) == Self.searched(age, in: limits),
            "age \(age) at \(site) \(sex)")
        }
      }
    }
  }

  @Test("a year with none, one, two, three and five limits; the last group's last year; the next group's limits")
  func wideAndNarrowYears() {
    let unit = Self.unit
    // Group 0: year 20 holds three limits, year 30 two, year 40 one, year 50 five.
    let first: [Int64] = [
      0, 20 * unit, 20 * unit + 1, 20 * unit + unit / 2, 30 * unit + 7, 30 * unit + 9, 40 * unit + unit / 3,
      50 * unit, 50 * unit + 1, 50 * unit + 2, 50 * unit + 3, 50 * unit + 4, 120 * unit,
    ]
    // Group 1 starts low again: a search past group 0's last limit must not count it.
    let second: [Int64] = [0, 5 * unit, 119 * unit + unit / 2, 120 * unit]
    let groupCount = Site.allCases.count * Sex.allCases.count
    var groups = Array(repeating: [Int64](), count: groupCount)
    groups[0] = first
    groups[1] = second
    groups[groupCount - 1] = first
    let classes = AgeClasses(limitsByGroup: groups)
    for site in Site.allCases {
      for sex in Sex.allCases {
        let limits = groups[classes.group(site: site, sex: sex)]
        for age in Self.ages(around: limits) {
          #expect(
            classes.index(ofUnits: age, site: site, sex: sex) == Self.searched(age, in: limits),
            "age \(age) at \(site) \(sex)")
        }
      }
    }
  }
}

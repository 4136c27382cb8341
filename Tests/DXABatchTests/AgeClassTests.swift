import DXACore
import DXAReferenceData
import Testing

@testable import DXABatch

@Suite("Age classes: the ages at which the engine's choices can change, per site and sex")
struct AgeClassTests {
  let classes: AgeClasses

  init() throws {
    classes = AgeClasses(library: try ShippedReferences.library())
  }

  private func years(_ text: String) throws -> Int64 {
    let age = try #require(ExactDecimal(text))
    return try #require(AgeClasses.units(age))
  }

  @Test("women's total hip splits at its own bands (sBMD 20–70, NHANES 21–31), not at the men's 71 and 81")
  func womenTotalHip() throws {
    // Limits: 0, 20, 21, 30, 31, 40, 50, 60, 70, 120. 71.5 and 85 lie in the stretch between 70 and 120.
    let limits = ["0", "20", "21", "30", "31", "40", "50", "60", "70", "120"]
    #expect(classes.limitsByGroup[classes.group(site: .totalHip, sex: .female)] == (try limits.map(years)))
    let at = { (age: String) in self.classes.index(ofUnits: try self.years(age), site: .totalHip, sex: .female) }
    #expect(try at("71.5") == at("85"))
    #expect(try at("70") == 2 * 8 + 1)
    #expect(try at("69.9") == 2 * 8)
  }

  @Test("men's total hip keeps the NHANES 2005–2008 band edges 71 and 81")
  func menTotalHip() throws {
    let limits = ["0", "20", "21", "31", "41", "50", "51", "61", "71", "81", "120"]
    #expect(classes.limitsByGroup[classes.group(site: .totalHip, sex: .male)] == (try limits.map(years)))
    let at = { (age: String) in self.classes.index(ofUnits: try self.years(age), site: .totalHip, sex: .male) }
    #expect(try at("71.5") != at("85"))
  }

  @Test("men's femoral neck has no age-matched curve: only 0, 20, 21, 50 and 120 divide it")
  func menFemoralNeck() throws {
    let limits = ["0", "20", "21", "50", "120"]
    #expect(classes.limitsByGroup[classes.group(site: .femoralNeck, sex: .male)] == (try limits.map(years)))
    let at = { (age: String) in self.classes.index(ofUnits: try self.years(age), site: .femoralNeck, sex: .male) }
    #expect(try at("55") == at("85"))
    let women = { (age: String) in
      self.classes.index(ofUnits: try self.years(age), site: .femoralNeck, sex: .female)
    }
    #expect(try women("55") != women("85"))
  }

  @Test("the class found from the year's limits is the class a search of all the site's limits finds")
  func yearLookup() {
    let unit = AgeClasses.unitsPerYear
    for site in Site.allCases {
      for sex in Sex.allCases {
        let limits = classes.limitsByGroup[classes.group(site: site, sex: sex)]
        var ages: [Int64] = [-1, -unit, 121 * unit - 1, 121 * unit, 200 * unit]
        for limit in limits { ages += [limit - 1, limit, limit + 1] }
        for year in Int64(0)...121 { ages += [year * unit, year * unit + unit / 2, year * unit - 1] }
        for age in ages {
          let below = limits.filter { $0 < age }.count
          let expected = below < limits.count && limits[below] == age ? 2 * below + 1 : 2 * below
          #expect(classes.index(ofUnits: age, site: site, sex: sex) == expected, "age \(age) at \(site) \(sex)")
        }
      }
    }
  }
}

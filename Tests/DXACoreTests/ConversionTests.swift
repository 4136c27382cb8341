import DXACore
import DXATestSupport
import Testing

@Suite("Putting scanners of different makers on one scale")
struct ConversionTests {
  func convert(_ bmd: String, _ site: Site, from: Manufacturer, to: MeasurementScale) throws -> ScaleConversion {
    try #require(try shippedLibrary().convert(Fraction(dec(bmd)), site: site, from: from, to: to))
  }

  @Test("sBMD of the domain notes' worked examples")
  func standardized() throws {
    // Hologic total hip 0.800 → 1000 × (0.006 + 1.008 × 0.800) = 812.4 mg/cm²
    #expect(try convert("0.800", .totalHip, from: .hologic, to: .standardized).value == Fraction(dec("812.4")))
    // GE Lunar total hip 0.850 → 1000 × (−0.031 + 0.979 × 0.850) = 801.15 mg/cm²
    #expect(try convert("0.850", .totalHip, from: .geLunar, to: .standardized).value == Fraction(dec("801.15")))
  }

  @Test("NHANES III total hip on the GE Lunar scale is 1.0077 (SD 0.1256): a Lunar BMD there scores 0.0 and −1.0")
  func lunarTotalHipReproducesGE() throws {
    let mean = try score(.totalHip, "1.0077", manufacturer: .geLunar)
    let t = try #require(mean.tScore.score)
    #expect(t.reported == dec("0.0"))
    #expect(abs(t.unrounded.doubleValue) < 0.001)
    #expect(t.conversion?.setID == "sbmd-hip")
    let oneBelow = try score(.totalHip, "0.8821", manufacturer: .geLunar)
    #expect(oneBelow.tScore.score?.reported == dec("-1.0"))
  }

  @Test("hip conversions go through sBMD exactly")
  func hipThroughStandardized() throws {
    // Lunar total hip 0.850 → Hologic (−0.031 + 0.979 × 0.850 − 0.006) / 1.008 = 0.79515 / 1.008
    let lunar = try convert("0.850", .totalHip, from: .geLunar, to: .manufacturer(.hologic))
    #expect(lunar.value == (try Fraction(dec("0.79515")) / Fraction(dec("1.008"))))
    #expect(!lunar.isApproximate)
    // Norland femoral neck 0.800 → Hologic (0.006 + 0.985 × 0.800 − 0.019) / 1.087 = 0.775 / 1.087; T = −1.2
    let norland = try score(.femoralNeck, "0.800", manufacturer: .norland)
    #expect(norland.tScore.score?.bmdOnReferenceScale == (try Fraction(dec("0.775")) / Fraction(dec("1.087"))))
    #expect(norland.tScore.score?.reported == dec("-1.2"))
  }

  @Test("spine conversions are the Genant 1994 equations and are flagged approximate")
  func spine() throws {
    // Lunar L1–L4 1.000 → Hologic 0.906 × 1.000 − 0.025 = 0.881; T = (0.881 − 1.064) / 0.106 = −1.726… → −1.7
    let lunar = try score(.lumbarSpine, "1.000", manufacturer: .geLunar)
    #expect(lunar.tScore.score?.bmdOnReferenceScale == Fraction(dec("0.881")))
    #expect(lunar.tScore.score?.reported == dec("-1.7"))
    #expect(
      lunar.notes.contains { if case .converted(let conversion) = $0 { conversion.isApproximate } else { false } })
    // Norland 1.000 → Hologic 0.912 × 1.000 + 0.088 = 1.000
    let norland = try score(.lumbarSpine, "1.000", manufacturer: .norland)
    #expect(norland.tScore.score?.bmdOnReferenceScale == Fraction(1))
    #expect(norland.tScore.score?.reported == dec("-0.6"))
    // Hologic needs no conversion and says nothing about one.
    let hologic = try score(.lumbarSpine, "1.000")
    #expect(hologic.tScore.score?.conversion == nil)
    #expect(!hologic.notes.contains { if case .converted = $0 { true } else { false } })
  }

  @Test("no equation, no score: single vertebrae have no cross-maker equations")
  func noEquation() throws {
    let table = try ReferenceTable(
      json: tableJSON(
        id: "hologic-l2",
        curves: #"[{"site": "l2", "sex": "female", "ethnicity": "white", "mean": 1.000, "sd": 0.100}]"#),
      file: "hologic-l2.json")
    let hologic = try score(.l2, "0.900", extraTables: [table])
    #expect(hologic.tScore.score?.reported == dec("-1.0"))
    let lunar = try score(.l2, "0.900", manufacturer: .geLunar, extraTables: [table])
    #expect(lunar.tScore.score == nil)
    #expect(
      lunar.tScore.reason
        == .noTableCovers(
          .t, misses: [.noConversion(tableID: "hologic-l2", scale: .manufacturer(.hologic), from: .geLunar, site: .l2)],
          onRequest: []))
  }

  @Test("a Hologic scan against a loaded GE Lunar table is converted the other way")
  func towardLunar() throws {
    let table = try ReferenceTable(
      json: tableJSON(
        id: "lunar-neck", version: "2", scale: "ge-lunar",
        curves: #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 0.970820, "sd": 0.100}]"#),
      file: "lunar-neck.json")
    // Hologic 0.800 → Lunar (0.019 + 1.087 × 0.800 + 0.023) / 0.939 = 0.9116 / 0.939 = 0.9708200…
    let result = try score(.femoralNeck, "0.800", extraTables: [table])
    let t = try #require(result.tScore.score)
    #expect(t.reference.tableID == "lunar-neck")
    #expect(t.bmdOnReferenceScale == (try Fraction(dec("0.9116")) / Fraction(dec("0.939"))))
    #expect(t.reported == dec("0.0"))
  }

  @Test("the partial sBMD total-hip curve scores women in sBMD, without back-converted rounding")
  func partialStandardizedCurve() throws {
    // Hologic 0.800 → 812.4 mg/cm²; women 60–69: 809/140 → Z = 3.4/140 = 0.024… → 0.0
    let result = try score(.totalHip, "0.800", age: "65", use: ["nhanes3-total-hip-women-sbmd"])
    let z = try #require(result.zScore.score)
    #expect(z.reference.tableID == "nhanes3-total-hip-women-sbmd")
    #expect(z.bmdOnReferenceScale == Fraction(dec("812.4")))
    #expect(abs(z.unrounded.doubleValue - 3.4 / 140) < 1e-12)
    // Not asked for: the default tables have no women's total-hip group at 65, and the reason points to it.
    let withoutCurve = try score(.totalHip, "0.800", age: "65")
    #expect(withoutCurve.zScore.score == nil)
    #expect(
      withoutCurve.zScore.reason
        == .noTableCovers(
          .z, misses: [.noPointAtAge(tableID: "nhanes-2005-2008-spine-hip", age: 65, coverage: "ages 21–30")],
          onRequest: ["nhanes3-total-hip-women-sbmd"]))
    // 70 and over: not covered by the partial curve.
    #expect(try score(.totalHip, "0.800", age: "70", use: ["nhanes3-total-hip-women-sbmd"]).zScore.score == nil)
  }
}

@Suite("Notes about conversions")
struct ConversionNoteTests {
  @Test("each conversion is stated once, and a second, different one is stated too")
  func stated() throws {
    // GE Lunar total hip, woman of 65, with the sBMD curve: T goes to the Hologic scale, Z to sBMD.
    let result = try score(.totalHip, "0.850", manufacturer: .geLunar, use: ["nhanes3-total-hip-women-sbmd"])
    let conversions = result.notes.compactMap { if case .converted(let conversion) = $0 { conversion } else { nil } }
    #expect(
      conversions.map(\.equation) == [
        "Hologic = (-0.031 + 0.979 × GE Lunar − 0.006) / 1.008", "sBMD mg/cm² = 1000 × (-0.031 + 0.979 × BMD)",
      ])
    #expect(conversions.map(\.to) == [.manufacturer(.hologic), .standardized])
    // Lunar spine: T and Z both convert to Hologic with the same equation: one note.
    let spine = try score(.lumbarSpine, "1.000", manufacturer: .geLunar)
    #expect(spine.notes.filter { if case .converted = $0 { true } else { false } }.count == 1)
  }
}

/// A valid conversion set a test can break one field at a time.
func conversionJSON(
  standardization: String = #"[{"site": "total-hip", "manufacturer": "hologic", "intercept": 0.006, "slope": 1.008}]"#,
  direct: String = "[]", notes: String = "[]", format: String = "dxa-conversion/1"
) -> String {
  """
  {"format": "\(format)", "id": "test-set", "version": "1", "title": "Test", "citation": "Test citation",
   "status": "verified", "notes": \(notes), "standardization": \(standardization), "direct": \(direct)}
  """
}

@Suite("Loading conversion sets")
struct ConversionFileTests {
  @Test(
    "malformed conversion sets are refused with the path of the field at fault",
    arguments: [
      (
        conversionJSON(
          standardization:
            #"[{"site": "total-hip", "manufacturer": "hologic", "intercept": 0.006, "slope": 1.008}, {"site": "total-hip", "manufacturer": "hologic", "intercept": 0, "slope": 1}]"#
        ), "c.json: standardization[1].manufacturer", "a second equation for total-hip, hologic"
      ),
      (
        conversionJSON(
          direct: #"[{"site": "lumbar-spine", "from": "hologic", "to": "hologic", "slope": 1, "intercept": 0}]"#),
        "c.json: direct[0].to", "must differ from 'from'"
      ),
      (
        conversionJSON(
          direct:
            #"[{"site": "lumbar-spine", "from": "ge-lunar", "to": "hologic", "slope": 0.906, "intercept": -0.025}, {"site": "lumbar-spine", "from": "ge-lunar", "to": "hologic", "slope": 1, "intercept": 0}]"#
        ), "c.json: direct[1].to", "a second equation for lumbar-spine ge-lunar → hologic"
      ),
      (
        conversionJSON(
          standardization: #"[{"site": "total-hip", "manufacturer": "hologic", "intercept": 0.006, "slope": 0}]"#),
        "c.json: standardization[0].slope", "must be greater than 0, found 0"
      ),
      (
        conversionJSON(standardization: "[]"), "c.json: standardization",
        "a conversion set needs standardization or direct equations"
      ),
      (conversionJSON(notes: #"["fine", 3]"#), "c.json: notes[1]", "expected a string, found a number"),
      (conversionJSON(format: "dxa-reference/1"), "c.json: format", "must be \"dxa-conversion/1\""),
    ])
  func refused(json: String, field: String, message: String) {
    #expect(throws: InputError(.reference, field: field, message)) { try ConversionSet(json: json, file: "c.json") }
  }

  @Test("a valid conversion set loads")
  func loads() throws {
    let set = try ConversionSet(json: conversionJSON(), file: "c.json")
    #expect(set.standardization.first?.slope == dec("1.008"))
    #expect(!set.isApproximate)
  }
}

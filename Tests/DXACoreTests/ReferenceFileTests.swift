import DXACore
import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

/// A valid table a test can break one field at a time.
func tableJSON(
  id: String = "test-table", version: String = "1", kind: String = "young-adult", scale: String = "hologic",
  units: String = "g/cm2", status: String = "verified",
  availability: String = "on-request", extra: String = "",
  curves: String =
    #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 0.858, "sd": 0.120}]"#
) -> String {
  """
  {"format": "dxa-reference/1", "id": "\(id)", "version": "\(version)", "title": "Test", "population": "Test people",
   "kind": "\(kind)", "scale": "\(scale)", "units": "\(units)", "citation": "Test citation", "status": "\(status)",
   "availability": "\(availability)", \(extra) "curves": \(curves)}
  """
}

@Suite("Loading reference files")
struct ReferenceFileTests {
  @Test(
    "malformed tables are refused with the path of the field at fault",
    arguments: [
      (
        tableJSON(
          curves: #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 0.858, "sd": 0}]"#),
        "t.json: curves[0].sd", "must be greater than 0, found 0"
      ),
      (
        tableJSON(curves: #"[{"site": "hip", "sex": "female", "ethnicity": "white", "mean": 0.858, "sd": 0.1}]"#),
        "t.json: curves[0].site",
        "'hip' is not one of: lumbar-spine, l1, l2, l3, l4, femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"
      ),
      (
        tableJSON(
          curves: #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mena": 0.858, "sd": 0.1}]"#),
        "t.json: curves[0].mena",
        "unknown field; allowed: ethnicity, mean, sd, sex, site, source, status, vertebrae; did you mean 'mean'?"
      ),
      (
        tableJSON(
          curves: #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 8.58e-1, "sd": 0.1}]"#),
        "t.json: curves[0].mean", "'8.58e-1' is not a plain decimal of at most 18 digits (no exponent)"
      ),
      (
        tableJSON(
          curves: #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": "0.858", "sd": 0.1}]"#),
        "t.json: curves[0].mean", "expected a number, found a string"
      ),
      (
        tableJSON(status: "unconfirmed", availability: "default"),
        "t.json: availability", "a table with unconfirmed numbers must be \"on-request\""
      ),
      (tableJSON(units: "mg/cm2"), "t.json: units", "must be g/cm2 for scale hologic"),
      (tableJSON(scale: "sbmd"), "t.json: units", "must be mg/cm2 for scale sbmd"),
      (tableJSON(scale: "lunar"), "t.json: scale", "'lunar' is not one of: hologic, ge-lunar, norland, sbmd"),
      (tableJSON(curves: "[]"), "t.json: curves", "must hold at least one curve"),
      (
        tableJSON(
          curves:
            #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 0.8, "sd": 0.1}, {"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 0.9, "sd": 0.1}]"#
        ),
        "t.json: curves[1].site", "a second curve for femoral-neck, female, white"
      ),
      (
        tableJSON(
          kind: "age-bands",
          curves:
            #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "bands": [{"label": "20–39", "from": 20, "under": 40, "mean": 0.8, "sd": 0.1}, {"label": "30–49", "from": 30, "under": 50, "mean": 0.8, "sd": 0.1}]}]"#
        ),
        "t.json: curves[0].bands[1].from", "overlaps the band before it (20–39); list bands in age order"
      ),
      (
        tableJSON(
          kind: "age-bands",
          curves:
            #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "bands": [{"label": "x", "from": 40, "under": 30, "mean": 0.8, "sd": 0.1}]}]"#
        ),
        "t.json: curves[0].bands[0].under", "must be greater than from (40)"
      ),
      (
        tableJSON(
          kind: "lms",
          curves:
            #"[{"site": "l1", "sex": "female", "ethnicity": "white", "points": [{"age": 30, "l": 1, "m": 1.0, "sd": 0.1}, {"age": 20, "l": 1, "m": 1.0, "sd": 0.1}]}]"#
        ),
        "t.json: curves[0].points[1].age", "ages must increase from point to point"
      ),
      (
        tableJSON(
          kind: "lms",
          curves:
            #"[{"site": "l1", "sex": "female", "ethnicity": "white", "points": [{"age": 30, "l": 1, "m": 1.0, "sd": 0.1}]}]"#
        ),
        "t.json: curves[0].points", "an LMS curve needs at least two age points"
      ),
      (
        tableJSON(extra: #""youngAdultAge": 25,"#), "t.json: youngAdultAge",
        "only age-band and LMS tables name a young-adult age"
      ),
      (
        tableJSON(extra: #""manufacturer": "ge-lunar","#), "t.json: manufacturer",
        "a maker's own database is on that maker's scale; this table's scale is hologic"
      ),
      (
        tableJSON(
          curves:
            #"[{"site": "femoral-neck", "vertebrae": "l2-l4", "sex": "female", "ethnicity": "white", "mean": 0.858, "sd": 0.1}]"#
        ),
        "t.json: curves[0].vertebrae", "applies to lumbar-spine curves only"
      ),
      (
        tableJSON(
          curves:
            #"[{"site": "lumbar-spine", "vertebrae": "l2", "sex": "female", "ethnicity": "white", "mean": 1.0, "sd": 0.1}]"#
        ),
        "t.json: curves[0].vertebrae", "'l2' is not a combination of two or more vertebrae such as l2-l4"
      ),
      (
        tableJSON(
          curves:
            #"[{"site": "lumbar-spine", "vertebrae": "l2-l4", "sex": "female", "ethnicity": "white", "mean": 1.0, "sd": 0.1}, {"site": "lumbar-spine", "vertebrae": "L2–L4", "sex": "female", "ethnicity": "white", "mean": 1.1, "sd": 0.1}]"#
        ),
        "t.json: curves[1].site", "a second curve for lumbar-spine, l2-l4, female, white"
      ),
      (
        tableJSON(extra: #""sources": [],"#), "t.json: sources",
        "unknown field; allowed: availability, citation, curves, format, id, kind, manufacturer, notes, population, scale, status, title, units, version, youngAdultAge"
      ),
      (
        "{\"format\": \"dxa-reference/1\",\n \"id\": }", "t.json",
        "not valid JSON: line 2, column 8: unexpected character '}'"
      ),
      ("[]", "t.json: (document)", "expected an object, found an array"),
    ])
  func refused(json: String, field: String, message: String) {
    #expect(throws: InputError(.reference, field: field, message)) { try ReferenceTable(json: json, file: "t.json") }
  }

  @Test("a valid table loads with its values exact")
  func loads() throws {
    let table = try ReferenceTable(json: tableJSON(), file: "t.json")
    #expect(table.id == "test-table")
    guard case .youngAdult(let mean, let sd) = try #require(table.curves.first).values else {
      Issue.record("expected a young-adult curve")
      return
    }
    #expect(mean.description == "0.858")
    #expect(sd.description == "0.120")
  }

  @Test("a loaded table is used ahead of the shipped defaults, and its id cannot clash")
  func loadedFirst() throws {
    let json = tableJSON(
      curves: #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 0.900, "sd": 0.100}]"#)
    let table = try ReferenceTable(json: json, file: "t.json")
    let result = try score(.femoralNeck, "0.800", extraTables: [table])
    #expect(result.tScore.score?.reference.tableID == "test-table")
    #expect(result.tScore.score?.reported == dec("-1.0"))
    var library = try shippedLibrary()
    let clash = try ReferenceTable(
      json: json.replacingOccurrences(of: "test-table", with: "nhanes3-hip-young-adult"), file: "t.json")
    #expect(
      throws: InputError(
        .reference, field: "nhanes3-hip-young-adult", "a reference table with this id is already loaded")
    ) {
      try library.add(clash, requested: true)
    }
  }
}

@Suite("LMS curves")
struct LMSTests {
  static let curve = #"""
    [{"site": "l2", "sex": "female", "ethnicity": "white", "points": [
      {"age": 20, "l": 1, "m": 1.100, "sd": 0.110},
      {"age": 30, "l": 1, "m": 1.200, "sd": 0.120},
      {"age": 40, "l": 1, "m": 1.100, "sd": 0.120}]}]
    """#

  func lmsTable(_ curves: String = curve) throws -> ReferenceTable {
    try ReferenceTable(
      json: tableJSON(kind: "lms", scale: "ge-lunar", extra: #""youngAdultAge": 30,"#, curves: curves), file: "lms.json"
    )
  }

  @Test("L = 1: M and SD interpolate linearly in age and the score stays exact")
  func exactWhenLIsOne() throws {
    // Age 25: M = 1.150, SD = 0.115; (0.920 − 1.150) / 0.115 = −2.0 exactly.
    let result = try score(
      .l2, "0.920", age: "25", menopause: .pre, manufacturer: .geLunar, extraTables: [try lmsTable()])
    let z = try #require(result.zScore.score)
    #expect(z.reported == dec("-2.0"))
    guard case .exact(let exact) = z.unrounded else {
      Issue.record("expected exact arithmetic")
      return
    }
    #expect(exact == Fraction(-2))
    #expect(z.reference.point.isInterpolated)
    // T from the young-adult age 30: (0.920 − 1.200) / 0.120 = −2.333… → −2.3
    #expect(result.tScore.score?.reported == dec("-2.3"))
  }

  @Test("no extrapolation beyond the first or last age point")
  func noExtrapolation() throws {
    let table = try lmsTable()
    let old = try score(.l2, "0.920", age: "40.01", manufacturer: .geLunar, extraTables: [table])
    #expect(old.zScore.score == nil)
    #expect(
      old.zScore.reason
        == .noTableCovers(
          .z, misses: [.noPointAtAge(tableID: "test-table", age: dec("40.01"), coverage: "ages 20 to 40")],
          onRequest: []))
    #expect(try score(.l2, "0.920", age: "40", manufacturer: .geLunar, extraTables: [table]).zScore.score != nil)
  }

  @Test("L ≠ 1 uses the LMS power law in floating point")
  func powerLaw() throws {
    let curves = #"""
      [{"site": "l2", "sex": "female", "ethnicity": "white", "points": [
        {"age": 20, "l": 0.5, "m": 1.200, "sd": 0.120}, {"age": 40, "l": 0.5, "m": 1.200, "sd": 0.120}]}]
      """#
    let result = try score(
      .l2, "0.900", age: "30", menopause: .pre, manufacturer: .geLunar, extraTables: [try lmsTable(curves)])
    let z = try #require(result.zScore.score)
    let expected = 1.2 * ((0.9 / 1.2).squareRoot() - 1) / (0.5 * 0.12)  // −2.679…
    #expect(abs(z.unrounded.doubleValue - expected) < 1e-12)
    #expect(z.reported == dec("-2.7"))
    guard case .floatingPoint = z.unrounded else {
      Issue.record("expected the floating-point path")
      return
    }
  }
}

@Suite("Robustness of the readers")
struct RobustnessTests {
  /// A small deterministic generator (SplitMix64), so a failure reproduces.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  @Test("mutated reference files are either read or refused with an error, never a crash")
  func mutatedFiles() throws {
    var generator = SplitMix(state: 20_261_129)
    let alphabet = Array(#"{}[]":,.-+0123456789eEtrufalsn \#n\"#.utf8) + [0xE2, 0x80, 0x93]
    var refused = 0
    for file in ShippedReferences.files {
      let original = Array(file.text.utf8)
      for _ in 0..<300 {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
          let index = Int.random(in: 0..<bytes.count, using: &generator)
          switch Int.random(in: 0..<3, using: &generator) {
          case 0: bytes[index] = alphabet.randomElement(using: &generator) ?? 0x20
          case 1: bytes.remove(at: index)
          default: bytes.insert(alphabet.randomElement(using: &generator) ?? 0x20, at: index)
          }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
          if file.path.hasPrefix("conversions/") {
            _ = try ConversionSet(json: text, file: file.path)
          } else if file.path.hasPrefix("codes/") {
            _ = try ReportCodes(json: text, file: file.path)
          } else if file.path.hasPrefix("conditions/") {
            _ = try ConditionCatalog(json: text, file: file.path)
          } else if file.path.hasPrefix("payers/") {
            _ = try PayerRules(json: text, file: file.path)
          } else if file.path.hasPrefix("billing/") {
            _ = try BillingCodeCatalog(json: text, file: file.path)
          } else {
            _ = try ReferenceTable(json: text, file: file.path)
          }
        } catch {
          #expect(error.kind == .reference)
          #expect(error.field.hasPrefix(file.path))
          refused += 1
        }
      }
    }
    #expect(refused > 1000)
  }

  @Test("a table whose SD is near zero gives no score rather than a huge number, and the fallback is stated")
  func absurdTable() throws {
    let json = tableJSON(
      curves:
        #"[{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 0.858, "sd": 0.000000000000001}]"#)
    let table = try ReferenceTable(json: json, file: "t.json")
    let result = try score(.femoralNeck, "0.500", extraTables: [table])
    #expect(result.tScore.score?.reference.tableID == "nhanes3-hip-young-adult")
    #expect(
      result.notes.contains(
        .fellBack(.t, missed: .tableOutOfRange(tableID: "test-table"), used: "nhanes3-hip-young-adult")))
    // With nothing to fall back on, there is no score, and the reason says why.
    var library = try ReferenceLibrary()
    try library.add(table, requested: true)
    let alone = try ScoringEngine(library: library).score(
      ScoreRequest(site: .femoralNeck, bmd: dec("0.500"), sex: .female, age: 60, menopause: .post))
    #expect(alone.tScore.score == nil)
    #expect(alone.tScore.reason == .noTableCovers(.t, misses: [.tableOutOfRange(tableID: "test-table")], onRequest: []))
  }

  @Test("an LMS curve whose L passes through 0 uses the logarithmic limit M·ln(X/M)/SD")
  func lmsThroughZero() throws {
    let curves = #"""
      [{"site": "l2", "sex": "female", "ethnicity": "white", "points": [
        {"age": 20, "l": 0.5, "m": 1.200, "sd": 0.120}, {"age": 40, "l": -0.5, "m": 1.200, "sd": 0.120}]}]
      """#
    let table = try ReferenceTable(json: tableJSON(kind: "lms", curves: curves), file: "lms.json")
    let result = try score(.l2, "0.900", age: "30", menopause: .pre, extraTables: [table])
    let z = try #require(result.zScore.score)
    #expect(abs(z.unrounded.doubleValue - 1.2 * log(0.75) / 0.12) < 1e-12)
    #expect(z.reported == dec("-2.9"))
  }
}

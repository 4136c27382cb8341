import DXACore
import Foundation
import Testing

@Suite("dxa score, end to end")
struct ScoreCommandTests {
  static let base = ["score", "--format", "json"]

  @Test(
    "worked cases give the exact reported scores and category",
    arguments: [
      // (0.558 − 0.858) / 0.120 = −2.5 exactly; Z (0.558 − 0.681) / 0.119 = −1.03…
      (
        ["--site", "femoral-neck", "--bmd", "0.558", "--sex", "female", "--age", "67", "--menopause", "post"],
        "-2.5", "-1.0", "osteoporosis"
      ),
      // (0.552 − 0.858) / 0.120 = −2.55 exactly → −2.6 (binary floating point says −2.5)
      (
        ["--site", "femoral-neck", "--bmd", "0.552", "--sex", "female", "--age", "67", "--menopause", "post"],
        "-2.6", "-1.1", "osteoporosis"
      ),
      // (0.820 − 0.942) / 0.122 = −1.0 exactly: normal
      (
        ["--site", "total-hip", "--bmd", "0.820", "--sex", "female", "--age", "60", "--menopause", "post"],
        "-1.0", "null", "normal"
      ),
      // Hologic spine on Hologic's database (the default): (0.772 − 1.047) / 0.110 = −2.5 exactly: osteoporosis;
      // Z vs 61–70 (0.952/0.142) −1.27 → −1.3
      (
        ["--site", "lumbar-spine", "--bmd", "0.772", "--sex", "female", "--age", "67", "--menopause", "post"],
        "-2.5", "-1.3", "osteoporosis"
      ),
      // The same value on GE Lunar: no GE database is loaded, so the open table after Genant's conversion
      // (0.906 × 0.772 − 0.025 = 0.674432): (0.674432 − 1.064) / 0.106 = −3.675… → −3.7; Z (0.674432 − 0.952) /
      // 0.142 = −1.954… → −2.0
      (
        [
          "--site", "lumbar-spine", "--bmd", "0.772", "--sex", "female", "--age", "67", "--menopause", "post",
          "--manufacturer", "ge-lunar",
        ],
        "-3.7", "-2.0", "osteoporosis"
      ),
      // --spine-reference open: (0.8043 − 1.064) / 0.106 = −2.45 exactly → −2.5: osteoporosis; Z −1.04…
      (
        [
          "--site", "lumbar-spine", "--bmd", "0.8043", "--sex", "female", "--age", "67", "--menopause", "post",
          "--spine-reference", "open",
        ],
        "-2.5", "-1.0", "osteoporosis"
      ),
      // A man of 45 is classified on Z: (0.79945 − 1.051) / 0.129 = −1.95 → −2.0; T (information only) against
      // Hologic's young women, (0.79945 − 1.047) / 0.110 = −2.25 → −2.3
      (
        ["--site", "lumbar-spine", "--bmd", "0.79945", "--sex", "male", "--age", "45"],
        "-2.3", "-2.0", "below-expected-range-for-age"
      ),
      // GE Lunar total hip 0.850, man of 45: converted to Hologic 0.7888…; T −1.26, Z vs men 41–50 −1.93
      (
        ["--site", "total-hip", "--bmd", "0.850", "--sex", "male", "--age", "45", "--manufacturer", "ge-lunar"],
        "-1.3", "-1.9", "within-expected-range-for-age"
      ),
      (["--site", "trochanter", "--bmd", "0.700", "--sex", "female", "--age", "67"], "null", "null", "null"),
      (["--site", "lumbar-spine", "--bmd", "0.700", "--sex", "female", "--age", "15"], "null", "null", "null"),
    ])
  func workedCases(arguments: [String], tScore: String, zScore: String, category: String) throws {
    let run = try dxa(Self.base + arguments)
    #expect(run.status == 0)
    // Only hints for the operator (an option that would fill a gap), never in the result itself.
    #expect(run.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("Hint: ") }, "\(run.stderr)")
    #expect(!run.stdout.contains("--"))
    let json = try JSONValue.parse(run.stdout)
    #expect(json["tScore"] == (tScore == "null" ? .null : .number(tScore)))
    #expect(json["zScore"] == (zScore == "null" ? .null : .number(zScore)))
    #expect(json["category"] == (category == "null" ? .null : .string(category)))
    if category == "null" {
      guard case .string(let reason)? = json["categoryReason"] else {
        Issue.record("a missing category must carry a reason")
        return
      }
      #expect(!reason.isEmpty)
    }
  }

  @Test("JSON output carries the unrounded value, the reference with its version, the scale and assumptions")
  func jsonAudit() throws {
    let run = try dxa(Self.base + ["--site", "femoral-neck", "--bmd", "0.552", "--sex", "female", "--age", "67"])
    let json = try JSONValue.parse(run.stdout)
    let t = try #require(json["t"])
    #expect(t["unrounded"] == .number("-2.55"))
    #expect(t["unroundedIsExact"] == .bool(true))
    #expect(t["arithmetic"] == .string("exact"))
    #expect(t["reference"]?["id"] == .string("nhanes3-hip-young-adult"))
    #expect(t["reference"]?["version"] == .string("1"))
    #expect(t["reference"]?["mean"] == .number("0.858"))
    #expect(t["reference"]?["sd"] == .number("0.120"))
    #expect(t["reference"]?["scale"] == .string("hologic"))
    #expect(json["manufacturer"] == .string("hologic"))
    #expect(json["policy"]?["reference"] == .string("iscd-2023"))
    #expect(
      json["assumptions"]
        == .array([
          .string("manufacturer not given: Hologic assumed"),
          .string("menopausal status not given: a woman aged 50 or over is taken as postmenopausal"),
          .string("ethnicity not given: the White age-matched reference is used for the Z-score"),
        ]))
  }

  @Test("text output is short and aligned, with the same facts")
  func text() throws {
    let run = try dxa(
      "score", "--site", "femoral-neck", "--bmd", "0.558", "--sex", "female", "--age", "67", "--menopause", "post",
      "--manufacturer", "hologic", "--ethnicity", "white")
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "Femoral neck: female, age 67, postmenopausal")
    #expect(lines.contains("  BMD               0.558 g/cm² (Hologic)"))
    #expect(lines.contains("  T-score           -2.5 (exact -2.5)"))
    #expect(lines.contains("                    nhanes3-hip-young-adult v1, White female young adult"))
    #expect(lines.contains("                    mean 0.858, SD 0.120 g/cm²; secondary"))
    #expect(lines.contains("  Z-score           -1.0 (exact -1.033613…)"))
    #expect(lines.contains("  Category          Osteoporosis"))
    #expect(lines.contains("                    osteoporosis, WHO on the T-score"))
    #expect(lines.contains("  Population        WHO classification on the T-score"))
    #expect(!run.stdout.contains("Assumptions:"))
    #expect(lines.allSatisfy { $0.count <= 80 })
  }

  @Test("both option spellings and '--' work")
  func optionForms() throws {
    let spaced = try dxa(
      "score", "--site", "total-hip", "--bmd", "0.800", "--sex", "female", "--age", "70", "--format", "json")
    let joined = try dxa("score", "--site=total-hip", "--bmd=0.800", "--sex=female", "--age=70", "--format=json", "--")
    #expect(spaced.status == 0)
    #expect(spaced.stdout == joined.stdout)
  }

  @Test("selectable and loaded references are used when asked for")
  func references() throws {
    let xue = try dxa(
      Self.base + [
        "--site", "femoral-neck", "--bmd", "0.646", "--sex", "female", "--age", "60", "--use", "xue-2021-young-women",
      ])
    let json = try JSONValue.parse(xue.stdout)
    #expect(json["tScore"] == .number("-2.0"))
    #expect(json["t"]?["reference"]?["id"] == .string("xue-2021-young-women"))

    let table = """
      {"format": "dxa-reference/1", "id": "clinic-l2", "version": "7", "title": "Clinic L2", "population": "test",
       "kind": "young-adult", "scale": "hologic", "units": "g/cm2", "citation": "test", "status": "verified",
       "availability": "on-request",
       "curves": [{"site": "l2", "sex": "female", "ethnicity": "white", "mean": 1.000, "sd": 0.100}]}
      """
    let path = try temporaryFile(table)
    let loaded = try dxa(
      Self.base + ["--site", "l2", "--bmd", "0.750", "--sex", "female", "--age", "60", "--reference", path])
    let loadedJSON = try JSONValue.parse(loaded.stdout)
    #expect(loadedJSON["tScore"] == .number("-2.5"))
    #expect(loadedJSON["t"]?["reference"]?["version"] == .string("7"))
    // A single vertebra is scored but never classified.
    #expect(loadedJSON["category"] == .null)
  }

  @Test("the pre-2013 policy reproduces men's scores against a male reference")
  func pre2013() throws {
    let run = try dxa(
      Self.base + ["--site", "lumbar-spine", "--bmd", "0.892", "--sex", "male", "--age", "60", "--policy", "pre-2013"])
    let json = try JSONValue.parse(run.stdout)
    #expect(json["tScore"] == .number("-1.5"))
    #expect(json["t"]?["reference"]?["sex"] == .string("male"))
  }
}

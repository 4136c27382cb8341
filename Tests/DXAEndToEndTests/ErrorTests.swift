import Foundation
import Testing

@Suite("Bad input: one line on stderr naming the field, a non-zero exit, nothing on stdout")
struct ErrorTests {
  static let valid = ["--site", "femoral-neck", "--bmd", "0.800", "--sex", "female", "--age", "60"]

  static func replacing(_ option: String, with value: String) -> [String] {
    var arguments = valid
    if let index = arguments.firstIndex(of: option) { arguments[index + 1] = value }
    return arguments
  }

  @Test(
    "each class of bad input",
    arguments: [
      (replacing("--bmd", with: "850"), Int32(65), "Error: --bmd: 850 looks like mg/cm²; give BMD in g/cm² (0.850)"),
      (replacing("--bmd", with: "0"), 65, "Error: --bmd: must be greater than 0 g/cm², found 0"),
      (replacing("--bmd", with: "-0.8"), 65, "Error: --bmd: must be greater than 0 g/cm², found -0.8"),
      (replacing("--bmd", with: "3.1"), 65, "Error: --bmd: 3.1 g/cm² is outside the plausible range 0.050–2.500"),
      (replacing("--bmd", with: "0.01"), 65, "Error: --bmd: 0.01 g/cm² is outside the plausible range 0.050–2.500"),
      (replacing("--bmd", with: "abc"), 65, "Error: --bmd: 'abc' is not a number"),
      (replacing("--bmd", with: "nan"), 65, "Error: --bmd: 'nan' is not a finite number"),
      (replacing("--bmd", with: "inf"), 65, "Error: --bmd: 'inf' is not a finite number"),
      (replacing("--bmd", with: "0,8"), 65, "Error: --bmd: '0,8': use a point as the decimal separator"),
      (
        replacing("--bmd", with: "8e-1"), 65,
        "Error: --bmd: '8e-1': write a plain decimal such as 0.850, not an exponent"
      ),
      (replacing("--age", with: "-1"), 65, "Error: --age: must be between 0 and 120 years, found -1"),
      (replacing("--age", with: "121"), 65, "Error: --age: must be between 0 and 120 years, found 121"),
      (replacing("--age", with: "sixty"), 65, "Error: --age: 'sixty' is not a number"),
      (
        replacing("--site", with: "hip"), 64,
        "Error: --site: the value 'hip' is invalid; expected one of: lumbar-spine, l1, l2, l3, l4, femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"
      ),
      (replacing("--sex", with: "f"), 64, "Error: --sex: the value 'f' is invalid; expected one of: female, male"),
      (Array(valid.dropLast(2)), 64, "Error: --age <years>: missing; this option is required"),
      (valid + ["--weight", "70"], 64, "Error: --weight: unknown option"),
      (valid + ["--menopause"], 64, "Error: --menopause <status>: missing value"),
      (valid + ["--bmd", "0.9"], 64, "Error: --bmd: given more than once"),
      (valid + ["extra"], 64, "Error: extra: unexpected argument"),
      (
        replacing("--sex", with: "male") + ["--menopause", "post"], 65,
        "Error: --menopause: 'post' was given for a man; it applies to women only"
      ),
      (
        valid + ["--manufacturer", "siemens"], 64,
        "Error: --manufacturer: the value 'siemens' is invalid; expected one of: hologic, ge-lunar, norland"
      ),
      (valid + ["--reference", "/nonexistent/table.json"], 66, "Error: /nonexistent/table.json: no such file"),
      (
        valid + ["--use", "nope"], 64,
        "Error: --use: no reference table 'nope'; known: hologic-spine-young-women, looker-1998-femoral-neck-women, nhanes-2005-2008-spine-hip, nhanes3-hip-young-adult, nhanes3-hip-young-men, nhanes3-total-hip-women-sbmd, xue-2021-young-women"
      ),
    ])
  func badInput(arguments: [String], status: Int32, message: String) throws {
    let run = try dxa(["score"] + arguments)
    #expect(run.status == status)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr == message + "\n")
  }

  @Test("a malformed reference file is exit 78, naming the file and the field")
  func badReferenceFile() throws {
    let path = try temporaryFile(
      """
      {"format": "dxa-reference/1", "id": "bad", "version": "1", "title": "t", "population": "p",
       "kind": "young-adult", "scale": "hologic", "units": "g/cm2", "citation": "c", "status": "verified",
       "availability": "on-request",
       "curves": [{"site": "femoral-neck", "sex": "female", "ethnicity": "white", "mean": 0.858, "sd": 0}]}
      """)
    let run = try dxa(["score"] + Self.valid + ["--reference", path])
    #expect(run.status == 78)
    #expect(run.stderr == "Error: \(path): curves[0].sd: must be greater than 0, found 0\n")
    let notJSON = try temporaryFile("{ nope")
    let second = try dxa(["score"] + Self.valid + ["--reference", notJSON])
    #expect(second.status == 78)
    #expect(second.stderr == "Error: \(notJSON): not valid JSON: line 1, column 3: expected a key in quotes\n")
  }

  @Test("unknown commands and subcommands are usage errors")
  func unknownCommands() throws {
    let command = try dxa("scroe")
    #expect(command.status == 64)
    #expect(
      command.stderr
        == "Error: 'scroe': unknown command; commands: score, report, reference, precision, batch, import, completions, "
        + "help (see 'dxa --help'); did you mean 'score'?\n"
    )
    let subcommand = try dxa("reference", "lsit")
    #expect(subcommand.status == 64)
    #expect(subcommand.stderr == "Error: 'lsit': unknown subcommand; expected list or show; did you mean 'list'?\n")
    let missing = try dxa("reference", "show", "nope")
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("Error: <id>: no table or conversion set 'nope'; known: "))
  }
}

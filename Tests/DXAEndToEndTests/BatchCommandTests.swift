import Foundation
import Testing

/// Runs `dxa` with `input` on its standard input.
func dxa(_ arguments: [String], input: String, in directory: URL? = nil) throws -> Run {
  let process = Process()
  process.executableURL = try dxaExecutable()
  process.arguments = arguments
  process.currentDirectoryURL = try directory ?? emptyDirectory()
  return try run(process, input: Data(input.utf8))
}

@Suite("dxa batch, end to end")
struct BatchCommandTests {
  static let header = "patient_id,site,sex,age,menopause,bmd"
  static let good = "P1,femoral-neck,female,67,post,0.558\nP2,total-hip,female,60,post,0.820\n"
  static let mixed = good + "P3,femoral-neck,female,67,post,850\n"

  @Test("a file in, a file out: scored rows, a summary on stderr, exit 0, nothing left half-written")
  func fileToFile() throws {
    let directory = try emptyDirectory()
    let input = directory.appending(path: "in.csv")
    try (Self.header + "\n" + Self.good).write(to: input, atomically: true, encoding: .utf8)
    let run = try dxa(["batch", input.path, "-o", "out.csv"], in: directory)
    #expect(run.status == 0)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.hasPrefix("2 rows in, 2 rows out: 2 ok, 0 with errors\n"))
    let output = try String(contentsOf: directory.appending(path: "out.csv"), encoding: .utf8)
    #expect(
      output.hasPrefix(
        "patient_id,site,sex,age,menopause,bmd,t_score,z_score,category,reference,status,error,note\n"
          + "P1,femoral-neck,female,67,post,0.558,-2.5,-1.0,osteoporosis,"))
    #expect(output.contains("\nP2,total-hip,female,60,post,0.820,-1.0,,normal,"))
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(files == ["in.csv", "out.csv"])
  }

  @Test("compact ids and codes by default; --notes writes their legend; a column named like an appended one is 79")
  func compactNotes() throws {
    let directory = try emptyDirectory()
    let run = try dxa(
      ["batch", "-", "-o", "out.csv", "--notes", "legend.csv"],
      input: "site,sex,age,bmd\nfemoral-neck,female,67,0.558\n",
      in: directory)
    #expect(run.status == 0)
    #expect(run.stderr.contains("--notes FILE writes what each means, --notes-format long the words.\n"))
    let output = try String(contentsOf: directory.appending(path: "out.csv"), encoding: .utf8)
    // No maker, menopausal status or group given: A1, A2, A4; T against r42, Z against r6 of the legend.
    #expect(output.hasSuffix("\nfemoral-neck,female,67,0.558,-2.5,-1.0,osteoporosis,T:r42;Z:r6,ok,,A1;A2;A4\n"))
    let legend = try String(contentsOf: directory.appending(path: "legend.csv"), encoding: .utf8)
    #expect(legend.hasPrefix("code,meaning\nA1,manufacturer not given: Hologic assumed\n"))
    #expect(legend.contains("\nr6,looker-1998-femoral-neck-women v1 White female 60–69\n"))
    #expect(legend.contains("\nr42,nhanes3-hip-young-adult v1 White female young adult\n"))
    let clash = try dxa(["batch", "-", "--quiet"], input: "site,sex,age,bmd,Note\nfemoral-neck,female,67,0.558,x\n")
    #expect(clash.status == 79)
    #expect(
      clash.stderr.contains(
        "header: the input has a column named 'Note', which dxa batch appends to every row; rename that column"))
    #expect(clash.stdout.isEmpty)
  }

  @Test("standard input to standard output, quietly")
  func pipes() throws {
    let run = try dxa(["batch", "-", "--quiet"], input: Self.header + "\n" + Self.good)
    #expect(run.status == 0)
    #expect(run.stderr.isEmpty)
    #expect(run.stdout.split(separator: "\n").count == 3)
  }

  @Test("rows with errors: every row still written, exit 65, the count on the last line, the rows in --errors")
  func rowErrors() throws {
    let directory = try emptyDirectory()
    let run = try dxa(
      ["batch", "-", "-o", "out.csv", "--errors", "bad.csv"], input: Self.header + "\n" + Self.mixed, in: directory)
    #expect(run.status == 65)
    #expect(run.stderr.hasSuffix("Error: 1 of 3 rows had errors; they are in the output with status=error\n"))
    #expect(run.stderr.contains("  row 3, bmd: 850 looks like mg/cm²; give BMD in g/cm² (0.850)\n"))
    let output = try String(contentsOf: directory.appending(path: "out.csv"), encoding: .utf8)
    #expect(output.split(separator: "\n").count == 4)
    #expect(
      output.contains(
        "P3,femoral-neck,female,67,post,850,,,,,error,bmd: 850 looks like mg/cm²; give BMD in g/cm² (0.850),\n"))
    let errors = try String(contentsOf: directory.appending(path: "bad.csv"), encoding: .utf8)
    #expect(
      errors
        == "row,error,record\n3,bmd: 850 looks like mg/cm²; give BMD in g/cm² (0.850),\"P3,femoral-neck,female,67,post,850\"\n"
    )
  }

  @Test(
    "each failure that stops a run, with its exit code and message",
    arguments: [
      (["batch"], "", Int32(64), "Error: <input>: missing; give a CSV file or - for standard input\n"),
      (
        ["batch", "-", "--jobs", "0"], "", 64,
        "Error: --jobs: the value '0' is invalid; expected a whole number from 1 to 256\n"
      ),
      (
        ["batch", "-", "--changed", "x.csv"], "", 64,
        "Error: --changed <file>: needs --compare-policy, --compare-reference or --compare-use\n"
      ),
      (["batch", "-", "--weight", "2"], "", 64, "Error: --weight: unknown option\n"),
      (["batch", "/nonexistent/in.csv"], "", 66, "Error: /nonexistent/in.csv: no such file\n"),
      (
        ["batch", "-", "-o", "/nonexistent/out.csv"], "site,sex,age,bmd\n", 73,
        "Error: /nonexistent/out.csv: cannot be created: No such file or directory\n"
      ),
      (["batch", "-", "-o", "/tmp"], "site,sex,age,bmd\n", 73, "Error: /tmp: is a directory\n"),
      (
        ["batch", "-"], "patient_id,bmd\nP1,0.8\n", 79,
        "Error: -: header: no column for site, sex, age (or birth_date and scan_date); a batch needs site, bmd, sex and age or birth_date with scan_date (or a --map that gives them)\n"
      ),
      (["batch", "-", "--map", "/nonexistent/map.json"], "", 66, "Error: /nonexistent/map.json: no such file\n"),
      (
        ["batch", "-", "--diagnoses", "d.csv"], "site,sex,age,bmd\n", 64,
        "Error: --diagnoses: needs a patient_id or scan_id column to group rows into scans\n"
      ),
    ])
  func failures(arguments: [String], input: String, status: Int32, message: String) throws {
    let run = try dxa(arguments, input: input)
    #expect(run.status == status)
    #expect(run.stderr == message)
    #expect(run.stdout.isEmpty)
  }

  @Test("a malformed map or one that names a missing column is a configuration error (78)")
  func badMaps() throws {
    let broken = try temporaryFile(#"{"format": "dxa-batch-map/1", "fields": {"sex": 1}}"#, name: "map.json")
    let run = try dxa(["batch", "-", "--map", broken], input: "a,b\n")
    #expect(run.status == 78)
    #expect(
      run.stderr == "Error: \(broken): fields.sex: expected a column name or an object with column, value or cases\n")
    let mismatched = try temporaryFile(
      #"{"format": "dxa-batch-map/1", "fields": {"sex": "gender"}}"#, name: "map.json")
    let other = try dxa(["batch", "-", "--map", mismatched], input: "site,age,bmd\n")
    #expect(other.status == 78)
    #expect(other.stderr == "Error: -: sex: the map names column 'gender', which the input does not have\n")
  }

  @Test("the policy options and --reference work as for dxa score")
  func policiesAndReferences() throws {
    let input = "site,sex,age,bmd\nfemoral-neck,female,67,0.558\ntrochanter,female,67,0.600\n"
    let required = try dxa(
      ["batch", "-", "--quiet", "--unknown-menopause", "require", "--notes-format", "long"], input: input)
    #expect(required.status == 0)
    #expect(
      required.stdout.contains(
        "femoral-neck,female,67,0.558,-2.5,-1.0,,T nhanes3-hip-young-adult v1 White female young adult; Z looker-1998-femoral-neck-women v1 White female 60–69,ok,,menopausal status not given: the setting in use gives no category without it; manufacturer not given"
      ))
    let table = try temporaryFile(
      """
      {"format": "dxa-reference/1", "id": "clinic-trochanter", "version": "3", "title": "Clinic", "population": "Clinic",
       "kind": "young-adult", "scale": "hologic", "units": "g/cm2", "citation": "Clinic", "status": "verified",
       "availability": "on-request", "curves": [{"site": "trochanter", "sex": "female", "ethnicity": "white",
       "mean": 0.800, "sd": 0.100}]}
      """)
    let loaded = try dxa(["batch", "-", "--quiet", "--reference", table, "--notes-format", "long"], input: input)
    #expect(loaded.status == 0)
    // (0.600 − 0.800) / 0.100 = −2.0; the trochanter is never classified.
    #expect(
      loaded.stdout.contains("trochanter,female,67,0.600,-2.0,,,T clinic-trochanter v3 White female young adult,ok,,"))
  }

  @Test("--compare-policy prints the transitions and writes the changed rows")
  func comparePolicy() throws {
    let directory = try emptyDirectory()
    let input = "site,sex,age,bmd\nfemoral-neck,male,70,0.590\nfemoral-neck,female,70,0.590\n"
    let run = try dxa(
      [
        "batch", "-", "-o", "out.csv", "--compare-policy", "pre-2013", "--compare-use", "nhanes3-hip-young-men",
        "--changed", "changed.csv",
      ], input: input, in: directory)
    #expect(run.status == 0)
    #expect(run.stderr.contains("Category transitions, iscd-2023 → pre-2013 with nhanes3-hip-young-men"))
    #expect(run.stderr.contains("  low-bone-mass → osteoporosis: 1\n"))
    let changed = try String(contentsOf: directory.appending(path: "changed.csv"), encoding: .utf8)
    #expect(changed.split(separator: "\n").count == 2)
    #expect(changed.contains("femoral-neck,male,70,0.590,-2.2,"))
  }

  @Test("the same output file for --jobs 1 and --jobs 3")
  func jobs() throws {
    var rows = [Self.header]
    for index in 0..<3_000 {
      rows.append(
        "P\(index),\(["femoral-neck", "total-hip", "lumbar-spine"][index % 3]),female,\(40 + index % 50),,0.\(400 + index % 500)"
      )
    }
    let input = rows.joined(separator: "\n") + "\n"
    let one = try dxa(["batch", "-", "--jobs", "1", "--quiet"], input: input)
    let three = try dxa(["batch", "-", "--jobs", "3", "--quiet"], input: input)
    #expect(one.status == 0)
    #expect(one.stdout == three.stdout)
    #expect(one.stdout.split(separator: "\n").count == 3_001)
  }

  @Test("dxa help batch: the options with their defaults, descriptions from column 26")
  func help() throws {
    let run = try dxa("help", "batch")
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("OVERVIEW: Recompute T-scores, Z-scores and categories for a CSV file of scans.\n"))
    #expect(run.stdout.contains("\n  -o, --output <file>     Scored rows; - is stdout. (default: -)\n"))
    #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    #expect(run.stdout.contains("\n  --policy <policy>       "))
    #expect(run.stdout.contains("White women; pre-2013 scores men against men. (values:\n"))
    #expect(run.stdout.contains("\n                          iscd-2023, pre-2013; default: iscd-2023)\n"))
    #expect(try dxa("batch", "--help").stdout == run.stdout)
    #expect(try dxa("--help").stdout.contains("\n  batch                   Recompute a CSV file of scans"))
  }
}

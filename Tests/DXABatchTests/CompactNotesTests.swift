import DXACore
import DXAReferenceData
import DXASynthetic
import Foundation
import Testing

@testable import DXABatch

@Suite("Compact reference ids and note codes; names the output would repeat; pediatric diagnoses")
struct CompactNotesTests {
  static func compact(_ configure: @escaping (inout BatchOptions) -> Void = { _ in }) -> (inout BatchOptions) -> Void {
    { options in
      options.longNotes = false
      configure(&options)
    }
  }

  @Test("worked rows: T and Z reference ids from the library's list, note codes in the long note's order")
  func workedRows() throws {
    let setup = try makeSetup()
    // The ids follow the shipped library's order: r6 and r42 are these two references.
    #expect(setup.references[5] == "looker-1998-femoral-neck-women v1 White female 60–69")
    #expect(setup.references[41] == "nhanes3-hip-young-adult v1 White female young adult")
    let input =
      [
        header,
        // (0.558 − 0.858) / 0.120 = −2.5; Z (0.558 − 0.681) / 0.119 = −1.03: nothing assumed, no note.
        longRow([
          "site": "femoral-neck", "sex": "female", "age": "67", "menopause": "post", "manufacturer": "hologic",
          "ethnicity": "white", "bmd": "0.558",
        ]),
        // No maker, no group, no menopausal status: Hologic, postmenopausal from age 50, White for Z (A1, A2, A4).
        longRow(["site": "femoral-neck", "sex": "female", "age": "67", "bmd": "0.558"]),
        // Aged 12 at the femoral neck: no T-score under 20, no age band, not a pediatric site.
        longRow([
          "site": "femoral-neck", "sex": "female", "age": "12", "manufacturer": "hologic", "ethnicity": "white",
          "bmd": "0.558",
        ]),
      ].joined(separator: "\n") + "\n"
    let run = try runBatch(input, setup: setup, configure: Self.compact())
    let rows = run.rows
    #expect(rows.count == 3)
    #expect(rows[0]["t_score"] == "-2.5" && rows[0]["z_score"] == "-1.0" && rows[0]["category"] == "osteoporosis")
    #expect(rows[0]["reference"] == "T:r42;Z:r6" && rows[0]["note"] == "")
    #expect(rows[1]["reference"] == "T:r42;Z:r6" && rows[1]["note"] == "A1;A2;A4")
    #expect(rows[2]["reference"] == "" && rows[2]["note"] == "T1;Z1;C1")
    let long = try runBatch(input, setup: setup)
    #expect(
      long.rows[1]["note"]
        == "manufacturer not given: Hologic assumed; menopausal status not given: a woman aged 50 or over is taken as postmenopausal; ethnicity not given: the White age-matched reference is used for the Z-score"
    )
    #expect(long.rows[2]["note"]?.hasPrefix("no T-score: no T-score under age 20") == true)
  }

  @Test("the compact columns say what the long ones say: ids expand to the references, codes to the notes' parts")
  func compactMatchesLong() throws {
    var archive = SyntheticArchive(seed: 23)
    let input = archive.generate(rows: 4_000)
    let setup = try makeSetup()
    let long = try runBatch(input, setup: setup).records
    let compact = try runBatch(input, setup: setup, configure: Self.compact()).records
    #expect(long.count == 4_001 && compact.count == 4_001)
    let columns = long[0]
    let reference = try #require(columns.firstIndex(of: "reference"))
    let note = try #require(columns.firstIndex(of: "note"))
    let codes = Set(NoteCode.allCases.map(\.rawValue))
    for (longRow, compactRow) in zip(long.dropFirst(), compact.dropFirst()) {
      for index in columns.indices where index != reference && index != note {
        #expect(longRow[index] == compactRow[index])
      }
      // `T:r42;Z:r6` → `T <reference 42>; Z <reference 6>`.
      let expanded = compactRow[reference].split(separator: ";").map { part in
        let (label, id) = (part.prefix(1), Int(part.dropFirst(3)) ?? 0)
        return id > 0 ? "\(label) \(setup.references[id - 1])" : "unknown id \(part)"
      }
      #expect(expanded.joined(separator: "; ") == longRow[reference])
      let noteCodes = compactRow[note].split(separator: ";").map(String.init)
      #expect(noteCodes.allSatisfy(codes.contains))
      #expect(noteCodes.isEmpty == longRow[note].isEmpty)
      // Each part of the long note starts as its code's meaning says (the parts of a T or Z reason: "no T-score").
      if noteCodes.contains(where: { $0.hasPrefix("T") }) { #expect(longRow[note].contains("no T-score")) }
      if noteCodes.contains("A1") { #expect(longRow[note].contains("manufacturer not given: Hologic assumed")) }
    }
  }

  @Test("every note the shipped tables give, under every policy, has a code of its own (never an 'other' code)")
  func everyNoteHasItsCode() throws {
    var seen: Set<NoteCode> = []
    let ages: [ExactDecimal] = [5, 12, 19, 20, 25, 35, 45, 49, 50, 55, 65, 75, 85, 95]
    for setup in try equalitySetups(usesTemplates: false).prefix(4) {
      for site in Site.allCases {
        for sex in Sex.allCases {
          for menopause in [nil] + MenopausalStatus.allCases.map(Optional.some) where sex == .female || menopause == nil
          {
            for manufacturer in [nil] + Manufacturer.allCases.map(Optional.some) {
              for ethnicity in [nil] + Ethnicity.allCases.map(Optional.some) {
                for age in ages {
                  let request = ScoreRequest(
                    site: site, bmd: ExactDecimal(significand: 800, scale: 3), sex: sex, age: age,
                    menopause: menopause, manufacturer: manufacturer, ethnicity: ethnicity)
                  let fields = RowScore(try setup.engine.score(request))
                  let others: Set<NoteCode> = [.tOther, .zOther, .categoryOther]
                  #expect(others.isDisjoint(with: fields.noteCodes), "\(request): \(fields.note)")
                  seen.formUnion(fields.noteCodes)
                }
              }
            }
          }
        }
      }
    }
    // The sweep meets every code the engine gives, not only a few.
    for code in [
      NoteCode.manufacturerAssumed, .postmenopausalAssumed, .premenopausalAssumed, .tUnder20, .zAgeNotCovered,
    ] {
      #expect(seen.contains(code))
    }
  }

  @Test("compact output is the same bytes for any number of jobs and any buffer size")
  func compactDeterminism() throws {
    var archive = SyntheticArchive(seed: 5)
    let input = archive.generate(rows: 3_000)
    let reference = try runBatch(input, jobs: 1, bufferSize: 1 << 20, configure: Self.compact())
    for (jobs, bufferSize) in [(2, 1 << 12), (3, 1 << 10), (4, 1 << 16)] {
      let run = try runBatch(input, jobs: jobs, bufferSize: bufferSize, configure: Self.compact())
      #expect(run.output == reference.output, "jobs \(jobs), buffer \(bufferSize)")
      #expect(run.diagnoses == reference.diagnoses)
      #expect(run.summary == reference.summary)
    }
  }

  @Test("the legend lists every note code and every reference id with its wording, as CSV")
  func legend() throws {
    let setup = try makeSetup()
    let text = String(decoding: NotesLegend.csv(setup: setup), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "code,meaning")
    #expect(lines[1] == "A1,manufacturer not given: Hologic assumed")
    #expect(text.contains("\nr42,nhanes3-hip-young-adult v1 White female young adult\n"))
    #expect(lines.count == 1 + NoteCode.allCases.count + setup.references.count + 1)
  }

  @Test(
    "an input column named like an appended column is refused (exit 64), naming it",
    arguments: ["note", "T_Score", " status "])
  func appendedNameInInput(name: String) throws {
    #expect(throws: BatchFailure.self) {
      _ = try runBatch("site,sex,age,bmd,\(name)\nfemoral-neck,female,67,0.558,x\n")
    }
    do {
      _ = try BatchLayout(columns: ["site", "sex", "age", "bmd", name], map: nil)
      Issue.record("accepted \(name)")
    } catch {
      #expect(error.kind == .usage)
      #expect(
        error.description
          == "header: the input has a column named '\(name.trimmingCharacters(in: .whitespaces))', which dxa batch appends to every row; rename that column"
      )
    }
  }

  @Test("--diagnoses under 20: the PA lumbar spine and total body less head both count (ISCD pediatric)")
  func pediatricDiagnosis() throws {
    var library = try ShippedReferences.library()
    try library.add(
      try ReferenceTable(
        json: """
          {"format": "dxa-reference/1", "id": "test-pediatric", "version": "1", "title": "Test", "population": "Test",
           "kind": "age-bands", "scale": "hologic", "units": "g/cm2", "citation": "Test", "status": "verified",
           "availability": "on-request", "curves": [
             {"site": "lumbar-spine", "sex": "female", "ethnicity": "white", "bands": [
               {"label": "10–15", "from": 10, "under": 15, "mean": 0.800, "sd": 0.100}]},
             {"site": "total-body-less-head", "sex": "female", "ethnicity": "white", "bands": [
               {"label": "10–15", "from": 10, "under": 15, "mean": 0.700, "sd": 0.080}]}]}
          """, file: "test.json"), requested: true)
    let setup = ScoringSetup(library: library, policy: .standard)
    let person = [
      "patient_id": "P1", "scan_id": "S1", "sex": "female", "age": "12", "manufacturer": "hologic",
      "ethnicity": "white",
    ]
    let input =
      [
        header,
        // Z = (0.700 − 0.800) / 0.100 = −1.0: within the expected range.
        longRow(person.merging(["site": "lumbar-spine", "bmd": "0.700"]) { $1 }),
        // Z = (0.540 − 0.700) / 0.080 = −2.0: below the expected range, and the lowest.
        longRow(person.merging(["site": "total-body-less-head", "bmd": "0.540"]) { $1 }),
        // The femoral neck is not a pediatric site: no category, never the diagnosis.
        longRow(person.merging(["site": "femoral-neck", "bmd": "0.300"]) { $1 }),
      ].joined(separator: "\n") + "\n"
    let run = try runBatch(input, setup: setup)
    #expect(run.rows.map { $0["z_score"] } == ["-1.0", "-2.0", ""])
    #expect(
      run.diagnoses.split(separator: "\n").last
        == "P1,S1,,below-expected-range-for-age,z-score,-2.0,total-body-less-head,,3,0")
  }
}

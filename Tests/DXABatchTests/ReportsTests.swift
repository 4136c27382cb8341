import DXACore
import Testing

@testable import DXABatch

@Suite("Reconciliation, policy comparison and diagnoses on small archives worked by hand")
struct ReportsTests {
  static func row(
    _ patient: String, scan: String = "S", sex: String, age: String, menopause: String = "", site: String,
    bmd: String, t: String = "", z: String = ""
  ) -> String {
    longRow([
      "patient_id": patient, "scan_id": scan, "sex": sex, "age": age, "menopause": menopause, "site": site,
      "manufacturer": "hologic", "bmd": bmd, "t_score_device": t, "z_score_device": z,
    ])
  }

  @Test("transitions iscd-2023 → pre-2013: men's femoral necks move; women's do not")
  func transitionMatrix() throws {
    let rows = [
      // T (0.858 − 0.858)/0.120 = 0.0 → (0.858 − 0.934)/0.137 = −0.55 → −0.6: normal → normal (T changed)
      Self.row("1", sex: "male", age: "60", site: "femoral-neck", bmd: "0.858"),
      // −1.0 → (0.738 − 0.934)/0.137 = −1.43 → −1.4: normal → low bone mass
      Self.row("2", sex: "male", age: "60", site: "femoral-neck", bmd: "0.738"),
      // −2.15 exactly → −2.2 → −2.44 → −2.4: low → low (T changed)
      Self.row("3", sex: "male", age: "70", site: "femoral-neck", bmd: "0.600"),
      // −2.23 → −2.2 → −2.51 → −2.5: low bone mass → osteoporosis
      Self.row("4", sex: "male", age: "70", site: "femoral-neck", bmd: "0.590"),
      // A woman: the same White female reference under both policies: unchanged
      Self.row("5", sex: "female", age: "65", menopause: "post", site: "femoral-neck", bmd: "0.700"),
      // A man under 50: no male femoral-neck Z table, so no category under either; T changes
      Self.row("6", sex: "male", age: "40", site: "femoral-neck", bmd: "0.800"),
      // An error under both
      Self.row("7", sex: "male", age: "70", site: "femoral-neck", bmd: "abc"),
      // Total hip, man: (0.700 − 0.942)/0.122 = −1.98 → −2.0 low; pre-2013, the men's total hip (1.041/0.144):
      // −2.37 → −2.4 low (T changed)
      Self.row("8", sex: "male", age: "75", site: "total-hip", bmd: "0.700"),
    ]
    let input = ([header] + rows).joined(separator: "\n") + "\n"
    let compare = try makeSetup(policy: ScoringPolicy(reference: .pre2013), use: ["nhanes3-hip-young-men"])
    let run = try runBatch(input, compare: compare)
    func count(_ from: Category?, _ to: Category?) -> Int {
      run.summary.transitions[
        BatchSummary.categoryIndex(from) * BatchSummary.categorySlots + BatchSummary.categoryIndex(to)]
    }
    let errorToError = run.summary.transitions[
      BatchSummary.errorSlot * BatchSummary.categorySlots + BatchSummary.errorSlot]
    #expect(count(.normal, .normal) == 1)
    #expect(count(.normal, .lowBoneMass) == 1)
    #expect(count(.lowBoneMass, .lowBoneMass) == 3)
    #expect(count(.lowBoneMass, .osteoporosis) == 1)
    #expect(count(.lowBoneMass, nil) == 0)
    #expect(count(nil, nil) == 1)
    #expect(errorToError == 1)
    #expect(run.summary.transitions.reduce(0, +) == 8)
    #expect(run.summary.changedRows == 6)
    let changed = parseCSV(run.changed)
    #expect(changed.count == 7)
    let changedIDs = changed.dropFirst().map { $0[0] }
    #expect(changedIDs == ["1", "2", "3", "4", "6", "8"])
    let columns = changed[0]
    let t = try #require(columns.firstIndex(of: "t_score"))
    let otherT = try #require(columns.firstIndex(of: "compare_t_score"))
    let otherCategory = try #require(columns.firstIndex(of: "compare_category"))
    #expect(changed[4][t] == "-2.2" && changed[4][otherT] == "-2.5" && changed[4][otherCategory] == "osteoporosis")
    let text = run.summary.text(policy: "iscd-2023", comparedWith: "pre-2013")
    #expect(text.contains("  normal → low-bone-mass: 1\n"))
    #expect(text.contains("  low-bone-mass → osteoporosis: 1\n"))
    #expect(text.contains("Rows whose scores or category changed: 6\n"))
  }

  @Test("with --diagnoses, transitions are also counted per scan, by the scan's diagnosis")
  func scanTransitions() throws {
    let rows = [
      // A, man 70: neck −2.23 → −2.2 low, then −2.51 → −2.5 osteoporosis; hip −1.98 → −2.0 low, then against the
      // men's total hip (1.041/0.144) −2.37 → −2.4 low. Diagnosis: low bone mass (−2.2) → osteoporosis (−2.5).
      Self.row("A", sex: "male", age: "70", site: "femoral-neck", bmd: "0.590"),
      Self.row("A", sex: "male", age: "70", site: "total-hip", bmd: "0.700"),
      // B, man 60: neck 0.0 → −0.55 → −0.6, hip 0.0 → −0.69 → −0.7: normal → normal.
      Self.row("B", sex: "male", age: "60", site: "femoral-neck", bmd: "0.858"),
      Self.row("B", sex: "male", age: "60", site: "total-hip", bmd: "0.942"),
      // C, woman 65: the same reference under both policies: low bone mass (−1.3) both times.
      Self.row("C", sex: "female", age: "65", menopause: "post", site: "femoral-neck", bmd: "0.700"),
      Self.row("C", sex: "female", age: "65", menopause: "post", site: "total-hip", bmd: "0.800"),
      // D, man 70: neck −1.0 normal → −1.43 → −1.4 low; hip 0.07 → 0.1 normal → −0.63 → −0.6 normal: normal → low
      // bone mass.
      Self.row("D", sex: "male", age: "70", site: "femoral-neck", bmd: "0.738"),
      Self.row("D", sex: "male", age: "70", site: "total-hip", bmd: "0.950"),
    ]
    let input = ([header] + rows).joined(separator: "\n") + "\n"
    let compare = try makeSetup(policy: ScoringPolicy(reference: .pre2013), use: ["nhanes3-hip-young-men"])
    for jobs in [1, 2] {
      let run = try runBatch(input, compare: compare, jobs: jobs, chunkSize: 40)
      func scans(_ from: Category?, _ to: Category?) -> Int {
        run.summary.scanTransitions[
          BatchSummary.categoryIndex(from) * BatchSummary.categorySlots + BatchSummary.categoryIndex(to)]
      }
      #expect(scans(.lowBoneMass, .osteoporosis) == 1)
      #expect(scans(.normal, .lowBoneMass) == 1)
      #expect(scans(.normal, .normal) == 1)
      #expect(scans(.lowBoneMass, .lowBoneMass) == 1)
      #expect(run.summary.scanTransitions.reduce(0, +) == 4)
      // Measurements tell a different story: three stay normal (B's neck and hip, D's hip), only one scan does.
      #expect(
        run.summary.transitions[
          BatchSummary.categoryIndex(.normal) * BatchSummary.categorySlots + BatchSummary.categoryIndex(.normal)] == 3)
      #expect(
        run.summary.transitions[
          BatchSummary.categoryIndex(.normal) * BatchSummary.categorySlots + BatchSummary.noCategorySlot] == 0)
      let text = run.summary.text(policy: "iscd-2023", comparedWith: "pre-2013")
      #expect(text.contains("  low-bone-mass → osteoporosis: 1 scan\n"))
      #expect(text.contains("  normal → low-bone-mass: 1 scan\n"))
      #expect(text.contains("  unchanged: 2 of 4 scans\n"))
    }
  }

  @Test("reconciliation: exact differences, counted over 0.1 and over 0.2 by site and maker")
  func reconciliation() throws {
    let rows = [
      // T −2.5, Z (0.558 − 0.681)/0.119 = −1.03 → −1.0
      Self.row(
        "1", sex: "female", age: "67", menopause: "post", site: "femoral-neck", bmd: "0.558", t: "-2.5", z: "-1.0"),
      Self.row(
        "2", sex: "female", age: "67", menopause: "post", site: "femoral-neck", bmd: "0.558", t: "-2.35", z: "-1.25"),
      // T (0.820 − 0.942)/0.122 = −1.0 exactly
      Self.row("3", sex: "female", age: "60", menopause: "post", site: "total-hip", bmd: "0.820", t: "-1.3"),
      // A difference of exactly 0.1 is not "more than 0.1" (binary floating point says 0.10000000000000009)
      Self.row("4", sex: "female", age: "60", menopause: "post", site: "total-hip", bmd: "0.820", t: "-1.1"),
      Self.row("5", sex: "female", age: "60", menopause: "post", site: "total-hip", bmd: "0.820"),
    ]
    let run = try runBatch(([header] + rows).joined(separator: "\n") + "\n")
    #expect(run.rows.map { $0["t_score_diff"] ?? "?" } == ["0.0", "-0.15", "0.3", "0.1", ""])
    #expect(run.rows.map { $0["z_score_diff"] ?? "?" } == ["0.0", "0.25", "", "", ""])
    let neck = run.summary.reconciliation[.init(site: .femoralNeck, manufacturer: .hologic)]
    #expect(
      neck == BatchSummary.Reconciliation(tCompared: 2, tOver01: 1, tOver02: 0, zCompared: 2, zOver01: 1, zOver02: 1))
    let hip = run.summary.reconciliation[.init(site: .totalHip, manufacturer: .hologic)]
    #expect(
      hip == BatchSummary.Reconciliation(tCompared: 2, tOver01: 1, tOver02: 1, zCompared: 0, zOver01: 0, zOver02: 0))
    #expect(run.summary.reconciliation.count == 2)
  }

  @Test(
    "spine reconciliation follows the maker rule: a Hologic spine against Hologic's database, GE's on the open table")
  func spineReconciliation() throws {
    let rows = [
      // Hologic: (0.772 − 1.047)/0.110 = −2.5 exactly, as the console printed: no difference.
      Self.row("1", sex: "female", age: "67", menopause: "post", site: "lumbar-spine", bmd: "0.772", t: "-2.5")
    ]
    let input = ([header] + rows).joined(separator: "\n") + "\n"
    let maker = try runBatch(input)
    #expect(maker.rows.map { $0["t_score"] ?? "?" } == ["-2.5"])
    #expect(maker.rows.map { $0["t_score_diff"] ?? "?" } == ["0.0"])
    #expect(maker.rows.first?["reference"]?.hasPrefix("T hologic-spine-young-women v1") == true)
    // --spine-reference open: (0.772 − 1.064)/0.106 = −2.75… → −2.8, 0.3 from the console's value.
    let open = try runBatch(input, setup: try makeSetup(policy: ScoringPolicy(spineReference: .open)))
    #expect(open.rows.map { $0["t_score_diff"] ?? "?" } == ["-0.3"])
    let spine = open.summary.reconciliation[.init(site: .lumbarSpine, manufacturer: .hologic)]
    #expect(spine?.tOver02 == 1)
    // A GE Lunar row has no GE table: the open table, and the note says so.
    let lunar = ([header] + rows).joined(separator: "\n").replacing(",hologic,", with: ",ge-lunar,") + "\n"
    let ge = try runBatch(lunar)
    #expect(ge.rows.first?["note"]?.contains("no loaded GE Lunar spine database covers this person") == true)
  }

  @Test("diagnoses: one row per scan, the lowest T at a diagnostic site (Z for premenopausal women)")
  func diagnoses() throws {
    let rows = [
      // Scan A: spine −2.6 is lowest (neck −2.5, hip −1.0; the trochanter never counts)
      Self.row("A", scan: "1", sex: "female", age: "67", menopause: "post", site: "femoral-neck", bmd: "0.558"),
      Self.row("A", scan: "1", sex: "female", age: "67", menopause: "post", site: "total-hip", bmd: "0.820"),
      // A Hologic spine on Hologic's database (spine-reference manufacturer): (0.761 − 1.047)/0.110 = −2.6 exactly
      Self.row("A", scan: "1", sex: "female", age: "67", menopause: "post", site: "lumbar-spine", bmd: "0.761"),
      Self.row("A", scan: "1", sex: "female", age: "67", menopause: "post", site: "trochanter", bmd: "0.300"),
      // Scan B: premenopausal, classified on Z: neck Z (0.540 − 0.791)/0.125 = −2.0 → below; spine higher
      Self.row("B", scan: "2", sex: "female", age: "45", menopause: "pre", site: "femoral-neck", bmd: "0.540"),
      Self.row("B", scan: "2", sex: "female", age: "45", menopause: "pre", site: "lumbar-spine", bmd: "1.000"),
      // Scan C: only a bad row and a non-diagnostic site
      Self.row("C", scan: "3", sex: "female", age: "70", menopause: "post", site: "femoral-neck", bmd: "x"),
      Self.row("C", scan: "3", sex: "female", age: "70", menopause: "post", site: "wards", bmd: "0.500"),
    ]
    let run = try runBatch(([header] + rows).joined(separator: "\n") + "\n", jobs: 2, bufferSize: 1024)
    #expect(
      run.diagnoses == """
        patient_id,scan_id,scan_date,category,basis,score,site,side,rows,error_rows
        A,1,,osteoporosis,t-score,-2.6,lumbar-spine,,4,0
        B,2,,below-expected-range-for-age,z-score,-2.0,femoral-neck,,2,0
        C,3,,,,,,,2,1

        """)
  }
}

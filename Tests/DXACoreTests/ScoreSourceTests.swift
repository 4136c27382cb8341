import DXACore
import DXATestSupport
import Testing

/// Which score a report gives for each region, where it comes from, and how the diagnosis follows (issue 8).
/// Every exam is a Hologic scan of a postmenopausal woman of 68 unless it says otherwise.
@Suite("Report: score sources, the maker's database and scanner-only sites")
struct ScoreSourceTests {
  @Test("a 1/3 radius with no engine reference counts on the scanner's printed T, labelled")
  func scannerOnlyRadius() throws {
    let rows =
      hips(neck: "0.700", total: "0.820")
      + #", {"site": "radius-33", "side": "left", "bmd": 0.598, "t_score_device": -2.7}"#
    // Primary hyperparathyroidism as the indication is an ISCD reason to use the radius.
    let report = try buildReport(
      try exam(examJSON(measurements: rows, scan: #""indications": ["primary-hyperparathyroidism"]"#)))
    let radius = try #require(report.sites.first { $0.measurement.site == .radius33 })
    #expect(radius.role == .diagnosticBecause(.hyperparathyroidism))
    #expect(radius.tScore == nil)  // no open radius table
    #expect(radius.t.reported == dec("-2.7"))
    #expect(radius.t.source == .scanner)
    #expect(radius.t.choice == .scannerNoEngineReference)
    #expect(radius.classification.category == .osteoporosis)
    // Neck (0.700 − 0.858)/0.120 = −1.3; the radius decides.
    #expect(report.diagnosis.category == .osteoporosis)
    #expect(report.diagnosis.basisLabel == "Radius 33% (1/3) (left)")
    #expect(report.diagnosis.basisScore == dec("-2.7"))
    #expect(report.diagnosis.basisSource == .scanner)
    #expect(report.diagnosis.basisChoice == .scannerNoEngineReference)
    // Without a reason the radius is shown, and does not count.
    let plain = try buildReport(try exam(examJSON(measurements: rows)))
    #expect(plain.diagnosis.category == .lowBoneMass)
    #expect(plain.diagnosis.basisScore == dec("-1.3"))
  }

  @Test("the spine T-score comes from the printed value, else Hologic's table, else the open table, labelled")
  func makerDatabase() throws {
    let printed = try buildReport(
      try exam(examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.799, "t_score_device": -2.2}"#)))
    // Hologic's table recomputes (0.799 − 1.047)/0.110 = −2.2545… → −2.3; the open table −2.5 would say
    // osteoporosis. The printed value counts.
    #expect(printed.sites[0].t.reported == dec("-2.2"))
    #expect(printed.sites[0].t.choice == .scannerMakerDatabase)
    #expect(printed.sites[0].tScore?.reported == dec("-2.3"))
    #expect(printed.diagnosis.category == .lowBoneMass)
    #expect(printed.discrepancies.isEmpty)  // 0.1 apart, one category

    let bare = try buildReport(try exam(examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.772}"#)))
    // (0.772 − 1.047)/0.110 = −2.5 exactly, on Hologic's database.
    #expect(bare.sites[0].t.reported == dec("-2.5"))
    #expect(bare.sites[0].t.source == .recomputed(tableID: "hologic-spine-young-women", tableVersion: "1"))
    #expect(bare.sites[0].t.choice == .engineMakerTable)

    let lunar = try buildReport(
      try exam(
        examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.772}"#)
          .replacing(#""manufacturer": "hologic""#, with: #""manufacturer": "ge-lunar""#)))
    // No GE table: Genant 0.906 × 0.772 − 0.025 = 0.674432; (0.674432 − 1.064)/0.106 = −3.675… → −3.7, open.
    #expect(lunar.sites[0].t.reported == dec("-3.7"))
    #expect(lunar.sites[0].t.choice == .engineOpenTable)

    // --spine-reference open keeps the behaviour before the maker rule: the open table counts, the printed value
    // is shown beside it. (0.799 − 1.064)/0.106 = −2.5 exactly; printed −2.2: a category apart, flagged.
    let open = try buildReport(
      try exam(examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.799, "t_score_device": -2.2}"#)),
      policy: ScoringPolicy(spineReference: .open))
    #expect(open.sites[0].t.reported == dec("-2.5"))
    #expect(open.sites[0].t.choice == .engineOpenPolicy)
    #expect(open.diagnosis.category == .osteoporosis)
    #expect(open.discrepancies.count == 1)
    #expect(open.discrepancies.first?.categoriesDiffer == true)
  }

  @Test("a printed score with more digits is reported as every score is: one decimal, half away from zero")
  func printedDigits() throws {
    let report = try buildReport(
      try exam(examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.772, "t_score_device": -2.45}"#)))
    #expect(report.sites[0].t.reported == dec("-2.5"))
    #expect(report.sites[0].measurement.deviceTScore == dec("-2.45"))
    #expect(report.diagnosis.category == .osteoporosis)
  }

  @Test("a maker's table loaded by a facility scores that maker's spines only, and a curve for L2–L4 fits L2–L4")
  func facilityMakerTable() throws {
    let lunarTable = try ReferenceTable(
      json: tableJSON(
        id: "clinic-lunar-spine", scale: "ge-lunar", availability: "on-request",
        extra: #""manufacturer": "ge-lunar","#,
        curves:
          #"[{"site": "lumbar-spine", "sex": "female", "ethnicity": "white", "mean": 1.200, "sd": 0.120}, {"site": "lumbar-spine", "vertebrae": "l2-l4", "sex": "female", "ethnicity": "white", "mean": 1.230, "sd": 0.125}]"#
      ), file: "t.json")
    var library = try shippedLibrary()
    try library.add(lunarTable, requested: true)
    let builder = ReportBuilder(library: library)
    let lunarExam = examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.960}"#)
      .replacing(#""manufacturer": "hologic""#, with: #""manufacturer": "ge-lunar""#)
    // (0.960 − 1.200)/0.120 = −2.0 exactly, on GE's own scale: no conversion.
    let lunar = try builder.build(try exam(lunarExam))
    #expect(lunar.sites[0].t.reported == dec("-2.0"))
    #expect(lunar.sites[0].t.choice == .engineMakerTable)
    #expect(lunar.sites[0].tScore?.conversion == nil)
    // The same table never scores a Hologic spine: Hologic's database does, (0.960 − 1.047)/0.110 = −0.79 → −0.8.
    let hologic = try builder.build(try exam(examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.960}"#)))
    #expect(hologic.sites[0].tScore?.reference.tableID == "hologic-spine-young-women")
    #expect(hologic.sites[0].t.reported == dec("-0.8"))
    // A GE L2–L4 total of 0.980 against the L2–L4 curve: (0.980 − 1.230)/0.125 = −2.0 exactly, not approximate.
    let subset = try builder.build(
      try exam(
        examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.980, "vertebrae": "l2-l4"}"#)
          .replacing(#""manufacturer": "hologic""#, with: #""manufacturer": "ge-lunar""#)))
    #expect(subset.sites[0].label == "Lumbar spine (L2–L4)")
    #expect(subset.sites[0].t.reported == dec("-2.0"))
    #expect(subset.sites[0].t.isApproximate == false)
    #expect(subset.sites[0].tScore?.reference.vertebrae?.label == "L2–L4")
  }

  /// L1 excluded; L2–L4 of BMC 37.10 g over 48.40 cm² = 0.76652… → 0.767.
  static let subsetRows = #"""
    {"site": "l1", "bmc": 10.40, "area": 13.10, "included": false, "exclusion_reason": "surgical clip"},
    {"site": "l2", "bmc": 11.20, "area": 14.80}, {"site": "l3", "bmc": 12.30, "area": 16.00},
    {"site": "l4", "bmc": 13.60, "area": 17.60}
    """#

  @Test("a spine of three vertebrae counts: the scanner's score for the set, else L1–L4 marked approximate")
  func subsetSpine() throws {
    let withoutScanner = try buildReport(try exam(examJSON(measurements: Self.subsetRows + ", " + hips(neck: "0.700"))))
    let spine = withoutScanner.sites[0]
    #expect(spine.label == "Lumbar spine (L2–L4)")
    // (0.767 − 1.047)/0.110 = −2.545… → −2.5 on Hologic's L1–L4 database: approximate, and it decides.
    #expect(spine.t.reported == dec("-2.5"))
    #expect(spine.t.isApproximate)
    #expect(withoutScanner.diagnosis.category == .osteoporosis)
    #expect(withoutScanner.diagnosis.approximateFor?.label == "L2–L4")
    let l2ToL4 = try #require(VertebralSet([.l2, .l3, .l4]))
    #expect(withoutScanner.diagnosis.statements.contains(.approximateSpine(l2ToL4)))

    let printed =
      Self.subsetRows + #", {"site": "lumbar-spine", "bmd": 0.767, "t_score_device": -2.3}, "#
      + hips(neck: "0.700")
    let withScanner = try buildReport(try exam(examJSON(measurements: printed)))
    // The printed −2.3 is the maker's L2–L4 reference: it counts, low bone mass, nothing approximate.
    #expect(withScanner.sites[0].t.reported == dec("-2.3"))
    #expect(withScanner.sites[0].t.source == .scanner)
    #expect(withScanner.diagnosis.category == .lowBoneMass)
    #expect(withScanner.diagnosis.approximateFor == nil)

    // A printed total for L1–L4 is not the L2–L4 score: shown in the notes, not used.
    let mismatched = printed.replacing(
      #""t_score_device": -2.3"#, with: #""t_score_device": -2.3, "vertebrae": "l1-l4""#)
    let other = try buildReport(try exam(examJSON(measurements: mismatched)))
    #expect(other.sites[0].t.source != .scanner)
    #expect(other.notes.contains(.printedSpineScoresForOtherVertebrae(printed: .all, used: l2ToL4)))
  }

  @Test("a single evaluable vertebra never diagnoses: the report says so and the hip decides")
  func singleVertebra() throws {
    let rows = #"""
      {"site": "l1", "bmc": 12.0, "area": 14.0, "included": false, "exclusion_reason": "hardware"},
      {"site": "l2", "bmc": 9.0, "area": 14.0},
      {"site": "l3", "bmc": 12.0, "area": 14.0, "included": false, "exclusion_reason": "sclerosis"},
      {"site": "l4", "bmc": 12.0, "area": 14.0, "included": false, "exclusion_reason": "sclerosis"}, 
      """# + hips(neck: "0.650", total: "0.710")
    let report = try buildReport(try exam(examJSON(measurements: rows)))
    #expect(report.sites[0].role.isDiagnostic == false)
    #expect(report.sites[0].t.missing == .spineNotEvaluable)
    // Total hip (0.710 − 0.942)/0.122 = −1.90 → −1.9 below the neck's −1.7.
    #expect(report.diagnosis.basisLabel == "Total hip (left)")
    #expect(report.diagnosis.basisScore == dec("-1.9"))
    #expect(report.diagnosis.statements.contains(.singleVertebra(.l2)))
  }

  @Test(
    "scanner and engine disagreeing by category or by more than 0.2 open the report; 0.2 exactly does not",
    arguments: [
      // (0.552 − 0.858)/0.120 = −2.55 → −2.6 against a typed −1.6: categories differ.
      ("0.552", "-1.6", true, true),
      // (0.600 − 0.858)/0.120 = −2.15 → −2.2 against −1.9: 0.3 apart, both low bone mass.
      ("0.600", "-1.9", true, false),
      // −2.2 against −2.0: exactly 0.2, not more.
      ("0.600", "-2.0", false, false),
    ])
  func discrepancy(neck: String, printed: String, flagged: Bool, categoriesDiffer: Bool) throws {
    let rows = #"{"site": "femoral-neck", "side": "left", "bmd": \#(neck), "t_score_device": \#(printed)}"#
    let report = try buildReport(try exam(examJSON(measurements: rows)))
    #expect(report.discrepancies.isEmpty == !flagged)
    guard let found = report.discrepancies.first else { return }
    #expect(found.used == .recomputed(tableID: "nhanes3-hip-young-adult", tableVersion: "1"))
    #expect(found.scanner == dec(printed))
    #expect(found.categoriesDiffer == categoriesDiffer)
    #expect(report.discrepancies.count == 1)
    #expect(found.label == "Femoral neck (left)" && found.kind == .t && found.isDiagnostic)
  }
}

@Suite("Report: the fracture path")
struct FracturePathTests {
  @Test("a vertebral fragility fracture with low bone mass: clinical osteoporosis, treatment, no Gourlay interval")
  func vertebralFracture() throws {
    let json = examJSON(
      measurements: hips(neck: "0.642", total: "0.770"),
      history: #""fragility_fractures": [{"site": "vertebra", "date": "2023-08-14"}]"#)
    let report = try buildReport(try exam(json))
    // (0.642 − 0.858)/0.120 = −1.8: the BMD category stays low bone mass.
    #expect(report.diagnosis.category == .lowBoneMass)
    let fracture = FractureEvidence.history(Fracture(site: .vertebra, date: CalendarDate("2023-08-14")))
    #expect(report.diagnosis.statements.contains(.clinicalFromHipOrVertebralFracture([fracture])))
    #expect(report.fractureRisk.treatmentIndications == [.hipOrVertebralFracture([fracture])])
    #expect(report.recommendations.contains(.treatment(.hipOrVertebralFracture([fracture]))))
    #expect(report.fractureRisk.statements.isEmpty)
    #expect(report.fractureRisk.assessment == .indicated([.hipOrVertebralFracture([fracture])]))
    let next = try #require(report.recommendations.first { $0.kind == .nextScan })
    #expect(next == .gourlayNotAfterFracture([fracture]))
    #expect(report.billing.diagnoses.map(\.code) == ["M81.0", "Z87.310"])
  }

  @Test("a vertebral fracture found on VFA counts as one; with osteoporosis by BMD it is severe")
  func vfaFinding() throws {
    let json = examJSON(
      measurements: hips(neck: "0.540", total: "0.640"), scan: #""vertebral_fracture_assessment": true"#,
      extra: #""vfa": {"vertebral_fractures": [{"vertebra": "t12", "genant_grade": 2}]}"#)
    let report = try buildReport(try exam(json))
    // (0.540 − 0.858)/0.120 = −2.65 exactly → −2.7: osteoporosis with a fracture.
    #expect(report.diagnosis.category == .osteoporosis)
    #expect(report.diagnosis.isSevere)
    let t12 = FractureEvidence.vfa(
      VertebralFractureFinding(vertebra: try #require(VertebralLevel("T12")), grade: .moderate))
    #expect(report.diagnosis.statements.contains(.severe([t12])))
    #expect(
      report.fractureRisk.treatmentIndications == [
        .hipOrVertebralFracture([t12]), .osteoporosisByBMD(site: "Femoral neck (left)", tScore: dec("-2.7")),
      ])
    #expect(report.billing.procedures.map(\.code) == ["77085"])
    // A VFA finding is not a healed fracture in the history.
    #expect(!report.billing.diagnoses.contains { $0.code == "Z87.310" })
  }

  @Test("VFA findings need the VFA flag; grades and vertebrae are checked")
  func vfaInput() throws {
    let noFlag = examJSON(
      measurements: hips(neck: "0.700"),
      extra: #""vfa": {"vertebral_fractures": [{"vertebra": "T12", "genant_grade": 1}]}"#)
    #expect(
      throws: InputError(
        .data, field: "exam.json: vfa", "VFA findings are given, so set scan.vertebral_fracture_assessment to true")
    ) {
      try exam(noFlag)
    }
    let badGrade = examJSON(
      measurements: hips(neck: "0.700"), scan: #""vertebral_fracture_assessment": true"#,
      extra: #""vfa": {"vertebral_fractures": [{"vertebra": "T13", "genant_grade": 4}]}"#)
    #expect(
      throws: InputError(
        .data, field: "exam.json: vfa.vertebral_fractures[0].vertebra",
        "'T13' is not a vertebra T1–T12 or L1–L5 (write it as t12 or L1)")
    ) {
      try exam(badGrade)
    }
  }
}

@Suite("Report: children, Z-score populations and gender identity")
struct PopulationReportTests {
  static let girl = #""sex": "female", "birth_date": "2012-09-05""#

  @Test("a child: total body less head and spine diagnose, the hip does not; two long-bone fractures by 10")
  func child() throws {
    let rows = #"""
      {"site": "lumbar-spine", "bmd": 0.612, "z_score_device": -2.1},
      {"site": "total-body-less-head", "bmd": 0.702, "z_score_device": -2.4},
      {"site": "total-hip", "side": "left", "bmd": 0.650, "z_score_device": -3.0}
      """#
    let history = #"""
      "fractures": [{"site": "distal-forearm", "age": 7, "fragility": true},
                    {"site": "proximal-humerus", "date": "2022-03-11", "fragility": true}]
      """#
    let report = try buildReport(try exam(examJSON(measurements: rows, patient: Self.girl, history: history)))
    #expect(report.population == .child)
    let hip = try #require(report.sites.first { $0.measurement.site == .totalHip })
    #expect(hip.role.isDiagnostic == false)  // its −3.0 never decides
    #expect(report.sites.allSatisfy { $0.t.reported == nil && $0.t.missing == .child })
    // The lowest Z among the pediatric sites: total body less head −2.4, the scanner's (no open pediatric table).
    #expect(report.diagnosis.basisLabel == "Total body less head")
    #expect(report.diagnosis.basisScore == dec("-2.4"))
    #expect(report.diagnosis.basisSource == .scanner)
    // Forearm at 7 and humerus at 9.5 (2012-09-05 → 2022-03-11): two by age 10.
    #expect(report.diagnosis.category == .osteoporosis)
    #expect(report.diagnosis.statements.contains(.pediatricFractureHistory(byAge10: 2, byAge19: 2)))
    #expect(report.diagnosis.pediatricOsteoporosis == .lowDensityWithFractureHistory)
    #expect(report.fractureRisk.applies == false)
    #expect(report.recommendations.filter { $0.kind == .nextScan } == [.childIntervalByPhysician])
    #expect(report.billing.diagnoses.first?.code == "M81.8")
  }

  @Test("a child's fractures without a date or age are not counted by age 10, and the report says so")
  func childUndatedFractures() throws {
    let rows = #"{"site": "lumbar-spine", "bmd": 0.612, "z_score_device": -2.1}"#
    let history = #""fractures": [{"site": "distal-forearm"}, {"site": "other-long-bone"}]"#
    let report = try buildReport(try exam(examJSON(measurements: rows, patient: Self.girl, history: history)))
    #expect(report.diagnosis.category == .belowExpectedRangeForAge)
    #expect(report.population == .child && report.diagnosis.pediatricOsteoporosis == nil)
    #expect(report.diagnosis.statements.contains(.pediatricFracturesWithoutAge(2)))
    // A high-energy (not fragility) vertebral fracture is no pediatric compression fracture.
    let trauma = try buildReport(
      try exam(
        examJSON(
          measurements: rows, patient: Self.girl, history: #""fractures": [{"site": "vertebra", "date": "2024-01-01"}]"#
        )))
    #expect(trauma.diagnosis.category == .belowExpectedRangeForAge)
  }

  @Test("a premenopausal woman: the Z-score decides, the T-score is not reported but kept for audit")
  func premenopausal() throws {
    let rows = #"{"site": "lumbar-spine", "bmd": 0.750, "t_score_device": -2.7, "z_score_device": -2.3}"#
    let report = try buildReport(
      try exam(examJSON(measurements: rows, patient: #""sex": "female", "age": 42, "menopause": "pre""#)))
    let spine = report.sites[0]
    #expect(spine.t.reported == nil)
    #expect(spine.t.missing == .notForThisPopulation)
    #expect(spine.t.notForDiagnosis == dec("-2.7"))
    #expect(spine.z.reported == dec("-2.3"))
    #expect(report.diagnosis.category == .belowExpectedRangeForAge)
    #expect(report.exam.zScoreGroup == .premenopausalWoman)
    #expect(report.discrepancies.isEmpty)
    #expect(!report.notes.contains(.scoring(.tScoreInformationOnly)))
  }

  @Test("a transgender woman of 45: Z against the female reference, worded without 'men'")
  func transgenderWoman() throws {
    let rows = #"{"site": "femoral-neck", "side": "left", "bmd": 0.540}"#
    let report = try buildReport(
      try exam(examJSON(measurements: rows, patient: #""sex": "male", "gender_identity": "female", "age": 45"#)))
    #expect(report.population == .adultZScore)
    // Women 40–49: (0.540 − 0.791)/0.125 = −2.008 → −2.0.
    #expect(report.sites[0].z.reported == dec("-2.0"))
    #expect(report.sites[0].zScore?.reference.sex == .female)
    #expect(report.diagnosis.category == .belowExpectedRangeForAge)
    #expect(
      report.diagnosis.statements == [
        .zScorePopulation(.byRecordedSex(recorded: .male, identity: .female, zReference: .female))
      ])
    #expect(!report.notes.contains { if case .scoring(let note) = $0 { note.isAboutTScoreOnly } else { false } })
  }

  @Test("a transgender man whose menopausal status is not given is not called a woman")
  func transgenderManAssumption() throws {
    let rows = #"{"site": "femoral-neck", "side": "left", "bmd": 0.700}"#
    let report = try buildReport(
      try exam(examJSON(measurements: rows, patient: #""sex": "female", "gender_identity": "male", "age": 44"#)))
    #expect(report.assumptions.contains(.menopauseByAge(postmenopausal: false, recordedFemale: true)))
    #expect(report.exam.zScoreGroup == .byRecordedSex(recorded: .female, identity: .male, zReference: .male))
  }
}

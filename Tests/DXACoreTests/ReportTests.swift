import DXACore
import DXATestSupport
import Testing

@Suite("Report: the lumbar spine")
struct SpineReportTests {
  @Test("the spine total is ΣBMC/Σarea of the included vertebrae, labelled by its vertebrae")
  func spineTotal() throws {
    let report = try buildReport(try exampleExam("exam-follow-up.json"))
    let spine = try #require(report.spine)
    // (11.10 + 12.70 + 15.20) / (13.80 + 14.60 + 17.20) = 39.00 / 45.60 = 0.855263…
    #expect(spine.totalBMC == dec("39.00"))
    #expect(spine.totalArea == dec("45.60"))
    #expect(spine.exactBMD == (try Fraction(3900, 4560)))
    #expect(spine.included?.label == "L1–L2, L4")
    let total = try #require(report.sites.first)
    #expect(total.label == "Lumbar spine (L1–L2, L4)")
    #expect(total.bmd == dec("0.855"))
    #expect(total.bmdSource == .recomputed)
  }

  @Test("a subset without a printed score or its own reference is scored on L1–L4, approximate; never with 'none'")
  func subsetReference() throws {
    let exam = try exampleExam("exam-follow-up.json")
    let approximate = try buildReport(exam)
    // Hologic's L1–L4 database: (0.855 − 1.047) / 0.110 = −1.745… → −1.7
    #expect(approximate.sites[0].t.reported == dec("-1.7"))
    #expect(approximate.sites[0].t.isApproximate)
    #expect(approximate.sites[0].t.recomputedApproximateFor?.label == "L1–L2, L4")
    #expect(approximate.sites[0].notes == [.subsetAgainstL1ToL4(try #require(VertebralSet([.l1, .l2, .l4])))])
    let none = try buildReport(exam, options: ReportOptions(spineSubsetReference: .none))
    #expect(none.sites[0].t.reported == nil)
    #expect(none.sites[0].result?.tScore.reason == .subsetWithoutStandIn(try #require(VertebralSet([.l1, .l2, .l4]))))
    #expect(none.sites[0].classification.category == nil)
  }

  @Test(
    "a vertebra differing by more than 1.0 in T from an included neighbour is a candidate, never excluded",
    arguments: [
      ("-1.7", "-1.5", "0.4", "-1.6", [Site.l2, .l3, .l4]),  // L3 1.9 above L2 and 2.0 above L4
      ("-1.7", "-1.5", "-0.5", "-1.6", [.l3, .l4]),  // L2–L3 exactly 1.0: not more than 1.0; L3–L4 1.1
      ("-1.7", "-1.5", "-0.4", "-1.5", [.l2, .l3, .l4]),  // 1.1 both ways
    ])
  func exclusionCandidates(l1: String, l2: String, l3: String, l4: String, flagged: [Site]) throws {
    let rows = [("l1", l1), ("l2", l2), ("l3", l3), ("l4", l4)].map { site, t in
      #"{"site": "\#(site)", "bmc": 12.00, "area": 14.00, "t_score_device": \#(t)}"#
    }.joined(separator: ", ")
    let report = try buildReport(try exam(examJSON(measurements: rows)))
    let spine = try #require(report.spine)
    #expect(spine.screen == .deviceScores)
    #expect(spine.exclusionCandidates.map(\.vertebra) == flagged)
    #expect(spine.included == .all)  // flagged, still included
  }

  @Test("an excluded vertebra is compared with its included neighbours only")
  func excludedNeighbour() throws {
    let report = try buildReport(try exampleExam("exam-follow-up.json"))
    let spine = try #require(report.spine)
    let candidate = try #require(spine.exclusionCandidates.first)
    #expect(spine.exclusionCandidates.count == 1)
    #expect(candidate.vertebra == .l3)
    #expect(candidate.neighbour == .l4)
    #expect(candidate.difference == dec("2.0"))
    #expect(candidate.isExcluded)
  }

  @Test("fewer than two included vertebrae give no spine diagnosis")
  func singleVertebra() throws {
    let rows = #"""
      {"site": "l1", "bmc": 12.0, "area": 14.0}, {"site": "l2", "bmc": 12.0, "area": 14.0, "included": false,
      "exclusion_reason": "fracture"}, \#(hips(neck: "0.700"))
      """#
    let report = try buildReport(try exam(examJSON(measurements: rows)))
    #expect(report.spine?.isUsableForDiagnosis == false)
    #expect(report.sites[0].role.isDiagnostic == false)
    // (0.700 − 0.858) / 0.120 = −1.3167 → −1.3 at the femoral neck
    #expect(report.diagnosis.basisLabel == "Femoral neck (left)")
    #expect(report.diagnosis.basisScore == dec("-1.3"))
  }

  @Test("without BMC and area the vertebrae cannot be totalled, and the report says which lack them")
  func missingArea() throws {
    let rows = #"{"site": "l1", "bmd": 0.900}, {"site": "l2", "bmc": 12.0, "area": 14.0}"#
    let report = try buildReport(try exam(examJSON(measurements: rows)))
    #expect(report.spine?.exactBMD == nil)
    #expect(report.spine?.notes.contains(.noTotalWithoutBMCAndArea([.l1])) == true)
  }
}

@Suite("Report: the diagnosis")
struct DiagnosisReportTests {
  @Test("the lowest reported T among diagnostic sites decides; the trochanter never does")
  func lowestT() throws {
    let report = try buildReport(try exampleExam("exam-follow-up.json"))
    #expect(report.diagnosis.category == .lowBoneMass)
    // (0.612 − 0.858) / 0.120 = −2.05 exactly: half away from zero gives −2.1
    #expect(report.diagnosis.basisScore == dec("-2.1"))
    #expect(report.diagnosis.basisLabel == "Femoral neck (left)")
    let trochanter = try #require(report.sites.first { $0.measurement.site == .trochanter })
    #expect(trochanter.role.isDiagnostic == false)
  }

  @Test("osteoporosis with a fragility fracture is severe")
  func severe() throws {
    let json = examJSON(
      measurements: hips(neck: "0.558"),
      history: #""fragility_fractures": [{"site": "vertebra", "date": "2020-01-01"}]"#)
    let report = try buildReport(try exam(json))
    #expect(report.diagnosis.category == .osteoporosis)
    #expect(report.diagnosis.isSevere)
    #expect(report.diagnosis.basisScore == dec("-2.5"))
  }

  @Test("a prior osteoporosis diagnosis persists when today's scores are better")
  func persists() throws {
    let prior = try exam(examJSON(measurements: hips(neck: "0.546"), scanID: "S-0", date: "2021-03-01"))
    let current = try exam(examJSON(measurements: hips(neck: "0.600")))
    let report = try buildReport(current, priors: [prior])
    // prior: (0.546 − 0.858)/0.120 = −2.6; today −2.15 → −2.2
    #expect(report.diagnosis.category == .osteoporosis)
    #expect(report.diagnosis.persistsFrom?.date == CalendarDate("2021-03-01"))
    #expect(
      report.diagnosis.persistsFrom?.source
        == .priorExam(scanID: "S-0", site: "Femoral neck (left)", tScore: dec("-2.6")))
    #expect(report.diagnosis.basisScore == dec("-2.2"))
  }

  @Test("premenopausal women and men under 50 get the Z-score statement")
  func zPopulation() throws {
    let report = try buildReport(try exampleExam("exam-man-45.json"))
    #expect(report.population == .adultZScore)
    #expect(report.diagnosis.category == .withinExpectedRangeForAge)
    #expect(report.diagnosis.basis == .zScore)
    #expect(report.diagnosis.statements == [.zScorePopulation(.manUnder50)])
  }

  @Test("the 1/3 radius counts only when the exam says why")
  func radius() throws {
    let rows = #"{"site": "radius-33", "side": "left", "bmd": 0.600}"#
    let without = try buildReport(try exam(examJSON(measurements: rows)))
    #expect(without.sites[0].role.isDiagnostic == false)
    let with = try buildReport(try exam(examJSON(measurements: rows, scan: #""radius_reason": "hyperparathyroidism""#)))
    #expect(with.sites[0].role == .diagnosticBecause(.hyperparathyroidism))
    // No open 1/3-radius reference ships: no diagnosis, and the reason names the site.
    #expect(with.diagnosis.category == nil)
    guard case .noScore(.t, let unscored)? = with.diagnosis.reason else { throw ExpectationFailedError() }
    #expect(unscored.map(\.label) == ["Radius 33% (1/3) (left)"])
  }

  @Test("a low-trauma vertebral fracture makes osteoporosis in a child; BMD alone never does")
  func pediatric() throws {
    let rows = #"{"site": "lumbar-spine", "bmd": 0.700}"#
    let child = #""sex": "female", "birth_date": "2012-05-01""#
    let plain = try buildReport(try exam(examJSON(measurements: rows, patient: child)))
    #expect(plain.population == .child)
    #expect(plain.sites[0].tScore == nil)
    let fractured = try buildReport(
      try exam(
        examJSON(
          measurements: rows, patient: child,
          history: #""fractures": [{"site": "vertebra", "date": "2024-01-01", "fragility": true}]"#)))
    #expect(fractured.diagnosis.category == .osteoporosis)
    #expect(fractured.diagnosis.pediatricOsteoporosis == .vertebralCompressionFracture)
  }
}

@Suite("Report: serial change")
struct SerialChangeTests {
  @Test("change against the prior is judged against the facility LSC or the ISCD minimum, and says which")
  func followUp() throws {
    let report = try buildReport(
      try exampleExam("exam-follow-up.json"), priors: [try exampleExam("exam-baseline.json")],
      facility: try exampleFacility())
    let changes = try #require(report.comparisons.first).changes
    func detail(_ label: String) throws -> SiteChange.Change {
      let change = try #require(changes.first { $0.label == label })
      guard case .compared(let detail) = change.outcome else { throw ExpectationFailedError() }
      return detail
    }
    // Total hip: 0.745 − 0.772 = −0.027; LSC 2.77 × 0.0081 = 0.022437 → significant
    let hip = try detail("Total hip (left)")
    #expect(hip.grams == (try Fraction(-27, 1000)))
    #expect(hip.percent.roundedDecimal(places: 2) == dec("-3.50"))
    #expect(hip.isSignificant == true)
    // Femoral neck: −0.019 against 2.77 × 0.0110 = 0.03047 → not significant
    #expect(try detail("Femoral neck (left)").isSignificant == false)
    // Spine L1–L2, L4 has no facility figure: ISCD minimum LSC 5.3%; 0.873 → 0.855 is −2.06%
    let spine = try detail("Lumbar spine (L1–L2, L4)")
    guard case .iscdMinimum(let percent) = spine.leastSignificantChange else {
      Issue.record("expected the ISCD minimum LSC")
      return
    }
    #expect(percent == dec("5.3"))
    #expect(spine.isSignificant == false)
  }

  @Test(
    "a change equal to the LSC is significant; just below it is not",
    arguments: [("0.7723", true), ("0.7724", false), ("0.8277", true), ("0.8276", false)])
  func lscBoundary(current: String, significant: Bool) throws {
    // LSC = 2.77 × 0.0100 = 0.0277 g/cm² around a prior of 0.800
    let facility = Facility(precision: [PrecisionFigure(site: .totalHip, rmsSD: dec("0.0100"))])
    let prior = try exam(examJSON(measurements: hips(neck: "0.700", total: "0.800"), scanID: "S-0", date: "2023-01-10"))
    let now = try exam(examJSON(measurements: hips(neck: "0.700", total: current)))
    let report = try buildReport(now, priors: [prior], facility: facility)
    let change = try #require(report.comparisons.first?.changes.first { $0.site == .totalHip })
    guard case .compared(let detail) = change.outcome else { throw ExpectationFailedError() }
    #expect(detail.isSignificant == significant)
  }

  @Test("across scanners: not comparable without a cross-calibration, converted with one")
  func acrossScanners() throws {
    let prior = try exam(
      examJSON(
        measurements: hips(neck: "0.700", total: "0.900"), scanID: "S-0", date: "2023-01-10",
        scan: #""scanner_id": "prodigy-1""#))
    let now = try exam(examJSON(measurements: hips(neck: "0.700", total: "0.850"), scan: #""scanner_id": "horizon-a""#))
    let report = try buildReport(now, priors: [prior], facility: try exampleFacility())
    let hip = try #require(report.comparisons.first?.changes.first { $0.site == .totalHip })
    guard case .compared(let detail) = hip.outcome else { throw ExpectationFailedError() }
    // 0.979 × 0.900 − 0.012 = 0.8691
    #expect(detail.priorOnCurrentScale == (try Fraction(8691, 10000)))
    let neck = try #require(report.comparisons.first?.changes.first { $0.site == .femoralNeck })
    guard case .notComparable(.differentScanners(let before, let now, let site)) = neck.outcome else {
      throw ExpectationFailedError()
    }
    #expect(site == .femoralNeck)
    #expect(before.scannerID == "prodigy-1" && now.scannerID == "horizon-a")
  }

  @Test("an area change of more than 2% is flagged for the interpreter")
  func areaChange() throws {
    let row = { (area: String) in #"{"site": "total-hip", "side": "left", "bmd": 0.800, "area": \#(area)}"# }
    let prior = try exam(examJSON(measurements: row("35.80"), scanID: "S-0", date: "2023-01-10"))
    let flagged = try buildReport(try exam(examJSON(measurements: row("36.60"))), priors: [prior])
    // (36.60 − 35.80) / 35.80 = 2.23%
    #expect(
      flagged.recommendations.contains(
        .areaChanged(site: "Total hip (left)", percent: dec("2.2"), since: try #require(CalendarDate("2023-01-10")))))
    let fine = try buildReport(try exam(examJSON(measurements: row("36.516"))), priors: [prior])  // exactly 2.00%
    #expect(!fine.recommendations.contains { $0.kind == .technique })
  }
}

@Suite("Report: risk, recommendations and billing")
struct RecommendationTests {
  @Test(
    "Gourlay 2012 bands on the lowest hip T to two decimals",
    arguments: [
      ("0.738", GourlayInterval.about15Years), ("0.6792", .about15Years), ("0.678", .about5Years),
      ("0.6192", .about5Years), ("0.618", .about1Year), ("0.5652", .about1Year),
      // −2.49 to two decimals is −2.5 reported: osteoporosis, where the screening bands no longer apply.
      ("0.5592", nil),
    ])
  func gourlay(neck: String, interval: GourlayInterval?) throws {
    // T = (BMD − 0.858) / 0.120: 0.738 → −1.00, 0.6792 → −1.49, 0.678 → −1.50, 0.6192 → −1.99, 0.618 → −2.00,
    // 0.5652 → −2.44, 0.5592 → −2.49. The total hip (0.900) is higher, so the neck decides.
    let report = try buildReport(try exam(examJSON(measurements: hips(neck: neck, total: "0.900"))))
    let next = try #require(report.recommendations.first { $0.kind == .nextScan })
    if let interval {
      guard case .gourlay(_, "Femoral neck (left)", let found, nil) = next else { throw ExpectationFailedError() }
      #expect(found == interval)
    } else {
      #expect(next == .gourlayNotWithOsteoporosis)
    }
  }

  @Test("a Z-score of −2.0 or lower calls for secondary causes")
  func secondaryCauses() throws {
    // Man 45, Hologic total hip: NHANES 2005–2008 men 40–49 … the shipped man's table decides; use a low value.
    let json = examJSON(
      measurements: #"{"site": "total-hip", "side": "left", "bmd": 0.700}"#,
      patient: #""sex": "male", "age": 45"#)
    let report = try buildReport(try exam(json))
    let z = try #require(report.sites[0].zScore?.reported)
    #expect(z <= dec("-2.0"))
    #expect(report.recommendations.contains { $0.kind == .secondaryCauses })
  }

  @Test(
    "FRAX treatment threshold for low bone mass: hip ≥ 3% or major ≥ 20%",
    arguments: [("3.0", "19.9", true), ("2.9", "19.9", false), ("2.9", "20.0", true)])
  func fraxThreshold(hip: String, major: String, meets: Bool) throws {
    let json = examJSON(
      measurements: hips(neck: "0.700"),
      extra:
        #""frax": {"major_osteoporotic": \#(major), "hip": \#(hip), "with_bmd": true, "calculator_version": "FRAX 4.4"}"#
    )
    let report = try buildReport(try exam(json))
    #expect(report.fractureRisk.meetsTreatmentThreshold == meets)
    #expect(report.fractureRisk.femoralNeckTForFRAX?.reported == dec("-1.3"))
  }
}

@Suite("Exam files")
struct ExamFileTests {
  @Test(
    "bad exams are refused with the field named",
    arguments: [
      (#"{"patient": "#, "exam.json", "not valid JSON"),
      (
        examJSON(measurements: #"{"site": "hip", "bmd": 0.8}"#), "exam.json: measurements[0].site",
        "'hip' is not one of:"
      ),
      (
        examJSON(measurements: hips(neck: "0.7") + ", " + hips(neck: "0.8")), "exam.json: measurements[2].site",
        "Femoral neck (left) is measured twice (also measurements[0])"
      ),
      (
        examJSON(measurements: hips(neck: "0.7"), patient: #""sex": "female", "birth_date": "2026-01-01""#),
        "exam.json: patient.birth_date", "is after the scan date"
      ),
      (
        examJSON(measurements: hips(neck: "0.7"), date: "2025-02-30"), "exam.json: scan.date",
        "is not a date written YYYY-MM-DD"
      ),
      (
        examJSON(measurements: #"{"site": "l1", "side": "left", "bmd": 0.8}"#), "exam.json: measurements[0].side",
        "L1 has no side"
      ),
      (
        examJSON(measurements: #"{"site": "total-hip", "bmd": 850}"#), "exam.json: measurements[0].bmd",
        "850 looks like mg/cm²"
      ),
      (
        examJSON(measurements: #"{"site": "total-hip"}"#), "exam.json: measurements[0].bmd",
        "missing; give bmd, or bmc and area"
      ),
      (examJSON(measurements: ""), "exam.json: measurements", "must list at least one measured site"),
    ])
  func refused(json: String, field: String, message: String) {
    #expect {
      try Exam(json: json, file: "exam.json")
    } throws: { error in
      guard let error = error as? InputError else { return false }
      return error.kind == .data && error.field == field && error.message.hasPrefix(message)
    }
  }

  @Test("a prior must be earlier and of the same patient")
  func priors() throws {
    let current = try exam(examJSON(measurements: hips(neck: "0.7")))
    let later = try exam(examJSON(measurements: hips(neck: "0.7"), scanID: "S-9", date: "2025-05-01"))
    #expect(
      throws: InputError(
        .data, field: "prior.json: scan.date",
        "is not earlier than the exam's; a prior must come before the exam")
    ) {
      try ReportBuilder.checkPrior(later, of: current, field: "prior.json")
    }
    let other = try exam(examJSON(measurements: hips(neck: "0.7"), patientID: "P-2", scanID: "S-0", date: "2023-01-01"))
    #expect(
      throws: InputError(.data, field: "prior.json: patient.id", "differs from the exam's: another patient")
    ) {
      try ReportBuilder.checkPrior(other, of: current, field: "prior.json")
    }
  }

  @Test("dates after the report date are refused")
  func future() throws {
    let current = try exam(examJSON(measurements: hips(neck: "0.7")))
    #expect(throws: InputError(.data, field: "scan.date", "is in the future (after the report date)")) {
      try current.checkDates(notAfter: try #require(CalendarDate("2025-04-13")))
    }
  }

  @Test("age is days / 365.25, floored so a birthday is never early")
  func age() throws {
    let followUp = try exampleExam("exam-follow-up.json")
    // 1956-08-21 → 2025-04-14 is 25,073 days: 25073 / 365.25 = 68.6461…
    #expect(followUp.age == dec("68.6461"))
    let birthday = try exam(
      examJSON(
        measurements: hips(neck: "0.7"), patient: #""sex": "female", "birth_date": "1975-04-14", "menopause": "post""#))
    // 50 years = 18,263 days, 18263 / 365.25 = 50.0013…: 50 or over
    #expect(birthday.age >= dec("50"))
  }

  @Test(
    "calendar arithmetic",
    arguments: [("2024-02-29", true), ("2023-02-29", false), ("2025-13-01", false), ("25-01-01", false)])
  func dates(text: String, valid: Bool) {
    #expect((CalendarDate(text) != nil) == valid)
  }
}

struct ExpectationFailedError: Error {}

@Suite("Report: a spine total the vertebrae cannot rebuild")
struct GivenSpineTotalTests {
  @Test("vertebrae with BMD only: the scanner's lumbar-spine total is used and said so")
  func givenTotal() throws {
    let rows = #"""
      {"site": "l1", "bmd": 0.800}, {"site": "l2", "bmd": 0.840}, {"site": "l3", "bmd": 0.870},
      {"site": "l4", "bmd": 0.880}, {"site": "lumbar-spine", "bmd": 0.850}
      """#
    let report = try buildReport(try exam(examJSON(measurements: rows)))
    let spine = try #require(report.sites.first)
    #expect(spine.label == "Lumbar spine (L1–L4)")
    #expect(spine.bmdSource == .measured)
    // Hologic's database: (0.850 − 1.047) / 0.110 = −1.7909… → −1.8
    #expect(spine.tScore?.reported == dec("-1.8"))
    #expect(spine.t.source == .recomputed(tableID: "hologic-spine-young-women", tableVersion: "1"))
    #expect(spine.role.isDiagnostic)
    #expect(report.spine?.notes.last == .scannerTotalUsed(.all))
  }
}

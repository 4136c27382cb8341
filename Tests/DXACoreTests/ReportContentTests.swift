import DXACore
import DXATestSupport
import Testing

// The report content of issue 10, each rule with hand-worked cases: the next scan as facility settings, secondary
// causes, the VFA indication, the treatment statement without FRAX, a new baseline after a scanner change, the BMD
// reporting rule and the chart that agrees with the reported category.

private func facility(_ extra: String = "") throws -> Facility {
  try Facility(
    json: #"{"format": "dxa-facility/1", "name": "Clinic"\#(extra.isEmpty ? "" : ", " + extra)}"#, file: "f.json")
}

@Suite("Report content: the next scan as a facility setting")
struct FollowUpSettingTests {
  static let therapy = #""therapy": {"drug": "alendronate", "class": "bisphosphonate"}"#
  static let steroids = #""glucocorticoids": {"months": 6, "prednisone_mg_per_day": 7.5, "current": true}"#

  func nextScan(history: String, facility: Facility? = nil, options: ReportOptions = .standard) throws
    -> Recommendation?
  {
    let report = try buildReport(
      try exam(examJSON(measurements: hips(neck: "0.640"), history: history)), facility: facility, options: options)
    return report.recommendations.first { $0.kind == .nextScan }
  }

  @Test("on therapy: 24 months by default, the facility's months when its file sets them, the report's above both")
  func therapy() throws {
    #expect(
      try nextScan(history: Self.therapy)
        == .facilityInterval(
          months: 24, reason: .therapy(drug: "alendronate"), source: .defaultSetting, alsoOn: nil))
    let clinic = try facility(#""treated_follow_up_months": 18"#)
    #expect(clinic.treatedFollowUpMonths == 18)
    #expect(
      try nextScan(history: Self.therapy, facility: clinic)
        == .facilityInterval(
          months: 18, reason: .therapy(drug: "alendronate"), source: .facility(name: "Clinic"), alsoOn: nil))
    #expect(
      try nextScan(history: Self.therapy, facility: clinic, options: ReportOptions(treatedFollowUpMonths: 30))
        == .facilityInterval(
          months: 30, reason: .therapy(drug: "alendronate"), source: .givenForReport, alsoOn: nil))
  }

  @Test("on glucocorticoids: 12 months by default instead of Gourlay; with therapy the shorter interval, both named")
  func glucocorticoids() throws {
    #expect(
      try nextScan(history: Self.steroids)
        == .facilityInterval(months: 12, reason: .glucocorticoids, source: .defaultSetting, alsoOn: nil))
    #expect(
      try nextScan(history: Self.therapy + ", " + Self.steroids)
        == .facilityInterval(
          months: 12, reason: .glucocorticoids, source: .defaultSetting, alsoOn: .therapy(drug: "alendronate")))
    // A facility whose glucocorticoid interval is longer than its therapy one: the therapy interval, glucocorticoids
    // named beside it.
    let clinic = try facility(#""treated_follow_up_months": 12, "glucocorticoid_follow_up_months": 18"#)
    #expect(
      try nextScan(history: Self.therapy + ", " + Self.steroids, facility: clinic)
        == .facilityInterval(
          months: 12, reason: .therapy(drug: "alendronate"), source: .facility(name: "Clinic"),
          alsoOn: .glucocorticoids))
    // Past glucocorticoids do not set the interval: (0.640 − 0.858)/0.120 = −1.817 → −1.82, Gourlay's 5 years.
    let past = #""glucocorticoids": {"months": 6, "current": false}"#
    #expect(try nextScan(history: past).map { if case .gourlay = $0 { true } else { false } } == true)
  }

  @Test("a facility file keeps its follow-up settings when written back")
  func roundTrip() throws {
    let clinic = try facility(#""treated_follow_up_months": 18, "glucocorticoid_follow_up_months": 9"#)
    let again = try Facility(json: clinic.json.rendered(), file: "f.json")
    #expect(again == clinic)
    #expect(again.glucocorticoidFollowUpMonths == 9)
  }
}

@Suite("Report content: secondary causes whenever the findings or the history call for them")
struct SecondaryCauseTests {
  func causes(
    measurements: String = hips(neck: "0.640"), patient: String? = nil, scan: String = "", history: String? = nil,
    extra: String = ""
  ) throws -> [SecondaryCauseReason] {
    let json =
      patient.map {
        examJSON(measurements: measurements, patient: $0, scan: scan, history: history, extra: extra)
      } ?? examJSON(measurements: measurements, scan: scan, history: history, extra: extra)
    let report = try buildReport(try exam(json))
    for recommendation in report.recommendations {
      if case .secondaryCauses(let reasons) = recommendation { return reasons }
    }
    return []
  }

  @Test("none: low bone mass without a low Z-score, a cause in the history or a recorded condition")
  func none() throws {
    // (0.640 − 0.858)/0.120 = −1.8 (low bone mass); Z against women 60–69 (0.681/0.119) = −0.3.
    #expect(try causes().isEmpty)
    // A family history of osteoporosis raises risk but causes no bone loss.
    #expect(try causes(extra: #""risk_factors": {"conditions": ["family-history-of-osteoporosis"]}"#).isEmpty)
  }

  @Test("a diagnostic Z-score of −2.0 or lower (ISCD)")
  func lowZ() throws {
    // Women 60–69 femoral neck 0.681/0.119: (0.443 − 0.681)/0.119 = −2.0 exactly.
    #expect(
      try causes(measurements: hips(neck: "0.443"))
        == [.lowZScore([SiteValue(site: "Femoral neck (left)", value: dec("-2.0"))])])
    // −1.9 (0.455: −1.899…) is not.
    #expect(try causes(measurements: hips(neck: "0.455")).isEmpty)
  }

  @Test("conditions known to cause bone loss, primary hyperparathyroidism as the indication among them")
  func conditions() throws {
    let recorded =
      #""risk_factors": {"conditions": ["celiac-disease", "family-history-of-osteoporosis", "hyperthyroidism"]}"#
    #expect(try causes(extra: recorded) == [.conditions(["celiac disease", "hyperthyroidism"])])
    #expect(
      try causes(scan: #""indications": ["primary-hyperparathyroidism"]"#)
        == [.conditions(["primary hyperparathyroidism"])])
  }

  @Test("glucocorticoids, rheumatoid arthritis, and a fragility fracture before the WHO population's age")
  func history() throws {
    #expect(
      try causes(history: #""glucocorticoids": {"months": 4, "current": true}"#) == [.glucocorticoids(isCurrent: true)])
    #expect(try causes(extra: #""risk_factors": {"rheumatoid_arthritis": true}"#) == [.rheumatoidArthritis])
    #expect(try causes(extra: #""risk_factors": {"rheumatoid_arthritis": false}"#).isEmpty)
    let fracture = #""fragility_fractures": [{"site": "distal-forearm", "date": "2024-02-01"}]"#
    // A premenopausal woman of 42 (Z-score population): the fracture calls for a cause.
    #expect(
      try causes(patient: #""sex": "female", "age": 42, "menopause": "pre""#, history: fracture)
        == [.fragilityFractureBeforeOlderAge([Fracture(site: .distalForearm, date: CalendarDate("2024-02-01"))])])
    // A postmenopausal woman of 68 with the same fracture: not by this rule.
    #expect(try causes(history: fracture).isEmpty)
  }
}

@Suite("Report content: the VFA indication when VFA was not done (ISCD adult positions)")
struct VFAIndicationTests {
  func indication(
    neck: String = "0.720", patient: String = #""sex": "female", "age": 72, "menopause": "post""#,
    scan: String = "", history: String? = nil, extra: String = ""
  ) throws -> Recommendation? {
    let report = try buildReport(
      try exam(
        examJSON(measurements: hips(neck: neck), patient: patient, scan: scan, history: history, extra: extra)))
    return report.recommendations.first { $0.kind == .vfa }
  }

  @Test("T below −1.0 with age: women 70 and over, men 80 and over")
  func age() throws {
    // (0.720 − 0.858)/0.120 = −1.15 → −1.2 (half away from zero); total hip 0.800 → −1.2 too.
    #expect(try indication() == .vfaIndicated(lowestTScore: dec("-1.2"), reasons: [.age(years: 72, sex: .female)]))
    #expect(try indication(patient: #""sex": "female", "age": 69, "menopause": "post""#) == nil)
    #expect(try indication(patient: #""sex": "male", "age": 79"#) == nil)
    #expect(
      try indication(patient: #""sex": "male", "age": 80"#)
        == .vfaIndicated(lowestTScore: dec("-1.2"), reasons: [.age(years: 80, sex: .male)]))
  }

  @Test("T of exactly −1.0 is not below −1.0; VFA done: no indication")
  func edges() throws {
    // Neck (0.738 − 0.858)/0.120 = −1.0, total hip (0.920 − 0.942)/0.122 = −0.18 → −0.2: lowest −1.0.
    let report = try buildReport(
      try exam(
        examJSON(
          measurements: hips(neck: "0.738", total: "0.920"),
          patient: #""sex": "female", "age": 75, "menopause": "post""#)))
    #expect(report.diagnosis.basisScore == dec("-1.0"))
    #expect(!report.recommendations.contains { $0.kind == .vfa })
    #expect(try indication(scan: #""vertebral_fracture_assessment": true"#) == nil)
  }

  @Test("height loss over 4 cm, a self-reported vertebral fracture, glucocorticoids ≥ 5 mg/day for ≥ 3 months")
  func otherReasons() throws {
    let young = #""sex": "female", "age": 62, "menopause": "post""#
    #expect(try indication(patient: young, extra: #""risk_factors": {"height_loss_cm": 4}"#) == nil)
    #expect(
      try indication(patient: young, extra: #""risk_factors": {"height_loss_cm": 4.5}"#)
        == .vfaIndicated(lowestTScore: dec("-1.2"), reasons: [.heightLoss(centimetres: dec("4.5"))]))
    #expect(
      try indication(patient: young, extra: #""risk_factors": {"self_reported_vertebral_fracture": true}"#)
        == .vfaIndicated(lowestTScore: dec("-1.2"), reasons: [.selfReportedVertebralFracture]))
    #expect(
      try indication(
        patient: young, history: #""glucocorticoids": {"months": 3, "prednisone_mg_per_day": 5, "current": true}"#)
        == .vfaIndicated(
          lowestTScore: dec("-1.2"), reasons: [.glucocorticoids(milligramsPerDay: dec("5"), months: 3)]))
    #expect(
      try indication(
        patient: young, history: #""glucocorticoids": {"months": 3, "prednisone_mg_per_day": 4.9, "current": true}"#)
        == nil)
    #expect(
      try indication(
        patient: young, history: #""glucocorticoids": {"months": 2, "prednisone_mg_per_day": 10, "current": true}"#)
        == nil)
  }
}

@Suite("Report content: a treatment statement with or without FRAX")
struct TreatmentAssessmentTests {
  func assessment(
    neck: String, total: String = "0.800", patient: String? = nil, history: String? = nil, extra: String = ""
  ) throws -> TreatmentAssessment {
    let json =
      patient.map {
        examJSON(measurements: hips(neck: neck, total: total), patient: $0, history: history, extra: extra)
      }
      ?? examJSON(measurements: hips(neck: neck, total: total), history: history, extra: extra)
    return try buildReport(try exam(json)).fractureRisk.assessment
  }

  @Test("low bone mass without FRAX and without a fracture: FRAX advised")
  func fraxAdvised() throws {
    #expect(try assessment(neck: "0.640") == .fraxAdvised)
  }

  @Test("indicated by T ≤ −2.5 or by a hip or vertebral fracture, whatever FRAX")
  func indicated() throws {
    // (0.558 − 0.858)/0.120 = −2.5 exactly: osteoporosis at the femoral neck.
    #expect(
      try assessment(neck: "0.558")
        == .indicated([.osteoporosisByBMD(site: "Femoral neck (left)", tScore: dec("-2.5"))]))
    let fracture = FractureEvidence.history(Fracture(site: .hip, date: CalendarDate("2024-01-10")))
    #expect(
      try assessment(neck: "0.640", history: #""fragility_fractures": [{"site": "hip", "date": "2024-01-10"}]"#)
        == .indicated([.hipOrVertebralFracture([fracture])]))
  }

  @Test("low bone mass with FRAX below both thresholds, normal BMD, and a Z-score population: not indicated")
  func notIndicated() throws {
    let frax = #""frax": {"major_osteoporotic": 12.0, "hip": 2.9, "calculator_version": "FRAX 4.4"}"#
    #expect(try assessment(neck: "0.640", extra: frax) == .belowFRAXThresholds(hip: dec("2.9"), major: dec("12.0")))
    // (0.760 − 0.858)/0.120 = −0.82 → −0.8; total hip (0.900 − 0.942)/0.122 = −0.34 → −0.3: normal.
    #expect(try assessment(neck: "0.760", total: "0.900") == .noIndicationNormalBMD)
    #expect(
      try assessment(neck: "0.640", patient: #""sex": "female", "age": 42, "menopause": "pre""#)
        == .notForThisPopulation)
  }
}

@Suite("Report content: a scanner change without cross-calibration makes this exam a new baseline")
struct NewBaselineTests {
  @Test("different scanners, no calibration: a new baseline for the regions that cannot be compared")
  func newBaseline() throws {
    let prior = try exam(
      examJSON(
        measurements: hips(neck: "0.650"), scanID: "S-0", date: "2023-03-01",
        scan: #""scanner_id": "prodigy-1", "serial_number": "PR-8812""#))
    let current = try exam(
      examJSON(measurements: hips(neck: "0.640"), scan: #""scanner_id": "horizon-a", "serial_number": "301234""#))
    let report = try buildReport(current, priors: [prior])
    let baseline = report.recommendations.first { $0.kind == .baseline }
    guard case .newBaseline(let sites, let date, _, _)? = baseline else {
      Issue.record("no new-baseline recommendation: \(report.recommendations)")
      return
    }
    #expect(sites == ["Femoral neck (left)", "Total hip (left)"])
    #expect(date == CalendarDate("2023-03-01"))
    // The same scanner: compared, no new baseline.
    let same = try exam(
      examJSON(
        measurements: hips(neck: "0.650"), scanID: "S-0", date: "2023-03-01", scan: #""scanner_id": "horizon-a""#))
    let current2 = try exam(examJSON(measurements: hips(neck: "0.640"), scan: #""scanner_id": "horizon-a""#))
    #expect(!(try buildReport(current2, priors: [same])).recommendations.contains { $0.kind == .baseline })
  }
}

@Suite("Report content: BMD as reported, and the chart that agrees with the reported category")
struct ReportedBMDTests {
  @Test(
    "BMD is reported to 3 decimals, half away from zero, from every digit the exam gives",
    arguments: [
      ("0.7323903191755298", "0.732"), ("0.7235", "0.724"), ("0.7225", "0.723"), ("0.72349999", "0.723"),
      ("0.8", "0.800"), ("1.0005", "1.001"),
    ])
  func rounding(measured: String, reported: String) {
    #expect(dec(measured).reportedBMD == dec(reported))
    #expect(dec(measured).reportedBMD.description == reported)
  }

  @Test("an APEX value with 16 digits is scored as measured and reported as 0.732")
  func apexDigits() throws {
    let report = try buildReport(
      try exam(examJSON(measurements: #"{"site": "femoral-neck", "side": "left", "bmd": 0.7323903191755298}"#)))
    let site = try #require(report.sites.first)
    #expect(site.bmd == dec("0.7323903191755298"))
    #expect(site.bmd?.reportedBMD == dec("0.732"))
    // (0.7323903191755298 − 0.858)/0.120 = −1.0467… → −1.0: normal, where 0.732 itself would give −1.05 → −1.1.
    #expect(site.t.reported == dec("-1.0"))
    #expect(site.classification.category == .normal)
  }

  @Test("a printed spine T-score that differs from the engine's leaves the spine without a chart, and says why")
  func chartOmitted() throws {
    let rows =
      #"{"site": "lumbar-spine", "bmd": 0.800, "t_score_device": -2.7}, "# + hips(neck: "0.640")
    let report = try buildReport(try exam(examJSON(measurements: rows)))
    // Hologic spine table 1.047/0.110: (0.800 − 1.047)/0.110 = −2.245… → −2.2; the scanner printed −2.7.
    #expect(
      report.chartOmissions
        == [ChartOmission(label: "Lumbar spine (L1–L4)", kind: .t, reported: dec("-2.7"), recomputed: dec("-2.2"))])
    #expect(report.charts.map(\.label) == ["Femoral neck (left)", "Total hip (left)"])
  }

  // GE Lunar femoral neck 0.850 against NHANES III (Hologic scale, 0.858/0.120) through sbmd-hip: sBMD = 0.019 +
  // 1.087 × Hologic = −0.023 + 0.939 × Lunar, so Hologic = (0.939 × Lunar − 0.042) / 1.087 and Lunar = (1.087 ×
  // Hologic + 0.042) / 0.939. On the Lunar scale the mean is (1.087 × 0.858 + 0.042) / 0.939 = 0.974646 / 0.939 and
  // the SD 1.087 × 0.120 / 0.939 = 0.13044 / 0.939. 0.850 Lunar is 0.75615 / 1.087 = 0.69563 Hologic: T = −1.353 →
  // −1.4, low bone mass; the band edges on the Lunar scale are (0.974646 − 1.05 × 0.13044) / 0.939 = 0.892102 and
  // (0.974646 − 2.45 × 0.13044) / 0.939 = 0.697623, and 0.850 lies between them.
  @Test("a converted reference is drawn on the scanner's scale, so the point is the BMD the table shows")
  func convertedChart() throws {
    let report = try buildReport(
      try exam(
        examJSON(measurements: #"{"site": "femoral-neck", "side": "left", "bmd": 0.850}"#)
          .replacing(#""manufacturer": "hologic""#, with: #""manufacturer": "ge-lunar""#)))
    let chart = try #require(report.charts.first)
    #expect(chart.scale == .manufacturer(.geLunar))
    #expect(chart.conversion?.setID == "sbmd-hip")
    #expect(chart.youngAdultMean == (try Fraction(dec("0.974646")) / Fraction(dec("0.939"))))
    #expect(chart.youngAdultSD == (try Fraction(dec("0.13044")) / Fraction(dec("0.939"))))
    let point = try #require(chart.points.first { $0.isCurrent })
    #expect(point.bmd == Fraction(dec("0.850")))
    #expect(report.sites.first?.t.reported == dec("-1.4"))
    #expect(report.sites.first?.classification.category == .lowBoneMass)
    let edges = chart.tScoreBandEdges
    #expect(edges.normalAbove.roundedDecimal(places: 6) == dec("0.892102"))
    #expect(edges.osteoporosisAtOrBelow.roundedDecimal(places: 6) == dec("0.697623"))
    #expect(point.bmd <= edges.normalAbove && point.bmd > edges.osteoporosisAtOrBelow)
  }
}

import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

@testable import DXACore

/// The billing suggestions, rule by rule, on hand-worked exams. Femoral neck T = (BMD − 0.858) / 0.120 and total hip
/// T = (BMD − 0.942) / 0.122 (NHANES III White women); a Hologic spine T = (BMD − 1.047) / 0.110.
@Suite("Billing: payer rules, coverage and the notice")
struct PayerCoverageTests {
  /// Neck 0.700 → −1.3, total hip 0.800 → −1.2: low bone mass at the left hip. Scan 2025-04-14.
  static func report(
    scan: String = "", history: String? = nil, extra: String = "", patient: String? = nil,
    options: ReportOptions = .standard, library: ReferenceLibrary? = nil
  ) throws -> Report {
    var members = [extra]
    members.removeAll { $0.isEmpty }
    let json =
      patient.map {
        examJSON(
          measurements: hips(neck: "0.700"), patient: $0, scan: scan, history: history,
          extra: members.joined(separator: ", "))
      }
      ?? examJSON(
        measurements: hips(neck: "0.700"), scan: scan, history: history, extra: members.joined(separator: ", "))
    return try ReportBuilder(library: library ?? shippedLibrary(), options: options).build(try exam(json))
  }

  static let man = #""sex": "male", "birth_date": "1950-01-01""#

  static func codes(_ report: Report) -> [String] {
    report.billing.procedures.map { ([$0.code] + $0.modifiers).joined(separator: "-") }
  }

  @Test("the report's payer comes first, then the exam's, then Medicare as the shipped default")
  func selection() throws {
    let unnamed = try Self.report(scan: #""indications": ["estrogen-deficiency"]"#)
    #expect(unnamed.billing.coverage.payer == .medicare)
    #expect(unnamed.billing.coverage.selection == .shippedDefault)
    #expect(unnamed.billing.coverage.rules?.id == .medicare)
    #expect(unnamed.billing.coverage.findings != nil)

    let aetna = try Self.report(extra: #""payer": "aetna""#)
    #expect(aetna.billing.coverage.payer == .aetna)
    #expect(aetna.billing.coverage.selection == .exam)
    #expect(aetna.billing.coverage.rules?.name == "Aetna")

    let chosen = try Self.report(extra: #""payer": "aetna""#, options: ReportOptions(payer: .medicare))
    #expect(chosen.billing.coverage.payer == .medicare)
    #expect(chosen.billing.coverage.selection == .report)
  }

  @Test("an unknown payer and a template apply no rules, so nothing advises a notice")
  func noRules() throws {
    // 22 months after the month of the last covered scan and no covered indication: Medicare would advise an ABN.
    let history = #""prior_covered_scan_date": "2023-06-01""#
    let unknown = try Self.report(history: history, extra: #""payer": "acme-health""#)
    #expect(unknown.billing.coverage.payer == PayerID(rawValue: "acme-health"))
    #expect(unknown.billing.coverage.rules == nil)
    #expect(unknown.billing.coverage.findings == nil)
    #expect(Self.codes(unknown) == ["77080"])

    for payer in ["cigna", "bcbs", "uhc"] {
      let template = try Self.report(history: history, extra: #""payer": "\#(payer)""#)
      #expect(template.billing.coverage.rules?.isTemplate == true, "\(payer)")
      #expect(template.billing.coverage.findings == nil, "\(payer)")
      #expect(Self.codes(template) == ["77080"], "\(payer)")
    }
  }

  static let medicareLabels = [
    "an estrogen-deficient woman at clinical risk for osteoporosis",
    "vertebral abnormalities on X-ray indicative of osteoporosis, osteopenia or fracture",
    "glucocorticoid therapy for more than 3 months", "primary hyperparathyroidism",
    "monitoring FDA-approved osteoporosis drug therapy",
  ]

  @Test("Medicare: no covered indication documented → ABN advised, 77080-GA, with the reason")
  func noCoveredIndication() throws {
    let report = try Self.report()
    let findings = try #require(report.billing.coverage.findings)
    #expect(findings.coveredIndications == .noneDocumented(Self.medicareLabels))
    #expect(findings.nonCoverage == [.noCoveredIndication])
    #expect(report.billing.coverage.isNoticeAdvised)
    #expect(Self.codes(report) == ["77080-GA"])
    #expect(
      report.billing.procedures[0].reasons.last
        == .noticeOnFile(modifier: "GA", notice: "Advance Beneficiary Notice of Noncoverage (ABN)"))
    // The frequency is not checked without the date of the last covered scan; that alone advises nothing.
    #expect(findings.frequency?.status == .unknown)
  }

  @Test(
    "Medicare covered indications: each documented by the exam's facts, and only by them",
    arguments: [
      (#""indications": ["estrogen-deficiency"]"#, nil, nil, ["estrogen-deficient-woman"]),
      (#""indications": ["vertebral-abnormality"]"#, nil, nil, ["vertebral-abnormalities"]),
      ("", #""glucocorticoids": {"months": 4}"#, nil, ["glucocorticoid-therapy"]),
      // Exactly 3 months is not more than 3; a course that has ended is not current.
      ("", #""glucocorticoids": {"months": 3}"#, nil, []),
      ("", #""glucocorticoids": {"months": 12, "current": false}"#, nil, []),
      ("", nil, #""risk_factors": {"conditions": ["primary-hyperparathyroidism"]}"#, ["primary-hyperparathyroidism"]),
      ("", #""therapy": {"drug": "alendronate", "class": "bisphosphonate"}"#, nil, ["monitoring-drug-therapy"]),
      (#""indications": ["screening"]"#, nil, nil, []),
    ] as [(String, String?, String?, [String])])
  func medicareIndications(scan: String, history: String?, extra: String?, documented: [String]) throws {
    let report = try Self.report(scan: scan, history: history, extra: extra ?? "")
    let findings = try #require(report.billing.coverage.findings)
    if documented.isEmpty {
      #expect(findings.nonCoverage == [.noCoveredIndication])
      #expect(Self.codes(report) == ["77080-GA"])
    } else {
      guard case .documented(let rules) = findings.coveredIndications else {
        Issue.record("expected documented indications, found \(String(describing: findings.coveredIndications))")
        return
      }
      #expect(rules.map(\.id) == documented)
      #expect(findings.nonCoverage.isEmpty)
      #expect(Self.codes(report) == ["77080"])
    }
  }

  @Test("an estrogen-deficiency indication documents Medicare's group for a woman, never for a man")
  func estrogenDeficientMan() throws {
    let report = try Self.report(scan: #""indications": ["estrogen-deficiency"]"#, patient: Self.man)
    #expect(report.billing.coverage.findings?.nonCoverage == [.noCoveredIndication])
  }

  @Test(
    "Medicare frequency: 23 months after the month of the last covered scan, else ABN unless an exception",
    arguments: [
      // May 2023 + 23 months = April 2025: the scan month, met.
      ("2023-05-31", "", FrequencyCheck.Status.met, false, "2025-04-01"),
      // June 2023: 22 months, not met; eligible from May 2025.
      ("2023-06-01", "", .notMet, false, "2025-05-01"),
      ("2023-06-01", #", "glucocorticoids": {"months": 6}"#, .exceptionMayApply, true, "2025-05-01"),
      // Monitoring drug therapy is a covered group, not an exception to the 23 months (billing.md).
      ("2023-06-01", #", "therapy": {"drug": "alendronate", "class": "bisphosphonate"}"#, .notMet, false, "2025-05-01"),
    ] as [(String, String, FrequencyCheck.Status, Bool, String)])
  func frequency(last: String, more: String, status: FrequencyCheck.Status, hasException: Bool, eligible: String)
    throws
  {
    let report = try Self.report(
      scan: #""indications": ["estrogen-deficiency"]"#, history: #""prior_covered_scan_date": "\#(last)"\#(more)"#)
    let findings = try #require(report.billing.coverage.findings)
    let frequency = try #require(findings.frequency)
    #expect(frequency.status == status)
    #expect(frequency.limitMonths == 23)
    #expect(frequency.eligibleFrom == CalendarDate(eligible))
    #expect(frequency.exceptions.map(\.id) == (hasException ? ["long-term-glucocorticoids"] : []))
    if status == .notMet {
      #expect(
        findings.nonCoverage == [
          .frequencyLimitNotMet(months: 22, limit: 23, eligibleFrom: try #require(CalendarDate(eligible)))
        ])
      #expect(Self.codes(report) == ["77080-GA"])
    } else {
      #expect(findings.nonCoverage.isEmpty)
      #expect(Self.codes(report) == ["77080"])
    }
  }

  @Test("both reasons at once: no covered indication and the frequency limit not met")
  func bothReasons() throws {
    let report = try Self.report(history: #""prior_covered_scan_date": "2024-04-14""#)
    // April 2024 → April 2025: 12 months.
    let eligible = try #require(CalendarDate("2026-03-01"))
    #expect(
      report.billing.coverage.findings?.nonCoverage == [
        .noCoveredIndication, .frequencyLimitNotMet(months: 12, limit: 23, eligibleFrom: eligible),
      ])
    #expect(Self.codes(report) == ["77080-GA"])
  }

  @Test("confirming a baseline is an exception, with its note for the coder")
  func confirmingBaseline() throws {
    let report = try Self.report(
      scan: #""indications": ["estrogen-deficiency", "confirm-baseline"]"#,
      history: #""prior_covered_scan_date": "2024-10-01""#)
    let frequency = try #require(report.billing.coverage.findings?.frequency)
    #expect(frequency.status == .exceptionMayApply)
    #expect(
      frequency.exceptions == [
        MatchedRule(
          id: "confirming-baseline", label: "confirming a baseline to permit future monitoring",
          note: "not covered when the first measurement was axial DXA")
      ])
  }

  @Test(
    "Aetna CPB 0134: indications from conditions and doses; no frequency limit and no notice modifier",
    arguments: [
      ("", nil, #""risk_factors": {"conditions": ["celiac-disease"]}"#, ["celiac-disease"]),
      ("", #""glucocorticoids": {"months": 4, "prednisone_mg_per_day": 5}"#, nil, ["glucocorticoid-therapy"]),
      // Below 5 mg/day, or no dose recorded: not documented.
      ("", #""glucocorticoids": {"months": 4, "prednisone_mg_per_day": 4.9}"#, nil, []),
      ("", #""glucocorticoids": {"months": 4}"#, nil, []),
      ("", #""fragility_fractures": [{"site": "distal-forearm", "date": "2020-01-01"}]"#, nil, ["fragility-fracture"]),
      ("", nil, #""risk_factors": {"conditions": ["hypogonadism"]}"#, []),
      (#""indications": ["screening"]"#, nil, nil, []),
    ] as [(String, String?, String?, [String])])
  func aetna(scan: String, history: String?, extra: String?, documented: [String]) throws {
    let members = [#""payer": "aetna""#] + (extra.map { [$0] } ?? [])
    let report = try Self.report(scan: scan, history: history, extra: members.joined(separator: ", "))
    let findings = try #require(report.billing.coverage.findings)
    #expect(findings.frequency == nil)
    #expect(findings.modifiers == nil)
    // No advance notice named: coverage may be unexpected, but no modifier is suggested.
    #expect(Self.codes(report) == ["77080"])
    if documented.isEmpty {
      #expect(findings.nonCoverage == [.noCoveredIndication])
      #expect(!report.billing.coverage.isNoticeAdvised)
    } else if case .documented(let rules) = findings.coveredIndications {
      #expect(rules.map(\.id) == documented)
    } else {
      Issue.record("expected \(documented)")
    }
  }

  @Test("Aetna: hypogonadism or androgen deprivation counts for a man")
  func aetnaMan() throws {
    for condition in ["hypogonadism", "androgen-deprivation-therapy"] {
      let report = try Self.report(
        extra: #""payer": "aetna", "risk_factors": {"conditions": ["\#(condition)"]}"#, patient: Self.man)
      #expect(
        report.billing.coverage.findings?.coveredIndications
          == .documented([MatchedRule(id: "male-hypogonadism", label: "hypogonadism or androgen deprivation in a man")]),
        "\(condition)")
    }
  }

  static let siteCigna = """
    {"format": "dxa-payer/1", "id": "cigna", "name": "Cigna", "version": "2025-site", "status": "secondary",
     "citation": "the site's contract",
     "covered_indications": [{"id": "women-65", "label": "women aged 65 or over", "any": [{"sex": "female",
       "age_at_least": 65}], "source": "contract §4", "status": "secondary"}],
     "frequency_limit": {"months": 24, "source": "contract §5", "status": "secondary"}}
    """

  @Test("a site's payer file completes a template: its rules apply and the report says whose file it is")
  func siteFile() throws {
    var library = try shippedLibrary()
    try library.add(try PayerRules(json: Self.siteCigna, file: "cigna.json"))
    // The woman is 68; April 2023 → April 2025 is 24 months: met.
    let report = try Self.report(
      history: #""prior_covered_scan_date": "2023-04-30""#, extra: #""payer": "cigna""#, library: library)
    let coverage = report.billing.coverage
    #expect(coverage.rules?.isSiteFile == true)
    #expect(coverage.rules?.version == "2025-site")
    #expect(
      coverage.findings?.coveredIndications
        == .documented([MatchedRule(id: "women-65", label: "women aged 65 or over")]))
    #expect(coverage.findings?.frequency?.status == .met)
    #expect(coverage.findings?.frequency?.monthsSinceLastCovered == 24)
  }
}

@Suite("Billing: CPT codes")
struct ProcedureCodeTests {
  static func codes(_ report: Report) -> [String] { PayerCoverageTests.codes(report) }

  static func report(_ rows: String, scan: String = "", extra: String = "", facility: Facility? = nil) throws -> Report
  {
    // Estrogen deficiency documents Medicare's group, so no GA modifier clutters the codes.
    let scanMembers = [#""indications": ["estrogen-deficiency"]"#, scan].filter { !$0.isEmpty }
    return try buildReport(
      try exam(examJSON(measurements: rows, scan: scanMembers.joined(separator: ", "), extra: extra)),
      facility: facility)
  }

  static let vfaDone = #""vertebral_fracture_assessment": true"#

  @Test("77080 names the axial sites with a valid measurement")
  func axial() throws {
    let report = try Self.report(hips(neck: "0.700"))
    #expect(Self.codes(report) == ["77080"])
    #expect(report.billing.procedures[0].reasons == [.axialSites([.femoralNeck, .totalHip])])
  }

  @Test("a spine with a single evaluable vertebra is no valid axial measurement: no 77080, and a note says why")
  func singleVertebra() throws {
    let report = try Self.report(#"{"site": "l2", "bmd": 0.850}"#)
    #expect(report.spine?.isUsableForDiagnosis == false)
    #expect(Self.codes(report).isEmpty)
    #expect(report.billing.notes.contains(.noValidAxialMeasurement))
  }

  @Test("77085 only with recorded VFA findings; VFA without findings stays 77080 with a note")
  func vfa() throws {
    let withFindings = try Self.report(
      hips(neck: "0.700"), scan: Self.vfaDone, extra: #""vfa": {"vertebrae_assessed": "t4-l4", "no_fracture": true}"#)
    #expect(Self.codes(withFindings) == ["77085"])
    #expect(withFindings.billing.procedures[0].reasons == [.axialWithVFA([.femoralNeck, .totalHip])])

    let withoutFindings = try Self.report(hips(neck: "0.700"), scan: Self.vfaDone)
    #expect(Self.codes(withoutFindings) == ["77080"])
    #expect(withoutFindings.billing.notes.contains(.vfaWithoutFindings(withAxial: true)))

    let assessedOnly = try Self.report(
      hips(neck: "0.700"), scan: Self.vfaDone, extra: #""vfa": {"vertebrae_assessed": "t4-l4"}"#)
    #expect(Self.codes(assessedOnly) == ["77080"])
  }

  static let radius = #"{"site": "radius-33", "side": "left", "bmd": 0.650, "t_score_device": -1.5}"#

  @Test("77081 for the forearm; with 77080 the NCCI note, with 77085 the note that the pair is not in the notes")
  func forearm() throws {
    let alone = try Self.report(Self.radius)
    #expect(Self.codes(alone) == ["77081"])
    #expect(!alone.billing.notes.contains { if case .forearmWithAxial = $0 { true } else { false } })

    let withAxial = try Self.report(hips(neck: "0.700") + ", " + Self.radius)
    #expect(Self.codes(withAxial) == ["77080", "77081"])
    #expect(withAxial.billing.notes.contains(.forearmWithAxial(axialCode: "77080")))

    let withVFA = try Self.report(
      hips(neck: "0.700") + ", " + Self.radius, scan: Self.vfaDone,
      extra: #""vfa": {"vertebral_fractures": [{"vertebra": "t12", "genant_grade": 1}]}"#)
    #expect(Self.codes(withVFA) == ["77085", "77081"])
    #expect(withVFA.billing.notes.contains(.forearmWithAxial(axialCode: "77085")))
  }

  @Test("77086 for VFA findings without a valid axial measurement, never without findings")
  func vfaAlone() throws {
    let findings = try Self.report(
      Self.radius, scan: Self.vfaDone, extra: #""vfa": {"no_fracture": true}"#)
    #expect(Self.codes(findings) == ["77086", "77081"])
    let none = try Self.report(Self.radius, scan: Self.vfaDone)
    #expect(Self.codes(none) == ["77081"])
    #expect(none.billing.notes.contains(.vfaWithoutFindings(withAxial: false)))
  }

  @Test("26 and TC when the facility bills components apart; 77089 with TBS")
  func componentsAndTBS() throws {
    let split = try Self.report(hips(neck: "0.700"), facility: Facility(billsComponentsSeparately: true))
    #expect(Self.codes(split) == ["77080-26", "77080-TC"])
    let tbs = try Self.report(hips(neck: "0.700"), extra: #""tbs": {"value": 1.262}"#)
    #expect(Self.codes(tbs) == ["77080", "77089"])
  }
}

@Suite("Billing: ICD-10-CM codes")
struct DiagnosisCodeTests {
  static func codes(
    _ rows: String, scan: String = "", history: String? = nil, extra: String = "", patient: String? = nil
  ) throws -> [String] {
    try report(rows, scan: scan, history: history, extra: extra, patient: patient).billing.diagnoses.map(\.code)
  }

  static func report(
    _ rows: String, scan: String = "", history: String? = nil, extra: String = "", patient: String? = nil
  ) throws -> Report {
    let json =
      patient.map { examJSON(measurements: rows, patient: $0, scan: scan, history: history, extra: extra) }
      ?? examJSON(measurements: rows, scan: scan, history: history, extra: extra)
    return try buildReport(try exam(json))
  }

  static let osteoporotic = hips(neck: "0.540", total: "0.700")  // neck (0.540 − 0.858)/0.120 = −2.65 → −2.7
  static let normal = hips(neck: "0.900", total: "1.000")  // +0.35 → 0.4, +0.48 → 0.5
  static let lowLeft = hips(neck: "0.700")  // −1.3, −1.2

  @Test("M81.0 by T-score; with a healed fragility fracture, Z87.310 too")
  func osteoporosis() throws {
    #expect(try Self.codes(Self.osteoporotic) == ["M81.0"])
    #expect(
      try Self.codes(Self.osteoporotic, history: #""fragility_fractures": [{"site": "hip", "date": "2020-02-02"}]"#)
        == ["M81.0", "Z87.310"])
  }

  @Test("a current fragility fracture: M80.08X- for a vertebra, M80.0- elsewhere, never beside M81.0")
  func currentFracture() throws {
    let current = #""fragility_fractures": [{"site": "vertebra", "date": "2025-03-01", "current": true}]"#
    let vertebral = try Self.report(Self.osteoporotic, history: current)
    #expect(vertebral.billing.diagnoses.map(\.code) == ["M80.08X-"])
    let fracture = Fracture(site: .vertebra, date: CalendarDate("2025-03-01"), isCurrent: true)
    #expect(vertebral.billing.diagnoses[0].reason == .currentFracture([fracture]))
    #expect(vertebral.billing.diagnoses[0].needsCompletion)

    let hipAndHealed = #"""
      "fragility_fractures": [{"site": "hip", "date": "2025-02-01", "current": true},
                              {"site": "distal-forearm", "date": "2018-05-05"}]
      """#
    #expect(try Self.codes(Self.osteoporotic, history: hipAndHealed) == ["M80.0-", "Z87.310"])
    // Low bone mass with a current vertebral fracture: osteoporosis clinically, so M80.08X- (not M85.8-).
    #expect(try Self.codes(Self.lowLeft, history: current) == ["M80.08X-"])
  }

  @Test("a current fracture without osteoporosis gives no osteoporosis code")
  func currentFractureNormalBMD() throws {
    let wrist = #""fragility_fractures": [{"site": "distal-forearm", "date": "2025-03-01", "current": true}]"#
    #expect(try Self.codes(Self.normal, history: wrist) == [])
  }

  @Test("a healed hip or vertebral fracture with low bone mass: M81.0 clinically, with the M85.8 code if not")
  func clinical() throws {
    let report = try Self.report(
      Self.lowLeft, history: #""fragility_fractures": [{"site": "vertebra", "date": "2023-08-14"}]"#)
    #expect(report.billing.diagnoses.map(\.code) == ["M81.0", "Z87.310"])
    let fracture = FractureEvidence.history(Fracture(site: .vertebra, date: CalendarDate("2023-08-14")))
    #expect(
      report.billing.diagnoses[0].reason
        == .clinicalOsteoporosis(
          [fracture],
          otherwise: LowDensitySite(sites: ["Femoral neck (left)", "Total hip (left)"], code: "M85.852")))
  }

  static let spineLow = #"{"site": "lumbar-spine", "bmd": 0.850}"#  // (0.850 − 1.047)/0.110 = −1.79 → −1.8

  @Test(
    "low bone mass: M85.8 with the site character when side and site are known",
    arguments: [
      (lowLeft, "M85.852", nil),
      (hips(neck: "0.700", side: "right"), "M85.851", nil),
      (spineLow + ", " + normal, "M85.88", nil),
      (spineLow + ", " + lowLeft, "M85.89", nil),
      (lowLeft + ", " + hips(neck: "0.700", side: "right"), "M85.89", nil),
      (
        #"{"site": "femoral-neck", "bmd": 0.700}, {"site": "total-hip", "bmd": 0.800}"#, "M85.8-",
        LowDensitySite.Completion.sideNotRecorded
      ),
    ] as [(String, String, LowDensitySite.Completion?)])
  func lowBoneMassSite(rows: String, code: String, completion: LowDensitySite.Completion?) throws {
    let report = try Self.report(rows)
    #expect(report.diagnosis.category == .lowBoneMass)
    let diagnosis = try #require(report.billing.diagnoses.first)
    #expect(report.billing.diagnoses.count == 1)
    #expect(diagnosis.code == code)
    guard case .lowBoneMass(let site) = diagnosis.reason else {
      Issue.record("\(diagnosis.reason)")
      return
    }
    #expect(site.completion == completion)
  }

  @Test("low bone mass only at the 1/3 radius: M85.8-, the coder adds the site (its code is not in the notes)")
  func radiusLowBoneMass() throws {
    let report = try Self.report(
      Self.normal + ", " + ProcedureCodeTests.radius, scan: #""radius_reason": "hyperparathyroidism""#)
    #expect(report.billing.diagnoses.map(\.code) == ["M85.8-"])
    #expect(
      report.billing.diagnoses[0].reason
        == .lowBoneMass(
          LowDensitySite(sites: ["Radius 33% (1/3) (left)"], code: "M85.8-", completion: .siteCodeNotListed)))
  }

  @Test(
    "therapy codes: Z79.52 current steroids, Z92.241 past, Z79.83 bisphosphonates, Z79.899 other long-term drugs",
    arguments: [
      (#""glucocorticoids": {"months": 6}"#, "Z79.52"),
      (#""glucocorticoids": {"months": 6, "current": false}"#, "Z92.241"),
      (#""therapy": {"drug": "alendronate", "class": "bisphosphonate"}"#, "Z79.83"),
      (#""therapy": {"drug": "denosumab", "class": "denosumab"}"#, "Z79.899"),
      (#""therapy": {"drug": "teriparatide", "class": "anabolic"}"#, "Z79.899"),
      (#""therapy": {"drug": "raloxifene", "class": "serm"}"#, "Z79.810"),
    ])
  func therapy(history: String, code: String) throws {
    #expect(try Self.codes(Self.normal, history: history) == [code])
  }

  @Test(
    "conditions give their ICD-10-CM code from the conditions list; a code for men only is never given a woman",
    arguments: [
      ("family-history-of-osteoporosis", nil, ["Z82.62"]),
      ("primary-hyperparathyroidism", nil, ["E21.0"]),
      ("celiac-disease", nil, ["K90.0"]),
      ("hypogonadism", PayerCoverageTests.man, ["E29.1"]),
      ("hypogonadism", nil, []),
      ("anorexia-nervosa", nil, []),
      ("aromatase-inhibitor-therapy", nil, ["Z79.811"]),
    ] as [(String, String?, [String])])
  func conditions(condition: String, patient: String?, codes: [String]) throws {
    let found = try Self.codes(
      Self.normal, extra: #""risk_factors": {"conditions": ["\#(condition)"]}"#, patient: patient)
    #expect(found == codes)
  }

  @Test("primary hyperparathyroidism as indication and condition gives E21.0 once")
  func noDuplicates() throws {
    let found = try Self.codes(
      Self.normal, scan: #""indications": ["primary-hyperparathyroidism"]"#,
      extra: #""risk_factors": {"conditions": ["primary-hyperparathyroidism"]}"#)
    #expect(found == ["E21.0"])
  }

  @Test("R93.7 for a vertebral abnormality, never beside a definitive osteoporosis code")
  func abnormalImaging() throws {
    let indication = #""indications": ["vertebral-abnormality"]"#
    #expect(try Self.codes(Self.lowLeft, scan: indication) == ["M85.852", "R93.7"])
    #expect(try Self.codes(Self.osteoporotic, scan: indication) == ["M81.0"])
    let current = #""fragility_fractures": [{"site": "vertebra", "date": "2025-03-01", "current": true}]"#
    #expect(try Self.codes(Self.osteoporotic, scan: indication, history: current) == ["M80.08X-"])
  }

  @Test("Z13.820 for a screening encounter, listed first, the findings after it; none without screening")
  func screening() throws {
    #expect(try Self.codes(Self.lowLeft, scan: #""indications": ["screening"]"#) == ["Z13.820", "M85.852"])
    #expect(try Self.codes(Self.osteoporotic, scan: #""indications": ["screening"]"#) == ["Z13.820", "M81.0"])
    #expect(try Self.codes(Self.normal, scan: #""indications": ["screening"]"#) == ["Z13.820"])
    #expect(try Self.codes(Self.lowLeft) == ["M85.852"])
  }

  @Test("every code suggested has its descriptor and status from the billing code file")
  func descriptors() throws {
    let report = try Self.report(
      Self.osteoporotic, scan: #""indications": ["screening", "estrogen-deficiency"]"#,
      history: #""fragility_fractures": [{"site": "hip", "date": "2020-02-02"}]"#)
    let library = try shippedLibrary()
    for code in report.billing.diagnoses {
      let reference = try #require(library.billingCodes.diagnosis(code.code), "\(code.code)")
      #expect(code.description == reference.description)
      #expect(code.status == reference.status)
    }
    #expect(report.billing.diagnoses.map(\.code) == ["Z13.820", "M81.0", "Z87.310", "Z78.0"])
  }
}

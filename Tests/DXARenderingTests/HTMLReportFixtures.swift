import DXATestSupport
import Foundation
import Testing

@testable import DXACore
@testable import DXARendering

/// Reports built by hand, so the HTML renderer can be tested on its own: the values are worked out here, not by
/// the report builder.
enum HTMLReportFixture {
  static func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }

  static func fraction(_ text: String) -> Fraction { Fraction(dec(text)) }

  /// A woman aged 65 on 2025-04-14, femoral neck 0.560 g/cm² on a Hologic scanner (T −2.5, osteoporosis), with a
  /// trochanter row, a spine of L1, L2, L4 (L3 excluded) and, when `withPrior`, an exam of 2023-03-10.
  static func report(
    name: String = "Example, Ann", withPrior: Bool = false, interpretation: PhysicianInterpretation = .init()
  ) throws -> Report {
    let patient = Patient(
      id: "P-1001", name: name, sex: .female, birthDate: try date("1960-01-01"), ethnicity: .white, menopause: .post)
    let scan = ScanInfo(
      id: "S-2025-0414", date: try date("2025-04-14"), manufacturer: .hologic, model: "Horizon A",
      serialNumber: "301234",
      softwareVersion: "13.6.1", indication: "Estrogen deficiency", indications: [.estrogenDeficiency],
      referringProvider: "Dr. R. Patel", technologist: "J. Moreno, RT(R)(BD)")
    let neck = Measurement(site: .femoralNeck, side: .left, bmd: dec("0.560"))
    let trochanter = Measurement(site: .trochanter, side: .left, bmd: dec("0.540"))
    let vertebrae = [
      Measurement(site: .l1, bmc: dec("11.10"), area: dec("13.80"), deviceTScore: dec("-1.7")),
      Measurement(site: .l2, bmc: dec("12.70"), area: dec("14.60"), deviceTScore: dec("-1.5")),
      Measurement(
        site: .l3, bmc: dec("17.50"), area: dec("15.90"), isIncluded: false, exclusionReason: "degenerative sclerosis",
        deviceTScore: dec("0.4")),
      Measurement(site: .l4, bmc: dec("15.20"), area: dec("17.20"), deviceTScore: dec("-1.6")),
    ]
    let exam = Exam(patient: patient, scan: scan, measurements: vertebrae + [neck, trochanter])
    let engine = ScoringEngine(library: try shippedLibrary())
    func scored(_ site: Site, _ bmd: ExactDecimal) throws -> ScoreResult {
      try engine.score(
        ScoreRequest(
          site: site, bmd: bmd, sex: .female, age: dec("65.2813"), menopause: .post, manufacturer: .hologic,
          ethnicity: .white))
    }
    let neckResult = try scored(.femoralNeck, dec("0.560"))
    let spineSet = VertebralSet([.l1, .l2, .l4])
    // ΣBMC / Σarea = 39.00 / 45.60 = 0.855 (3 decimals).
    let spineBMD = dec("0.855")
    let sites = [
      SiteResult(
        measurement: Measurement(site: .lumbarSpine, bmd: spineBMD), label: "Lumbar spine (L1–L2, L4)",
        vertebrae: spineSet, bmd: spineBMD, bmdSource: .recomputed, result: try scored(.lumbarSpine, spineBMD),
        role: .diagnostic, notes: []),
      SiteResult(
        measurement: neck, label: "Femoral neck (left)", bmd: neck.bmd, bmdSource: .measured, result: neckResult,
        role: .diagnostic, notes: []),
      SiteResult(
        measurement: trochanter, label: "Trochanter (left)", bmd: trochanter.bmd, bmdSource: .measured,
        result: try scored(.trochanter, dec("0.540")),
        role: .notDiagnostic(.neverDiagnostic(.trochanter)), notes: []),
    ]
    let spine = SpineAnalysis(
      vertebrae: vertebrae.map { VertebraResult(measurement: $0, bmd: nil, tScore: $0.deviceTScore) },
      included: spineSet, totalBMC: dec("39.00"), totalArea: dec("45.60"),
      exactBMD: try Fraction(3900, 4560), screen: .deviceScores,
      exclusionCandidates: [
        ExclusionCandidate(vertebra: .l3, neighbour: .l2, difference: dec("1.9"), isExcluded: true)
      ], isUsableForDiagnosis: true, notes: [])
    let diagnosis = Diagnosis(
      population: .whoTScore, category: .osteoporosis, isSevere: false,
      basisLabel: "Femoral neck (left)", basis: .tScore, basisScore: neckResult.tScore.score?.reported,
      persistsFrom: nil, reason: nil, statements: [])
    var points = [
      ChartPoint(
        date: scan.date, age: dec("65.2813"), bmd: fraction("0.560"), tScore: neckResult.tScore.score?.reported,
        isCurrent: true)
    ]
    var priors: [Exam] = []
    var comparisons: [PriorComparison] = []
    if withPrior {
      let priorScan = ScanInfo(
        id: "S-2023-0310", date: try date("2023-03-10"), manufacturer: .hologic, serialNumber: "300001")
      let priorNeck = Measurement(site: .femoralNeck, side: .left, bmd: dec("0.600"))
      priors.append(Exam(patient: patient, scan: priorScan, measurements: [priorNeck]))
      points.append(
        ChartPoint(
          date: priorScan.date, age: dec("63.1869"), bmd: fraction("0.600"), tScore: dec("-2.2"), isCurrent: false))
      // 0.560 − 0.600 = −0.040 g/cm², −6.67 %; LSC 2.77 × 0.0110 = 0.030 g/cm²: significant.
      let change = SiteChange.Change(
        priorOnCurrentScale: fraction("0.600"), grams: fraction("-0.040"), percent: try Fraction(-20, 3),
        percentPerYear: try Fraction(-20, 3) / Fraction(2),
        leastSignificantChange: .facility(grams: dec("0.030"), precision: dec("0.0110")),
        isSignificant: true, areaChangePercent: fraction("2.5"))
      comparisons.append(
        PriorComparison(
          priorScanID: priorScan.id, priorDate: priorScan.date, years: try Fraction(2, 1), isSameScanner: true,
          changes: [
            SiteChange(
              label: "Femoral neck (left)", site: .femoralNeck, side: .left, currentBMD: dec("0.560"),
              priorBMD: dec("0.600"), outcome: .compared(change), notes: []),
            SiteChange(
              label: "Total hip (left)", site: .totalHip, side: .left, currentBMD: dec("0.700"),
              priorBMD: dec("0.710"),
              outcome: .notComparable(
                .differentScanners(prior: ScannerLabel(priorScan), current: ScannerLabel(scan), site: .totalHip)),
              notes: []),
          ]))
    }
    let chart = SiteChart(
      label: "Femoral neck (left)", site: .femoralNeck, scale: .manufacturer(.hologic), units: "g/cm²",
      youngAdultMean: fraction("0.858"), youngAdultSD: fraction("0.120"), youngAdultTableID: "nhanes3-hip-young-adult",
      ageCurve: [], ageCurveTableID: nil, points: points)
    return Report(
      exam: exam, priors: priors, age: dec("65.2813"), policy: .standard, population: .whoTScore, sites: sites,
      spine: spine, diagnosis: diagnosis, comparisons: comparisons,
      fractureRisk: FractureRisk(
        frax: nil, femoralNeckTForFRAX: neckResult.tScore.score, femoralNeckLabel: "Femoral neck (left)",
        meetsTreatmentThreshold: nil, statements: [], tbs: nil),
      recommendations: [
        .facilityInterval(months: 24, reason: .therapy(drug: "alendronate"), source: .defaultSetting, alsoOn: nil)
      ],
      billing: BillingSuggestions(
        procedures: [
          ProcedureCode(
            code: "77080", modifiers: [], description: "DXA, axial skeleton",
            reasons: [.axialSites([.lumbarSpine, .femoralNeck])])
        ], diagnoses: [],
        coverage: PayerCoverage(
          payer: .medicare, selection: .exam,
          rules: PayerRulesSummary(
            id: .medicare, name: "Medicare", version: "1", status: .secondary, citation: "billing.md",
            isSiteFile: false),
          findings: CoverageFindings(
            coveredIndications: .documented([MatchedRule(id: "estrogen", label: "an estrogen-deficient woman")]),
            frequency: FrequencyCheck(status: .unknown, limitMonths: 23), nonCoverage: [],
            modifiers: PayerModifiers(
              notice: "Advance Beneficiary Notice of Noncoverage (ABN)", noticeOnFile: "GA", noNotice: "GZ",
              source: "billing.md", status: .secondary))),
        notes: []),
      charts: [chart], interpretation: interpretation, assumptions: [], notes: [])
  }
}

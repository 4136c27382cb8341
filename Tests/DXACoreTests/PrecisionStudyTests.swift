import DXACore
import DXATestSupport
import Testing

/// Scans of one site: each inner array is one patient's repeated BMDs; rows count from 2 (row 1 is the header).
func studyScans(_ site: Site, vertebrae: String? = nil, _ patients: [[String]], firstRow: Int = 2) -> [PrecisionScan] {
  var scans: [PrecisionScan] = []
  for (index, values) in patients.enumerated() {
    for value in values {
      scans.append(
        PrecisionScan(
          patient: "P\(index + 1)", site: site, vertebrae: vertebrae.flatMap { VertebralSet(label: $0) },
          bmd: dec(value), row: firstRow + scans.count))
    }
  }
  return scans
}

/// `count` patients, each scanned at `center − step`, `center`, `center + step` (as many as `scans` asks).
func uniformStudy(_ site: Site, patients count: Int, scans: Int, center: String = "1.000", step: String) -> [[String]] {
  let offsets = [Fraction.zero, -Fraction(dec(step)), Fraction(dec(step))].prefix(scans)
  return Array(
    repeating: offsets.map { offset in
      ((try? Fraction(dec(center)) + offset) ?? .zero).roundedDecimal(places: 4).description
    }, count: count)
}

@Suite("Precision studies")
struct PrecisionStudyTests {
  // Worked by hand, lumbar spine L1–L4, 3 patients × 3 scans:
  //   P1 1.000 1.010 1.020  mean 1.010  deviations −0.010 0 +0.010  SS 0.0002   var 0.0001    CV² 0.0001/1.0201
  //   P2 0.900 0.910 0.890  mean 0.900  deviations 0 +0.010 −0.010  SS 0.0002   var 0.0001    CV² 0.0001/0.81
  //   P3 0.800 0.830 0.815  mean 0.815  deviations −0.015 +0.015 0  SS 0.00045  var 0.000225  CV² 0.000225/0.664225
  //   mean variance 0.000425 / 3 = 17/120000 = 0.00014167; RMS-SD = √ = 0.011902 → 0.0119 g/cm²
  //   CV² 0.00009803 + 0.00012346 + 0.00033874 = 0.00056023; / 3 = 0.00018674; √ = 0.013665 → 1.37%
  //   df = 3 × (3 − 1) = 6; LSC = 2.77 × 0.0119 = 0.032963 → 0.0330 g/cm²; 2.77 × 1.37 = 3.7949 → 3.79%
  static let worked = [["1.000", "1.010", "1.020"], ["0.900", "0.910", "0.890"], ["0.800", "0.830", "0.815"]]

  @Test("a worked 3 × 3 study: RMS-SD, %CV, degrees of freedom and LSC")
  func workedStudy() throws {
    let study = try PrecisionStudy(scans: studyScans(.lumbarSpine, Self.worked))
    let result = try #require(study.results.first)
    #expect(study.results.count == 1)
    #expect(result.region == PrecisionRegion(site: .lumbarSpine, vertebrae: .all))
    #expect(result.meanVariance == (try Fraction(17, 120_000)))
    #expect(result.rmsSD.description == "0.0119")
    #expect(result.percentCV.description == "1.37")
    #expect(result.degreesOfFreedom == 6)
    #expect(result.patients == 3)
    #expect(result.scans == 9)
    #expect(result.scansPerPatient == 3)
    #expect(result.leastSignificantChange.description == "0.0330")
    #expect(result.leastSignificantChangePercent.description == "3.79")
    #expect(
      result.warnings == [
        PrecisionWarning(
          .degreesOfFreedom,
          "only 6 degrees of freedom; ISCD asks for at least 27 degrees of freedom (15×3 or 30×2)"),
        PrecisionWarning(.design, "3 patients × 3 scans is not an ISCD design (15×3 or 30×2)"),
      ])
  }

  @Test(
    "the ISCD designs give 30 degrees of freedom and no warning",
    arguments: [
      // 15 × 3 at 0.990, 1.000, 1.010: every variance 0.0001, RMS-SD 0.0100, CV 0.0100/1.000 = 1.00%.
      (15, 3, "0.0100", "1.00", "0.0277", "2.77"),
      // 30 × 2 at 1.000, 0.990: every variance 0.00005, RMS-SD √0.00005 = 0.0070711 → 0.0071; CV 0.0070711/0.995
      // = 0.71066% → 0.71; LSC 2.77 × 0.0071 = 0.019667 → 0.0197, 2.77 × 0.71 = 1.9667 → 1.97.
      (30, 2, "0.0071", "0.71", "0.0197", "1.97"),
    ])
  func iscdDesigns(patients: Int, scans: Int, rmsSD: String, percentCV: String, lsc: String, lscPercent: String)
    throws
  {
    let values = uniformStudy(.totalHip, patients: patients, scans: scans, step: "0.010")
    let result = try #require(try PrecisionStudy(scans: studyScans(.totalHip, values)).results.first)
    #expect(result.degreesOfFreedom == 30)
    #expect(result.rmsSD.description == rmsSD)
    #expect(result.percentCV.description == percentCV)
    #expect(result.leastSignificantChange.description == lsc)
    #expect(result.leastSignificantChangePercent.description == lscPercent)
    #expect(result.warnings.isEmpty)
  }

  @Test(
    "fewer than 27 degrees of freedom is warned; 27 is enough",
    arguments: [(13, 3, 26, true), (27, 2, 27, false), (9, 4, 27, false), (14, 3, 28, false)])
  func degreesOfFreedomBoundary(patients: Int, scans: Int, degreesOfFreedom: Int, isWarned: Bool) throws {
    let values = Array(repeating: ["0.990", "1.000", "1.010", "1.005"].prefix(scans).map { $0 }, count: patients)
    let result = try #require(try PrecisionStudy(scans: studyScans(.femoralNeck, values)).results.first)
    #expect(result.degreesOfFreedom == degreesOfFreedom)
    #expect(result.warnings.contains { $0.kind == .degreesOfFreedom } == isWarned)
    // None of these is 15 × 3 or 30 × 2.
    #expect(result.warnings.contains { $0.kind == .design })
  }

  @Test(
    "%CV worse than the ISCD minimum is warned; equal to it is acceptable",
    arguments: [
      // 15 patients at 1.000 − d, 1.000, 1.000 + d: SD = d, mean 1.000, so %CV = 100 d exactly.
      (Site.lumbarSpine, "0.019", "1.90", nil as String?),
      (
        .lumbarSpine, "0.0191", "1.91",
        "RMS %CV 1.91% is worse than the ISCD minimum acceptable precision for the spine, 1.9% (LSC 5.3%); ISCD calls for retraining and a new study"
      ),
      (.totalHip, "0.018", "1.80", nil),
      (
        .totalHip, "0.0181", "1.81",
        "RMS %CV 1.81% is worse than the ISCD minimum acceptable precision for the total hip, 1.8% (LSC 5.0%); ISCD calls for retraining and a new study"
      ),
      (.femoralNeck, "0.025", "2.50", nil),
      (
        .femoralNeck, "0.0251", "2.51",
        "RMS %CV 2.51% is worse than the ISCD minimum acceptable precision for the femoral neck, 2.5% (LSC 6.9%); ISCD calls for retraining and a new study"
      ),
      (.trochanter, "0.050", "5.00", nil),
    ])
  func iscdMinimum(site: Site, step: String, percentCV: String, warning: String?) throws {
    let values = uniformStudy(site, patients: 15, scans: 3, step: step)
    let result = try #require(try PrecisionStudy(scans: studyScans(site, values)).results.first)
    #expect(result.percentCV.description == percentCV)
    #expect(result.warnings.map(\.message) == (warning.map { [$0] } ?? []))
  }

  @Test("a patient with a single scan contributes nothing and is named with its row")
  func singleScan() throws {
    var scans = studyScans(.lumbarSpine, Self.worked)
    scans.insert(PrecisionScan(patient: "P9", site: .lumbarSpine, bmd: dec("1.200"), row: 11), at: 4)
    let result = try #require(try PrecisionStudy(scans: scans).results.first)
    #expect(result.rmsSD.description == "0.0119")
    #expect(result.patients == 3)
    #expect(result.degreesOfFreedom == 6)
    #expect(
      result.warnings.first
        == PrecisionWarning(
          .singleScan, "the patient of row 11 has a single lumbar spine (L1–L4) scan and contributes nothing"))
  }

  @Test("patients with different numbers of scans: df = Σ(n − 1), the mean of variances, and a design warning")
  func unevenDesign() throws {
    // P1 0.990 1.010: var 0.0002. P2 0.990 1.000 1.010: var 0.0001. Mean 0.00015, √ = 0.012247 → 0.0122; df 1 + 2.
    let study = try PrecisionStudy(scans: studyScans(.totalHip, [["0.990", "1.010"], ["0.990", "1.000", "1.010"]]))
    let result = try #require(study.results.first)
    #expect(result.degreesOfFreedom == 3)
    #expect(result.scansPerPatient == nil)
    #expect(result.rmsSD.description == "0.0122")
    #expect(
      result.warnings.last
        == PrecisionWarning(
          .design,
          "patients have 2 to 3 scans each; ISCD designs give every patient the same number (15×3 or 30×2)"))
  }

  @Test("each vertebral set is its own region, in order of appearance")
  func vertebralSets() throws {
    let scans =
      studyScans(.totalHip, [["0.900", "0.910"]])
      + studyScans(.lumbarSpine, vertebrae: "l2-l4", Self.worked) + studyScans(.lumbarSpine, Self.worked)
    let study = try PrecisionStudy(scans: scans)
    #expect(study.results.map(\.region.displayName) == ["Total hip", "Lumbar spine (L2–L4)", "Lumbar spine (L1–L4)"])
    #expect(study.results[1].rmsSD == study.results[2].rmsSD)
  }

  @Test("a site without any repeated scan is an error naming its first row")
  func noRepeats() {
    let scans = studyScans(.totalHip, [["0.900"], ["0.910"]], firstRow: 5)
    #expect(
      throws: InputError(
        .data, field: "patient", row: 5,
        "no patient has two or more total hip scans; precision needs repeated scans of the same patient")
    ) { try PrecisionStudy(scans: scans) }
  }

  @Test("identical repeats give a zero RMS-SD and a warning")
  func noVariation() throws {
    let values = Array(repeating: ["0.900", "0.900"], count: 30)
    let result = try #require(try PrecisionStudy(scans: studyScans(.totalHip, values)).results.first)
    #expect(result.rmsSD.description == "0.0000")
    #expect(result.warnings.map(\.kind) == [.noVariation])
  }

  @Test("a result becomes a facility figure with the reported numbers")
  func figure() throws {
    let result = try #require(try PrecisionStudy(scans: studyScans(.lumbarSpine, Self.worked)).results.first)
    #expect(
      result.figure(scanner: "horizon-a")
        == PrecisionFigure(
          scanner: "horizon-a", site: .lumbarSpine, vertebrae: .all, rmsSD: dec("0.0119"), percentCV: dec("1.37"),
          patients: 3, scansPerPatient: 3, degreesOfFreedom: 6))
  }

  @Test(
    "square roots are rounded half away from zero with the tie decided exactly",
    arguments: [
      ("0.000141666666667", 4, "0.0119"),
      ("0.0000015625", 4, "0.0013"),  // √ = 0.00125 exactly: a tie, away from zero
      ("0.0000015624999", 4, "0.0012"),  // just below the tie
      ("0.25", 0, "1"),
      ("0.01", 4, "0.1000"),
      ("0", 4, "0.0000"),
      ("3.61", 2, "1.90"),
    ])
  func squareRoot(value: String, places: Int, expected: String) throws {
    #expect(try Fraction(dec(value)).squareRootRounded(places: places).description == expected)
  }
}

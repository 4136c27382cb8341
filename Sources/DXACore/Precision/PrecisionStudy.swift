/// One scan of a facility precision study: a patient scanned repeatedly at one site, repositioned between scans.
public struct PrecisionScan: Sendable, Equatable {
  public var patient: String
  public var site: Site
  /// The vertebrae of a lumbar-spine scan; nil means L1–L4.
  public var vertebrae: VertebralSet?
  /// BMD in g/cm².
  public var bmd: ExactDecimal
  /// The row of the study file it came from, named in warnings.
  public var row: Int?

  public init(patient: String, site: Site, vertebrae: VertebralSet? = nil, bmd: ExactDecimal, row: Int? = nil) {
    self.patient = patient
    self.site = site
    self.vertebrae = vertebrae
    self.bmd = bmd
    self.row = row
  }
}

/// A facility precision study worked out per site (and vertebral set), as the ISCD precision calculator does:
/// per-patient SD with n − 1, RMS-SD = √(mean of the per-patient variances), RMS %CV = √(mean of (SD/mean)²) × 100,
/// degrees of freedom Σ(n − 1), LSC = 2.77 × precision.
///
/// Variances are exact fractions. Each patient's squared CV is exact and carried to 24 decimals before averaging
/// (the patients' ratios have unrelated denominators that would not fit in 128 bits; the error is below 10⁻²³).
/// The square root is the one step that is not exact: it is estimated in floating point and its rounding to the
/// reported decimals is checked exactly (``Fraction/squareRootRounded(places:)``).
public struct PrecisionStudy: Sendable, Equatable {
  /// ISCD: at least 27 degrees of freedom, as 15 patients × 3 scans or 30 × 2 give 30.
  public static let minimumDegreesOfFreedom = 27
  /// The designs ISCD describes, as (patients, scans per patient).
  public static let iscdDesigns = [(patients: 15, scans: 3), (patients: 30, scans: 2)]
  /// RMS-SD and LSC in g/cm² are reported to 4 decimals, %CV and LSC % to 2, rounded half away from zero.
  public static let gramsDecimals = 4
  public static let percentDecimals = 2

  /// One result per site and vertebral set, in the order they first appear in the study.
  public let results: [PrecisionResult]

  /// Works out the study. Throws a data error when a site has no patient with two or more scans.
  public init(scans: [PrecisionScan]) throws(InputError) {
    var regions: [PrecisionRegion] = []
    var scansByRegion: [PrecisionRegion: [PrecisionScan]] = [:]
    for scan in scans {
      let region = PrecisionRegion(site: scan.site, vertebrae: scan.vertebrae)
      if scansByRegion[region] == nil { regions.append(region) }
      scansByRegion[region, default: []].append(scan)
    }
    var results: [PrecisionResult] = []
    for region in regions {
      results.append(try PrecisionResult(region: region, scans: scansByRegion[region] ?? []))
    }
    self.results = results
  }
}

/// Something about a study that makes its figures weaker or suspect; the figures are still given.
public struct PrecisionWarning: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case degreesOfFreedom = "degrees-of-freedom"
    case design
    case worseThanISCDMinimum = "worse-than-iscd-minimum"
    case singleScan = "single-scan"
    case noVariation = "no-variation"
  }

  public let kind: Kind
  public let message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }
}

/// The precision of one site (and vertebral set) from a study.
public struct PrecisionResult: Sendable, Equatable {
  public let region: PrecisionRegion
  /// Patients with two or more scans; only they contribute.
  public let patients: Int
  /// Their scans.
  public let scans: Int
  /// The number of scans per patient when every contributing patient has the same number.
  public let scansPerPatient: Int?
  /// Σ(nᵢ − 1) over the contributing patients.
  public let degreesOfFreedom: Int
  /// The mean of the per-patient variances, (g/cm²)², exact.
  public let meanVariance: Fraction
  /// The mean of the per-patient squared CVs (SD/mean)², as a fraction, not %.
  public let meanSquaredCV: Fraction
  /// RMS-SD in g/cm², rounded to 4 decimals: the figure a facility file carries.
  public let rmsSD: ExactDecimal
  /// RMS %CV, rounded to 2 decimals.
  public let percentCV: ExactDecimal
  /// 2.77 × the reported RMS-SD, to 4 decimals: the LSC `dxa report` uses from the facility file.
  public let leastSignificantChange: ExactDecimal
  /// 2.77 × the reported %CV, to 2 decimals.
  public let leastSignificantChangePercent: ExactDecimal
  public let warnings: [PrecisionWarning]

  init(region: PrecisionRegion, scans: [PrecisionScan]) throws(InputError) {
    self.region = region
    var patientOrder: [String] = []
    var byPatient: [String: [PrecisionScan]] = [:]
    for scan in scans {
      if byPatient[scan.patient] == nil { patientOrder.append(scan.patient) }
      byPatient[scan.patient, default: []].append(scan)
    }
    var warnings: [PrecisionWarning] = []
    var contributing: [[PrecisionScan]] = []
    for patient in patientOrder {
      let patientScans = byPatient[patient] ?? []
      if patientScans.count < 2 {
        // Named by its row, never by its identifier.
        let who = patientScans.first?.row.map { "the patient of row \($0)" } ?? "a patient"
        warnings.append(
          PrecisionWarning(.singleScan, "\(who) has a single \(region.nameInSentence) scan and contributes nothing"))
      } else {
        contributing.append(patientScans)
      }
    }
    guard !contributing.isEmpty else {
      throw InputError(
        .data, field: "patient", row: scans.first?.row,
        "no patient has two or more \(region.nameInSentence) scans; precision needs repeated scans of the same patient"
      )
    }
    patients = contributing.count
    self.scans = contributing.map(\.count).reduce(0, +)
    let counts = Set(contributing.map(\.count))
    scansPerPatient = counts.count == 1 ? counts.first : nil
    degreesOfFreedom = contributing.map { $0.count - 1 }.reduce(0, +)

    do {
      var varianceSum = Fraction.zero
      var squaredCVSum: Int128 = 0
      for patientScans in contributing {
        let (variance, mean) = try Self.varianceAndMean(patientScans.map(\.bmd))
        varianceSum = try varianceSum + variance
        squaredCVSum += try (variance / (mean * mean)).rounded(places: Self.squaredCVDecimals)
      }
      meanVariance = try varianceSum / Fraction(patients)
      meanSquaredCV = try Fraction(squaredCVSum, Int128(patients) * pow10(Self.squaredCVDecimals))
      rmsSD = try meanVariance.squareRootRounded(places: PrecisionStudy.gramsDecimals)
      percentCV = try (meanSquaredCV * Fraction(10_000)).squareRootRounded(places: PrecisionStudy.percentDecimals)
      let factor = Fraction(PrecisionFigure.leastSignificantChangeFactor)
      leastSignificantChange = try (factor * Fraction(rmsSD)).roundedDecimal(places: PrecisionStudy.gramsDecimals)
      leastSignificantChangePercent = try (factor * Fraction(percentCV)).roundedDecimal(
        places: PrecisionStudy.percentDecimals)
    } catch {
      throw InputError(
        .data, field: "bmd", row: scans.first?.row,
        "the \(region.nameInSentence) values are too long to compute exactly; give BMD with at most 4 decimals")
    }

    if degreesOfFreedom < PrecisionStudy.minimumDegreesOfFreedom {
      warnings.append(
        PrecisionWarning(
          .degreesOfFreedom,
          "only \(degreesOfFreedom) degrees of freedom; ISCD asks for at least 27 degrees of freedom (15×3 or 30×2)"))
    }
    if let perPatient = scansPerPatient {
      let patientCount = contributing.count
      if !PrecisionStudy.iscdDesigns.contains(where: { $0.patients == patientCount && $0.scans == perPatient }) {
        warnings.append(
          PrecisionWarning(
            .design, "\(patientCount) patients × \(perPatient) scans is not an ISCD design (15×3 or 30×2)"))
      }
    } else if let fewest = counts.min(), let most = counts.max() {
      warnings.append(
        PrecisionWarning(
          .design,
          "patients have \(fewest) to \(most) scans each; ISCD designs give every patient the same number (15×3 or 30×2)"
        ))
    }
    if let minimum = ISCDMinimumPrecision.percentCV(for: region.site),
      let minimumLSC = ISCDMinimumPrecision.leastSignificantChangePercent(for: region.site),
      percentCV > minimum
    {
      warnings.append(
        PrecisionWarning(
          .worseThanISCDMinimum,
          "RMS %CV \(percentCV)% is worse than the ISCD minimum acceptable precision for the \(region.site == .lumbarSpine ? "spine" : region.site.nameInSentence), \(minimum)% (LSC \(minimumLSC)%); ISCD calls for retraining and a new study"
        ))
    }
    if rmsSD.significand == 0 {
      warnings.append(
        PrecisionWarning(
          .noVariation,
          "RMS-SD rounds to \(rmsSD) g/cm²: the repeated scans barely differ; check that they are separate scans"))
    }
    self.warnings = warnings
  }

  /// Per-patient squared CVs are carried to this many decimals before averaging.
  static let squaredCVDecimals = 24

  /// The sample variance (n − 1) and the mean of a patient's scans, exact.
  static func varianceAndMean(_ values: [ExactDecimal]) throws(ArithmeticOverflow) -> (Fraction, Fraction) {
    var sum = Fraction.zero
    for value in values { sum = try sum + Fraction(value) }
    let mean = try sum / Fraction(values.count)
    var squares = Fraction.zero
    for value in values {
      let deviation = try Fraction(value) - mean
      squares = try squares + deviation * deviation
    }
    return (try squares / Fraction(values.count - 1), mean)
  }

  /// The facility-file figure for this result: RMS-SD and %CV as reported, with the study's design.
  public func figure(scanner: String?, studyDate: String? = nil) -> PrecisionFigure {
    PrecisionFigure(
      scanner: scanner, site: region.site, vertebrae: region.vertebrae, rmsSD: rmsSD, percentCV: percentCV,
      patients: patients, scansPerPatient: scansPerPatient, degreesOfFreedom: degreesOfFreedom, studyDate: studyDate)
  }
}

extension PrecisionRegion {
  /// "lumbar spine (L2–L4)", "total hip".
  public var nameInSentence: String {
    displayName.prefix(1).lowercased() + displayName.dropFirst()
  }
}

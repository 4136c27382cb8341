/// A fact about how the report was computed that a reader should know. A value; the renderers word it.
public enum ReportNote: Sendable, Equatable {
  /// A note of the scoring engine.
  case scoring(ScoringNote)
  /// The lumbar-spine row's printed scores are for other vertebrae than the total uses: shown, not used.
  case printedSpineScoresForOtherVertebrae(printed: VertebralSet, used: VertebralSet)
  /// The lumbar-spine BMD given differs from the total recomputed from the included vertebrae, which is used.
  case spineTotalDiffers(given: ExactDecimal, recomputed: ExactDecimal)
}

/// A fact about one region's scores.
public enum SiteNote: Sendable, Equatable {
  /// A vertebral combination scored against the L1–L4 reference (policy spine-subset-reference l1-l4): approximate.
  case subsetAgainstL1ToL4(VertebralSet)
}

/// A fact about the lumbar spine analysis.
public enum SpineNote: Sendable, Equatable {
  /// A vertebra that differs by more than 1.0 SD from a neighbour (still included, or consistent with its
  /// exclusion).
  case exclusionCandidate(ExclusionCandidate)
  /// Excluded by the technologist, with the reason the exam gives.
  case excludedByTechnologist(Site, reason: String?)
  /// The BMC and area values are too long for the total to be computed.
  case totalTooLong
  /// Included vertebrae without BMC or area: no ΣBMC/Σarea.
  case noTotalWithoutBMCAndArea([Site])
  /// Fewer than two evaluable vertebrae are included.
  case fewerThanTwoVertebrae
  /// The vertebrae lack BMC or area: the scanner's lumbar-spine BMD is taken as the total of these.
  case scannerTotalUsed(VertebralSet)
}

/// A fact about one change between two exams.
public enum ComparisonNote: Sendable, Equatable {
  /// The prior total rebuilt for the current vertebrae from the prior exam's BMC and area.
  case priorRebuilt(VertebralSet, bmd: ExactDecimal)
  /// Neither id nor serial number identifies both scanners: taken to be the same.
  case scannersAssumedSame
  /// The prior BMD on the current scanner's scale by the facility's cross-calibration.
  case crossCalibrated(from: String, to: String, slope: ExactDecimal, intercept: ExactDecimal)
}

/// Why a region cannot be compared with a prior.
public enum NotComparableReason: Sendable, Equatable {
  /// Different vertebrae, and the prior lacks the BMC and area to rebuild the current set.
  case differentVertebrae(prior: VertebralSet?, current: VertebralSet)
  /// Different scanners and no cross-calibration for the site in the facility file.
  case differentScanners(prior: ScannerLabel, current: ScannerLabel, site: Site)
}

/// How a scan names its scanner: maker, model, serial number and facility id, as far as the exam gives them.
public struct ScannerLabel: Sendable, Equatable {
  public var manufacturer: Manufacturer?
  public var model: String?
  public var serialNumber: String?
  public var scannerID: String?

  public init(_ scan: ScanInfo) {
    manufacturer = scan.manufacturer
    model = scan.model
    serialNumber = scan.serialNumber
    scannerID = scan.scannerID
  }
}

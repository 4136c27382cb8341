/// What the report recommends, and the rule that leads to it. A value; the renderers word it
/// (`Sources/DXARendering/Wording/`).
public enum Recommendation: Sendable, Equatable {
  /// On osteoporosis therapy: repeat axial DXA after the facility's monitoring interval (a setting; no interval is
  /// confirmed in the project's sources).
  case monitorTherapy(drug: String, months: Int)
  /// Under 20: the physician decides when to repeat, when the expected change would exceed the LSC.
  case childIntervalByPhysician
  /// No evidence-based interval for this patient (Gourlay 2012 covers untreated postmenopausal women).
  case noEvidenceBasedInterval
  /// A hip or vertebral fracture: Gourlay's screening intervals do not apply; DXA monitors the indicated treatment.
  case gourlayNotAfterFracture([FractureEvidence])
  /// Osteoporosis: Gourlay's screening intervals do not apply.
  case gourlayNotWithOsteoporosis
  /// No hip T-score: Gourlay's bands (femoral neck or total hip) cannot be applied.
  case gourlayWithoutHipTScore
  /// The Gourlay 2012 band of the lowest hip T-score to two decimals, at `site` (its label); `lowerElsewhere`, the
  /// lower score the diagnosis rests on when another site is lower than the hip.
  case gourlay(hipTScore: ExactDecimal, site: String, interval: GourlayInterval, lowerElsewhere: SiteValue?)
  /// Treatment, when a NOF/BHOF rule indicates it (the physician decides).
  case treatment(TreatmentIndication)
  /// A diagnostic Z-score of −2.0 or lower: evaluate for secondary causes (ISCD).
  case secondaryCauses(lowZScores: [SiteValue])
  /// A vertebra that differs by more than 1.0 SD from a neighbour and is still included.
  case reviewVertebraForExclusion(ExclusionCandidate)
  /// Bone area changed by more than 2% since a prior: check the region of interest.
  case areaChanged(site: String, percent: ExactDecimal, since: CalendarDate)

  public enum Kind: String, Sendable {
    case nextScan = "next-scan"
    case secondaryCauses = "secondary-causes"
    case treatment
    case technique
  }

  public var kind: Kind {
    switch self {
    case .monitorTherapy, .childIntervalByPhysician, .noEvidenceBasedInterval, .gourlayNotAfterFracture,
      .gourlayNotWithOsteoporosis, .gourlayWithoutHipTScore, .gourlay:
      return .nextScan
    case .treatment: return .treatment
    case .secondaryCauses: return .secondaryCauses
    case .reviewVertebraForExclusion, .areaChanged: return .technique
    }
  }
}

/// A value at a region, named by its label: "Femoral neck (left)" and −2.6.
public struct SiteValue: Sendable, Equatable {
  public var site: String
  public var value: ExactDecimal

  public init(site: String, value: ExactDecimal) {
    self.site = site
    self.value = value
  }
}

/// Gourlay 2012: the estimated time for 10% of untreated women to progress to osteoporosis, by the lowest hip
/// T-score to two decimals.
public enum GourlayInterval: Sendable, Equatable {
  /// T ≥ −1.49.
  case about15Years
  /// −1.50 to −1.99.
  case about5Years
  /// −2.00 to −2.49.
  case about1Year
  /// T ≤ −2.50: osteoporosis, where the bands no longer apply.
  case notCovered

  /// The band of a two-decimal hip T-score.
  public static func of(_ tScore: ExactDecimal) -> GourlayInterval {
    switch tScore {
    case ExactDecimal(significand: -149, scale: 2)...: return .about15Years
    case ExactDecimal(significand: -199, scale: 2)...: return .about5Years
    case ExactDecimal(significand: -249, scale: 2)...: return .about1Year
    default: return .notCovered
    }
  }
}

/// What the report recommends, and the rule that leads to it. A value; the renderers word it
/// (`Sources/DXARendering/Wording/`).
public enum Recommendation: Sendable, Equatable {
  /// On osteoporosis therapy or glucocorticoids: repeat axial DXA after the facility's interval for `reason` (a
  /// setting; no interval is confirmed in the project's sources). When both apply, the shorter interval is used and
  /// `alsoOn` names the other.
  case facilityInterval(months: Int, reason: FollowUpReason, source: FollowUpPolicy.Source, alsoOn: FollowUpReason?)
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
  /// Secondary causes of bone loss to look for or address, each with the rule that calls for it.
  case secondaryCauses([SecondaryCauseReason])
  /// Vertebral fracture assessment was not done and is indicated (ISCD adult positions): T < −1.0 with any of the
  /// listed reasons.
  case vfaIndicated(lowestTScore: ExactDecimal, reasons: [VFAIndication])
  /// A change of scanner without a cross-calibration makes the comparison impossible for `sites`: this exam is the
  /// new baseline for them.
  case newBaseline(sites: [String], priorDate: CalendarDate, prior: ScannerLabel, current: ScannerLabel)
  /// A vertebra that differs by more than 1.0 SD from a neighbour and is still included.
  case reviewVertebraForExclusion(ExclusionCandidate)
  /// Bone area changed by more than 2% since a prior: check the region of interest.
  case areaChanged(site: String, percent: ExactDecimal, since: CalendarDate)

  public enum Kind: String, Sendable {
    case nextScan = "next-scan"
    case secondaryCauses = "secondary-causes"
    case treatment
    case vfa
    case baseline
    case technique
  }

  public var kind: Kind {
    switch self {
    case .facilityInterval, .childIntervalByPhysician, .noEvidenceBasedInterval, .gourlayNotAfterFracture,
      .gourlayNotWithOsteoporosis, .gourlayWithoutHipTScore, .gourlay:
      return .nextScan
    case .treatment: return .treatment
    case .secondaryCauses: return .secondaryCauses
    case .vfaIndicated: return .vfa
    case .newBaseline: return .baseline
    case .reviewVertebraForExclusion, .areaChanged: return .technique
    }
  }
}

/// Why a patient is scanned again after a facility's interval.
public enum FollowUpReason: Sendable, Equatable {
  /// On osteoporosis therapy, the drug as the exam names it.
  case therapy(drug: String)
  /// On systemic glucocorticoids now.
  case glucocorticoids
}

/// Why the report calls for secondary causes of bone loss to be looked for or addressed.
public enum SecondaryCauseReason: Sendable, Equatable {
  /// A Z-score of −2.0 or lower at a diagnostic site: below the expected range for age (ISCD).
  case lowZScore([SiteValue])
  /// Conditions known to cause bone loss, recorded in the exam (their labels; the conditions list marks them).
  case conditions([String])
  /// Systemic glucocorticoid therapy, current or past (a FRAX risk factor and the commonest drug cause).
  case glucocorticoids(isCurrent: Bool)
  /// Rheumatoid arthritis (a FRAX risk factor).
  case rheumatoidArthritis
  /// A fragility fracture in someone classified on the Z-score (a premenopausal woman, a man under 50): a fracture
  /// at an age when it is unexpected calls for a cause (the project's rule).
  case fragilityFractureBeforeOlderAge([Fracture])
}

/// What makes vertebral fracture assessment indicated with T < −1.0 (ISCD adult positions, clinical-rules.md §12).
public enum VFAIndication: Sendable, Equatable {
  /// Women aged 70 or over, men 80 or over.
  case age(years: Int64, sex: Sex)
  /// Historical height loss of more than 4 cm.
  case heightLoss(centimetres: ExactDecimal)
  /// A vertebral fracture the patient reports that no record documents.
  case selfReportedVertebralFracture
  /// Glucocorticoids of at least 5 mg/day prednisone-equivalent for at least 3 months.
  case glucocorticoids(milligramsPerDay: ExactDecimal, months: Int)
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

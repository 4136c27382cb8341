/// What the fracture-risk section says besides the figures. A value; the renderers word it.
public enum FractureRiskStatement: Sendable, Equatable {
  /// FRAX was given for someone under 20: it applies to adults aged 40 to 90.
  case fraxNotUnder20
  /// Both femoral necks were measured: FRAX takes the lower T-score.
  case fraxLowerOfTwoFemoralNecks
  case fraxWithoutBMD
  /// FRAX is defined for ages 40 to 90.
  case fraxAgeOutsideRange(age: Int64)
  /// The US thresholds apply to postmenopausal women and men aged 50 and over.
  case fraxThresholdsNotForThisPopulation
  /// Low bone mass with FRAX: whether the US (NOF/BHOF) threshold (hip ≥ 3% or major ≥ 20%) is met.
  case lowBoneMassFRAX(hip: ExactDecimal, major: ExactDecimal, meetsThreshold: Bool)
  /// Below the FRAX thresholds, a hip or vertebral fracture indicates treatment nonetheless.
  case fractureIndicatesTreatmentDespiteFRAX
  /// The thresholds are for low bone mass; the diagnosis is osteoporosis.
  case fraxThresholdsNotForOsteoporosis
  /// The thresholds are for low bone mass; the diagnosis is not low bone mass.
  case fraxThresholdsOnlyForLowBoneMass
}

/// The report's statement on treatment by the US (NOF/BHOF) rules, made with or without FRAX
/// (clinical-rules.md §9, §12). A value; the renderers word it.
public enum TreatmentAssessment: Sendable, Equatable {
  /// A rule indicates treatment: a hip or vertebral fracture, T ≤ −2.5 at the femoral neck, total hip or spine, or
  /// low bone mass at or above the FRAX thresholds.
  case indicated([TreatmentIndication])
  /// Low bone mass without FRAX and without a fracture that decides: FRAX is advised, as whether the threshold is
  /// met cannot be judged without it.
  case fraxAdvised
  /// Low bone mass with FRAX below both thresholds.
  case belowFRAXThresholds(hip: ExactDecimal, major: ExactDecimal)
  /// Normal BMD and no hip or vertebral fracture: no rule indicates treatment.
  case noIndicationNormalBMD
  /// Osteoporosis diagnosed earlier persists although today's T-scores are better: treatment decisions follow
  /// that diagnosis.
  case persistingOsteoporosis(PersistingDiagnosis)
  /// Osteoporosis by a site the T-score rule does not name (the 1/3 radius): the rule names femoral neck, total
  /// hip and spine; the physician judges.
  case osteoporosisAtOtherSite(site: String)
  /// The US thresholds are for postmenopausal women and men aged 50 and over.
  case notForThisPopulation
  /// No diagnosis, so no rule can be applied.
  case cannotBeJudged
}

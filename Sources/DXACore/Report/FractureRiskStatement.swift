/// What the fracture-risk section says besides the figures. A value; the renderers word it.
public enum FractureRiskStatement: Sendable, Equatable {
  /// FRAX was given for someone under 20: it applies to adults aged 40 to 90.
  case fraxNotUnder20
  /// Both femoral necks were measured: FRAX takes the lower T-score.
  case fraxLowerOfTwoFemoralNecks
  /// Low bone mass without FRAX: whether the treatment threshold is met cannot be judged, unless a hip or vertebral
  /// fracture decides treatment anyway.
  case fraxNotProvided(fractureDecides: Bool)
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

import DXACore

extension FractureRiskStatement {
  public var text: String {
    switch self {
    case .fraxNotUnder20: return "FRAX applies to adults aged 40 to 90: not used under 20"
    case .fraxLowerOfTwoFemoralNecks: return "FRAX input: the lower femoral-neck T-score of the two sides"
    case .fraxNotProvided(let fractureDecides):
      return fractureDecides
        ? "FRAX results were not provided; they are not needed for the treatment decision: the fracture indicates treatment whatever the FRAX (NOF/BHOF)"
        : "FRAX results were not provided: whether the US treatment threshold for low bone mass is met cannot be judged"
    case .fraxWithoutBMD: return "FRAX was calculated without BMD"
    case .fraxAgeOutsideRange(let age): return "FRAX is defined for ages 40 to 90; this patient is \(age)"
    case .fraxThresholdsNotForThisPopulation:
      return "the US FRAX treatment thresholds apply to postmenopausal women and men aged 50 and over"
    case .lowBoneMassFRAX(let hip, let major, let meets):
      return meets
        ? "low bone mass with a 10-year probability of hip fracture \(hip)% (threshold 3%) and major osteoporotic fracture \(major)% (threshold 20%): meets the US (NOF/BHOF) treatment threshold"
        : "low bone mass with a 10-year probability of hip fracture \(hip)% (below 3%) and major osteoporotic fracture \(major)% (below 20%): below the US (NOF/BHOF) treatment thresholds"
    case .fractureIndicatesTreatmentDespiteFRAX:
      return "the fracture indicates treatment nonetheless, whatever the FRAX (NOF/BHOF)"
    case .fraxThresholdsNotForOsteoporosis:
      return
        "the FRAX treatment thresholds (hip ≥ 3% or major ≥ 20%) are for low bone mass; this exam's diagnosis is osteoporosis"
    case .fraxThresholdsOnlyForLowBoneMass:
      return
        "the FRAX treatment thresholds (hip ≥ 3% or major ≥ 20%) apply to low bone mass; this exam's diagnosis is not low bone mass"
    }
  }
}

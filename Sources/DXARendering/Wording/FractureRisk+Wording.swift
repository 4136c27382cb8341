import DXACore

extension FractureRiskStatement {
  public var text: String {
    switch self {
    case .fraxNotUnder20: return "FRAX applies to adults aged 40 to 90: not used under 20"
    case .fraxLowerOfTwoFemoralNecks: return "FRAX input: the lower femoral-neck T-score of the two sides"
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

extension TreatmentAssessment {
  /// The treatment statement of the fracture-risk section.
  public var text: String {
    switch self {
    case .indicated(let indications):
      return indications.map(\.text).joined(separator: "; ")
    case .fraxAdvised:
      return
        "FRAX advised: for low bone mass without a hip or vertebral fracture, the US threshold (10-year hip ≥ 3% or major ≥ 20%) cannot be judged without it"
    case .belowFRAXThresholds(let hip, let major):
      return
        "not indicated: low bone mass with FRAX hip \(hip)% and major \(major)%, below the thresholds (3%, 20%), and no hip or vertebral fracture"
    case .noIndicationNormalBMD:
      return "not indicated: BMD normal, no hip or vertebral fracture"
    case .persistingOsteoporosis(let earlier):
      return
        "osteoporosis diagnosed on \(earlier.date) persists: treatment follows that diagnosis (NOF/BHOF: T-score −2.5 or lower)"
    case .osteoporosisAtOtherSite(let site):
      return
        "osteoporosis at \(site.lowercasedFirstWord): the NOF/BHOF T-score rule names the femoral neck, total hip and spine; treatment is the physician's judgement"
    case .notForThisPopulation:
      return
        "the US (NOF/BHOF) treatment rules are for postmenopausal women and men aged 50 and over: fracture risk is the physician's judgement"
    case .cannotBeJudged: return "no diagnosis: whether treatment is indicated cannot be judged"
    }
  }
}

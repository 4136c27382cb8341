import DXACore

extension Recommendation {
  /// The recommendation and the rule behind it, for a sentence.
  public var text: String {
    switch self {
    case .monitorTherapy(let drug, let months):
      return
        "on \(drug): repeat axial DXA in about \(months) months to monitor treatment, on the same scanner (facility policy --treated-follow-up-months; not an evidence-based interval)"
    case .childIntervalByPhysician:
      return
        "the interval to a repeat scan is the physician's decision: repeat when the expected change would exceed the least significant change"
    case .noEvidenceBasedInterval:
      return
        "no evidence-based repeat interval for this patient is in the engine's sources (Gourlay 2012 covers untreated postmenopausal women): the interval is the physician's decision"
    case .gourlayNotAfterFracture(let fractures):
      return
        "\(FractureEvidence.listText(fractures, isFragility: false)): the Gourlay 2012 screening intervals do not apply (derived in women without a hip or clinical vertebral fracture); treatment is indicated, and DXA is repeated to monitor it"
    case .gourlayNotWithOsteoporosis:
      return
        "osteoporosis: the Gourlay 2012 screening intervals do not apply; if treatment starts, repeat DXA to monitor it"
    case .gourlayWithoutHipTScore:
      return
        "no hip T-score: the Gourlay 2012 intervals (by femoral-neck or total-hip T-score) cannot be applied; the interval is the physician's decision"
    case .gourlay(let t, let site, let interval, let lowerElsewhere):
      var text =
        "lowest hip T-score \(t) to two decimals (\(site)): repeat DXA in \(interval.text) if untreated (Gourlay 2012: estimated time for 10% of untreated women to progress to osteoporosis; derived in women aged 67 and over)"
      if let lower = lowerElsewhere {
        text +=
          "; the bands use hip T-scores only, and the diagnosis rests on a lower T-score (\(lower.value) at \(lower.site.lowercasedFirstWord)): the interval is the physician's decision"
      }
      return text
    case .treatment(let indication): return indication.text
    case .secondaryCauses(let low):
      let list = low.map { "\($0.site) Z \($0.value)" }.joined(separator: ", ")
      return "Z-score −2.0 or lower (\(list)): evaluate for secondary causes of low bone density"
    case .reviewVertebraForExclusion(let candidate):
      return
        "review \(candidate.vertebra.displayName) for exclusion: it differs by \(candidate.difference) SD from \(candidate.neighbour.displayName)"
    case .areaChanged(let site, let percent, let since):
      return
        "\(site): bone area changed by \(percent)% since \(since) (more than 2%): check the region of interest before reading the change"
    }
  }

  /// Where the rule comes from, when the report names it.
  public var source: String? {
    switch self {
    case .monitorTherapy: return "facility policy"
    case .gourlay: return "Gourlay ML et al., N Engl J Med 2012;366:225"
    case .treatment: return "NOF/BHOF Clinician's Guide"
    case .secondaryCauses: return "ISCD Official Positions"
    case .reviewVertebraForExclusion: return "ISCD adult positions"
    case .areaChanged: return "J Clin Densitom 2006"
    case .childIntervalByPhysician, .noEvidenceBasedInterval, .gourlayNotAfterFracture, .gourlayNotWithOsteoporosis,
      .gourlayWithoutHipTScore:
      return nil
    }
  }
}

extension Recommendation.Kind {
  /// "Next scan", "Secondary causes", "Treatment", "Technique".
  public var displayName: String {
    switch self {
    case .nextScan: return "Next scan"
    case .secondaryCauses: return "Secondary causes"
    case .treatment: return "Treatment"
    case .technique: return "Technique"
    }
  }
}

extension GourlayInterval {
  /// "about 15 years", "not covered by the Gourlay bands (T ≤ −2.50)".
  public var text: String {
    switch self {
    case .about15Years: return "about 15 years"
    case .about5Years: return "about 5 years"
    case .about1Year: return "about 1 year"
    case .notCovered: return "not covered by the Gourlay bands (T ≤ −2.50)"
    }
  }
}

import DXACore

extension Recommendation {
  /// The recommendation and the rule behind it, for a sentence.
  public var text: String {
    switch self {
    case .facilityInterval(let months, let reason, let source, let alsoOn):
      let who = ([reason] + (alsoOn.map { [$0] } ?? [])).map(\.text).joined(separator: " and ")
      let which = alsoOn == nil ? "" : ", the shorter of the two intervals"
      return
        "\(who): repeat axial DXA in about \(months) months, on the same scanner (\(source.text(for: reason))\(which); not an evidence-based interval)"
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
        "repeat DXA in \(interval.text) if untreated: lowest hip T-score \(t) to two decimals (\(site.lowercasedFirstWord)); Gourlay 2012: estimated time for 10% of untreated women 67 and over to progress to osteoporosis"
      if let lower = lowerElsewhere {
        text +=
          "; the bands use hip T-scores only, and the diagnosis rests on a lower T-score (\(lower.value) at \(lower.site.lowercasedFirstWord)): the interval is the physician's decision"
      }
      return text
    case .treatment(let indication): return indication.text
    case .secondaryCauses(let reasons):
      return "evaluate for secondary causes of bone loss, and address those known: "
        + reasons.map(\.text).joined(separator: "; ")
    case .vfaIndicated(let lowest, let reasons):
      return
        "vertebral fracture assessment (VFA) is indicated and was not done: T-score \(lowest), below −1.0, with \(reasons.map(\.text).joined(separator: ", "))"
    case .newBaseline(let sites, let date, let prior, let current):
      return
        "this exam is the new baseline for \(sites.map(\.lowercasedFirstWord).joined(separator: ", ")): the scan of \(date) was on another scanner (\(prior.text), now \(current.text)) and no cross-calibration relates them; compare future scans with this one, on this scanner"
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
    case .facilityInterval: return "facility policy"
    case .vfaIndicated: return "ISCD adult positions"
    case .newBaseline: return "ISCD: serial comparison on one scanner or after cross-calibration"
    case .gourlay: return "Gourlay ML et al., N Engl J Med 2012;366:225"
    case .treatment: return "NOF/BHOF Clinician's Guide"
    case .secondaryCauses(let reasons):
      var sources: [String] = []
      for source in reasons.map(\.source) where !sources.contains(source) { sources.append(source) }
      return sources.joined(separator: "; ")
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
    case .vfa: return "Vertebral fracture assessment"
    case .baseline: return "Baseline"
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

extension FollowUpReason {
  /// "on alendronate", "on glucocorticoids".
  public var text: String {
    switch self {
    case .therapy(let drug): return "on \(drug)"
    case .glucocorticoids: return "on glucocorticoids"
    }
  }
}

extension FollowUpPolicy.Source {
  /// "the facility's interval on osteoporosis therapy (Riverside Bone Health)", "the default facility interval on
  /// glucocorticoids".
  public func text(for reason: FollowUpReason) -> String {
    let on = reason == .glucocorticoids ? "on glucocorticoids" : "on osteoporosis therapy"
    switch self {
    case .defaultSetting: return "facility policy: the default interval \(on)"
    case .facility(let name?): return "facility policy of \(name) \(on)"
    case .facility(nil): return "facility policy \(on)"
    case .givenForReport: return "facility policy \(on), as given for this report"
    }
  }
}

extension SecondaryCauseReason {
  public var text: String {
    switch self {
    case .lowZScore(let low):
      let list = low.map { "\($0.site.lowercasedFirstWord) Z \($0.value)" }.joined(separator: ", ")
      return "Z-score −2.0 or lower (\(list))"
    case .conditions(let labels):
      return "known cause\(labels.count == 1 ? "" : "s") recorded: \(labels.joined(separator: ", "))"
    case .glucocorticoids(let isCurrent): return isCurrent ? "glucocorticoid therapy" : "past glucocorticoid therapy"
    case .rheumatoidArthritis: return "rheumatoid arthritis"
    case .fragilityFractureBeforeOlderAge(let fractures):
      return
        "\(FractureEvidence.listText(fractures.map(FractureEvidence.history))) in a patient classified on the Z-score"
    }
  }

  /// The rule's source.
  public var source: String {
    switch self {
    case .lowZScore: return "ISCD Official Positions"
    case .conditions: return "conditions list: known causes of bone loss"
    case .glucocorticoids, .rheumatoidArthritis: return "FRAX risk factors"
    case .fragilityFractureBeforeOlderAge: return "project rule"
    }
  }
}

extension VFAIndication {
  /// "age 72 (a woman of 70 or over)", "height loss 5 cm (more than 4 cm)".
  public var text: String {
    switch self {
    case .age(let years, let sex):
      return sex == .female ? "age \(years) (a woman of 70 or over)" : "age \(years) (a man of 80 or over)"
    case .heightLoss(let centimetres): return "height loss \(centimetres) cm (more than 4 cm)"
    case .selfReportedVertebralFracture: return "a self-reported, undocumented vertebral fracture"
    case .glucocorticoids(let dose, let months):
      return "glucocorticoids \(dose) mg/day for \(months) months (5 mg/day or more for 3 months or more)"
    }
  }
}

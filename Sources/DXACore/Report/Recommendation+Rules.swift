extension Recommendation {
  /// When to scan next. Untreated postmenopausal women: Gourlay 2012 bands of the lowest hip T-score (femoral neck
  /// or total hip, two decimals). Treated patients: the facility's monitoring interval (a setting). Others: no
  /// evidence-based interval in the engine's sources, which the report says.
  static func nextScan(
    exam: Exam, population: Population, sites: [SiteResult], diagnosis: Diagnosis, options: ReportOptions
  ) -> [Recommendation] {
    if let therapy = exam.history.therapy {
      return [
        Recommendation(
          kind: .nextScan,
          text:
            "on \(therapy.drug): repeat axial DXA in about \(options.treatedFollowUpMonths) months to monitor treatment, on the same scanner (facility policy --treated-follow-up-months; not an evidence-based interval)",
          source: "facility policy")
      ]
    }
    if population == .child {
      return [
        Recommendation(
          kind: .nextScan,
          text:
            "the interval to a repeat scan is the physician's decision: repeat when the expected change would exceed the least significant change",
          source: nil)
      ]
    }
    let isPostmenopausalWoman =
      exam.patient.sex == .female && population == .whoTScore
    guard isPostmenopausalWoman else {
      return [
        Recommendation(
          kind: .nextScan,
          text:
            "no evidence-based repeat interval for this patient is in the engine's sources (Gourlay 2012 covers untreated postmenopausal women): the interval is the physician's decision",
          source: nil)
      ]
    }
    // Gourlay 2012 followed untreated women without a hip or clinical vertebral fracture and without osteoporosis.
    let fractures = exam.hipOrVertebralFractureEvidence
    if !fractures.isEmpty {
      return [
        Recommendation(
          kind: .nextScan,
          text:
            "\(FractureEvidence.listText(fractures, isFragility: false)): the Gourlay 2012 screening intervals do not apply (derived in women without a hip or clinical vertebral fracture); treatment is indicated, and DXA is repeated to monitor it",
          source: nil)
      ]
    }
    if diagnosis.category == .osteoporosis {
      return [
        Recommendation(
          kind: .nextScan,
          text:
            "osteoporosis: the Gourlay 2012 screening intervals do not apply; if treatment starts, repeat DXA to monitor it",
          source: nil)
      ]
    }
    let hips = sites.filter { ($0.measurement.site == .femoralNeck || $0.measurement.site == .totalHip) }
    let tScores = hips.compactMap { site in site.tScore.map { (site, $0.twoDecimals) } }
    guard let (site, t) = tScores.min(by: { $0.1 < $1.1 }) else {
      return [
        Recommendation(
          kind: .nextScan,
          text:
            "no hip T-score: the Gourlay 2012 intervals (by femoral-neck or total-hip T-score) cannot be applied; the interval is the physician's decision",
          source: nil)
      ]
    }
    let interval: String
    switch t {
    case ExactDecimal(significand: -100, scale: 2)...: interval = "about 15 years"
    case ExactDecimal(significand: -149, scale: 2)...: interval = "about 15 years"
    case ExactDecimal(significand: -199, scale: 2)...: interval = "about 5 years"
    case ExactDecimal(significand: -249, scale: 2)...: interval = "about 1 year"
    default:
      interval = "not covered by the Gourlay bands (T ≤ −2.50)"
    }
    var text =
      "lowest hip T-score \(t) to two decimals (\(site.label)): repeat DXA in \(interval) if untreated (Gourlay 2012: estimated time for 10% of untreated women to progress to osteoporosis; derived in women aged 67 and over)"
    // Gourlay's bands come from hip T-scores alone: say so when another site is lower.
    if let basis = diagnosis.basisLabel, let lowest = diagnosis.basisScore, basis != site.label,
      lowest < site.t.reported ?? lowest
    {
      text +=
        "; the bands use hip T-scores only, and the diagnosis rests on a lower T-score (\(lowest) at \(basis.lowercasedFirstWord)): the interval is the physician's decision"
    }
    return [
      Recommendation(kind: .nextScan, text: text, source: "Gourlay ML et al., N Engl J Med 2012;366:225")
    ]
  }

  /// Treatment, when the NOF/BHOF rules indicate it: the engine states the rule it found, the physician decides.
  static func treatment(_ indications: [TreatmentIndication]) -> [Recommendation] {
    indications.map { indication in
      Recommendation(kind: .treatment, text: indication.text, source: "NOF/BHOF Clinician's Guide")
    }
  }

  /// ISCD: a Z-score of −2.0 or lower calls for evaluation of secondary causes.
  static func secondaryCauses(sites: [SiteResult]) -> [Recommendation] {
    let low = sites.filter { site in
      site.role.isDiagnostic && (site.z.reported.map { $0 <= ExactDecimal(significand: -20, scale: 1) } ?? false)
    }
    guard !low.isEmpty else { return [] }
    let list = low.compactMap { site in site.z.reported.map { "\(site.label) Z \($0)" } }.joined(separator: ", ")
    return [
      Recommendation(
        kind: .secondaryCauses,
        text: "Z-score −2.0 or lower (\(list)): evaluate for secondary causes of low bone density",
        source: "ISCD Official Positions")
    ]
  }

  /// Points for the interpreter from the spine screen and area changes.
  static func technique(spine: SpineAnalysis?, comparisons: [PriorComparison]) -> [Recommendation] {
    var found: [Recommendation] = []
    for candidate in spine?.exclusionCandidates ?? [] where !candidate.isExcluded {
      found.append(
        Recommendation(
          kind: .technique,
          text:
            "review \(candidate.vertebra.displayName) for exclusion: it differs by \(candidate.difference) SD from \(candidate.neighbour.displayName)",
          source: "ISCD adult positions"))
    }
    for comparison in comparisons {
      for change in comparison.changes {
        guard case .compared(let detail) = change.outcome, detail.hasAreaWarning, let area = detail.areaChangePercent
        else { continue }
        found.append(
          Recommendation(
            kind: .technique,
            text:
              "\(change.label): bone area changed by \(area.roundedDecimal(places: 1))% since \(comparison.priorDate) (more than 2%): check the region of interest before reading the change",
            source: "J Clin Densitom 2006"))
      }
    }
    return found
  }
}

extension Score {
  /// The score rounded half away from zero to two decimals (Gourlay's bands are two-decimal).
  var twoDecimals: ExactDecimal {
    switch unrounded {
    case .exact(let fraction): return fraction.roundedDecimal(places: 2)
    case .floatingPoint(let value):
      return ExactDecimal(significand: Int64((value * 100).rounded(.toNearestOrAwayFromZero)), scale: 2)
    }
  }
}

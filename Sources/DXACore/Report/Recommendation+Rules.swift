extension Recommendation {
  /// When to scan next. Untreated postmenopausal women: Gourlay 2012 bands of the lowest hip T-score (femoral neck
  /// or total hip, two decimals). Treated patients: the facility's monitoring interval (a setting). Others: no
  /// evidence-based interval in the engine's sources, which the report says.
  static func nextScan(
    exam: Exam, population: Population, sites: [SiteResult], diagnosis: Diagnosis, options: ReportOptions
  ) -> [Recommendation] {
    if let therapy = exam.history.therapy {
      return [.monitorTherapy(drug: therapy.drug, months: options.treatedFollowUpMonths)]
    }
    if population == .child { return [.childIntervalByPhysician] }
    let isPostmenopausalWoman = exam.patient.sex == .female && population == .whoTScore
    guard isPostmenopausalWoman else { return [.noEvidenceBasedInterval] }
    // Gourlay 2012 followed untreated women without a hip or clinical vertebral fracture and without osteoporosis.
    let fractures = exam.hipOrVertebralFractureEvidence
    if !fractures.isEmpty { return [.gourlayNotAfterFracture(fractures)] }
    if diagnosis.category == .osteoporosis { return [.gourlayNotWithOsteoporosis] }
    let hips = sites.filter { ($0.measurement.site == .femoralNeck || $0.measurement.site == .totalHip) }
    let tScores = hips.compactMap { site in site.tScore.map { (site, $0.twoDecimals) } }
    guard let (site, t) = tScores.min(by: { $0.1 < $1.1 }) else { return [.gourlayWithoutHipTScore] }
    // Gourlay's bands come from hip T-scores alone: say so when another site is lower.
    var lowerElsewhere: SiteValue?
    if let basis = diagnosis.basisLabel, let lowest = diagnosis.basisScore, basis != site.label,
      lowest < site.t.reported ?? lowest
    {
      lowerElsewhere = SiteValue(site: basis, value: lowest)
    }
    return [
      .gourlay(hipTScore: t, site: site.label, interval: GourlayInterval.of(t), lowerElsewhere: lowerElsewhere)
    ]
  }

  /// Treatment, when the NOF/BHOF rules indicate it: the engine states the rule it found, the physician decides.
  static func treatment(_ indications: [TreatmentIndication]) -> [Recommendation] {
    indications.map(Recommendation.treatment)
  }

  /// ISCD: a Z-score of −2.0 or lower calls for evaluation of secondary causes.
  static func secondaryCauses(sites: [SiteResult]) -> [Recommendation] {
    let low = sites.compactMap { site -> SiteValue? in
      guard site.role.isDiagnostic, let z = site.z.reported, z <= ExactDecimal(significand: -20, scale: 1) else {
        return nil
      }
      return SiteValue(site: site.label, value: z)
    }
    return low.isEmpty ? [] : [.secondaryCauses(lowZScores: low)]
  }

  /// Points for the interpreter from the spine screen and area changes.
  static func technique(spine: SpineAnalysis?, comparisons: [PriorComparison]) -> [Recommendation] {
    var found: [Recommendation] = []
    for candidate in spine?.exclusionCandidates ?? [] where !candidate.isExcluded {
      found.append(.reviewVertebraForExclusion(candidate))
    }
    for comparison in comparisons {
      for change in comparison.changes {
        guard case .compared(let detail) = change.outcome, detail.hasAreaWarning, let area = detail.areaChangePercent
        else { continue }
        found.append(
          .areaChanged(site: change.label, percent: area.roundedDecimal(places: 1), since: comparison.priorDate))
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

/// The scored regions of one exam, before the diagnosis is drawn from them.
struct ScoredSites: Sendable {
  var sites: [SiteResult]
  var spine: SpineAnalysis?
  var notes: [ReportNote]
}

extension ReportBuilder {
  /// Scores every region: the spine total from its vertebrae, then each other region in exam order.
  func scoreSites(of exam: Exam) throws(InputError) -> ScoredSites {
    var sites: [SiteResult] = []
    var notes: [ReportNote] = []
    let population = exam.population(policy: policy)
    var spine = try analyseSpine(of: exam)
    let givenSpine = exam.measurements.first { $0.site == .lumbarSpine && $0.bmd != nil }
    if let analysed = spine, analysed.exactBMD == nil, let givenSpine, let included = analysed.included,
      included.members.count >= 2
    {
      // The vertebrae lack BMC or area, so the total cannot be rebuilt: the scanner's own total stands in.
      spine?.isUsableForDiagnosis = true
      spine?.notes.append(.scannerTotalUsed(included))
      sites.append(
        try siteResult(
          for: givenSpine, exam: exam, population: population, vertebrae: included,
          role: role(of: .lumbarSpine, exam: exam, population: population), label: "Lumbar spine (\(included.label))",
          scannerSet: givenSpine.vertebrae ?? included, notes: &notes))
    } else if let spine {
      sites.append(try spineTotal(of: exam, spine: spine, population: population, notes: &notes))
    } else if let given = exam.measurements.first(where: { $0.site == .lumbarSpine }) {
      // A lumbar-spine row alone: L1–L4 unless the row names the vertebrae its total is for.
      let vertebrae = given.vertebrae ?? .all
      sites.append(
        try siteResult(
          for: given, exam: exam, population: population, vertebrae: vertebrae,
          role: role(of: .lumbarSpine, exam: exam, population: population),
          label: vertebrae == .all ? nil : "Lumbar spine (\(vertebrae.label))", scannerSet: vertebrae, notes: &notes))
    }
    for measurement in exam.measurements
    where measurement.site != .lumbarSpine && !VertebralSet.all.members.contains(measurement.site) {
      sites.append(
        try siteResult(
          for: measurement, exam: exam, population: population, vertebrae: nil,
          role: role(of: measurement.site, exam: exam, population: population), notes: &notes))
    }
    if spine != nil, let given = exam.measurements.first(where: { $0.site == .lumbarSpine }), let total = sites.first,
      let givenBMD = given.bmd, let recomputed = total.bmd, givenBMD != recomputed
    {
      notes.append(.spineTotalDiffers(given: givenBMD, recomputed: recomputed))
    }
    return ScoredSites(sites: sites, spine: spine, notes: notes)
  }

  /// How a region may be used in this exam: the ISCD adult sites, or under 20 the pediatric ones.
  func role(of site: Site, exam: Exam, population: Population) -> SiteRole {
    if population == .child {
      return site.isPediatricDiagnostic ? .diagnostic : .notDiagnostic(.notPediatricSite(site))
    }
    switch site.diagnosticUse {
    case .diagnostic:
      return .diagnostic
    case .conditional:
      if let reason = exam.scan.radiusReason { return .diagnosticBecause(reason) }
      // Primary hyperparathyroidism as the indication is one of the ISCD situations for the 1/3 radius.
      if exam.scan.indications.contains(.primaryHyperparathyroidism) { return .diagnosticBecause(.hyperparathyroidism) }
      return .notDiagnostic(.radiusWithoutReason)
    case .singleVertebra:
      return .notDiagnostic(.singleVertebra)
    case .nonDiagnostic:
      return .notDiagnostic(site == .totalBodyLessHead ? .totalBodyLessHeadInAdult : .neverDiagnostic(site))
    }
  }

  /// Scores one region and chooses the scores it reports. `bmdOverride` is the recomputed spine total;
  /// `vertebrae` the spine total's vertebral set; `scannerSet` the set the scanner's printed spine scores are for.
  func siteResult(
    for measurement: Measurement, exam: Exam, population: Population, vertebrae: VertebralSet?, role: SiteRole,
    bmdOverride: ExactDecimal? = nil, label: String? = nil, scannerSet: VertebralSet? = nil,
    notes reportNotes: inout [ReportNote]
  ) throws(InputError) -> SiteResult {
    let bmd = bmdOverride ?? measurement.bmd
    var result: ScoreResult?
    var notes: [SiteNote] = []
    var approximate: [ScoreKind: VertebralSet] = [:]
    if let bmd {
      let request = ScoreRequest(
        site: measurement.site, bmd: bmd, sex: exam.patient.sex, age: exam.age, menopause: exam.patient.menopause,
        manufacturer: exam.scan.manufacturer, ethnicity: exam.patient.ethnicity,
        genderIdentity: exam.patient.genderIdentity, vertebrae: vertebrae)
      var scored = try engine.score(request)
      if let vertebrae, vertebrae != .all {
        (scored, approximate) = try subsetScores(scored, request: request, vertebrae: vertebrae, notes: &notes)
      }
      result = scored
    }
    // The scanner's printed spine scores count only for the vertebrae they were printed for.
    var deviceT = measurement.deviceTScore
    var deviceZ = measurement.deviceZScore
    if let scannerSet, let vertebrae, scannerSet != vertebrae, deviceT != nil || deviceZ != nil {
      reportNotes.append(.printedSpineScoresForOtherVertebrae(printed: scannerSet, used: vertebrae))
      (deviceT, deviceZ) = (nil, nil)
    }
    let missingBMD = bmd == nil
    func choose(_ kind: ScoreKind, _ outcome: ScoreOutcome?, _ device: ExactDecimal?) -> SiteScore {
      var score = SiteScore.choose(
        kind, site: measurement.site, recomputed: outcome, approximateFor: approximate[kind], scanner: device,
        population: population, policy: policy)
      if missingBMD, score.reported == nil, score.missing != .child { score.missing = .noBMD }
      return score
    }
    let t = choose(.t, result?.tScore, deviceT)
    let z = choose(.z, result?.zScore, deviceZ)
    var site = SiteResult(
      measurement: measurement,
      label: label ?? measurement.displayName, vertebrae: vertebrae, bmd: bmd,
      bmdSource: bmdOverride != nil ? .recomputed : (bmd == nil ? .missing : .measured), result: result, t: t, z: z,
      classification: SiteScore.classification(t: t, z: z, role: role, population: population), role: role,
      notes: notes)
    if let device = measurement.deviceTScore, let value = site.tScore?.reported {
      site.tScoreDifference = value.subtracting(device)
    }
    if let device = measurement.deviceZScore, let value = site.zScore?.reported {
      site.zScoreDifference = value.subtracting(device)
    }
    return site
  }

  /// A spine total of a vertebral combination: the engine's scores for that combination when a loaded table has
  /// it, else (policy `spine-subset-reference l1-l4`) the L1–L4 reference standing in, marked approximate.
  private func subsetScores(
    _ scored: ScoreResult, request: ScoreRequest, vertebrae: VertebralSet, notes: inout [SiteNote]
  ) throws(InputError) -> (ScoreResult, [ScoreKind: VertebralSet]) {
    var scored = scored
    var approximate: [ScoreKind: VertebralSet] = [:]
    guard scored.tScore.score == nil || scored.zScore.score == nil else { return (scored, approximate) }
    switch options.spineSubsetReference {
    case .none:
      if scored.tScore.score == nil { scored.tScore = .unavailable(.subsetWithoutStandIn(vertebrae)) }
      if scored.zScore.score == nil { scored.zScore = .unavailable(.subsetWithoutStandIn(vertebrae)) }
    case .l1ToL4:
      var wholeSpine = request
      wholeSpine.vertebrae = nil
      let stand = try engine.score(wholeSpine)
      if scored.tScore.score == nil, stand.tScore.score != nil {
        scored.tScore = stand.tScore
        approximate[.t] = vertebrae
      }
      if scored.zScore.score == nil, stand.zScore.score != nil {
        scored.zScore = stand.zScore
        approximate[.z] = vertebrae
      }
      scored.notes += stand.notes.filter { !scored.notes.contains($0) }
      scored.assumptions += stand.assumptions.filter { !scored.assumptions.contains($0) }
      if !approximate.isEmpty { notes.append(.subsetAgainstL1ToL4(vertebrae)) }
    }
    return (scored, approximate)
  }
}

extension Exam {
  /// The classification population of the patient under `policy` (ISCD).
  func population(policy: ScoringPolicy) -> Population {
    Population.of(
      sex: patient.sex, age: age, menopause: patient.menopause, policy: policy,
      genderIdentity: patient.genderIdentity
    ).population
  }
}

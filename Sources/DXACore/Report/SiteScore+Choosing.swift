extension SiteScore {
  /// Which score a region reports (clinical-rules.md §4 and §11):
  /// - the spine under `spine-reference manufacturer`: the scanner's printed score (the maker's database), else the
  ///   engine's (the maker's table, else the open table, labelled);
  /// - every other region, and the spine under `spine-reference open`: the engine's score, the scanner's as a
  ///   cross-check;
  /// - where the engine has no reference: the scanner's printed score, labelled, so the region still counts.
  /// T-scores are withheld from people classified on the Z-score and never given under 20.
  static func choose(
    _ kind: ScoreKind, site: Site, recomputed: ScoreOutcome?, approximateFor: VertebralSet?, scanner: ExactDecimal?,
    population: Population, policy: ScoringPolicy
  ) -> SiteScore {
    var score = SiteScore(kind: kind)
    score.recomputed = recomputed
    score.recomputedApproximateFor = recomputed?.score == nil ? nil : approximateFor
    // A printed score is reported as every score is: one decimal, half away from zero (APEX stores more digits).
    let scanner = scanner.map { Fraction($0).roundedDecimal(places: 1) }
    score.scanner = scanner
    if kind == .t, population == .child {
      score.missing = .child
      return score
    }
    let engine = recomputed?.score
    if site.isSpine, policy.spineReference == .manufacturer, let scanner {
      (score.reported, score.source, score.choice) = (scanner, .scanner, .scannerMakerDatabase)
    } else if let engine {
      let source = ScoreSource.recomputed(
        tableID: engine.reference.tableID, tableVersion: engine.reference.tableVersion)
      let choice: SourceChoice
      if !site.isSpine {
        choice = .engineStandard
      } else if policy.spineReference == .open {
        choice = .engineOpenPolicy
      } else {
        choice = engine.reference.manufacturer != nil ? .engineMakerTable : .engineOpenTable
      }
      (score.reported, score.source, score.choice) = (engine.reported, source, choice)
    } else if let scanner {
      (score.reported, score.source, score.choice) = (scanner, .scanner, .scannerNoEngineReference)
    } else if let reason = recomputed?.reason {
      score.missing = .noReference(engineReason: reason)
    } else {
      score.missing = .noBMD
    }
    if kind == .t, population == .adultZScore, let value = score.reported {
      // ISCD: premenopausal women and men under 50 are classified on the Z-score; a T-score is not reported.
      score.notForDiagnosis = value
      (score.reported, score.source, score.choice) = (nil, nil, nil)
      score.missing = .notForThisPopulation
    }
    return score
  }

  /// The region's category from its reported scores: WHO on T for the WHO population, the Z-score statement
  /// otherwise; none for a region that does not count.
  static func classification(t: SiteScore, z: SiteScore, role: SiteRole, population: Population) -> Classification {
    if case .notDiagnostic(let reason) = role { return Classification(reason: .notDiagnostic(reason)) }
    switch population {
    case .undetermined:
      return Classification(reason: .menopauseRequired)
    case .whoTScore:
      guard let value = t.reported else { return Classification(reason: .noReportedScore(.t, t.missing ?? .noBMD)) }
      return Classification(category: Category.who(reportedTScore: value), basis: .tScore)
    case .adultZScore, .child:
      guard let value = z.reported else { return Classification(reason: .noReportedScore(.z, z.missing ?? .noBMD)) }
      return Classification(category: Category.zStatement(reportedZScore: value), basis: .zScore)
    }
  }
}

extension ScoreDiscrepancy {
  /// The disagreement of one region's scanner and engine scores, when they lead to different categories or differ
  /// by more than 0.2; nil when they agree or either is missing. A T-score not reported (Z-score populations,
  /// children) is not compared.
  static func of(_ score: SiteScore, site: SiteResult, population: Population) -> ScoreDiscrepancy? {
    // Scores have one or two decimals, so the exact difference always fits.
    guard let scanner = score.scanner, let engine = score.recomputedScore, let used = score.source,
      let choice = score.choice, let difference = engine.reported.subtracting(scanner)
    else { return nil }
    let recomputed = engine.reported
    let classifiesOnThis = (score.kind == .t) == (population == .whoTScore) && population != .undetermined
    func category(_ value: ExactDecimal) -> Category? {
      guard classifiesOnThis else { return nil }
      return score.kind == .t ? Category.who(reportedTScore: value) : Category.zStatement(reportedZScore: value)
    }
    let found = ScoreDiscrepancy(
      label: site.label, site: site.measurement.site, side: site.measurement.side, vertebrae: site.vertebrae,
      kind: score.kind, scanner: scanner, recomputed: recomputed, recomputedTableID: engine.reference.tableID,
      recomputedIsApproximate: score.recomputedApproximateFor != nil, difference: difference,
      scannerCategory: category(scanner), recomputedCategory: category(recomputed), used: used, choice: choice,
      isDiagnostic: site.role.isDiagnostic)
    let twoTenths = ExactDecimal(significand: 2, scale: 1)
    return found.categoriesDiffer || difference.magnitude > twoTenths ? found : nil
  }
}

extension SiteResult {
  /// A region with its reported scores chosen from the engine's result and the measurement's printed scores, as
  /// the builder chooses them (for reports put together by hand).
  init(
    measurement: Measurement, label: String, vertebrae: VertebralSet? = nil, bmd: ExactDecimal?,
    bmdSource: BMDSource, result: ScoreResult?, role: SiteRole, notes: [SiteNote],
    population: Population = .whoTScore, policy: ScoringPolicy = .standard
  ) {
    let t = SiteScore.choose(
      .t, site: measurement.site, recomputed: result?.tScore, approximateFor: nil, scanner: measurement.deviceTScore,
      population: population, policy: policy)
    let z = SiteScore.choose(
      .z, site: measurement.site, recomputed: result?.zScore, approximateFor: nil, scanner: measurement.deviceZScore,
      population: population, policy: policy)
    self.init(
      measurement: measurement, label: label, vertebrae: vertebrae, bmd: bmd, bmdSource: bmdSource, result: result,
      t: t, z: z, classification: SiteScore.classification(t: t, z: z, role: role, population: population),
      role: role, notes: notes)
  }
}

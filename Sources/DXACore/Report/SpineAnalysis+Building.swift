extension ReportBuilder {
  /// The vertebrae of the exam, the exclusion screen, and the total of the included ones (ΣBMC / Σarea).
  /// Nil when the exam has no vertebra rows (a lumbar-spine row alone is used as L1–L4).
  func analyseSpine(of exam: Exam) throws(InputError) -> SpineAnalysis? {
    let rows = VertebralSet.all.members.compactMap { vertebra in
      exam.measurements.first { $0.site == vertebra }
    }
    guard !rows.isEmpty else { return nil }
    var notes: [SpineNote] = []
    var vertebrae: [VertebraResult] = []
    var computedAll = true
    var anyScore = false
    for row in rows {
      let bmd = row.bmd ?? vertebraBMD(row)
      var tScore: ExactDecimal?
      if let bmd {
        let request = ScoreRequest(
          site: row.site, bmd: bmd, sex: exam.patient.sex, age: exam.age, menopause: exam.patient.menopause,
          manufacturer: exam.scan.manufacturer, ethnicity: exam.patient.ethnicity)
        tScore = try engine.score(request).tScore.score?.reported
      }
      if tScore == nil { computedAll = false }
      tScore = tScore ?? row.deviceTScore
      if tScore != nil { anyScore = true }
      vertebrae.append(VertebraResult(measurement: row, bmd: bmd, tScore: tScore))
    }
    let screen: SpineAnalysis.Screen
    if computedAll {
      screen = .computed
    } else if vertebrae.allSatisfy({ $0.tScore != nil }) {
      screen = anyScore && vertebrae.contains { $0.measurement.deviceTScore != nil } ? .deviceScores : .computed
    } else {
      screen = .notPerformed
    }
    var candidates: [ExclusionCandidate] = []
    if case .notPerformed = screen {
    } else {
      // ISCD: a vertebra whose T-score differs by more than 1.0 from an adjacent one may be excluded.
      for (index, vertebra) in vertebrae.enumerated() {
        guard let t = vertebra.tScore else { continue }
        // Compare with included neighbours only: once a vertebra is excluded, its neighbours are not measured
        // against it (an excluded sclerotic L3 does not make L2 and L4 candidates).
        let neighbours = [index - 1, index + 1].filter { vertebrae.indices.contains($0) }.map { vertebrae[$0] }
          .filter { VertebralSet.all.members.adjacent(vertebra.measurement.site, $0.measurement.site) && $0.isIncluded }
        let widest = neighbours.compactMap { neighbour -> (Site, ExactDecimal)? in
          guard let other = neighbour.tScore, let difference = t.subtracting(other) else { return nil }
          return (neighbour.measurement.site, difference.magnitude)
        }.max { $0.1 < $1.1 }
        if let (neighbour, difference) = widest, difference > ExactDecimal(1) {
          candidates.append(
            ExclusionCandidate(
              vertebra: vertebra.measurement.site, neighbour: neighbour, difference: difference,
              isExcluded: !vertebra.isIncluded))
        }
      }
    }
    // Candidates still included first: they are for the interpreter to decide.
    notes += candidates.filter { !$0.isExcluded }.map(SpineNote.exclusionCandidate)
    notes += candidates.filter(\.isExcluded).map(SpineNote.exclusionCandidate)
    for vertebra in vertebrae where !vertebra.isIncluded {
      notes.append(.excludedByTechnologist(vertebra.measurement.site, reason: vertebra.measurement.exclusionReason))
    }
    let included = vertebrae.filter(\.isIncluded)
    let missing = included.filter { $0.measurement.bmc == nil || $0.measurement.area == nil }
    var totalBMC: ExactDecimal?
    var totalArea: ExactDecimal?
    var exactBMD: Fraction?
    if !included.isEmpty, missing.isEmpty {
      do {
        if let sums = try SpineTotal.sums(included.map(\.measurement)) {
          totalBMC = sums.bmc.roundedDecimal(places: 2)
          totalArea = sums.area.roundedDecimal(places: 2)
          exactBMD = sums.bmd
        }
      } catch {
        notes.append(.totalTooLong)
      }
    } else if !missing.isEmpty {
      notes.append(.noTotalWithoutBMCAndArea(missing.map(\.measurement.site)))
    }
    let set = VertebralSet(included.map(\.measurement.site))
    let usable = included.count >= 2 && exactBMD != nil
    if included.count < 2 {
      notes.append(.fewerThanTwoVertebrae)
    }
    return SpineAnalysis(
      vertebrae: vertebrae, included: set, totalBMC: totalBMC, totalArea: totalArea, exactBMD: exactBMD,
      screen: screen, exclusionCandidates: candidates, isUsableForDiagnosis: usable, notes: notes)
  }

  /// BMC / area of one vertebra, rounded half away from zero to 3 decimals.
  func vertebraBMD(_ row: Measurement) -> ExactDecimal? {
    guard let bmc = row.bmc, let area = row.area, let bmd = try? Fraction(bmc) / Fraction(area) else { return nil }
    return bmd.roundedDecimal(places: 3)
  }

  /// The spine total as a site: the recomputed BMD rounded to 3 decimals, as scanners report it, is what is scored.
  /// The lumbar-spine row's printed scores are the scanner's for the vertebrae it names (`vertebrae`), else for the
  /// included ones.
  func spineTotal(of exam: Exam, spine: SpineAnalysis, population: Population, notes: inout [ReportNote])
    throws(InputError) -> SiteResult
  {
    let given = exam.measurements.first { $0.site == .lumbarSpine }
    let label = "Lumbar spine (\(spine.included?.label ?? "no vertebrae included"))"
    var measurement = Measurement(
      site: .lumbarSpine, bmd: spine.exactBMD?.roundedDecimal(places: 3), bmc: spine.totalBMC,
      area: spine.totalArea, deviceTScore: given?.deviceTScore, deviceZScore: given?.deviceZScore,
      vertebrae: given?.vertebrae)
    if spine.exactBMD == nil { measurement.bmd = nil }
    guard spine.isUsableForDiagnosis else {
      var t = SiteScore(kind: .t)
      var z = SiteScore(kind: .z)
      (t.missing, z.missing) = (.spineNotEvaluable, .spineNotEvaluable)
      (t.scanner, z.scanner) = (measurement.deviceTScore, measurement.deviceZScore)
      return SiteResult(
        measurement: measurement, label: label, vertebrae: spine.included, bmd: measurement.bmd,
        bmdSource: measurement.bmd == nil ? .missing : .recomputed, result: nil, t: t, z: z,
        classification: Classification(reason: .notDiagnostic(.spineNotEvaluable)),
        role: .notDiagnostic(.spineNotEvaluable), notes: [])
    }
    return try siteResult(
      for: measurement, exam: exam, population: population, vertebrae: spine.included,
      role: role(of: .lumbarSpine, exam: exam, population: population), bmdOverride: measurement.bmd, label: label,
      scannerSet: given?.vertebrae ?? spine.included, notes: &notes)
  }
}

extension [Site] {
  /// Whether two vertebrae are next to each other in the column (L2 and L3, not L2 and L4).
  func adjacent(_ a: Site, _ b: Site) -> Bool {
    guard let i = firstIndex(of: a), let j = firstIndex(of: b) else { return false }
    return abs(i - j) == 1
  }
}

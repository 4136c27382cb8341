import DXACore

/// `--diagnoses`: rows grouped into scans, each with the lowest valid score at a diagnostic site.
extension RowProcessor {
  func group(
    inputs: [MeasurementInput?], isError: Bool, base: UnsafePointer<UInt8>, output: RoundOutput
  ) {
    var identity: [[UInt8]] = []
    for field in [BatchField.patientID, .scanID, .scanDate] {
      identity.append(reader.value(field).map(Array.init) ?? [])
    }
    var row = ScanGroup(identity: identity, rows: 1, errorRows: isError ? 1 : 0)
    for (index, input) in inputs.enumerated() {
      if let candidate = candidate(input, sites.scores[index], index: index) { row.consider(candidate) }
      if compareScores.indices.contains(index),
        let candidate = candidate(input, compareScores[index], index: index)
      {
        row.considerCompared(candidate)
      }
    }
    // Rows of one scan follow each other in the long layout: a row joins the scan before it when the identity
    // matches. A wide row is a scan of its own.
    if !layout.isWide, let last = output.scans.last, last.identity == row.identity {
      output.scans[output.scans.count - 1].merge(row)
    } else {
      output.scans.append(row)
    }
  }

  /// Whether a measured site enters a scan's diagnosis: for adults the lumbar spine, total hip and femoral neck;
  /// under 20 the PA lumbar spine and total body less head (ISCD 2013 pediatric positions), as in the report.
  func countsForDiagnosis(_ request: MeasurementInput) -> Bool {
    let (population, _) = Population.of(
      sex: request.sex, age: request.age, menopause: request.menopause, policy: scorer.setup.engine.policy)
    return population == .child ? request.site.isPediatricDiagnostic : request.site.diagnosticUse == .diagnostic
  }

  /// A measurement's claim to be the scan's diagnosis: a category at a diagnostic site, with its score.
  private func candidate(_ input: MeasurementInput?, _ score: MeasurementScore?, index: Int) -> ScanGroup.Candidate? {
    guard let input, let score, let category = score.category, countsForDiagnosis(input) else { return nil }
    let isTBasis = category == .normal || category == .lowBoneMass || category == .osteoporosis
    guard let tenths = isTBasis ? score.tTenths : score.zTenths else { return nil }
    let side = reader.value(.side, site: index).map(Array.init) ?? []
    return ScanGroup.Candidate(
      isTBasis: isTBasis, tenths: tenths, category: category.rawValue, site: input.site.rawValue, side: side)
  }
}

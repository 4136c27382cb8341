/// Scores one site against the loaded references under a policy. No I/O: values in, values out.
///
///     let engine = ScoringEngine(library: library, policy: .standard)
///     let result = try engine.score(ScoreRequest(site: .femoralNeck, bmd: ExactDecimal("0.558")!, sex: .female,
///                                                age: 67, menopause: .post))
///     result.tScore.score?.reported   // -2.5: exactly (0.558 − 0.858) / 0.120
///     result.classification.category // .osteoporosis
public struct ScoringEngine: Sendable {
  public var library: ReferenceLibrary
  public var policy: ScoringPolicy

  public init(library: ReferenceLibrary, policy: ScoringPolicy = .standard) {
    self.library = library
    self.policy = policy
  }

  /// Validates the request, then computes T, Z and the category. Throws only for invalid input; a missing
  /// reference is a result ("no reference" and why), not an error.
  public func score(_ request: ScoreRequest) throws(InputError) -> ScoreResult {
    try request.validate()
    var assumptions: [ScoringAssumption] = []
    var notes: [ScoringNote] = []
    let manufacturer = request.manufacturer ?? .hologic
    if request.manufacturer == nil { assumptions.append(.manufacturerHologic) }
    let (population, menopauseAssumption) = Population.of(
      sex: request.sex, age: request.age, menopause: request.menopause, policy: policy,
      genderIdentity: request.genderIdentity)
    if let menopauseAssumption { assumptions.append(menopauseAssumption) }

    let tScore = self.tScore(
      request, manufacturer: manufacturer, population: population, assumptions: &assumptions, notes: &notes)
    let zScore = self.zScore(request, manufacturer: manufacturer, assumptions: &assumptions, notes: &notes)
    let classification = Classification.of(
      site: request.site, population: population, tScore: tScore, zScore: zScore)
    if request.site.diagnosticUse == .conditional, classification.category != nil {
      notes.append(.radiusConditional)
    }
    if population == .adultZScore, tScore.score != nil { notes.append(.tScoreInformationOnly) }
    // T, then Z (without gathering the two scores in an array: a copy of each and an allocation per call).
    if case .scored(let score) = tScore { Self.noteFacts(of: score, in: &notes) }
    if case .scored(let score) = zScore { Self.noteFacts(of: score, in: &notes) }
    return ScoreResult(
      request: request, manufacturer: manufacturer, policy: policy, population: population, tScore: tScore,
      zScore: zScore, classification: classification, assumptions: assumptions, notes: notes)
  }

  /// Notes what the reader of a score should know about its reference: an unconfirmed table, a conversion.
  private static func noteFacts(of score: Score, in notes: inout [ScoringNote]) {
    // T and Z often share a table or a conversion: say each fact once. (The two facts differ in kind, so checking
    // each against the notes as they grow is checking both against the notes before.)
    if score.reference.point.status == .unconfirmed {
      let fact = ScoringNote.unconfirmedTable(tableID: score.reference.tableID)
      if !notes.contains(fact) { notes.append(fact) }
    }
    if let conversion = score.conversion {
      let fact = ScoringNote.converted(conversion)
      if !notes.contains(fact) { notes.append(fact) }
    }
  }
}

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

  /// The note on a T-score of someone classified on the Z-score (reports leave such T-scores out).
  public static let informationOnlyNote =
    "T-score shown for information only: this population is classified on the Z-score (ISCD)"

  /// Validates the request, then computes T, Z and the category. Throws only for invalid input; a missing
  /// reference is a result ("no reference" and why), not an error.
  public func score(_ request: ScoreRequest) throws(InputError) -> ScoreResult {
    try request.validate()
    var assumptions: [String] = []
    var notes: [String] = []
    let manufacturer = request.manufacturer ?? .hologic
    if request.manufacturer == nil {
      assumptions.append("manufacturer not given: Hologic assumed")
    }
    let (population, menopauseAssumption) = Population.of(
      sex: request.sex, age: request.age, menopause: request.menopause, policy: policy,
      genderIdentity: request.genderIdentity)
    if let menopauseAssumption { assumptions.append(menopauseAssumption) }

    var tScoreNotes: [String] = []
    var tScoreAssumptions: [String] = []
    let tScore = self.tScore(
      request, manufacturer: manufacturer, population: population, assumptions: &tScoreAssumptions,
      notes: &tScoreNotes)
    notes += tScoreNotes
    assumptions += tScoreAssumptions
    tScoreNotes += tScoreAssumptions
    let zScore = self.zScore(request, manufacturer: manufacturer, assumptions: &assumptions, notes: &notes)
    let classification = Classification.of(
      site: request.site, population: population, tScore: tScore, zScore: zScore)
    if request.site.diagnosticUse == .conditional, classification.category != nil {
      notes.append(
        "the 1/3 radius is diagnostic only when hip or spine cannot be measured or interpreted, in hyperparathyroidism, or above the table's weight limit"
      )
    }
    if population == .adultZScore, tScore.score != nil {
      notes.append(Self.informationOnlyNote)
      tScoreNotes.append(Self.informationOnlyNote)
    }
    for score in [tScore.score, zScore.score].compactMap({ $0 }) {
      var facts: [String] = []
      if score.reference.point.status == .unconfirmed {
        facts.append("\(score.reference.tableID) holds unconfirmed values: used only because it was asked for")
      }
      if let conversion = score.conversion {
        facts.append(
          "BMD converted from the \(conversion.from) scale to the \(conversion.to) scale with \(conversion.setID): \(conversion.equation)"
            + (conversion.isApproximate
              ? " (approximate: cross-maker spine equations pool data, individual differences remain)" : ""))
      }
      // T and Z often share a table or a conversion: say each fact once.
      notes += facts.filter { !notes.contains($0) }
    }
    var result = ScoreResult(
      request: request, manufacturer: manufacturer, policy: policy, population: population, tScore: tScore,
      zScore: zScore, classification: classification, assumptions: assumptions, notes: notes)
    result.tScoreNotes = tScoreNotes
    return result
  }
}

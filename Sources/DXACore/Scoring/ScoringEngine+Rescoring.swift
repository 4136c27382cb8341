extension ScoringEngine {
  /// `result`'s request scored at another BMD, derived from `result` rather than searched for again: exactly what
  /// ``score(_:)`` gives for that request, or nil when the search might end elsewhere at `bmd` (ask ``score(_:)``
  /// then). `result` is one of this engine's results. For callers that score one kind of request at several BMDs
  /// (the batch's templates).
  ///
  /// The search looks at the BMD only in arithmetic that can overflow (``ScoreUnavailable/tableOutOfRange``):
  /// whether a curve has a point at the age and whether a scale converts do not depend on it, nor do the population
  /// and the assumptions. So when no table was passed over for that reason, the search at `bmd` passes over the same
  /// tables and ends at the same ones; their scores are computed again here as ``computeScore`` computes them, and
  /// a score whose arithmetic overflows at `bmd` gives nil.
  public func rescored(_ result: ScoreResult, bmd: ExactDecimal) -> ScoreResult? {
    guard let scores = rescoredScores(result, bmd: bmd) else { return nil }
    var request = result.request
    request.bmd = bmd
    // The notes of the search stay; those that follow from the scores are made again.
    var notes = result.notes.filter { !$0.followsFromScores }
    return finished(
      request, manufacturer: result.manufacturer, population: result.population, tScore: scores.tScore,
      zScore: scores.zScore, assumptions: result.assumptions, notes: &notes)
  }

  /// The scores and category of ``rescored(_:bmd:)``, without the rest of a result: for a caller that reads only
  /// those (making the rest was half the cost).
  public func rescoredScores(_ result: ScoreResult, bmd: ExactDecimal) -> (
    tScore: ScoreOutcome, zScore: ScoreOutcome, classification: Classification
  )? {
    var request = result.request
    request.bmd = bmd
    guard result.policy == policy, (try? request.validate()) != nil else { return nil }
    // Each outcome read in place: gathering the two reasons in an array copied them and allocated it, for every
    // template of the batch.
    if case .unavailable(let reason) = result.tScore, reason.dependsOnBMD { return nil }
    if case .unavailable(let reason) = result.zScore, reason.dependsOnBMD { return nil }
    for note in result.notes {
      if case .fellBack(_, let missed, _) = note, missed.dependsOnBMD { return nil }
    }
    guard let tScore = rescored(result.tScore, request: request, manufacturer: result.manufacturer),
      let zScore = rescored(result.zScore, request: request, manufacturer: result.manufacturer)
    else { return nil }
    let classification = Classification.of(
      site: request.site, population: result.population, tScore: tScore, zScore: zScore)
    return (tScore, zScore, classification)
  }

  /// A score against the same reference point at `request.bmd`, as ``computeScore`` computes it; an outcome
  /// without a score stays as it is.
  private func rescored(_ outcome: ScoreOutcome, request: ScoreRequest, manufacturer: Manufacturer) -> ScoreOutcome? {
    guard case .scored(let score) = outcome else { return outcome }
    guard
      let scored = try? self.score(
        request.bmd, site: request.site, manufacturer: manufacturer, scale: score.reference.scale,
        point: score.reference.point)
    else { return nil }
    return .scored(
      Score(
        reported: scored.reported, unrounded: scored.unrounded, reference: score.reference,
        bmdOnReferenceScale: scored.value, conversion: scored.conversion))
  }
}

extension ScoreUnavailable {
  /// Whether the reason could be another at another BMD: the arithmetic of a table overflowed.
  var dependsOnBMD: Bool {
    switch self {
    case .tableOutOfRange: return true
    case .noTableCovers(_, let misses, _): return misses.contains(where: \.dependsOnBMD)
    case .childNoTScore, .noPointAtAge, .noConversion, .noVertebralReference, .youngAdultOnRequest,
      .noYoungAdultReference, .noAgeMatchedReference, .subsetWithoutStandIn:
      return false
    }
  }
}

extension ScoringNote {
  /// Made from the scores and the category (``ScoringEngine/finished``) rather than in the search for them.
  var followsFromScores: Bool {
    switch self {
    case .radiusConditional, .tScoreInformationOnly, .unconfirmedTable, .converted: return true
    case .fellBack, .tScoreMatchedEthnicity, .tScoreNoMatchedEthnicity, .tScoreReferenceOf, .zScoreGenderIdentity,
      .zScoreNonconformingBirthSex, .zScoreMexicanAmerican, .zScoreWhiteFallback:
      return false
    }
  }
}

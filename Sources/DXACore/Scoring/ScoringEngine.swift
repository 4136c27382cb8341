/// Scores one site against the loaded references under a policy. No I/O: values in, values out.
///
///     let engine = ScoringEngine(library: library, policy: .standard)
///     let result = try engine.score(ScoreRequest(site: .femoralNeck, bmd: ExactDecimal("0.558")!, sex: .female,
///                                                age: 67, menopause: .post))
///     result.tScore.score?.reported   // -2.5: exactly (0.558 − 0.858) / 0.120
///     result.classification.category // .osteoporosis
public struct ScoringEngine: Sendable {
  public var library: ReferenceLibrary {
    didSet { candidates = Self.candidates(library: library, policy: policy) }
  }
  public var policy: ScoringPolicy {
    didSet { candidates = Self.candidates(library: library, policy: policy) }
  }
  /// The candidate tables of every site and maker, T and Z, listed once from the library and the policy (listing
  /// them for each score was a thousand instructions a score); listed again whenever either changes. Indexed by
  /// ``candidateSlot(isTScore:site:manufacturer:)``: a dictionary hashed the cases' raw strings for every score.
  private var candidates: [[Int]]

  private static let siteCount = Site.allCases.count
  private static let manufacturerCount = Manufacturer.allCases.count

  private static func candidateSlot(isTScore: Bool, site: Site, manufacturer: Manufacturer) -> Int {
    ((isTScore ? 0 : siteCount) + caseIndex(site)) * manufacturerCount + caseIndex(manufacturer)
  }

  public init(library: ReferenceLibrary, policy: ScoringPolicy = .standard) {
    self.library = library
    self.policy = policy
    candidates = Self.candidates(library: library, policy: policy)
  }

  private static func candidates(library: ReferenceLibrary, policy: ScoringPolicy) -> [[Int]] {
    var candidates = [[Int]](repeating: [], count: 2 * siteCount * manufacturerCount)
    for site in Site.allCases {
      for manufacturer in Manufacturer.allCases {
        candidates[candidateSlot(isTScore: true, site: site, manufacturer: manufacturer)] =
          library.tScoreCandidates(site: site, policy: policy, manufacturer: manufacturer)
        candidates[candidateSlot(isTScore: false, site: site, manufacturer: manufacturer)] =
          library.zScoreCandidates(site: site, policy: policy, manufacturer: manufacturer)
      }
    }
    return candidates
  }

  /// The tables to try for a T-score (``ReferenceLibrary/tScoreCandidates(site:policy:manufacturer:)``).
  func tScoreCandidates(site: Site, manufacturer: Manufacturer) -> [Int] {
    candidates[Self.candidateSlot(isTScore: true, site: site, manufacturer: manufacturer)]
  }

  /// The tables to try for a Z-score (``ReferenceLibrary/zScoreCandidates(site:policy:manufacturer:)``).
  func zScoreCandidates(site: Site, manufacturer: Manufacturer) -> [Int] {
    candidates[Self.candidateSlot(isTScore: false, site: site, manufacturer: manufacturer)]
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
    return finished(
      request, manufacturer: manufacturer, population: population, tScore: tScore, zScore: zScore,
      assumptions: assumptions, notes: &notes)
  }

  /// The category and what follows from the scores: the end of ``score(_:)``, shared with
  /// ``rescored(_:bmd:)``. `notes` are the notes of the search for the scores.
  func finished(
    _ request: ScoreRequest, manufacturer: Manufacturer, population: Population, tScore: ScoreOutcome,
    zScore: ScoreOutcome, assumptions: [ScoringAssumption], notes: inout [ScoringNote]
  ) -> ScoreResult {
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

extension ScoringEngine {
  /// T = (BMD − young-adult mean) / young-adult SD, against the policy's young-adult reference for the site.
  func tScore(_ request: ScoreRequest, manufacturer: Manufacturer, population: Population, notes: inout [String])
    -> ScoreOutcome
  {
    if population == .child {
      return .unavailable(reason: "no T-score under age 20: children and adolescents get Z-scores only (ISCD)")
    }
    let sex = policy.tScoreReferenceSex(for: request.sex)
    let site = request.site
    var misses: [String] = []
    for table in library.tScoreCandidates(site: site, policy: policy) {
      // T-scores use the White young-adult reference for every ethnic group (ISCD 2013).
      guard let curve = table.curve(site: site, sex: sex, ethnicity: .white) else { continue }
      switch computeScore(request.bmd, site: site, manufacturer: manufacturer, table: table, curve: curve, atAge: nil) {
      case .scored(let score):
        notes += misses.map { "T-score: \($0); \(table.id) used instead" }
        if sex != request.sex || request.ethnicity.map({ $0 != .white }) == true {
          notes.append(
            "T-score against the White \(sex.rawValue) young-adult reference (policy \(policy.reference.rawValue))")
        }
        return .scored(score)
      case .unavailable(let reason):
        misses.append(reason)
      }
    }
    if !misses.isEmpty { return .unavailable(reason: misses.joined(separator: "; ")) }
    let waiting = library.unrequestedPolicyTables(site: site, policy: policy)
      .filter { $0.curve(site: site, sex: sex, ethnicity: .white) != nil }
    if let table = waiting.first {
      return .unavailable(
        reason:
          "the \(sex.rawValue) young-adult reference for \(site.nameInSentence) is in \(table.id), which holds \(table.status.rawValue) values and is used only on request (--use \(table.id))"
      )
    }
    return .unavailable(
      reason:
        "no young-adult \(sex.rawValue) reference for \(site.nameInSentence) is loaded; no published open table exists for this site, so load the scanner maker's table with --reference FILE"
    )
  }
}

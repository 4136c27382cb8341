extension ScoringEngine {
  /// T = (BMD − young-adult mean) / young-adult SD, against the policy's young-adult reference for the site.
  func tScore(
    _ request: ScoreRequest, manufacturer: Manufacturer, population: Population, assumptions: inout [String],
    notes: inout [String]
  ) -> ScoreOutcome {
    if population == .child {
      return .unavailable(reason: "no T-score under age 20: children and adolescents get Z-scores only (ISCD)")
    }
    let sex = policy.tScoreReferenceSex(for: request.sex)
    let site = request.site
    // T-scores use the White young-adult reference for every ethnic group (ISCD 2013); the matched policy tries the
    // person's own group first.
    var groups: [Ethnicity] = [.white]
    if policy.tScoreEthnicity == .matched, let ethnicity = request.ethnicity, ethnicity != .white {
      groups = [ethnicity] + (ethnicity == .hispanic ? [.mexicanAmerican] : []) + [.white]
    }
    let candidates = library.tScoreCandidates(site: site, policy: policy, manufacturer: manufacturer)
    var misses: [String] = []
    for group in groups {
      for table in candidates {
        guard let curve = table.curve(site: site, sex: sex, ethnicity: group, vertebrae: request.vertebrae) else {
          continue
        }
        switch computeScore(
          request.bmd, site: site, manufacturer: manufacturer, table: table, curve: curve, atAge: nil)
        {
        case .scored(let score):
          notes += misses.map { "T-score: \($0); \(table.id) used instead" }
          if group != .white {
            notes.append(
              "T-score against the \(group.displayName) \(sex.rawValue) young-adult reference of \(table.id) (policy t-score-ethnicity matched)"
            )
          } else if groups.count > 1, let ethnicity = request.ethnicity {
            notes.append(
              "no \(ethnicity.displayName) young-adult reference for \(site.nameInSentence): the White \(sex.rawValue) reference is used (policy t-score-ethnicity matched)"
            )
          } else if sex != request.sex || request.ethnicity.map({ $0 != .white }) == true {
            notes.append(
              "T-score against the White \(sex.rawValue) young-adult reference (policy \(policy.reference.rawValue))")
          }
          if site.isSpine, policy.spineReference == .manufacturer, table.manufacturer == nil {
            // An assumption, not a note: the open table stands in for the maker's database, and every output
            // (the batch note included) says so.
            assumptions.append(
              "no loaded \(manufacturer.displayName) spine database covers this person: the T-score uses \(table.id), not the maker's database that ISCD names (load it with --reference FILE)"
            )
          }
          return .scored(score)
        case .unavailable(let reason):
          misses.append(reason)
        }
      }
    }
    if !misses.isEmpty { return .unavailable(reason: misses.joined(separator: "; ")) }
    if let vertebrae = request.vertebrae {
      return .unavailable(
        reason:
          "no young-adult \(sex.rawValue) reference for the vertebral combination \(vertebrae.label) is loaded (the scanner's own database has one)"
      )
    }
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

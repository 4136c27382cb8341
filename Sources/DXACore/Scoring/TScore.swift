extension ScoringEngine {
  /// T = (BMD − young-adult mean) / young-adult SD, against the policy's young-adult reference for the site.
  func tScore(
    _ request: ScoreRequest, manufacturer: Manufacturer, population: Population,
    assumptions: inout [ScoringAssumption], notes: inout [ScoringNote]
  ) -> ScoreOutcome {
    if population == .child {
      return .unavailable(.childNoTScore)
    }
    let sex = policy.tScoreReferenceSex(for: request.sex)
    let site = request.site
    // T-scores use the White young-adult reference for every ethnic group (ISCD 2013); the matched policy tries the
    // person's own group first.
    var groups: [Ethnicity] = [.white]
    if policy.tScoreEthnicity == .matched, let ethnicity = request.ethnicity, ethnicity != .white {
      groups = [ethnicity] + (ethnicity == .hispanic ? [.mexicanAmerican] : []) + [.white]
    }
    let candidates = tScoreCandidates(site: site, manufacturer: manufacturer)
    var misses: [ScoreUnavailable] = []
    if let found = firstScore(
      request, sex: sex, groups: groups, candidates: candidates, manufacturer: manufacturer, atAge: nil,
      misses: &misses)
    {
      let tableID = found.tableID
      notes += misses.map { .fellBack(.t, missed: $0, used: tableID) }
      if found.group != .white {
        notes.append(.tScoreMatchedEthnicity(found.group, sex: sex, tableID: tableID))
      } else if groups.count > 1, let ethnicity = request.ethnicity {
        notes.append(.tScoreNoMatchedEthnicity(ethnicity, site: site, sex: sex))
      } else if sex != request.sex || request.ethnicity.map({ $0 != .white }) == true {
        notes.append(.tScoreReferenceOf(sex: sex, policy: policy.reference))
      }
      if site.isSpine, policy.spineReference == .manufacturer, found.tableManufacturer == nil {
        // An assumption, not a note: the open table stands in for the maker's database, and every output (the
        // batch note included) says so.
        assumptions.append(.openSpineTable(manufacturer, tableID: tableID))
      }
      return .scored(found.score)
    }
    if !misses.isEmpty { return .unavailable(.noTableCovers(.t, misses: misses, onRequest: [])) }
    if let vertebrae = request.vertebrae {
      return .unavailable(.noVertebralReference(.t, sex: sex, vertebrae: vertebrae))
    }
    let waiting = library.unrequestedPolicyTables(site: site, policy: policy)
      .filter { $0.curve(site: site, sex: sex, ethnicity: .white) != nil }
    if let table = waiting.first {
      return .unavailable(.youngAdultOnRequest(sex: sex, site: site, tableID: table.id, status: table.status))
    }
    return .unavailable(.noYoungAdultReference(sex: sex, site: site))
  }
}

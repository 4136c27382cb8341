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
    // The tables borrowed in place: copying each candidate (a dozen strings and arrays) was most of the cost.
    let found = library.tables.withUnsafeBufferPointer { tables -> Score? in
      for group in groups {
        for index in candidates {
          // The table's curves alone: looking through a whole table copied it.
          let curves = tables[index].curves
          guard
            let position = ReferenceTable.curveIndex(
              in: curves, site: site, sex: sex, ethnicity: group, vertebrae: request.vertebrae)
          else {
            continue
          }
          let curve = curves[position]
          switch computeScore(
            request.bmd, site: site, manufacturer: manufacturer, tables: tables, index: index, curve: curve,
            atAge: nil)
          {
          case .scored(let score):
            let tableID = tables[index].id
            notes += misses.map { .fellBack(.t, missed: $0, used: tableID) }
            if group != .white {
              notes.append(.tScoreMatchedEthnicity(group, sex: sex, tableID: tableID))
            } else if groups.count > 1, let ethnicity = request.ethnicity {
              notes.append(.tScoreNoMatchedEthnicity(ethnicity, site: site, sex: sex))
            } else if sex != request.sex || request.ethnicity.map({ $0 != .white }) == true {
              notes.append(.tScoreReferenceOf(sex: sex, policy: policy.reference))
            }
            if site.isSpine, policy.spineReference == .manufacturer, tables[index].manufacturer == nil {
              // An assumption, not a note: the open table stands in for the maker's database, and every output
              // (the batch note included) says so.
              assumptions.append(.openSpineTable(manufacturer, tableID: tableID))
            }
            return score
          case .unavailable(let reason):
            misses.append(reason)
          }
        }
      }
      return nil
    }
    if let found { return .scored(found) }
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

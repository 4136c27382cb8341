extension ScoringEngine {
  /// Z = (BMD − age-matched mean) / age-matched SD, for the person's sex (gender identity when given) and ethnic
  /// group, falling back as the policy allows and saying so.
  func zScore(
    _ request: ScoreRequest, manufacturer: Manufacturer, assumptions: inout [ScoringAssumption],
    notes: inout [ScoringNote]
  ) -> ScoreOutcome {
    let site = request.site
    let sex: Sex
    switch request.genderIdentity {
    case .female?, .male?:
      // ISCD 2019: Z-scores use the reference of the person's gender identity.
      sex = request.genderIdentity == .female ? .female : .male
      if sex != request.sex {
        notes.append(.zScoreGenderIdentity(sex))
      }
    case .nonconforming?:
      sex = request.sex
      notes.append(.zScoreNonconformingBirthSex)
    case nil:
      sex = request.sex
    }
    let ethnicity = request.ethnicity ?? .white
    var groups: [Ethnicity] = [ethnicity]
    if ethnicity == .hispanic { groups.append(.mexicanAmerican) }
    if policy.ethnicityFallback == .white, !groups.contains(.white) { groups.append(.white) }

    let candidates = zScoreCandidates(site: site, manufacturer: manufacturer)
    var misses: [ScoreUnavailable] = []
    if let found = firstScore(
      request, sex: sex, groups: groups, candidates: candidates, manufacturer: manufacturer, atAge: request.age,
      misses: &misses)
    {
      let tableID = found.tableID
      notes += misses.map { .fellBack(.z, missed: $0, used: tableID) }
      if request.ethnicity == nil {
        assumptions.append(.ethnicityWhite)
      } else if found.group == .mexicanAmerican && ethnicity == .hispanic {
        notes.append(.zScoreMexicanAmerican(tableID: tableID))
      } else if found.group != ethnicity {
        notes.append(.zScoreWhiteFallback(ethnicity, tableID: tableID))
      }
      return .scored(found.score)
    }
    // Point to a shipped table that would cover the person if asked for (the partial sBMD curve, say).
    // The tables read in place, as above (the engine comes here for every person no table covers).
    let requestable = library.tables.withUnsafeBufferPointer { tables in
      tables.indices.filter { index in
        guard !library.isAvailable(index), library.givesZScores(index) else { return false }
        let curves = tables[index].curves
        return groups.contains { group in
          guard
            let position = ReferenceTable.curveIndex(
              in: curves, site: site, sex: sex, ethnicity: group, vertebrae: nil)
          else { return false }
          return (try? curves[position].point(atAge: request.age)) != nil
        }
      }.map { tables[$0].id }
    }
    if !misses.isEmpty {
      return .unavailable(.noTableCovers(.z, misses: misses, onRequest: requestable))
    }
    if let vertebrae = request.vertebrae {
      return .unavailable(.noVertebralReference(.z, sex: sex, vertebrae: vertebrae))
    }
    return .unavailable(.noAgeMatchedReference(sex: sex, site: site, groups: groups, onRequest: requestable))
  }
}

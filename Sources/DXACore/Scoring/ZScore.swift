extension ScoringEngine {
  /// Z = (BMD − age-matched mean) / age-matched SD, for the person's sex (gender identity when given) and ethnic
  /// group, falling back as the policy allows and saying so.
  func zScore(
    _ request: ScoreRequest, manufacturer: Manufacturer, assumptions: inout [String], notes: inout [String]
  ) -> ScoreOutcome {
    let site = request.site
    let sex: Sex
    switch request.genderIdentity {
    case .female?, .male?:
      // ISCD 2019: Z-scores use the reference of the person's gender identity.
      sex = request.genderIdentity == .female ? .female : .male
      if sex != request.sex {
        notes.append("Z-score uses the \(sex.rawValue) reference of the gender identity (ISCD 2019)")
      }
    case .nonconforming?:
      sex = request.sex
      notes.append(
        "Z-score uses the reference of the sex recorded at birth for a gender non-conforming person (ISCD 2019)")
    case nil:
      sex = request.sex
    }
    let ethnicity = request.ethnicity ?? .white
    var groups: [Ethnicity] = [ethnicity]
    if ethnicity == .hispanic { groups.append(.mexicanAmerican) }
    if policy.ethnicityFallback == .white, !groups.contains(.white) { groups.append(.white) }

    let tables = library.zScoreCandidates(site: site, policy: policy, manufacturer: manufacturer)
    var misses: [String] = []
    for group in groups {
      for table in tables {
        guard let curve = table.curve(site: site, sex: sex, ethnicity: group, vertebrae: request.vertebrae) else {
          continue
        }
        let outcome = computeScore(
          request.bmd, site: site, manufacturer: manufacturer, table: table, curve: curve, atAge: request.age)
        guard case .scored = outcome else {
          misses.append(outcome.reason ?? "")
          continue
        }
        notes += misses.map { "Z-score: \($0); \(table.id) used instead" }
        if request.ethnicity == nil {
          assumptions.append("ethnicity not given: the White age-matched reference is used for the Z-score")
        } else if group == .mexicanAmerican && ethnicity == .hispanic {
          notes.append("Z-score uses the Mexican American table of \(table.id), its only Hispanic group")
        } else if group != ethnicity {
          notes.append(
            "no \(ethnicity.displayName) age-matched reference for this site and age: the White table of \(table.id) is used (ethnicity fallback 'white')"
          )
        }
        return outcome
      }
    }
    // Point to a shipped table that would cover the person if asked for (the partial sBMD curve, say).
    let onRequest = library.tables.filter { table in
      !library.isAvailable(table) && table.givesZScores
        && groups.contains { group in
          (try? table.curve(site: site, sex: sex, ethnicity: group)?.point(atAge: request.age)) != nil
        }
    }
    let hint = onRequest.map { "; \($0.id) covers this age but is used only on request (--use \($0.id))" }.joined()
    if !misses.isEmpty {
      return .unavailable(
        reason: "no age-matched reference covers this person: " + misses.joined(separator: "; ") + hint)
    }
    let groupText = groups.map(\.displayName).joined(separator: " or ")
    if let vertebrae = request.vertebrae {
      return .unavailable(
        reason:
          "no age-matched reference for the vertebral combination \(vertebrae.label) is loaded (the scanner's own database has one)"
      )
    }
    return .unavailable(
      reason:
        "no age-matched reference for \(sex.rawValue) \(site.nameInSentence) (\(groupText)) is loaded\(hint.isEmpty ? "; load one with --reference FILE" : hint)"
    )
  }
}

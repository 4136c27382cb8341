import Foundation

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
        if sex != request.sex || request.ethnicity.map({ $0 != .white }) == true {
          notes.append(
            "T-score against the White \(sex.rawValue) young-adult reference, used for all adults under policy \(policy.reference.rawValue)")
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
          "the \(sex.rawValue) young-adult reference for \(site.displayName.lowercased()) is in \(table.id), which holds \(table.status.rawValue) values and is used only on request (--use \(table.id))"
      )
    }
    return .unavailable(
      reason:
        "no young-adult \(sex.rawValue) reference for \(site.displayName.lowercased()) is loaded; no published open table exists for this site, so load the scanner maker's table with --reference FILE"
    )
  }

  /// Scores `bmd` against one curve: at `age` for Z-scores, at the table's young-adult point when `age` is nil.
  func computeScore(
    _ bmd: ExactDecimal, site: Site, manufacturer: Manufacturer, table: ReferenceTable, curve: ReferenceCurve,
    atAge age: ExactDecimal?
  ) -> ScoreOutcome {
    do {
      let point: ReferencePoint?
      if let age {
        point = try curve.point(atAge: age)
      } else {
        point = try table.youngAdultPoint(of: curve)
      }
      guard let point else {
        return .unavailable(reason: "\(table.id) has no reference at age \(age.map { "\($0)" } ?? "young adult") (it covers \(curve.coverage))")
      }
      var value = Fraction(bmd)
      var conversion: ScaleConversion?
      if table.scale != .manufacturer(manufacturer) {
        guard let converted = try library.convert(value, site: site, from: manufacturer, to: table.scale) else {
          return .unavailable(
            reason:
              "\(table.id) is on the \(table.scale) scale and no loaded equation converts \(manufacturer.displayName) \(site.displayName.lowercased()) BMD to it"
          )
        }
        value = converted.value
        conversion = converted
      }
      let unrounded: Score.Unrounded
      let reported: ExactDecimal
      if point.l == .one {
        let exact = try (try value - point.m) / point.sd
        unrounded = .exact(exact)
        reported = exact.roundedDecimal(places: 1)
      } else {
        // LMS with L ≠ 1: Z = M·((X/M)^L − 1)/(L·SD) needs a real power, so this path is binary floating point.
        let (x, m, l, sd) = (value.doubleValue, point.m.doubleValue, point.l.doubleValue, point.sd.doubleValue)
        let score = m * (pow(x / m, l) - 1) / (l * sd)
        unrounded = .floatingPoint(score)
        reported = ExactDecimal(significand: Int64((score * 10).rounded(.toNearestOrAwayFromZero)), scale: 1)
      }
      let reference = ReferenceUsed(
        tableID: table.id, tableVersion: table.version, tableTitle: table.title, citation: curve.source ?? table.citation,
        scale: table.scale, units: table.units, site: curve.site, sex: curve.sex, ethnicity: curve.ethnicity,
        point: point)
      return .scored(
        Score(
          reported: reported, unrounded: unrounded, reference: reference, bmdOnReferenceScale: value,
          conversion: conversion))
    } catch {
      return .unavailable(reason: "the exact arithmetic overflowed with the values of \(table.id) (too many digits)")
    }
  }
}

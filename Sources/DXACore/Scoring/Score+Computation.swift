import Foundation

extension ScoringEngine {
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
        return .unavailable(.noPointAtAge(tableID: table.id, age: age, coverage: curve.coverage))
      }
      var value = Fraction(bmd)
      var conversion: ScaleConversion?
      if table.scale != .manufacturer(manufacturer) {
        guard let converted = try library.convert(value, site: site, from: manufacturer, to: table.scale) else {
          return .unavailable(.noConversion(tableID: table.id, scale: table.scale, from: manufacturer, site: site))
        }
        value = converted.value
        conversion = converted
      }
      let (reported, unrounded) = try point.score(of: value)
      let reference = ReferenceUsed(
        tableID: table.id, tableVersion: table.version, tableTitle: table.title,
        citation: curve.source ?? table.citation,
        scale: table.scale, units: table.units, site: curve.site, sex: curve.sex, ethnicity: curve.ethnicity,
        point: point, manufacturer: table.manufacturer, vertebrae: curve.vertebrae)
      return .scored(
        Score(
          reported: reported, unrounded: unrounded, reference: reference, bmdOnReferenceScale: value,
          conversion: conversion))
    } catch {
      return .unavailable(.tableOutOfRange(tableID: table.id))
    }
  }
}

extension ReferencePoint {
  /// The score of `value` (on this reference's scale) against this point: the reported value, rounded half away
  /// from zero to one decimal, and the unrounded one.
  ///
  /// With L = 1 (every mean/SD table) this is `(value − M) / SD` in exact arithmetic. LMS curves with L ≠ 1 use
  /// `M·((value/M)^L − 1)/(L·SD)`, which needs a real power and so binary floating point.
  public func score(of value: Fraction) throws(ArithmeticOverflow) -> (
    reported: ExactDecimal, unrounded: Score.Unrounded
  ) {
    if l == .one {
      let exact = try (try value - m) / sd
      // A score beyond ±10^6 means a malformed table (an SD of 10^-15), not a patient: refuse it.
      guard exact.magnitudeIsBelow(1_000_000) else { throw ArithmeticOverflow() }
      return (exact.roundedDecimal(places: 1), .exact(exact))
    }
    let (x, mean, power, spread) = (value.doubleValue, m.doubleValue, l.doubleValue, sd.doubleValue)
    // Box–Cox: as L approaches 0 the power law becomes M·ln(X/M)/SD (Cole's LMS method).
    let score =
      power.magnitude < 1e-12 ? mean * log(x / mean) / spread : mean * (pow(x / mean, power) - 1) / (power * spread)
    guard score.isFinite, score.magnitude < 1e6 else { throw ArithmeticOverflow() }
    return (
      ExactDecimal(significand: Int64((score * 10).rounded(.toNearestOrAwayFromZero)), scale: 1), .floatingPoint(score)
    )
  }
}

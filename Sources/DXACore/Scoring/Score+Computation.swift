import Foundation

extension ScoringEngine {
  /// A score found by ``firstScore(_:sex:groups:candidates:manufacturer:atAge:misses:)``, with what the caller says
  /// about the table it came from.
  struct FoundScore {
    var score: Score
    var group: Ethnicity
    var tableID: String
    var tableManufacturer: Manufacturer?
  }

  /// The first score that the candidate tables give, trying the ethnic groups in order and each group's tables in
  /// order; `misses` gathers why the curves tried before it gave none. The tables are read in place: copying each
  /// candidate (a dozen strings and arrays) was most of the cost of a score.
  @inline(__always)
  func firstScore(
    _ request: ScoreRequest, sex: Sex, groups: [Ethnicity], candidates: [Int], manufacturer: Manufacturer,
    atAge age: ExactDecimal?, misses: inout [ScoreUnavailable]
  ) -> FoundScore? {
    library.tables.withUnsafeBufferPointer { tables -> FoundScore? in
      for group in groups {
        for index in candidates {
          // The table's curves alone: looking through a whole table copied it.
          let curves = tables[index].curves
          guard
            let position = ReferenceTable.curveIndex(
              in: curves, site: request.site, sex: sex, ethnicity: group, vertebrae: request.vertebrae)
          else {
            continue
          }
          switch computeScore(
            request.bmd, site: request.site, manufacturer: manufacturer, tables: tables, index: index,
            curve: curves[position], atAge: age)
          {
          case .scored(let score):
            return FoundScore(
              score: score, group: group, tableID: tables[index].id, tableManufacturer: tables[index].manufacturer)
          case .unavailable(let reason):
            misses.append(reason)
          }
        }
      }
      return nil
    }
  }

  /// Scores `bmd` against one curve of `tables[index]`: at `age` for Z-scores, at the table's young-adult point when
  /// `age` is nil. The table is read field by field in place: a copy of the whole table for each curve tried was
  /// a good part of the engine's cost.
  func computeScore(
    _ bmd: ExactDecimal, site: Site, manufacturer: Manufacturer, tables: UnsafeBufferPointer<ReferenceTable>,
    index: Int, curve: ReferenceCurve, atAge age: ExactDecimal?
  ) -> ScoreOutcome {
    do {
      let point: ReferencePoint?
      if let age {
        point = try curve.point(atAge: age)
      } else {
        point = try ReferenceTable.youngAdultPoint(
          of: curve, kind: tables[index].kind, youngAdultAge: tables[index].youngAdultAge)
      }
      guard let point else {
        return .unavailable(.noPointAtAge(tableID: tables[index].id, age: age, coverage: curve.coverage))
      }
      let scale = tables[index].scale
      guard let scored = try score(bmd, site: site, manufacturer: manufacturer, scale: scale, point: point) else {
        return .unavailable(.noConversion(tableID: tables[index].id, scale: scale, from: manufacturer, site: site))
      }
      let reference = ReferenceUsed(
        tableID: tables[index].id, tableVersion: tables[index].version, tableTitle: tables[index].title,
        citation: curve.source ?? tables[index].citation,
        scale: scale, units: tables[index].units, site: curve.site, sex: curve.sex, ethnicity: curve.ethnicity,
        point: point, manufacturer: tables[index].manufacturer, vertebrae: curve.vertebrae)
      return .scored(
        Score(
          reported: scored.reported, unrounded: scored.unrounded, reference: reference,
          bmdOnReferenceScale: scored.value, conversion: scored.conversion))
    } catch {
      return .unavailable(.tableOutOfRange(tableID: tables[index].id))
    }
  }

  /// `bmd` scored against `point` of a table on `scale`, converted from the maker's scale first when the two differ:
  /// the value on that scale, the conversion used, and the score. Nil when no conversion exists; throws when the
  /// arithmetic overflows. Used by the search (``computeScore(_:site:manufacturer:tables:index:curve:atAge:)``) and
  /// by rescoring a result at another BMD.
  func score(
    _ bmd: ExactDecimal, site: Site, manufacturer: Manufacturer, scale: MeasurementScale, point: ReferencePoint
  ) throws(ArithmeticOverflow) -> (
    value: Fraction, conversion: ScaleConversion?, reported: ExactDecimal, unrounded: Score.Unrounded
  )? {
    var value = Fraction(bmd)
    var conversion: ScaleConversion?
    if scale != .manufacturer(manufacturer) {
      guard let converted = try library.convert(value, site: site, from: manufacturer, to: scale) else { return nil }
      value = converted.value
      conversion = converted
    }
    let (reported, unrounded) = try point.score(of: value)
    return (value, conversion, reported, unrounded)
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

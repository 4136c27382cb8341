/// The lumbar spine total of the included vertebrae: ΣBMC / Σarea (ISCD adult positions), never a mean of the
/// vertebrae's BMDs. Scored, and reported, rounded half away from zero to 3 decimals as scanners print it.
public struct SpineTotal: Sendable, Equatable {
  public let vertebrae: VertebralSet
  public let bmc: Fraction
  public let area: Fraction
  /// ΣBMC / Σarea, exactly.
  public let exactBMD: Fraction

  /// The BMD that is scored: ``exactBMD`` to 3 decimals.
  public var bmd: ExactDecimal { exactBMD.roundedDecimal(places: 3) }

  /// The total, or why there is none.
  public enum Outcome: Sendable, Equatable {
    case total(SpineTotal)
    case unavailable(reason: String)
  }

  /// The total of the included rows among `vertebrae` (rows of L1–L4; other sites are ignored).
  public static func of(_ vertebrae: [Measurement]) -> Outcome {
    let included = vertebrae.filter { VertebralSet.all.members.contains($0.site) && $0.isIncluded }
    guard let set = VertebralSet(included.map(\.site)) else {
      return .unavailable(reason: "no vertebra is included")
    }
    let missing = included.filter { $0.bmc == nil || $0.area == nil }
    guard missing.isEmpty else {
      return .unavailable(
        reason:
          "\(missing.map(\.site.displayName).joined(separator: ", ")) lack BMC or area, so ΣBMC/Σarea cannot be formed")
    }
    do {
      guard let sums = try sums(included) else { return .unavailable(reason: "a vertebra lacks BMC or area") }
      return .total(SpineTotal(vertebrae: set, bmc: sums.bmc, area: sums.area, exactBMD: sums.bmd))
    } catch {
      return .unavailable(reason: "the BMC and area values are too long for exact arithmetic")
    }
  }

  /// ΣBMC, Σarea and ΣBMC / Σarea of `rows`, exactly: the one place the total is formed (the report's spine, the
  /// serial comparison and the import use it). Nil when a row lacks BMC or area, or there is no row; throws when the
  /// values are too long for exact arithmetic.
  static func sums(_ rows: [Measurement]) throws(ArithmeticOverflow) -> (bmc: Fraction, area: Fraction, bmd: Fraction)?
  {
    guard !rows.isEmpty else { return nil }
    var bmc = Fraction.zero
    var area = Fraction.zero
    for row in rows {
      guard let rowBMC = row.bmc, let rowArea = row.area else { return nil }
      bmc = try bmc + Fraction(rowBMC)
      area = try area + Fraction(rowArea)
    }
    return (bmc, area, try bmc / area)
  }
}

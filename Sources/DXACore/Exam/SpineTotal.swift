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
      var bmc = Fraction.zero
      var area = Fraction.zero
      for row in included {
        bmc = try bmc + Fraction(row.bmc ?? 0)
        area = try area + Fraction(row.area ?? 0)
      }
      return .total(SpineTotal(vertebrae: set, bmc: bmc, area: area, exactBMD: try bmc / area))
    } catch {
      return .unavailable(reason: "the BMC and area values are too long for exact arithmetic")
    }
  }
}

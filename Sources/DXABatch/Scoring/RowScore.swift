import DXACore
import DXARendering

/// What the output columns of one scored measurement hold: `t_score`, `z_score`, `category`, `reference`, `note`.
///
/// The fast path and the engine both produce it, so "the fast path equals the engine" is a comparison of two
/// values of this type.
public struct RowScore: Sendable, Equatable {
  /// The reported T-score in tenths (−25 is −2.5), or nil when there is none.
  public var tTenths: Int64?
  public var zTenths: Int64?
  public var category: Category?
  /// Which reference values gave T and Z: `T nhanes3-hip-young-adult v1 White female young adult; Z …`.
  public var reference: String
  /// Why a score or the category is missing, and what was assumed, joined by `; `.
  public var note: String

  public init(tTenths: Int64?, zTenths: Int64?, category: Category?, reference: String, note: String) {
    self.tTenths = tTenths
    self.zTenths = zTenths
    self.category = category
    self.reference = reference
    self.note = note
  }

  /// The output columns of an engine result.
  public init(_ result: ScoreResult) {
    tTenths = result.tScore.score.map { Self.tenths($0.reported) }
    zTenths = result.zScore.score.map { Self.tenths($0.reported) }
    category = result.classification.category
    var references: [String] = []
    for (label, outcome) in [("T", result.tScore), ("Z", result.zScore)] {
      guard let used = outcome.score?.reference else { continue }
      references.append(
        "\(label) \(used.tableID) v\(used.tableVersion) \(used.ethnicity.displayName) \(used.sex.rawValue) \(used.point.label)"
      )
    }
    reference = references.joined(separator: "; ")
    var notes: [String] = []
    if let reason = result.tScore.reason { notes.append("no T-score: \(reason.text)") }
    if let reason = result.zScore.reason { notes.append("no Z-score: \(reason.text)") }
    // A missing score is the usual reason for a missing category, and is then already said.
    if let reason = result.classification.reason?.text, !notes.contains(reason) { notes.append(reason) }
    notes += result.assumptions.map(\.text)
    note = notes.joined(separator: "; ")
  }

  /// A reported score (one decimal) in tenths.
  static func tenths(_ reported: ExactDecimal) -> Int64 {
    var value = reported.significand
    var scale = reported.scale
    while scale > 1 {
      value /= 10
      scale -= 1
    }
    while scale < 1 {
      value *= 10
      scale += 1
    }
    return value
  }
}

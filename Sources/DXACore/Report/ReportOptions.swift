/// Report choices that published guidance leaves open. Each is named, documented and printed in the report.
public struct ReportOptions: Sendable, Equatable {
  /// How to score a spine total made of fewer than all four vertebrae (L2–L4, L1–L2 and L4 …).
  public enum SpineSubsetReference: String, CaseIterable, Sendable {
    /// No T- or Z-score: a combination needs its own reference (ISCD), and no open table has one. The default.
    case none
    /// Score it against the L1–L4 reference and say so. Approximate: vertebral BMD rises from L1 to L4, so a
    /// subset without L1 reads higher than an L1–L4 reference expects.
    case l1ToL4 = "l1-l4"
  }

  public var spineSubsetReference: SpineSubsetReference
  /// Months to the next scan for a patient on osteoporosis therapy. No interval is confirmed in the project's
  /// sources, so it is a setting; the report states it as the facility's policy.
  public var treatedFollowUpMonths: Int

  public init(spineSubsetReference: SpineSubsetReference = .none, treatedFollowUpMonths: Int = 24) {
    self.spineSubsetReference = spineSubsetReference
    self.treatedFollowUpMonths = treatedFollowUpMonths
  }

  public static let standard = ReportOptions()
}

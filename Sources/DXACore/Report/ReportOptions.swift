/// Report choices that published guidance leaves open. Each is named, documented and printed in the report.
public struct ReportOptions: Sendable, Equatable {
  /// How the engine scores a spine total made of fewer than all four vertebrae (L2–L4, L1–L2 and L4 …) when no
  /// loaded table has that combination. The scanner's printed score for the combination comes first either way
  /// (under `spine-reference manufacturer`).
  public enum SpineSubsetReference: String, CaseIterable, Sendable {
    /// No recomputed score: without a printed score the spine then does not count.
    case none
    /// The default: score it against the L1–L4 reference, marked approximate wherever it is shown (and in the
    /// diagnosis line when it decides): vertebral BMD rises from L1 to L4, so a subset without L1 reads higher than
    /// an L1–L4 reference expects. A valid spine of two to four vertebrae always counts (ISCD).
    case l1ToL4 = "l1-l4"
  }

  public var spineSubsetReference: SpineSubsetReference
  /// Months to the next scan for a patient on osteoporosis therapy. No interval is confirmed in the project's
  /// sources, so it is a setting; the report states it as the facility's policy.
  public var treatedFollowUpMonths: Int
  /// The payer whose rules the billing suggestions check, over the exam's own `payer`; nil keeps the exam's.
  public var payer: PayerID?

  public init(
    spineSubsetReference: SpineSubsetReference = .l1ToL4, treatedFollowUpMonths: Int = 24, payer: PayerID? = nil
  ) {
    self.spineSubsetReference = spineSubsetReference
    self.treatedFollowUpMonths = treatedFollowUpMonths
    self.payer = payer
  }

  public static let standard = ReportOptions()
}

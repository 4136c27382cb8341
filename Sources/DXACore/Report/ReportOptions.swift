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
  /// Months to the next scan for a patient on osteoporosis therapy, given for this report (the command line's
  /// `--treated-follow-up-months`); nil: the facility file's setting, else the default.
  public var treatedFollowUpMonths: Int?
  /// The payer whose rules the billing suggestions check, over the exam's own `payer`; nil keeps the exam's.
  public var payer: PayerID?

  public init(
    spineSubsetReference: SpineSubsetReference = .l1ToL4, treatedFollowUpMonths: Int? = nil, payer: PayerID? = nil
  ) {
    self.spineSubsetReference = spineSubsetReference
    self.treatedFollowUpMonths = treatedFollowUpMonths
    self.payer = payer
  }

  public static let standard = ReportOptions()
}

/// When to scan next where no published interval is confirmed in the project's sources: patients on osteoporosis
/// therapy and patients on glucocorticoids. Each interval is a facility setting with a stated default, and the
/// report says which applies and that it is a facility policy, not an evidence-based interval.
public struct FollowUpPolicy: Sendable, Equatable {
  /// Where an interval comes from.
  public enum Source: Sendable, Equatable {
    /// The engine's default: no facility file sets it.
    case defaultSetting
    /// The facility file (its name, when it has one).
    case facility(name: String?)
    /// Given for this report (the command line).
    case givenForReport
  }

  /// The default interval on osteoporosis therapy, months.
  public static let defaultTreatedMonths = 24
  /// The default interval on glucocorticoids, months: shorter than on therapy, as bone loss is fastest in the first
  /// months of glucocorticoid treatment (a facility policy; the project's sources confirm no interval).
  public static let defaultGlucocorticoidMonths = 12
  /// The longest interval a setting may give, months.
  public static let maximumMonths: Int64 = 120

  public var treatedMonths: Int
  public var treatedSource: Source
  public var glucocorticoidMonths: Int
  public var glucocorticoidSource: Source

  /// The intervals that apply: the report's own, else the facility's, else the defaults.
  public init(options: ReportOptions, facility: Facility?) {
    if let months = options.treatedFollowUpMonths {
      (treatedMonths, treatedSource) = (months, .givenForReport)
    } else if let facility, let months = facility.treatedFollowUpMonths {
      (treatedMonths, treatedSource) = (months, .facility(name: facility.name))
    } else {
      (treatedMonths, treatedSource) = (Self.defaultTreatedMonths, .defaultSetting)
    }
    if let facility, let months = facility.glucocorticoidFollowUpMonths {
      (glucocorticoidMonths, glucocorticoidSource) = (months, .facility(name: facility.name))
    } else {
      (glucocorticoidMonths, glucocorticoidSource) = (Self.defaultGlucocorticoidMonths, .defaultSetting)
    }
  }
}

import DXACore

/// The counts of a batch run: rows, outcomes, categories, reconciliation and (with a comparison) transitions.
///
/// Each worker fills its own summary for its piece of the input; pieces are merged in input order, so the totals
/// and the listed first errors are the same for any number of jobs.
public struct BatchSummary: Sendable, Equatable {
  public var rows = 0
  public var okRows = 0
  /// Wide rows without a value at any mapped site: nothing was measured, so they are neither ok nor errors.
  public var noMeasurementRows = 0
  /// Rows the map's row rules leave out (status `filtered`): written, never scored.
  public var filteredRows = 0
  public var errorRows = 0
  /// Empty lines in the input; they are not rows and are not written.
  public var blankLines = 0
  /// Whether the input's first line repeated the `--columns` names and was skipped (`--skip-header`).
  public var skippedHeader = false
  /// Scored measurements (one per long row, one per measured site of a wide row).
  public var measurements = 0
  /// Sites with a BMD that were not scored: excluded, or a spine total while a vertebra is excluded.
  public var unscoredSites = 0
  /// Measurements per category, by ``categoryIndex(_:)``.
  public var categories = [Int](repeating: 0, count: BatchSummary.categorySlots)
  public var withoutTScore = 0
  public var withoutZScore = 0
  /// Measurements the engine scored directly rather than through a template (no effect on results).
  public var engineScored = 0
  /// Reconciliation with device scores, per site and maker.
  public var reconciliation: [ReconciliationKey: Reconciliation] = [:]
  /// With `--compare-policy`: measurements by (category under the first setup, category under the second), both
  /// as ``categoryIndex(_:)``.
  public var transitions = [Int](repeating: 0, count: BatchSummary.categorySlots * BatchSummary.categorySlots)
  public var changedRows = 0
  /// With a comparison and `--diagnoses`: scans by (diagnosis under the first setup, under the second), both as
  /// ``categoryIndex(_:)``.
  public var scanTransitions = [Int](repeating: 0, count: BatchSummary.categorySlots * BatchSummary.categorySlots)
  /// The first errors, for the summary on stderr.
  public var firstErrors: [ListedError] = []
  public static let listedErrorLimit = 10

  public init() {}

  /// Slots for the categories, "no category" and "error".
  public static let categorySlots = Category.allCases.count + 2
  public static let noCategorySlot = Category.allCases.count
  public static let errorSlot = Category.allCases.count + 1

  public static func categoryIndex(_ category: Category?) -> Int {
    guard let category else { return noCategorySlot }
    return caseIndex(category)
  }

  public static func slotName(_ index: Int) -> String {
    switch index {
    case noCategorySlot: return "none"
    case errorSlot: return "error"
    default: return Category.allCases[index].rawValue
    }
  }

  /// An error of one row: `row 12, bmd: 'abc' is not a number`. Rows count from 1, the header excluded.
  public struct ListedError: Sendable, Equatable, CustomStringConvertible {
    public var row: Int
    public var message: String
    public var description: String { "row \(row), \(message)" }
  }

  public struct ReconciliationKey: Hashable, Sendable, Comparable {
    public var site: Site
    /// The maker as given, or nil when the row did not say.
    public var manufacturer: Manufacturer?

    public static func < (lhs: Self, rhs: Self) -> Bool {
      let left = (Site.allCases.firstIndex(of: lhs.site) ?? 0, lhs.manufacturer.map { $0.rawValue } ?? "")
      let right = (Site.allCases.firstIndex(of: rhs.site) ?? 0, rhs.manufacturer.map { $0.rawValue } ?? "")
      return left < right
    }
  }

  /// How recomputed scores compare with the device's, for one site and maker.
  public struct Reconciliation: Sendable, Equatable {
    public var tCompared = 0
    public var tOver01 = 0
    public var tOver02 = 0
    public var zCompared = 0
    public var zOver01 = 0
    public var zOver02 = 0

    mutating func merge(_ other: Reconciliation) {
      tCompared += other.tCompared
      tOver01 += other.tOver01
      tOver02 += other.tOver02
      zCompared += other.zCompared
      zOver01 += other.zOver01
      zOver02 += other.zOver02
    }
  }

  /// Adds the counts of the piece that follows this one.
  public mutating func merge(_ next: BatchSummary, rowOffset: Int) {
    rows += next.rows
    okRows += next.okRows
    noMeasurementRows += next.noMeasurementRows
    filteredRows += next.filteredRows
    unscoredSites += next.unscoredSites
    errorRows += next.errorRows
    blankLines += next.blankLines
    measurements += next.measurements
    withoutTScore += next.withoutTScore
    withoutZScore += next.withoutZScore
    engineScored += next.engineScored
    changedRows += next.changedRows
    for index in categories.indices { categories[index] += next.categories[index] }
    for index in transitions.indices { transitions[index] += next.transitions[index] }
    for index in scanTransitions.indices { scanTransitions[index] += next.scanTransitions[index] }
    for (key, value) in next.reconciliation { reconciliation[key, default: Reconciliation()].merge(value) }
    for error in next.firstErrors where firstErrors.count < Self.listedErrorLimit {
      firstErrors.append(ListedError(row: error.row + rowOffset, message: error.message))
    }
  }
}

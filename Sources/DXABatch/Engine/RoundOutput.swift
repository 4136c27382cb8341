import DXACSV
import DXACore

/// What one thread produced for one round (a buffer of whole records), written out in input order.
final class RoundOutput: @unchecked Sendable {
  let main: ByteBuffer
  /// Lines of the `--errors` file without their leading row number (added when the rounds are merged).
  @exclusivity(unchecked) var errorLines: [(row: Int, line: [UInt8])] = []
  let changed = ByteBuffer()
  @exclusivity(unchecked) var scans: [ScanGroup] = []
  @exclusivity(unchecked) var summary = BatchSummary()

  /// `capacity`: the main output's initial room in bytes.
  init(capacity: Int) {
    main = ByteBuffer(capacity: capacity)
  }

  func reset() {
    main.removeAll()
    errorLines.removeAll(keepingCapacity: true)
    changed.removeAll()
    scans.removeAll(keepingCapacity: true)
    summary = BatchSummary()
  }
}

/// The rows of one scan, for `--diagnoses`: the diagnosis is the category of the lowest valid score at a
/// diagnostic site (T where the population is classified on T, else Z).
struct ScanGroup {
  /// patient_id, scan_id and scan_date as given (empty when absent).
  var identity: [[UInt8]]
  var rows = 0
  var errorRows = 0
  var best: Candidate?
  /// With a comparison: the diagnosis under the second setup.
  var comparedBest: Candidate?

  struct Candidate {
    var isTBasis: Bool
    var tenths: Int64
    var category: String
    var site: String
    var side: [UInt8]
  }

  /// Keeps the lower of two candidates; T-based ones come before Z-based ones, and the first wins a tie.
  mutating func consider(_ candidate: Candidate) {
    best = Self.lower(best, candidate)
  }

  mutating func considerCompared(_ candidate: Candidate) {
    comparedBest = Self.lower(comparedBest, candidate)
  }

  private static func lower(_ current: Candidate?, _ candidate: Candidate) -> Candidate {
    guard let current else { return candidate }
    if candidate.isTBasis != current.isTBasis { return candidate.isTBasis ? candidate : current }
    return candidate.tenths < current.tenths ? candidate : current
  }

  mutating func merge(_ later: ScanGroup) {
    rows += later.rows
    errorRows += later.errorRows
    if let candidate = later.best { consider(candidate) }
    if let candidate = later.comparedBest { considerCompared(candidate) }
  }

  static let header = [
    "patient_id", "scan_id", "scan_date", "category", "basis", "score", "site", "side", "rows", "error_rows",
  ]

  func write(to buffer: ByteBuffer, neutralisingFormulas: Bool) {
    for field in identity {
      buffer.append(CSVText.field(bytes: field, neutralisingFormulas: neutralisingFormulas))
      buffer.append(CSVByte.comma)
    }
    if let best {
      buffer.append(best.category)
      buffer.append(CSVByte.comma)
      buffer.append(best.isTBasis ? "t-score" : "z-score")
      buffer.append(CSVByte.comma)
      buffer.appendTenths(best.tenths)
      buffer.append(CSVByte.comma)
      buffer.append(best.site)
      buffer.append(CSVByte.comma)
      buffer.append(CSVText.field(bytes: best.side, neutralisingFormulas: neutralisingFormulas))
    } else {
      buffer.append(",,,,")
    }
    buffer.append(CSVByte.comma)
    buffer.appendDigits(UInt64(rows))
    buffer.append(CSVByte.comma)
    buffer.appendDigits(UInt64(errorRows))
    buffer.append(CSVByte.newline)
  }
}

extension BatchSummary {
  /// Counts a finished scan's diagnosis under both setups.
  mutating func countTransition(of scan: ScanGroup) {
    let from = Self.categoryIndex(scan.best.flatMap { Category(rawValue: $0.category) })
    let to = Self.categoryIndex(scan.comparedBest.flatMap { Category(rawValue: $0.category) })
    scanTransitions[from * Self.categorySlots + to] += 1
  }
}

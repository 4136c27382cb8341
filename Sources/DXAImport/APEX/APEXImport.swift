import DXACore

/// The choices a site makes for an APEX import.
public struct APEXImportOptions: Sendable {
  /// Today for the date rules: a scan is not after it (two-digit years resolve on or before it).
  public var asOf: CalendarDate
  /// Name patterns of phantoms and test entries (`METAL HIP`, `PHANTOM*`), matched ignoring case.
  public var skipNames: [String] = []
  /// Copy patient names into the exams (off by default: an exam needs the id, not the name).
  public var withNames = false
  public var ethnicityCodes = APEXEthnicityCodes()

  public init(asOf: CalendarDate) {
    self.asOf = asOf
  }
}

/// One exam built from the scans of one visit (one patient, one date, one scanner).
public struct APEXImportedExam: Sendable {
  public var exam: Exam
  /// The scans it holds, in the order they were taken.
  public var scans: [APEXScanRecord]
  /// What the import noted (also in the exam's technical notes).
  public var notes: [String]
  /// The file name in `-o DIR`: the patient id and the date, made safe (`118_4500_1994-06-20.json`).
  public var fileName: String
}

/// A Hologic APEX database exported as CSV (`mdb-export PatScan.mdb TABLE`), turned into `dxa-exam/1` exams.
///
/// No files are touched here: the caller hands over the tables it read. What each column means is in the README
/// ("dxa import apex"); every scan of ScanAnalysis.csv ends in an exam or in ``skipped`` with its reason.
public struct APEXImport: Sendable {
  public private(set) var exams: [APEXImportedExam] = []
  public private(set) var skipped: [APEXSkippedScan] = []
  /// Rows of ScanAnalysis.csv read.
  public private(set) var scanCount = 0
  /// Result rows (Hip, Spine, Forearm, Wbody) whose scan is not in ScanAnalysis.csv.
  public private(set) var orphanResultRows: [(table: String, row: Int)] = []

  /// Imports `tables` (PATIENT and ScanAnalysis are required; a missing result table leaves its scans without BMD).
  /// Throws only for a table that cannot be used at all (a required column missing); problems of one scan skip it.
  public init(tables: [APEXTable: TableFile], options: APEXImportOptions) throws(InputError) {
    var reader = try APEXReader(tables: tables, options: options)
    scanCount = reader.scans.count
    var accepted: [AcceptedScan] = []
    for scan in reader.scans {
      switch reader.accept(scan) {
      case .success(let scanned): accepted.append(scanned)
      case .failure(let reason): skipped.append(APEXSkippedScan(scan: scan.record, reason: reason))
      }
    }
    orphanResultRows = reader.orphanRows
    var usedNames: Set<String> = []
    for visit in Self.visits(of: accepted) {
      var scans = visit
      // One scan per region: the latest of the day (then the later row) is used, the others are listed.
      var byRegion: [String: AcceptedScan] = [:]
      for scan in scans.sorted(by: { ($0.order) < ($1.order) }) {
        if let earlier = byRegion[scan.region] {
          skipped.append(APEXSkippedScan(scan: earlier.record, reason: .repeated))
        }
        byRegion[scan.region] = scan
      }
      scans = byRegion.values.sorted { $0.order < $1.order }
      switch reader.exam(of: scans, usedNames: &usedNames) {
      case .success(let exam): exams.append(exam)
      case .failure(let reason):
        skipped += scans.map { APEXSkippedScan(scan: $0.record, reason: reason) }
      }
    }
    skipped.sort { $0.scan.row < $1.scan.row }
  }

  /// Accepted scans grouped by patient, date and scanner, in the order their first scans appear.
  static func visits(of scans: [AcceptedScan]) -> [[AcceptedScan]] {
    var order: [VisitKey] = []
    var groups: [VisitKey: [AcceptedScan]] = [:]
    for scan in scans {
      let key = VisitKey(patientKey: scan.record.key.patientKey, date: scan.date, serial: scan.record.key.serialNumber)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(scan)
    }
    return order.compactMap { groups[$0] }
  }

  struct VisitKey: Hashable {
    var patientKey: String
    var date: CalendarDate
    var serial: String
  }

  /// Scans read, exams written and skipped scans by reason, for the summary.
  public var skippedByCategory: [(category: String, count: Int)] {
    var counts: [String: Int] = [:]
    var order: [String] = []
    for scan in skipped {
      if counts[scan.reason.category] == nil { order.append(scan.reason.category) }
      counts[scan.reason.category, default: 0] += 1
    }
    return order.map { ($0, counts[$0] ?? 0) }.sorted { $0.count > $1.count }
  }

  /// Skipped scans whose data is at fault (unreadable values, duplicate rows, invalid exams): the run exits 65.
  public var dataProblemCount: Int { skipped.filter(\.reason.isDataProblem).count }
}

/// A scan whose results were read and whose patient can be scored.
struct AcceptedScan: Sendable {
  var record: APEXScanRecord
  var date: CalendarDate
  /// Time of day and row, to order the scans of one visit.
  var order: Order
  var kind: APEXScanKind
  var patient: Patient
  var measurements: [Measurement]
  var notes: [String]
  var softwareVersion: String?

  struct Order: Comparable {
    var secondOfDay: Int
    var row: Int
    static func < (lhs: Order, rhs: Order) -> Bool { (lhs.secondOfDay, lhs.row) < (rhs.secondOfDay, rhs.row) }
  }

  /// Scans of the same region conflict within a visit.
  var region: String {
    switch kind {
    case .spine: return "spine"
    case .hip(let side): return "hip-\(side.rawValue)"
    case .forearm(let side): return "forearm-\(side.rawValue)"
    case .wholeBody: return "whole-body"
    }
  }
}

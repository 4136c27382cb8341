import DXACore

/// A scan as ScanAnalysis.csv lists it: PATIENT_KEY, SCANID and SERIAL_NUMBER together identify it (SCANID alone
/// is not unique). Keys are kept exactly as stored, leading spaces included.
public struct APEXScanKey: Hashable, Sendable {
  public var patientKey: String
  public var scanID: String
  public var serialNumber: String
}

/// Where a scan came from, for the summary and the list of skipped scans.
public struct APEXScanRecord: Sendable {
  /// Its row in ScanAnalysis.csv (the header is row 1).
  public var row: Int
  public var key: APEXScanKey
  /// SCAN_TYPE as written.
  public var typeCode: String
  /// SCAN_DATE resolved (nil when missing or unreadable).
  public var date: CalendarDate?
}

/// Why a scan gave no exam, as the summary counts it and `--skipped` lists it.
public enum APEXSkipReason: Error, Sendable, Equatable {
  /// The patient's name matches a `--skip-name` pattern (phantoms, test entries).
  case testEntry(pattern: String)
  case unknownScanType(code: String)
  /// The results table has no row for the scan, or was not exported.
  case noResults(table: String, isExported: Bool)
  /// The results row holds no BMD for any region the engine knows.
  case noBMD(table: String)
  case noPatient
  case noBirthDate
  case noSex
  /// A value the importer needs cannot be read: the file, row and column (never the value).
  case unreadable(table: String, row: Int, column: String, problem: String)
  case duplicateKey(count: Int)
  case duplicateResults(table: String, count: Int)
  /// Another scan of the same region on the same visit, taken later, is used.
  case repeated
  case unsupportedSpine(String)
  case scanAfterAsOf
  /// The exam built from the visit is refused by the exam reader (the message says why).
  case invalidExam(String)

  /// The group the summary counts it under.
  public var category: String {
    switch self {
    case .testEntry: return "phantom or test entry (--skip-name)"
    case .unknownScanType: return "unknown scan type"
    case .noResults, .noBMD: return "no BMD"
    case .noPatient: return "no patient row"
    case .noBirthDate: return "no birth date"
    case .noSex: return "no sex"
    case .unreadable: return "unreadable value"
    case .duplicateKey, .duplicateResults: return "duplicate rows"
    case .repeated: return "repeated scan"
    case .unsupportedSpine: return "spine layout not supported"
    case .scanAfterAsOf: return "scan after --as-of"
    case .invalidExam: return "invalid exam"
    }
  }

  /// One line for the person checking the import.
  public var message: String {
    switch self {
    case .testEntry(let pattern): return "phantom or test entry: the patient name matches --skip-name '\(pattern)'"
    case .unknownScanType(let code):
      return
        "unknown scan type \(code): no BMD table is known for it (known: 1 spine, 2/3 hip, 5 whole body, 6/7 forearm)"
    case .noResults(let table, let isExported):
      return isExported ? "no BMD: \(table) has no row for this scan" : "no BMD: \(table) was not exported"
    case .noBMD(let table): return "no BMD: the row in \(table) has no BMD for a region the engine knows"
    case .noPatient: return "no row for this PATIENT_KEY in PATIENT.csv"
    case .noBirthDate: return "no birth date (PATIENT.csv BIRTHDATE is missing): no age for the scores"
    case .noSex: return "no sex (PATIENT.csv SEX is not F or M)"
    case .unreadable(let table, let row, let column, let problem): return "\(table): row \(row), \(column): \(problem)"
    case .duplicateKey(let count):
      return "the scan key is in ScanAnalysis.csv \(count) times; which row holds it is unknown"
    case .duplicateResults(let table, let count):
      return "\(table) has \(count) rows for this scan; which one holds it is unknown"
    case .repeated: return "repeated: a later scan of the same region on the same visit is used"
    case .unsupportedSpine(let why): return "spine analysis not supported: \(why)"
    case .scanAfterAsOf: return "the scan date is after --as-of"
    case .invalidExam(let why): return "the exam would not be valid: \(why)"
    }
  }

  /// Whether the reason is a problem with the data (the run then exits 65), not a rule that applies to it.
  public var isDataProblem: Bool {
    switch self {
    case .unreadable, .duplicateKey, .duplicateResults, .invalidExam: return true
    default: return false
    }
  }
}

/// A scan that gave no exam, and why.
public struct APEXSkippedScan: Sendable {
  public var scan: APEXScanRecord
  public var reason: APEXSkipReason
}

import DXACore

/// The tables of one export, indexed, with the rules that turn a scan's rows into measurements.
struct APEXReader {
  struct ScanRow {
    var record: APEXScanRecord
    /// SCAN_DATE as written; `record.date` holds it resolved when it can be.
    var written: DateValue
    var softwareVersion: String?
    var keyCount: Int
  }

  struct PatientRow {
    var row: TableRow
    var count: Int
  }

  let options: APEXImportOptions
  let tables: [APEXTable: TableFile]
  let patientTable: TableFile
  let scanTable: TableFile
  private(set) var scans: [ScanRow] = []
  private var patients: [String: PatientRow] = [:]
  private var results: [APEXTable: [APEXScanKey: [TableRow]]] = [:]
  /// ReferenceResults by scan and BONERANGE: APEX's own T- and Z-scores.
  private var scannerScores: [APEXScanKey: [String: [TableRow]]] = [:]
  private(set) var orphanRows: [(table: String, row: Int)] = []

  /// How dates are written: `mdb-export`'s default first, then the forms `-D` gives commonly.
  static let datePatterns = [
    "MM/DD/YY hh:mm:ss", "MM/DD/YY", "MM/DD/YYYY hh:mm:ss", "MM/DD/YYYY", "YYYY-MM-DD hh:mm:ss", "YYYY-MM-DD",
  ].compactMap(DatePattern.init)
  /// APEX writes "no date" as January 0 of year 00.
  static let missingDatePrefix = "01/00/00"

  init(tables: [APEXTable: TableFile], options: APEXImportOptions) throws(InputError) {
    guard let patientTable = tables[.patient], let scanTable = tables[.scanAnalysis] else {
      throw InputError(.usage, field: "tables", "PATIENT.csv and ScanAnalysis.csv are needed")
    }
    self.tables = tables
    self.options = options
    self.patientTable = patientTable
    self.scanTable = scanTable
    let patientKey = try Self.column(patientTable, "PATIENT_KEY")
    for row in patientTable.rows {
      let key = row[patientKey] ?? ""
      patients[key, default: PatientRow(row: row, count: 0)].count += 1
    }
    for column in ["BIRTHDATE", "SEX"] { _ = try Self.column(patientTable, column) }

    let keyColumns = try Self.keyColumns(scanTable)
    let type = try Self.column(scanTable, "SCAN_TYPE")
    let date = try Self.column(scanTable, "SCAN_DATE")
    let version = scanTable.column("SW_VERSION")
    var keyCounts: [APEXScanKey: Int] = [:]
    for row in scanTable.rows {
      let key = Self.key(row, keyColumns)
      keyCounts[key, default: 0] += 1
      let versionText = row[version]?.trimmingCharacters(in: " ") ?? ""
      let written = Self.date(row[date] ?? "")
      var resolved: CalendarDate?
      if case .date(let value) = written { resolved = value.resolved(notAfter: options.asOf) }
      scans.append(
        ScanRow(
          record: APEXScanRecord(row: row.row, key: key, typeCode: row[type] ?? "", date: resolved),
          written: written, softwareVersion: versionText.isEmpty ? nil : versionText, keyCount: 0))
    }
    for index in scans.indices { scans[index].keyCount = keyCounts[scans[index].record.key] ?? 0 }

    for table in [APEXTable.hip, .spine, .forearm, .wholeBody] {
      guard let file = tables[table] else { continue }
      let columns = try Self.keyColumns(file)
      var rows: [APEXScanKey: [TableRow]] = [:]
      for row in file.rows {
        let key = Self.key(row, columns)
        if keyCounts[key] == nil { orphanRows.append((file.name, row.row)) }
        rows[key, default: []].append(row)
      }
      results[table] = rows
    }
    if let file = tables[.referenceResults] {
      let columns = try Self.keyColumns(file)
      let range = try Self.column(file, "BONERANGE")
      for row in file.rows {
        let code = (row[range] ?? "").trimmingCharacters(in: " ")
        scannerScores[Self.key(row, columns), default: [:]][code.uppercased() == "NULL" ? "" : code, default: []]
          .append(row)
      }
    }
  }

  // MARK: One scan

  /// The scan's measurements and patient, or why it gives no exam.
  mutating func accept(_ scan: ScanRow) -> Result<AcceptedScan, APEXSkipReason> {
    let record = scan.record
    if scan.keyCount > 1 { return .failure(.duplicateKey(count: scan.keyCount)) }
    guard let patientRow = patients[record.key.patientKey] else { return .failure(.noPatient) }
    if patientRow.count > 1 {
      return .failure(
        .unreadable(
          table: patientTable.name, row: patientRow.row.row, column: "PATIENT_KEY",
          problem: "the key is in \(patientRow.count) rows; which one is the patient is unknown"))
    }
    let names = ["LAST_NAME", "FIRST_NAME", "MID_INITIAL"].map {
      (patientRow.row[patientTable.column($0)] ?? "").trimmingCharacters(in: " ")
    }
    if let pattern = options.skipNames.first(where: { pattern in names.contains { Self.matches($0, pattern) } }) {
      return .failure(.testEntry(pattern: pattern))
    }
    guard let kind = APEXScanKind(code: record.typeCode) else {
      return .failure(.unknownScanType(code: record.typeCode.trimmingCharacters(in: " ")))
    }
    guard case .date(let written) = scan.written, let date = record.date else {
      return .failure(.unreadable(table: scanTable.name, row: record.row, column: "SCAN_DATE", problem: "not a date"))
    }
    if date > options.asOf { return .failure(.scanAfterAsOf) }

    guard let resultTable = tables[kind.table] else {
      return .failure(.noResults(table: kind.table.fileName, isExported: false))
    }
    let rows = results[kind.table]?[record.key] ?? []
    guard let resultRow = rows.first else { return .failure(.noResults(table: resultTable.name, isExported: true)) }
    guard rows.count == 1 else { return .failure(.duplicateResults(table: resultTable.name, count: rows.count)) }
    var regions: RegionReading
    do {
      regions = try RegionReading(
        kind: kind, row: resultRow, table: resultTable, scores: scannerScores[record.key] ?? [:],
        scoreTable: tables[.referenceResults])
    } catch {
      return .failure(error)
    }
    guard !regions.measurements.isEmpty else { return .failure(.noBMD(table: resultTable.name)) }

    let patient: Patient
    switch person(patientRow.row, table: patientTable, scanDate: date) {
    case .success(let (person, notes)):
      patient = person
      regions.notes = notes + regions.notes
    case .failure(let reason): return .failure(reason)
    }
    return .success(
      AcceptedScan(
        record: record, date: date,
        order: AcceptedScan.Order(secondOfDay: written.secondOfDay ?? 0, row: record.row), kind: kind,
        patient: patient, measurements: regions.measurements, notes: regions.notes,
        softwareVersion: scan.softwareVersion))
  }

  /// The patient as of a scan: sex, birth date resolved against the scan, ethnicity; the name only if asked.
  private func person(_ row: TableRow, table: TableFile, scanDate: CalendarDate)
    -> Result<(Patient, [String]), APEXSkipReason>
  {
    let sex: Sex
    switch (row[table.column("SEX")] ?? "").trimmingCharacters(in: " ").uppercased() {
    case "F": sex = .female
    case "M": sex = .male
    default: return .failure(.noSex)
    }
    let birth: CalendarDate
    switch Self.date(row[table.column("BIRTHDATE")] ?? "") {
    case .missing: return .failure(.noBirthDate)
    case .unreadable:
      return .failure(.unreadable(table: table.name, row: row.row, column: "BIRTHDATE", problem: "not a date"))
    case .date(let written):
      // A birth is not after the scan: that decides the century of a two-digit year.
      guard let resolved = written.resolved(notAfter: scanDate), resolved <= scanDate else {
        return .failure(
          .unreadable(table: table.name, row: row.row, column: "BIRTHDATE", problem: "is after the scan date"))
      }
      birth = resolved
    }
    var notes: [String] = []
    let (ethnicity, note) = options.ethnicityCodes.ethnicity(for: row[table.column("ETHNICITY")] ?? "")
    if let note { notes.append(note) }
    var name: String?
    if options.withNames {
      let parts = ["LAST_NAME", "FIRST_NAME", "MID_INITIAL"].map {
        (row[table.column($0)] ?? "").trimmingCharacters(in: " ")
      }
      let given = parts[1...].filter { !$0.isEmpty }.joined(separator: " ")
      let full = [parts[0], given].filter { !$0.isEmpty }.joined(separator: ", ")
      name = full.isEmpty ? nil : full
    }
    let key = row[table.column("PATIENT_KEY")] ?? ""
    return .success(
      (
        Patient(
          id: key.trimmingCharacters(in: " "), name: name, sex: sex, birthDate: birth, ethnicity: ethnicity),
        notes
      ))
  }

  // MARK: Helpers

  enum DateValue {
    case missing
    case unreadable
    case date(WrittenDate)
  }

  /// A date cell: missing when empty or APEX's "no date" (`01/00/00`), else read with the first pattern that fits.
  static func date(_ text: String) -> DateValue {
    let trimmed = text.trimmingCharacters(in: " ")
    if trimmed.isEmpty || trimmed.hasPrefix(missingDatePrefix) { return .missing }
    for pattern in datePatterns {
      if let date = pattern.read(trimmed) { return .date(date) }
    }
    return .unreadable
  }

  /// Whether a name matches a `--skip-name` pattern (the core's ``NamePattern``, with Unicode upper-casing).
  static func matches(_ name: String, _ pattern: String) -> Bool {
    NamePattern(pattern)?.matches(name.uppercased()) ?? false
  }

  static func column(_ table: TableFile, _ name: String) throws(InputError) -> Int {
    guard let index = table.column(name) else {
      throw InputError(
        .data, field: "\(table.name): header", "no column \(name); export the whole table with mdb-export")
    }
    return index
  }

  static func keyColumns(_ table: TableFile) throws(InputError) -> (Int, Int, Int) {
    (try column(table, "PATIENT_KEY"), try column(table, "SCANID"), try column(table, "SERIAL_NUMBER"))
  }

  static func key(_ row: TableRow, _ columns: (Int, Int, Int)) -> APEXScanKey {
    APEXScanKey(patientKey: row[columns.0] ?? "", scanID: row[columns.1] ?? "", serialNumber: row[columns.2] ?? "")
  }
}

import DXACore

extension APEXImport {
  /// The long layout `dxa batch` reads: one row per exam and region. Columns the batch knows (`patient_id` …
  /// `z_score_device`) keep their names; `serial_number`, `software_version`, `vertebrae`, `included` and
  /// `import_note` pass through it. `name` is there only when names are imported.
  public func csv(withNames: Bool) -> String {
    var header = [
      "patient_id", "scan_id", "scan_date", "birth_date", "sex", "ethnicity", "manufacturer", "serial_number",
      "software_version", "site", "side", "vertebrae", "included", "bmd", "bmc", "area", "t_score_device",
      "z_score_device", "import_note",
    ]
    if withNames { header.insert("name", at: 1) }
    var text = CSVLine.render(header)
    for imported in exams {
      for row in imported.csvRows() {
        var fields = row
        if withNames { fields.insert(imported.exam.patient.name ?? "", at: 1) }
        text += CSVLine.render(fields)
      }
    }
    return text
  }

  /// The skipped scans, one per row: where each is in ScanAnalysis.csv, its key and date, and why.
  public var skippedCSV: String {
    var text = CSVLine.render([
      "row", "patient_key", "scan_id", "serial_number", "scan_date", "scan_type", "reason", "detail",
    ])
    for scan in skipped {
      let key = scan.scan.key
      text += CSVLine.render([
        String(scan.scan.row), key.patientKey, key.scanID, key.serialNumber, scan.scan.date?.description ?? "",
        scan.scan.typeCode, scan.reason.category, scan.reason.message,
      ])
    }
    return text
  }
}

extension APEXImportedExam {
  /// This exam's rows of the long layout, without the name column. The spine total (ΣBMC/Σarea of the included
  /// vertebrae, to 3 decimals) is a `lumbar-spine` row only when L1–L4 are all included: the batch scores that
  /// site against L1–L4 references, which do not fit a subset (the exam file keeps it; `dxa report` says so).
  func csvRows() -> [[String]] {
    let exam = self.exam
    let common = [
      exam.patient.id, exam.scan.id, exam.scan.date.description, exam.patient.birthDate?.description ?? "",
      exam.patient.sex.rawValue, exam.patient.ethnicity?.rawValue ?? "", Manufacturer.hologic.rawValue,
      exam.scan.serialNumber ?? "", exam.scan.softwareVersion ?? "",
    ]
    func row(_ measurement: Measurement, bmd: ExactDecimal?, vertebrae: String = "", notes: [String]) -> [String] {
      let isVertebra = VertebralSet.all.members.contains(measurement.site)
      return common + [
        measurement.site.rawValue, measurement.side?.rawValue ?? "", vertebrae,
        isVertebra ? (measurement.isIncluded ? "1" : "0") : "", bmd?.description ?? "",
        measurement.bmc?.description ?? "", measurement.area?.description ?? "",
        measurement.deviceTScore?.description ?? "", measurement.deviceZScore?.description ?? "",
        (self.notes + notes).joined(separator: "; "),
      ]
    }
    var rows: [[String]] = []
    var vertebraNotes: [String] = []
    let vertebrae = exam.measurements.filter { VertebralSet.all.members.contains($0.site) }
    if !vertebrae.isEmpty {
      switch SpineTotal.of(vertebrae) {
      case .total(let total) where total.vertebrae == .all:
        let given = exam.measurements.first { $0.site == .lumbarSpine }
        let spine = Measurement(
          site: .lumbarSpine, bmc: total.bmc.roundedDecimal(places: 2), area: total.area.roundedDecimal(places: 2),
          deviceTScore: given?.deviceTScore, deviceZScore: given?.deviceZScore)
        rows.append(
          row(
            spine, bmd: total.bmd, vertebrae: total.vertebrae.identifier,
            notes: ["BMD = ΣBMC/Σarea of the included vertebrae, to 3 decimals"]))
      case .total(let total):
        vertebraNotes.append(
          "no lumbar-spine row: the included vertebrae are \(total.vertebrae.label), and dxa batch scores the spine against L1–L4 only (dxa report scores the exam file)"
        )
      case .unavailable(let reason):
        vertebraNotes.append("no lumbar-spine row: \(reason)")
      }
    }
    for measurement in exam.measurements where measurement.site != .lumbarSpine {
      let isVertebra = VertebralSet.all.members.contains(measurement.site)
      rows.append(row(measurement, bmd: measurement.bmd, notes: isVertebra ? vertebraNotes : []))
    }
    return rows
  }
}

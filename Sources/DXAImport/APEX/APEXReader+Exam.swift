import DXACore

extension APEXReader {
  /// The exam of one visit's scans (one per region, in the order taken), checked by the core's own exam reader so
  /// that every file written reads back.
  func exam(of scans: [AcceptedScan], usedNames: inout Set<String>) -> Result<APEXImportedExam, APEXSkipReason> {
    guard let first = scans.first else { return .failure(.noBMD(table: "")) }
    var measurements: [Measurement] = []
    var notes: [String] = []
    // Spine first, then hips left and right, forearms, whole body: the order a report reads.
    let ordered = scans.sorted { Self.rank($0.kind) < Self.rank($1.kind) }
    for scan in ordered {
      measurements += scan.measurements
      for note in scan.notes where !notes.contains(note) { notes.append(note) }
    }
    let versions = scans.compactMap(\.softwareVersion).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    let scanIDs = scans.map { $0.record.key.scanID.trimmingCharacters(in: " ") }
    let technicalNotes =
      (["imported from Hologic APEX (dxa import apex), scans \(scanIDs.joined(separator: ", "))"] + notes)
      .joined(separator: "; ")
    let exam = Exam(
      patient: first.patient,
      scan: ScanInfo(
        id: scanIDs.joined(separator: "+"), date: first.date, manufacturer: .hologic,
        serialNumber: first.record.key.serialNumber.trimmingCharacters(in: " "),
        softwareVersion: versions.isEmpty ? nil : versions.joined(separator: ", "), technicalNotes: technicalNotes),
      measurements: measurements)
    do {
      let checked = try Exam(document: exam.examFile)
      try checked.checkDates(notAfter: options.asOf)
    } catch {
      return .failure(.invalidExam(error.description))
    }
    return .success(
      APEXImportedExam(
        exam: exam, scans: scans.map(\.record), notes: notes,
        fileName: Self.fileName(patient: exam.patient.id, date: exam.scan.date, used: &usedNames)))
  }

  private static func rank(_ kind: APEXScanKind) -> Int {
    switch kind {
    case .spine: return 0
    case .hip(.left): return 1
    case .hip(.right): return 2
    case .forearm(.left): return 3
    case .forearm(.right): return 4
    case .wholeBody: return 5
    }
  }

  /// `ID_YYYY-MM-DD.json` with every character but letters, digits, `-` and `_` made `_`; `_2`, `_3` … when a
  /// name is taken (two scanners on one day, or ids that differ only in such characters).
  static func fileName(patient: String, date: CalendarDate, used: inout Set<String>) -> String {
    let safe = String(
      patient.unicodeScalars.map { scalar -> Character in
        scalar.isASCII && (CharacterSet.alphanumerics(scalar) || scalar == "-" || scalar == "_")
          ? Character(scalar) : "_"
      })
    let stem = "\(safe.isEmpty ? "patient" : safe)_\(date)"
    var name = "\(stem).json"
    var number = 2
    while used.contains(name) {
      name = "\(stem)_\(number).json"
      number += 1
    }
    used.insert(name)
    return name
  }
}

private enum CharacterSet {
  static func alphanumerics(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
  }
}

extension APEXImport {
  /// What the import did, for stderr: scans read, exams written, scans skipped by reason (unknown types by code),
  /// the tables read. No identifier, name or date appears in it.
  public func summary(tables: [APEXTable: TableFile], destination: String) -> String {
    var lines = ["dxa import apex: \(scanCount) scans in ScanAnalysis.csv"]
    let usedScans = exams.reduce(0) { $0 + $1.scans.count }
    lines.append("  exams written: \(exams.count) (from \(usedScans) scans) to \(destination)")
    lines.append("  scans skipped: \(skipped.count)")
    for (category, count) in skippedByCategory {
      var line = "    \(category): \(count)"
      if category == APEXSkipReason.unknownScanType(code: "").category {
        var codes: [String: Int] = [:]
        for scan in skipped {
          if case .unknownScanType(let code) = scan.reason { codes[code, default: 0] += 1 }
        }
        let sorted = codes.sorted { (Int($0.key) ?? .max, $0.key) < (Int($1.key) ?? .max, $1.key) }
        line += " (" + sorted.map { "type \($0.key): \($0.value)" }.joined(separator: ", ") + ")"
      }
      lines.append(line)
    }
    let read = APEXTable.allCases.compactMap { table in tables[table].map { "\($0.name) \($0.rows.count)" } }
    lines.append("  tables read (rows): " + read.joined(separator: ", "))
    let missing = APEXTable.allCases.filter { tables[$0] == nil }.map(\.fileName)
    if !missing.isEmpty { lines.append("  not exported: " + missing.joined(separator: ", ")) }
    if !orphanResultRows.isEmpty {
      lines.append("  result rows whose scan is not in ScanAnalysis.csv (ignored): \(orphanResultRows.count)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

import DXACore

extension BatchSummary {
  /// The summary for stderr: counts, the first errors, reconciliation and transitions.
  public func text(policy: String, comparedWith other: String? = nil) -> String {
    var lines: [String] = []
    var counts = "\(Self.grouped(rows)) rows in, \(Self.grouped(rows)) rows out: \(Self.grouped(okRows)) ok, "
    if noMeasurementRows > 0 { counts += "\(Self.grouped(noMeasurementRows)) with no measurement, " }
    if filteredRows > 0 { counts += "\(Self.grouped(filteredRows)) filtered by the map's row rules, " }
    counts += "\(Self.grouped(errorRows)) with errors"
    if blankLines > 0 { counts += "; \(Self.grouped(blankLines)) empty lines skipped" }
    if skippedHeader { counts += "; the header line skipped (--skip-header)" }
    lines.append(counts)
    var scored = "Scored under \(policy): \(Self.grouped(measurements)) measurements"
    scored += "; no T-score \(Self.grouped(withoutTScore)), no Z-score \(Self.grouped(withoutZScore))"
    if unscoredSites > 0 {
      scored +=
        "; \(Self.grouped(unscoredSites)) sites not scored (excluded, or a spine total not of L1–L4)"
    }
    lines.append(scored)
    let categoryCounts = (0..<Self.errorSlot).filter { categories[$0] > 0 }.map {
      "\(Self.slotName($0)) \(Self.grouped(categories[$0]))"
    }
    if !categoryCounts.isEmpty { lines.append("  categories: " + categoryCounts.joined(separator: ", ")) }
    if !firstErrors.isEmpty {
      lines.append(errorRows > firstErrors.count ? "First \(firstErrors.count) errors:" : "Errors:")
      lines += firstErrors.map { "  \($0)" }
    }
    if !reconciliation.isEmpty {
      lines.append("Reconciliation, recomputed − device (rows that differ by more than 0.1 and 0.2):")
      let widths = [16, 12, 12, 12, 12, 12, 12, 12]
      lines.append(
        Self.row(
          ["site", "maker", "T compared", "> 0.1", "> 0.2", "Z compared", "> 0.1", "> 0.2"], widths: widths, labels: 2))
      for key in reconciliation.keys.sorted() {
        guard let counts = reconciliation[key] else { continue }
        lines.append(
          Self.row(
            [key.site.rawValue, key.manufacturer?.rawValue ?? "(not given)"]
              + [counts.tCompared, counts.tOver01, counts.tOver02, counts.zCompared, counts.zOver01, counts.zOver02]
              .map(Self.grouped), widths: widths, labels: 2))
      }
    }
    if let other {
      lines.append("Category transitions, \(policy) → \(other) (measurements; rows: from, columns: to):")
      let used = (0..<Self.categorySlots).filter { slot in
        (0..<Self.categorySlots).contains {
          transitions[slot * Self.categorySlots + $0] + transitions[$0 * Self.categorySlots + slot] > 0
        }
      }
      let widths = [30] + used.map { max(14, Self.slotName($0).count + 2) }
      lines.append(Self.row([""] + used.map(Self.slotName), widths: widths))
      for from in used {
        lines.append(
          Self.row(
            [Self.slotName(from)] + used.map { Self.grouped(transitions[from * Self.categorySlots + $0]) },
            widths: widths))
      }
      for from in used {
        for to in used where from != to && transitions[from * Self.categorySlots + to] > 0 {
          lines.append(
            "  \(Self.slotName(from)) → \(Self.slotName(to)): \(Self.grouped(transitions[from * Self.categorySlots + to]))"
          )
        }
      }
      lines.append("Rows whose scores or category changed: \(Self.grouped(changedRows))")
      let scans = scanTransitions.reduce(0, +)
      if scans > 0 {
        lines.append(
          "Diagnosis transitions, \(policy) → \(other) (scans, by the lowest valid score at a diagnostic site):")
        let changed = (0..<Self.categorySlots).flatMap { from in
          (0..<Self.categorySlots).filter { $0 != from }.map { (from, $0) }
        }.filter { scanTransitions[$0.0 * Self.categorySlots + $0.1] > 0 }
        for (from, to) in changed {
          let count = scanTransitions[from * Self.categorySlots + to]
          lines.append(
            "  \(Self.slotName(from)) → \(Self.slotName(to)): \(Self.grouped(count)) scan\(count == 1 ? "" : "s")")
        }
        let unchanged = (0..<Self.categorySlots).reduce(0) { $0 + scanTransitions[$1 * Self.categorySlots + $1] }
        lines.append("  unchanged: \(Self.grouped(unchanged)) of \(Self.grouped(scans)) scans")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// 1234567 as `1,234,567`.
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return (value < 0 ? "-" : "") + result
  }

  /// A table row in columns of `widths`: the first `labels` cells left-aligned, the numbers after them right-aligned.
  private static func row(_ cells: [String], widths: [Int], labels: Int = 1) -> String {
    var line = "  "
    for (index, cell) in cells.enumerated() {
      let width = index < widths.count ? widths[index] : 12
      let isLabel = index < labels
      let padding = String(repeating: " ", count: max(1, width - cell.count))
      line += isLabel ? cell + padding : padding + cell
    }
    return line
  }
}

import DXACore

/// The measurements of one results row (Hip, Spine, Forearm or Wbody), with APEX's own scores attached.
///
/// Region columns are `PREFIX_BMD`, `PREFIX_BMC`, `PREFIX_AREA`. A BMD of 0 or less, or an area of 0 or less
/// (APEX writes -1 for a region not analysed), is a region not measured. ReferenceResults rows are matched by
/// BONERANGE, the codes of the public APEX reader: hip `1...` neck, `.2..` trochanter, `..3.` intertrochanter,
/// `...4` Ward's, `123.` total; spine `1...` to `...4` single vertebrae and `1234`, `.234` … the total of the
/// included ones; forearm `R..` 1/3 radius; whole body an empty BONERANGE.
struct RegionReading {
  var measurements: [Measurement] = []
  var notes: [String] = []

  private let row: TableRow
  private let table: TableFile
  private let scores: [String: [TableRow]]
  private let scoreTable: TableFile?

  init(
    kind: APEXScanKind, row: TableRow, table: TableFile, scores: [String: [TableRow]], scoreTable: TableFile?
  ) throws(APEXSkipReason) {
    self.row = row
    self.table = table
    self.scores = scores
    self.scoreTable = scoreTable
    switch kind {
    case .hip(let side):
      for (prefix, site, range) in [
        ("NECK", Site.femoralNeck, "1..."), ("HTOT", .totalHip, "123."), ("TROCH", .trochanter, ".2.."),
        ("INTER", .intertrochanter, "..3."), ("WARDS", .wards, "...4"),
      ] {
        try region(prefix, site, side: side, range: range)
      }
      if let standardized = try decimal("HSTD_TOT_BMD"), standardized.significand > 0 {
        notes.append(
          "standardized total hip BMD (APEX HSTD_TOT_BMD) of the \(side.rawValue) hip \(standardized) g/cm²: kept as a note; the measured total hip BMD is scored"
        )
      }
    case .forearm(let side):
      try region("R_13", .radius33, side: side, range: "R..")
    case .wholeBody:
      try region("WBTOT", .totalBody, side: nil, range: "")
    case .spine:
      try spine()
    }
  }

  /// One region, when it was measured.
  private mutating func region(_ prefix: String, _ site: Site, side: Side?, range: String) throws(APEXSkipReason) {
    guard let bmd = try decimal("\(prefix)_BMD"), bmd.significand > 0 else { return }
    let name = Measurement(site: site, side: side).displayName
    do {
      try PlausibleRange.checkBMD(bmd)
    } catch {
      notes.append("\(name): \(prefix)_BMD \(error.message); the region is left out")
      return
    }
    let (t, z) = try scannerScores(range, for: name)
    measurements.append(
      Measurement(
        site: site, side: side, bmd: bmd, bmc: try positive("\(prefix)_BMC"), area: try positive("\(prefix)_AREA"),
        deviceTScore: t, deviceZScore: z))
  }

  /// L1–L4 with their inclusion flags; the spine total is left to the report, which rebuilds it as ΣBMC/Σarea of
  /// the included vertebrae. APEX's own total scores, when present, ride on a lumbar-spine row holding those sums.
  private mutating func spine() throws(APEXSkipReason) {
    if let start = try decimal("STARTING_REGION"), start.significand != 0 {
      throw .unsupportedSpine("STARTING_REGION is not 0, so the columns L1…L4 may not be L1–L4")
    }
    if try flag("L5_INCLUDED") == true {
      throw .unsupportedSpine("L5 is included in the APEX total; the engine has no L5")
    }
    var included: [Measurement] = []
    for (index, site) in VertebralSet.all.members.enumerated() {
      let prefix = "L\(index + 1)"
      guard let isIncluded = try flag("\(prefix)_INCLUDED") else {
        throw .unreadable(table: table.name, row: row.row, column: "\(prefix)_INCLUDED", problem: "missing")
      }
      let area = try positive("\(prefix)_AREA")
      let bmc = try positive("\(prefix)_BMC")
      var bmd = try decimal("\(prefix)_BMD")
      if let value = bmd, value.significand <= 0 || !PlausibleRange.bmd.contains(value) { bmd = nil }
      guard bmd != nil || (bmc != nil && area != nil) else {
        if isIncluded { throw .unsupportedSpine("\(prefix) is included but has no BMD, BMC and area") }
        continue
      }
      let (t, z) = try scannerScores(
        String(repeating: ".", count: index) + "\(index + 1)" + String(repeating: ".", count: 3 - index), for: prefix)
      let vertebra = Measurement(
        site: site, bmd: bmd, bmc: bmc, area: area, isIncluded: isIncluded,
        exclusionReason: isIncluded ? nil : "excluded in the APEX analysis (\(prefix)_INCLUDED = 0)",
        deviceTScore: t, deviceZScore: z)
      measurements.append(vertebra)
      if isIncluded { included.append(vertebra) }
    }
    guard let set = VertebralSet(included.map(\.site)) else { return }
    if set != .all {
      notes.append("vertebrae excluded in the APEX analysis: the spine total is that of \(set.label)")
    }
    let range = VertebralSet.all.members.enumerated().map { set.members.contains($1) ? "\($0 + 1)" : "." }.joined()
    let (t, z) = try scannerScores(range, for: "the spine total \(set.label)")
    guard t != nil || z != nil else { return }
    guard let bmc = Self.sum(included.compactMap(\.bmc)), let area = Self.sum(included.compactMap(\.area)),
      included.allSatisfy({ $0.bmc != nil && $0.area != nil })
    else {
      notes.append("APEX's scores of the spine total are left out: its BMC and area sums do not fit 18 digits")
      return
    }
    measurements.insert(
      Measurement(site: .lumbarSpine, bmc: bmc, area: area, deviceTScore: t, deviceZScore: z), at: 0)
  }

  /// APEX's T- and Z-score of one region, from ReferenceResults; two rows that disagree give none, with a note.
  private mutating func scannerScores(_ range: String, for name: String) throws(APEXSkipReason)
    -> (ExactDecimal?, ExactDecimal?)
  {
    guard let rows = scores[range], let scoreTable else { return (nil, nil) }
    var found: [(ExactDecimal?, ExactDecimal?)] = []
    for scoreRow in rows {
      let t = try Self.decimal(scoreRow, scoreTable, "T_SCORE")
      let z = try Self.decimal(scoreRow, scoreTable, "Z_SCORE")
      found.append((t, z))
    }
    guard let first = found.first, found.allSatisfy({ $0.0 == first.0 && $0.1 == first.1 }) else {
      notes.append("\(name): ReferenceResults holds \(found.count) different scores; none is imported")
      return (nil, nil)
    }
    for (column, score) in [("T_SCORE", first.0), ("Z_SCORE", first.1)] {
      if let score, !(ExactDecimal(-10)...ExactDecimal(10)).contains(score) {
        throw .unreadable(table: scoreTable.name, row: rows[0].row, column: column, problem: "not a T- or Z-score")
      }
    }
    return first
  }

  private func decimal(_ column: String) throws(APEXSkipReason) -> ExactDecimal? {
    try Self.decimal(row, table, column)
  }

  private func positive(_ column: String) throws(APEXSkipReason) -> ExactDecimal? {
    guard let value = try decimal(column), value.significand > 0 else { return nil }
    return value
  }

  /// An inclusion flag: 1 (or Access's -1) included, 0 excluded, nil when absent.
  private func flag(_ column: String) throws(APEXSkipReason) -> Bool? {
    guard let value = try decimal(column) else { return nil }
    switch value.wholeNumber {
    case .some(1), .some(-1): return true
    case .some(0): return false
    default: throw .unreadable(table: table.name, row: row.row, column: column, problem: "not 0 or 1")
    }
  }

  /// A number cell: nil when empty or the column is absent; an unreadable one skips the scan, naming the cell.
  static func decimal(_ row: TableRow, _ table: TableFile, _ column: String) throws(APEXSkipReason) -> ExactDecimal? {
    let text = (row[table.column(column)] ?? "").trimmingCharacters(in: " ")
    guard !text.isEmpty else { return nil }
    guard let value = ExactDecimal(text) else {
      throw .unreadable(
        table: table.name, row: row.row, column: column,
        problem: ExactDecimal.lengthProblem(text) ?? "not a plain decimal")
    }
    return value
  }

  /// The exact sum of decimals, or nil when it does not fit an exact decimal.
  static func sum(_ values: [ExactDecimal]) -> ExactDecimal? {
    var total = ExactDecimal(0)
    for value in values {
      guard let next = total.adding(value) else { return nil }
      total = next
    }
    return total
  }
}

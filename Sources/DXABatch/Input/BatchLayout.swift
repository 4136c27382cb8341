import DXACSV
import DXACore

/// How the columns of an input file map to what the engine needs: the long layout (one row per scan and site,
/// columns named as ``BatchField``) or a wide one described by a ``ColumnMap`` (one row per scan, a column per
/// site).
public struct BatchLayout: Sendable {
  /// The input's column names, as in its header (or `--columns`).
  public let columns: [String]
  /// Per-row fields, indexed by ``BatchField/ordinal``.
  let fields: [ValueSource]
  /// Per-row fields as plain column indexes: ≥ 0 a column read as is, −1 absent, −2 read through ``fields``.
  let plainColumns: [Int]
  /// The measured sites of a row: one for the long layout, one per mapped site for a wide one.
  let sites: [SiteLayout]
  public let isWide: Bool
  /// The map's row rules: a row they do not keep is `filtered`.
  let rowFilters: [RowFilter]
  /// How `birth_date` and `scan_date` are written when the map says (both read through patterns then; else the
  /// plain `YYYY-MM-DD` reader), and the day two-digit scan years resolve against.
  let dateFormats: DateFormats?
  /// In a wide layout, the vertebra sites (L1–L4) with an inclusion column: an excluded one keeps the spine total
  /// from being scored as L1–L4.
  let vertebraFlags: [(site: Int, bit: Int)]

  struct DateFormats: Sendable {
    var birth: DatePattern
    var scan: DatePattern
    var asOf: CalendarDate?
  }

  /// One rule of the map's `rows`, on a column of the input.
  struct RowFilter: Sendable {
    var column: Int
    var isKeep: Bool
    var values: [[UInt8]]
    var patterns: [NamePattern]
  }

  /// One measured site of a row.
  struct SiteLayout: Sendable {
    /// Per-site fields, indexed by ``BatchField/ordinal`` (only the per-site ones are set).
    var fields: [ValueSource]
    /// As ``BatchLayout/plainColumns``, for the per-site fields.
    var plainColumns: [Int] { BatchLayout.plainColumns(fields) }
    /// In a wide layout, the site all rows measure; in the long layout, nil (the `site` column says).
    var fixedSite: Site?
    /// Prefix of this site's output columns in a wide layout (`femoral_neck_`); empty for the long layout.
    var prefix: String
    /// The note of an excluded site, which is not scored: `not scored: excluded from the analysis (L3_INCLUDED)`.
    let excludedNote: String

    init(fields: [ValueSource], fixedSite: Site?, prefix: String) {
      self.fields = fields
      self.fixedSite = fixedSite
      self.prefix = prefix
      let flag = fields[BatchField.included.ordinal].name ?? BatchField.included.rawValue
      excludedNote = "not scored: excluded from the analysis (\(flag))"
    }

    func source(_ field: BatchField) -> ValueSource { fields[field.ordinal] }
    var hasDeviceScores: Bool { source(.tScoreDevice).isPresent || source(.zScoreDevice).isPresent }
  }

  func source(_ field: BatchField) -> ValueSource { fields[field.ordinal] }

  /// The layout of a file with these columns, read through `map` when one is given.
  public init(columns: [String], map: ColumnMap?) throws(InputError) {
    self.columns = columns
    // Exporters pad and capitalise headers: names match with surrounding spaces removed, and the long layout's
    // own names without regard to case. Two columns with one name (`bmd` and `BMD`) would leave the engine to
    // guess which holds the value: the header is refused.
    if let problem = CSVHeader.duplicateProblem(in: columns) { throw InputError(.usage, field: "header", problem) }
    let names = columns.map(CSVHeader.trimmed)
    let lowercased = names.map { $0.lowercased() }
    func index(of column: String, for field: String) throws(InputError) -> Int {
      guard let found = names.firstIndex(of: CSVHeader.trimmed(column)) else {
        throw InputError(.reference, field: field, "the map names column '\(column)', which the input does not have")
      }
      return found
    }
    func resolve(_ rule: ColumnMap.Rule, field: String) throws(InputError) -> ValueSource {
      switch rule {
      case .column(let column):
        return .column(
          index: try index(of: column.name, for: field), name: column.name,
          codes: column.codes.map { $0.map { (Array($0.code.utf8), Array($0.value.utf8)) } },
          missing: column.missing.map { Array($0.utf8) })
      case .constant(let value):
        return .constant(value: Array(value.utf8), name: field)
      case .cases(let rules, let fallback):
        var resolved: [(index: Int, code: [UInt8], value: [UInt8])] = []
        for rule in rules {
          resolved.append((try index(of: rule.column, for: field), Array(rule.code.utf8), Array(rule.value.utf8)))
        }
        return .cases(rules: resolved, fallback: fallback.map { Array($0.utf8) }, name: field)
      }
    }
    var fields = [ValueSource](repeating: .absent, count: BatchField.allCases.count)
    for field in BatchField.allCases {
      if let rule = map?.fields[field.rawValue] {
        fields[field.ordinal] = try resolve(rule, field: field.rawValue)
      } else if let found = lowercased.firstIndex(of: field.rawValue), map?.sites.isEmpty ?? true || !field.isPerSite {
        fields[field.ordinal] = .column(index: found, name: names[found], codes: nil, missing: [])
      }
    }
    if let map, !map.sites.isEmpty {
      isWide = true
      var sites: [SiteLayout] = []
      for (position, site) in map.sites.enumerated() {
        var siteFields = [ValueSource](repeating: .absent, count: BatchField.allCases.count)
        for (name, rule) in site.fields {
          guard let field = BatchField(rawValue: name) else { continue }
          siteFields[field.ordinal] = try resolve(rule, field: "sites[\(position)].\(name)")
        }
        sites.append(SiteLayout(fields: siteFields, fixedSite: site.site, prefix: site.prefix))
      }
      self.sites = sites
    } else {
      isWide = false
      var siteFields = [ValueSource](repeating: .absent, count: BatchField.allCases.count)
      for field in BatchField.allCases where field.isPerSite { siteFields[field.ordinal] = fields[field.ordinal] }
      sites = [SiteLayout(fields: siteFields, fixedSite: nil, prefix: "")]
    }
    self.fields = fields
    plainColumns = Self.plainColumns(fields)
    var filters: [RowFilter] = []
    for rule in map?.rows ?? [] {
      filters.append(
        RowFilter(
          column: try index(of: rule.column, for: "rows.\(rule.action.rawValue)"), isKeep: rule.action == .keep,
          values: rule.values.map { Array($0.utf8) }, patterns: rule.patterns))
    }
    rowFilters = filters
    dateFormats = Self.dateFormats(map)
    var flags: [(site: Int, bit: Int)] = []
    for (index, site) in sites.enumerated() where isWide && site.source(.included).isPresent {
      if let vertebra = site.fixedSite, let position = VertebralSet.all.members.firstIndex(of: vertebra) {
        flags.append((index, 1 << position))
      }
    }
    vertebraFlags = flags
    try checkRequiredFields()
    // An input column named like an appended one would give the output two columns of that name.
    let appended = Set(appendedColumns.map { $0.lowercased() })
    if let clash = names.first(where: { appended.contains($0.lowercased()) }) {
      throw InputError(
        .usage, field: "header",
        "the input has a column named '\(clash)', which dxa batch appends to every row; rename that column")
    }
  }

  private static func dateFormats(_ map: ColumnMap?) -> DateFormats? {
    func format(_ field: BatchField) -> DatePattern? {
      guard case .column(let column)? = map?.fields[field.rawValue] else { return nil }
      return column.dateFormat
    }
    let birth = format(.birthDate)
    let scan = format(.scanDate)
    guard birth != nil || scan != nil, let iso = DatePattern("YYYY-MM-DD") else { return nil }
    return DateFormats(birth: birth ?? iso, scan: scan ?? iso, asOf: map?.asOf)
  }

  /// The note of a spine total in a row where the vertebrae of `mask` (bit 0 = L1) are excluded.
  static let withheldTotalNotes: [String] = (0..<16).map { mask in
    let excluded = VertebralSet.all.members.indices.filter { mask & (1 << $0) != 0 }
      .map { VertebralSet.all.members[$0].displayName }
    return
      "not scored: \(excluded.joined(separator: ", ")) excluded, so this total is not of L1–L4, and the batch scores the spine against L1–L4 references only (dxa report scores ΣBMC/Σarea of the included vertebrae)"
  }

  /// The note of a spine total of `set`, not of L1–L4 (a long row's `vertebrae` column).
  static func subsetTotalNote(_ set: VertebralSet) -> String {
    "not scored: this total is of \(set.label), not L1–L4, and the batch scores the spine against L1–L4 references only (dxa report scores it, labelled approximate when no table has \(set.label))"
  }

  static func plainColumns(_ sources: [ValueSource]) -> [Int] {
    sources.map { source in
      switch source {
      case .absent: return -1
      case .column(let index, _, nil, let missing) where missing.isEmpty: return index
      default: return -2
      }
    }
  }

  private func checkRequiredFields() throws(InputError) {
    var missing: [String] = []
    if !isWide, !source(.site).isPresent { missing.append(BatchField.site.rawValue) }
    for site in sites where !site.source(.bmd).isPresent {
      missing.append(isWide ? "bmd of \(site.fixedSite?.rawValue ?? "a site")" : BatchField.bmd.rawValue)
    }
    if !source(.sex).isPresent { missing.append(BatchField.sex.rawValue) }
    if !source(.age).isPresent && !(source(.birthDate).isPresent && source(.scanDate).isPresent) {
      missing.append("age (or birth_date and scan_date)")
    }
    guard missing.isEmpty else {
      throw InputError(
        .data, field: "header",
        "no column for \(missing.joined(separator: ", ")); a batch needs site, bmd, sex and age or birth_date with scan_date (or a --map that gives them)"
      )
    }
  }

  /// Whether the output gets `t_score_diff` and `z_score_diff` (the input has device scores to reconcile).
  var reconciles: Bool { sites.contains { $0.hasDeviceScores } }

  /// The columns appended to each row, in order.
  public var appendedColumns: [String] {
    var names: [String] = []
    if isWide {
      for site in sites {
        names += ["t_score", "z_score", "category", "reference", "note"].map { site.prefix + $0 }
        if site.hasDeviceScores { names += ["t_score_diff", "z_score_diff"].map { site.prefix + $0 } }
      }
      names += ["status", "error"]
    } else {
      names = ["t_score", "z_score", "category", "reference", "status", "error", "note"]
      if reconciles { names += ["t_score_diff", "z_score_diff"] }
    }
    return names
  }
}

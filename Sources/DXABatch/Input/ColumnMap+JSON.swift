import DXACore

extension ColumnMap {
  /// The date fields: the only ones a `date_format` may be given for.
  static let dateFields: Set<String> = [BatchField.birthDate.rawValue, BatchField.scanDate.rawValue]

  /// Reads a map; errors are reference/configuration errors naming the path of the member at fault.
  public init(json text: String, file: String) throws(InputError) {
    let document: JSONValue
    do {
      document = try JSONValue.parse(text)
    } catch {
      throw InputError(.reference, field: file, "not valid JSON: \(error)")
    }
    let reader = MapReader(file: file)
    guard case .object(let members) = document else { throw reader.failure("(document)", "expected an object") }
    let known = ["as_of", "fields", "format", "notes", "rows", "sites"]
    for member in members where !known.contains(member.key) {
      throw reader.failure(member.key, "unknown field; allowed: \(known.joined(separator: ", "))")
    }
    guard document["format"] == .string(Self.formatTag) else {
      throw reader.failure("format", "must be \"\(Self.formatTag)\"")
    }
    var fields: [String: Rule] = [:]
    if let value = document["fields"] {
      guard case .object(let members) = value else { throw reader.failure("fields", "expected an object") }
      for member in members {
        guard BatchField(rawValue: member.key) != nil else {
          throw reader.failure(
            "fields.\(member.key)",
            "unknown field; known: \(BatchField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        fields[member.key] = try reader.rule(
          member.value, "fields.\(member.key)", isDate: Self.dateFields.contains(member.key))
      }
    }
    let sites = try document["sites"].map { (json: JSONValue) throws(InputError) in try reader.sites(json) } ?? []
    if !sites.isEmpty {
      for field in fields.keys where BatchField(rawValue: field)?.isPerSite == true {
        throw reader.failure("fields.\(field)", "is per site in a wide map: give it in each entry of sites")
      }
    }
    let rows = try document["rows"].map { (json: JSONValue) throws(InputError) in try reader.rowRules(json) } ?? []
    var asOf: CalendarDate?
    if let value = document["as_of"] {
      guard case .string(let text) = value, let date = CalendarDate(text) else {
        throw reader.failure("as_of", "not a date; write YYYY-MM-DD (the day the archive was exported)")
      }
      asOf = date
    }
    if asOf == nil, case .column(let column)? = fields[BatchField.scanDate.rawValue],
      column.dateFormat?.hasTwoDigitYear == true
    {
      throw reader.failure(
        "as_of",
        "missing; fields.scan_date has two-digit years, which resolve to the latest year that keeps the scan on or before as_of: give the day the archive was exported, YYYY-MM-DD"
      )
    }
    self.fields = fields
    self.sites = sites
    self.rows = rows
    self.asOf = asOf
  }
}

/// The reading of one map file: each failure names the file and the member's path (`sites[2].bmd.missing`).
private struct MapReader {
  let file: String

  func failure(_ path: String, _ message: String) -> InputError {
    InputError(.reference, field: "\(file): \(path)", message)
  }

  func string(_ value: JSONValue?, _ path: String) throws(InputError) -> String {
    switch value {
    case .string(let text)?: return text
    case .number(let text)?: return text
    case nil: throw failure(path, "missing")
    case let other?: throw failure(path, "expected a string, found \(other.typeName)")
    }
  }

  /// A string, or a non-empty array of strings.
  func strings(_ value: JSONValue, _ path: String) throws(InputError) -> [String] {
    guard case .array(let items) = value else { return [try string(value, path)] }
    guard !items.isEmpty else { throw failure(path, "expected a non-empty array") }
    var result: [String] = []
    for (index, item) in items.enumerated() { result.append(try string(item, "\(path)[\(index)]")) }
    return result
  }

  /// Without surrounding spaces and tabs, as the batch reads values.
  func trimmed(_ text: String) -> String {
    let isPadding: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(text.drop(while: isPadding).reversed().drop(while: isPadding).reversed())
  }

  func keys(_ value: JSONValue) -> Set<String> {
    guard case .object(let members) = value else { return [] }
    return Set(members.map(\.key))
  }

  func rule(_ value: JSONValue, _ path: String, isDate: Bool) throws(InputError) -> ColumnMap.Rule {
    if case .string(let column) = value { return .column(ColumnMap.Column(column)) }
    guard case .object = value else {
      throw failure(path, "expected a column name or an object with column, value or cases")
    }
    let keys = keys(value)
    if keys == ["value"] { return .constant(try string(value["value"], "\(path).value")) }
    if keys.contains("column"), keys.isSubset(of: ["column", "codes", "missing", "date_format"]) {
      return .column(try column(value, path, isDate: isDate))
    }
    if keys == ["cases"] || keys == ["cases", "default"] {
      guard case .array(let items)? = value["cases"], !items.isEmpty else {
        throw failure("\(path).cases", "expected a non-empty array")
      }
      var cases: [ColumnMap.Case] = []
      for (index, item) in items.enumerated() {
        let itemPath = "\(path).cases[\(index)]"
        cases.append(
          ColumnMap.Case(
            column: try string(item["column"], "\(itemPath).column"),
            code: try string(item["code"], "\(itemPath).code"),
            value: try string(item["value"], "\(itemPath).value")))
      }
      let fallback = try value["default"].map { (json: JSONValue) throws(InputError) in
        try string(json, "\(path).default")
      }
      return .cases(cases, fallback: fallback)
    }
    throw failure(
      path,
      "expected exactly one of: column (with optional codes, missing, date_format), value, cases (with optional default)"
    )
  }

  private func column(_ value: JSONValue, _ path: String, isDate: Bool) throws(InputError) -> ColumnMap.Column {
    var column = ColumnMap.Column(try string(value["column"], "\(path).column"))
    if let table = value["codes"] {
      guard case .object(let pairs) = table else { throw failure("\(path).codes", "expected an object") }
      var parsed: [ColumnMap.Code] = []
      for pair in pairs {
        parsed.append(ColumnMap.Code(code: pair.key, value: try string(pair.value, "\(path).codes.\(pair.key)")))
      }
      column.codes = parsed
    }
    if let missing = value["missing"] {
      column.missing = try strings(missing, "\(path).missing").map(trimmed)
      if column.missing.contains(where: \.isEmpty) {
        throw failure("\(path).missing", "an empty value is missing already; list the values that stand for none")
      }
    }
    if let format = value["date_format"] {
      guard isDate else {
        throw failure("\(path).date_format", "only birth_date and scan_date are dates")
      }
      let text = try string(format, "\(path).date_format")
      guard let pattern = DatePattern(text) else {
        throw failure(
          "\(path).date_format",
          "not a date format; use YYYY or YY, MM and DD once each, other characters as written, and hh:mm:ss for a time (MM/DD/YY hh:mm:ss, DD.MM.YYYY)"
        )
      }
      column.dateFormat = pattern
    }
    return column
  }

  func sites(_ value: JSONValue) throws(InputError) -> [ColumnMap.SiteColumns] {
    guard case .array(let items) = value else { throw failure("sites", "expected an array") }
    var sites: [ColumnMap.SiteColumns] = []
    let allowed = ["site", "prefix"] + BatchField.allCases.filter { $0.isPerSite && $0 != .site }.map(\.rawValue)
    for (index, item) in items.enumerated() {
      let path = "sites[\(index)]"
      guard case .object(let members) = item else { throw failure(path, "expected an object") }
      let name = try string(item["site"], "\(path).site")
      guard let site = Site(rawValue: name) else {
        throw failure(
          "\(path).site", "unknown site '\(name)'; known: \(Site.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      var siteFields: [(String, ColumnMap.Rule)] = []
      for member in members where member.key != "site" && member.key != "prefix" {
        guard let field = BatchField(rawValue: member.key), field.isPerSite, field != .site else {
          throw failure("\(path).\(member.key)", "unknown field; allowed: \(allowed.joined(separator: ", "))")
        }
        siteFields.append((member.key, try rule(member.value, "\(path).\(member.key)", isDate: false)))
      }
      guard siteFields.contains(where: { $0.0 == "bmd" }) else { throw failure("\(path).bmd", "missing") }
      let prefix = try item["prefix"].map { (json: JSONValue) throws(InputError) in
        try string(json, "\(path).prefix")
      }
      sites.append(
        ColumnMap.SiteColumns(
          site: site, prefix: prefix ?? site.rawValue.replacing("-", with: "_") + "_", fields: siteFields))
    }
    return sites
  }

  /// `"rows": {"keep": [{"column", "values" and/or "matches"} …], "skip": […]}`.
  func rowRules(_ value: JSONValue) throws(InputError) -> [ColumnMap.RowRule] {
    guard case .object(let members) = value else { throw failure("rows", "expected an object with keep, skip") }
    var rules: [ColumnMap.RowRule] = []
    for member in members {
      guard let action = ColumnMap.RowRule.Action(rawValue: member.key) else {
        throw failure("rows.\(member.key)", "unknown field; allowed: keep, skip")
      }
      guard case .array(let items) = member.value, !items.isEmpty else {
        throw failure("rows.\(member.key)", "expected a non-empty array of rules")
      }
      for (index, item) in items.enumerated() {
        let path = "rows.\(member.key)[\(index)]"
        let keys = keys(item)
        guard keys.contains("column"), keys.isSubset(of: ["column", "values", "matches"]), keys.count > 1 else {
          throw failure(path, "expected column with values (exact codes) and/or matches (name patterns)")
        }
        var rule = ColumnMap.RowRule(
          action: action, column: try string(item["column"], "\(path).column"), values: [], patterns: [])
        if let values = item["values"] { rule.values = try strings(values, "\(path).values").map(trimmed) }
        if let matches = item["matches"] {
          for (position, text) in try strings(matches, "\(path).matches").enumerated() {
            guard let pattern = NamePattern(text) else {
              throw failure("\(path).matches[\(position)]", "matches every value; give part of a name")
            }
            rule.patterns.append(pattern)
          }
        }
        rules.append(rule)
      }
    }
    return rules
  }
}

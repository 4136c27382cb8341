import DXACore

/// A `--map FILE`: how the columns of a file that is not in the long layout give the batch its fields.
///
/// ```json
/// {
///   "format": "dxa-batch-map/1",
///   "fields": {
///     "scan_id": "row",
///     "age": "age",
///     "sex": { "column": "female", "codes": { "1": "female", "0": "male" } },
///     "ethnicity": { "cases": [ { "column": "black", "code": "1", "value": "black" },
///                               { "column": "hispanic", "code": "1", "value": "hispanic" } ] },
///     "manufacturer": { "value": "hologic" }
///   },
///   "sites": [
///     { "site": "femoral-neck", "bmd": "fneckbmd", "bmc": "fneckbmc" },
///     { "site": "total-hip", "bmd": "femurbmd", "bmc": "femurbmc" }
///   ]
/// }
/// ```
/// With `sites` the file is wide: each row is one scan, each site adds its own output columns. Without it the map
/// only renames columns of a long layout.
public struct ColumnMap: Sendable {
  public static let formatTag = "dxa-batch-map/1"

  /// Where one field's value comes from.
  public enum Rule: Sendable, Equatable {
    /// A column; `codes` translates its values (`"1": "female"`); values not listed pass unchanged.
    case column(String, codes: [Code]?)
    /// The same value for every row.
    case constant(String)
    /// The first case whose column holds its code gives the value; otherwise `fallback` (or nothing).
    case cases([Case], fallback: String?)
  }

  public struct Code: Sendable, Equatable {
    public var code: String
    public var value: String
  }

  public struct Case: Sendable, Equatable {
    public var column: String
    public var code: String
    public var value: String
  }

  public struct SiteColumns: Sendable {
    public var site: Site
    /// Output column prefix, `femoral_neck_` by default.
    public var prefix: String
    /// Per-site fields: `bmd` (required), `bmc`, `area`, `side`, `t_score_device`, `z_score_device`.
    public var fields: [(String, Rule)]
  }

  public var fields: [String: Rule]
  public var sites: [SiteColumns]

  /// Reads a map; errors are reference/configuration errors naming the path of the member at fault.
  public init(json text: String, file: String) throws(InputError) {
    let document: JSONValue
    do {
      document = try JSONValue.parse(text)
    } catch {
      throw InputError(.reference, field: file, "not valid JSON: \(error)")
    }
    func failure(_ path: String, _ message: String) -> InputError {
      InputError(.reference, field: "\(file): \(path)", message)
    }
    guard case .object(let members) = document else { throw failure("(document)", "expected an object") }
    for member in members where !["format", "fields", "sites", "notes"].contains(member.key) {
      throw failure(member.key, "unknown field; allowed: fields, format, notes, sites")
    }
    guard document["format"] == .string(Self.formatTag) else {
      throw failure("format", "must be \"\(Self.formatTag)\"")
    }
    func string(_ value: JSONValue?, _ path: String) throws(InputError) -> String {
      switch value {
      case .string(let text)?: return text
      case .number(let text)?: return text
      case nil: throw failure(path, "missing")
      case let other?: throw failure(path, "expected a string, found \(other.typeName)")
      }
    }
    func rule(_ value: JSONValue, _ path: String) throws(InputError) -> Rule {
      if case .string(let column) = value { return .column(column, codes: nil) }
      guard case .object(let members) = value else {
        throw failure(path, "expected a column name or an object with column, value or cases")
      }
      let keys = Set(members.map(\.key))
      if keys == ["value"] { return .constant(try string(value["value"], "\(path).value")) }
      if keys == ["column"] || keys == ["column", "codes"] {
        var codes: [Code]?
        if let table = value["codes"] {
          guard case .object(let pairs) = table else { throw failure("\(path).codes", "expected an object") }
          var parsed: [Code] = []
          for pair in pairs {
            parsed.append(Code(code: pair.key, value: try string(pair.value, "\(path).codes.\(pair.key)")))
          }
          codes = parsed
        }
        return .column(try string(value["column"], "\(path).column"), codes: codes)
      }
      if keys == ["cases"] || keys == ["cases", "default"] {
        guard case .array(let items)? = value["cases"], !items.isEmpty else {
          throw failure("\(path).cases", "expected a non-empty array")
        }
        var cases: [Case] = []
        for (index, item) in items.enumerated() {
          let itemPath = "\(path).cases[\(index)]"
          cases.append(
            Case(
              column: try string(item["column"], "\(itemPath).column"),
              code: try string(item["code"], "\(itemPath).code"),
              value: try string(item["value"], "\(itemPath).value")))
        }
        let fallback = try value["default"].map { (json: JSONValue) throws(InputError) in
          try string(json, "\(path).default")
        }
        return .cases(cases, fallback: fallback)
      }
      throw failure(path, "expected exactly one of: column (with optional codes), value, cases (with optional default)")
    }
    var fields: [String: Rule] = [:]
    if let value = document["fields"] {
      guard case .object(let members) = value else { throw failure("fields", "expected an object") }
      for member in members {
        guard BatchField(rawValue: member.key) != nil else {
          throw failure(
            "fields.\(member.key)",
            "unknown field; known: \(BatchField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        fields[member.key] = try rule(member.value, "fields.\(member.key)")
      }
    }
    var sites: [SiteColumns] = []
    if let value = document["sites"] {
      guard case .array(let items) = value else { throw failure("sites", "expected an array") }
      for (index, item) in items.enumerated() {
        let path = "sites[\(index)]"
        guard case .object(let members) = item else { throw failure(path, "expected an object") }
        let name = try string(item["site"], "\(path).site")
        guard let site = Site(rawValue: name) else {
          throw failure(
            "\(path).site", "unknown site '\(name)'; known: \(Site.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var siteFields: [(String, Rule)] = []
        for member in members where member.key != "site" && member.key != "prefix" {
          guard let field = BatchField(rawValue: member.key), field.isPerSite, field != .site else {
            throw failure(
              "\(path).\(member.key)",
              "unknown field; allowed: site, prefix, bmd, bmc, area, side, t_score_device, z_score_device")
          }
          siteFields.append((member.key, try rule(member.value, "\(path).\(member.key)")))
        }
        guard siteFields.contains(where: { $0.0 == "bmd" }) else { throw failure("\(path).bmd", "missing") }
        let prefix = try item["prefix"].map { (json: JSONValue) throws(InputError) in
          try string(json, "\(path).prefix")
        }
        sites.append(
          SiteColumns(
            site: site, prefix: prefix ?? site.rawValue.replacing("-", with: "_") + "_", fields: siteFields))
      }
      for field in fields.keys where BatchField(rawValue: field)?.isPerSite == true {
        throw failure("fields.\(field)", "is per site in a wide map: give it in each entry of sites")
      }
    }
    self.fields = fields
    self.sites = sites
  }
}

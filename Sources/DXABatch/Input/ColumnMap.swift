import DXACore

/// A `--map FILE`: how the columns of a file that is not in the long layout give the batch its fields.
///
/// ```json
/// {
///   "format": "dxa-batch-map/1",
///   "as_of": "2024-06-30",
///   "fields": {
///     "scan_id": "row",
///     "scan_date": { "column": "SCAN_DATE", "date_format": "MM/DD/YY hh:mm:ss", "missing": "01/00/00 00:00:00" },
///     "birth_date": { "column": "BIRTHDATE", "date_format": "MM/DD/YY hh:mm:ss", "missing": "01/00/00 00:00:00" },
///     "sex": { "column": "female", "codes": { "1": "female", "0": "male" } },
///     "ethnicity": { "cases": [ { "column": "black", "code": "1", "value": "black" },
///                               { "column": "hispanic", "code": "1", "value": "hispanic" } ] },
///     "manufacturer": { "value": "hologic" }
///   },
///   "rows": {
///     "keep": [ { "column": "SCAN_TYPE", "values": ["1", "2", "3"] } ],
///     "skip": [ { "column": "LAST_NAME", "matches": ["PHANTOM", "METAL HIP"] } ]
///   },
///   "sites": [
///     { "site": "l3", "bmd": "L3_BMD", "included": "L3_INCLUDED" },
///     { "site": "femoral-neck", "bmd": { "column": "NECK_BMD", "missing": ["0", "-1"] } }
///   ]
/// }
/// ```
/// With `sites` the file is wide: each row is one scan, each site adds its own output columns. Without it the map
/// renames columns of a long layout (and may still give date formats, missing values and row rules).
public struct ColumnMap: Sendable {
  public static let formatTag = "dxa-batch-map/1"

  /// Where one field's value comes from.
  public enum Rule: Sendable, Equatable {
    /// A column, with its codes, missing values and date format.
    case column(Column)
    /// The same value for every row.
    case constant(String)
    /// The first case whose column holds its code gives the value; otherwise `fallback` (or nothing).
    case cases([Case], fallback: String?)
  }

  /// A column and how its values read.
  public struct Column: Sendable, Equatable {
    public var name: String
    /// Translates values (`"1": "female"`); values not listed pass unchanged.
    public var codes: [Code]?
    /// Values that mean "no value" (`01/00/00 00:00:00`, `-1`): read as an empty field.
    public var missing: [String] = []
    /// How a date field (`birth_date`, `scan_date`) is written, when not `YYYY-MM-DD`.
    public var dateFormat: DatePattern?

    public init(_ name: String, codes: [Code]? = nil, missing: [String] = [], dateFormat: DatePattern? = nil) {
      self.name = name
      self.codes = codes
      self.missing = missing
      self.dateFormat = dateFormat
    }
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
    /// Per-site fields: `bmd` (required), `bmc`, `area`, `side`, `t_score_device`, `z_score_device`, `included`.
    public var fields: [(String, Rule)]
  }

  /// A rule that decides which rows are scored. A row is scored when every `keep` rule holds for it and no `skip`
  /// rule does; any other row is written with status `filtered` and counted, never dropped.
  public struct RowRule: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
      case keep, skip
    }

    public var action: Action
    public var column: String
    /// The rule holds when the value (without surrounding spaces) is one of these, exactly…
    public var values: [String]
    /// …or matches one of these patterns (ignoring case; `*` is any text).
    public var patterns: [NamePattern]
  }

  public var fields: [String: Rule]
  public var sites: [SiteColumns]
  public var rows: [RowRule]
  /// The date two-digit years of `scan_date` resolve against: a scan is not after it (the day of the export).
  public var asOf: CalendarDate?
}

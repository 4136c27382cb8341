import DXACore

/// The columns of the long layout, one row per scan and site. Other columns pass through untouched.
public enum BatchField: String, CaseIterable, Sendable {
  case patientID = "patient_id"
  case scanID = "scan_id"
  case scanDate = "scan_date"
  case birthDate = "birth_date"
  case age, sex, ethnicity, menopause, manufacturer, model, site, side, bmd, bmc, area
  case tScoreDevice = "t_score_device"
  case zScoreDevice = "z_score_device"
  /// Whether the site is included in the analysis (`1`/`0`, `yes`/`no`): an excluded site is not scored.
  case included
  /// For a lumbar-spine row: the vertebrae its total is of (`l1-l4`, `l2-l4`); empty means L1–L4.
  case vertebrae

  /// Fields that belong to one measured site; in a wide layout each site has its own.
  public var isPerSite: Bool {
    switch self {
    case .site, .side, .bmd, .bmc, .area, .tScoreDevice, .zScoreDevice, .included, .vertebrae: return true
    default: return false
    }
  }

  var ordinal: Int { caseIndex(self) }

  /// How many fields there are (`allCases.count` builds an array on each call).
  static let count = allCases.count
}

/// Where the value of a field comes from in a row.
enum ValueSource: Sendable {
  /// The field is not in the file.
  case absent
  /// A column, optionally with its codes translated (`1` → `female`) and values that mean "no value" read as
  /// empty (`01/00/00 00:00:00`).
  case column(index: Int, name: String, codes: [(code: [UInt8], value: [UInt8])]?, missing: [[UInt8]])
  /// The same value for every row (`"manufacturer": {"value": "hologic"}`).
  case constant(value: [UInt8], name: String)
  /// The first rule whose column holds its code gives the value (`black` = 1 → `black`); else `fallback`.
  case cases(rules: [(index: Int, code: [UInt8], value: [UInt8])], fallback: [UInt8]?, name: String)

  /// The name errors use for the field: the column's, or the map's field name.
  var name: String? {
    switch self {
    case .absent: return nil
    case .column(_, let name, _, _), .constant(_, let name), .cases(_, _, let name): return name
    }
  }

  var isPresent: Bool {
    if case .absent = self { return false }
    return true
  }
}

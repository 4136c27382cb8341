/// A JSON input file (`reference-data/` tables and conversion sets, facility files): it names its format and is
/// checked in full when read.
public protocol ReferenceDocument {
  /// The value of the document's `format` member.
  static var formatTag: String { get }
  /// Reads and checks a parsed document; errors name the path of the field at fault.
  init(document: JSONValue) throws(InputError)
}

extension ReferenceDocument {
  /// Reads a document from the JSON text of a file; `file` names it in errors (`file: curves[2].sd: …`).
  public init(json text: String, file: String) throws(InputError) {
    let document: JSONValue
    do {
      document = try JSONValue.parse(text)
    } catch {
      throw InputError(.reference, field: file, "not valid JSON: \(error)")
    }
    do {
      try self.init(document: document)
    } catch {
      throw InputError(.reference, field: "\(file): \(error.field)", error.message)
    }
  }
}

extension ReferenceTable: ReferenceDocument {
  /// The format tag every table file starts with.
  public static let formatTag = "dxa-reference/1"

  /// Reads a table. Everything is checked here, once: known sites and groups, SDs and means above zero, bands in
  /// order without overlap, no curve given twice. A table that loads is safe to score against.
  public init(document: JSONValue) throws(InputError) {
    self.document = document
    let reader = try JSONFieldReader(document, path: "", errorKind: .reference)
    try reader.rejectUnknownKeys(allowed: [
      "format", "id", "version", "title", "population", "kind", "scale", "units", "citation", "status",
      "availability", "manufacturer", "youngAdultAge", "notes", "curves",
    ])
    try reader.requireFormat(Self.formatTag)
    id = try reader.string("id")
    guard id.unicodeScalars.allSatisfy({ "abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars.contains($0) }) else {
      throw reader.failure("id", "use lower-case letters, digits and '-' only")
    }
    version = try reader.string("version")
    title = try reader.string("title")
    population = try reader.string("population")
    kind = try reader.choice("kind", Kind.self)
    let scaleText = try reader.string("scale")
    guard let scale = MeasurementScale(rawValue: scaleText) else {
      throw reader.failure(
        "scale", "'\(scaleText)' is not one of: \(MeasurementScale.allRawValues.joined(separator: ", "))")
    }
    self.scale = scale
    units = try reader.string("units")
    let expectedUnits = scale == .standardized ? "mg/cm2" : "g/cm2"
    guard units == expectedUnits else {
      throw reader.failure("units", "must be \(expectedUnits) for scale \(scale.rawValue)")
    }
    citation = try reader.string("citation")
    status = try reader.choice("status", ConfirmationStatus.self)
    availability = try reader.choice("availability", Availability.self)
    if status == .unconfirmed && availability == .default {
      throw reader.failure("availability", "a table with unconfirmed numbers must be \"on-request\"")
    }
    manufacturer = try reader.optionalChoice("manufacturer", Manufacturer.self)
    if let manufacturer, scale != .manufacturer(manufacturer) {
      throw reader.failure(
        "manufacturer", "a maker's own database is on that maker's scale; this table's scale is \(scale.rawValue)")
    }
    youngAdultAge = try reader.optionalDecimal("youngAdultAge")
    if youngAdultAge != nil && kind == .youngAdult {
      throw reader.failure("youngAdultAge", "only age-band and LMS tables name a young-adult age")
    }
    notes = try reader.strings("notes")
    curves = []
    for curveReader in try reader.objects("curves") {
      let curve = try ReferenceCurve(curveReader, kind: kind, tableStatus: status)
      if curves.contains(where: {
        $0.site == curve.site && $0.sex == curve.sex && $0.ethnicity == curve.ethnicity
          && $0.vertebrae == curve.vertebrae
      }) {
        let combination = curve.vertebrae.map { ", \($0.identifier)" } ?? ""
        throw curveReader.failure(
          "site",
          "a second curve for \(curve.site.rawValue)\(combination), \(curve.sex.rawValue), \(curve.ethnicity.rawValue)")
      }
      if curve.status.isWeaker(than: status) {
        throw curveReader.failure(
          "status", "is weaker than the table's status \(status.rawValue); the table states its weakest")
      }
      curves.append(curve)
    }
    guard !curves.isEmpty else { throw reader.failure("curves", "must hold at least one curve") }
  }
}

extension ReferenceCurve {
  fileprivate init(_ reader: JSONFieldReader, kind: ReferenceTable.Kind, tableStatus: ConfirmationStatus)
    throws(InputError)
  {
    let valueKeys: Set<String>
    switch kind {
    case .youngAdult: valueKeys = ["mean", "sd"]
    case .ageBands: valueKeys = ["bands"]
    case .lms: valueKeys = ["points"]
    }
    try reader.rejectUnknownKeys(
      allowed: valueKeys.union(["site", "vertebrae", "sex", "ethnicity", "status", "source"]))
    site = try reader.choice("site", Site.self)
    vertebrae = nil
    if let label = try reader.optionalString("vertebrae") {
      guard site == .lumbarSpine else { throw reader.failure("vertebrae", "applies to lumbar-spine curves only") }
      guard let set = VertebralSet(label: label), set.members.count >= 2 else {
        throw reader.failure("vertebrae", "'\(label)' is not a combination of two or more vertebrae such as l2-l4")
      }
      // L1–L4 is the lumbar-spine curve itself.
      vertebrae = set == .all ? nil : set
    }
    sex = try reader.choice("sex", Sex.self)
    ethnicity = try reader.choice("ethnicity", Ethnicity.self)
    status = try reader.optionalChoice("status", ConfirmationStatus.self) ?? tableStatus
    source = try reader.optionalString("source")
    switch kind {
    case .youngAdult:
      values = .youngAdult(mean: try reader.positiveDecimal("mean"), sd: try reader.positiveDecimal("sd"))
    case .ageBands:
      values = .bands(try Self.readBands(reader, curveStatus: status))
    case .lms:
      values = .lms(try Self.readPoints(reader))
    }
  }

  private static func readBands(_ reader: JSONFieldReader, curveStatus: ConfirmationStatus) throws(InputError)
    -> [AgeBand]
  {
    var bands: [AgeBand] = []
    for bandReader in try reader.objects("bands") {
      try bandReader.rejectUnknownKeys(allowed: ["label", "from", "under", "mean", "sd", "status"])
      let band = AgeBand(
        label: try bandReader.string("label"),
        from: try bandReader.decimal("from"),
        under: try bandReader.optionalDecimal("under"),
        mean: try bandReader.positiveDecimal("mean"),
        sd: try bandReader.positiveDecimal("sd"),
        status: try bandReader.optionalChoice("status", ConfirmationStatus.self) ?? curveStatus
      )
      guard band.from.significand >= 0 else { throw bandReader.failure("from", "an age cannot be negative") }
      if let under = band.under, under <= band.from {
        throw bandReader.failure("under", "must be greater than from (\(band.from))")
      }
      if let previous = bands.last {
        guard let previousUnder = previous.under, previousUnder <= band.from else {
          throw bandReader.failure("from", "overlaps the band before it (\(previous.label)); list bands in age order")
        }
      }
      if band.status.isWeaker(than: curveStatus) {
        throw bandReader.failure("status", "is weaker than the curve's status \(curveStatus.rawValue)")
      }
      bands.append(band)
    }
    guard !bands.isEmpty else { throw reader.failure("bands", "must hold at least one band") }
    return bands
  }

  private static func readPoints(_ reader: JSONFieldReader) throws(InputError) -> [LMSPoint] {
    var points: [LMSPoint] = []
    for pointReader in try reader.objects("points") {
      try pointReader.rejectUnknownKeys(allowed: ["age", "l", "m", "sd"])
      let point = LMSPoint(
        age: try pointReader.decimal("age"),
        l: try pointReader.decimal("l"),
        m: try pointReader.positiveDecimal("m"),
        sd: try pointReader.positiveDecimal("sd")
      )
      guard point.age.significand >= 0 else { throw pointReader.failure("age", "an age cannot be negative") }
      guard point.l.significand != 0 else { throw pointReader.failure("l", "must not be 0") }
      if let previous = points.last, previous.age >= point.age {
        throw pointReader.failure("age", "ages must increase from point to point")
      }
      points.append(point)
    }
    guard points.count >= 2 else { throw reader.failure("points", "an LMS curve needs at least two age points") }
    return points
  }
}

extension ConfirmationStatus {
  /// Verified is strongest, then secondary, derived, unconfirmed.
  func isWeaker(than other: ConfirmationStatus) -> Bool { rank > other.rank }

  private var rank: Int {
    switch self {
    case .verified: return 0
    case .secondary: return 1
    case .derived: return 2
    case .unconfirmed: return 3
    }
  }
}

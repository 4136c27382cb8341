extension Facility: ReferenceDocument {
  /// The format tag every facility file starts with.
  public static let formatTag = "dxa-facility/1"

  /// Reads a facility file. Everything is checked here: unique scanner ids, every scanner id named by a calibration
  /// or a precision figure defined, known makers and sites, positive slopes and precisions, no figure given twice.
  public init(document: JSONValue) throws(InputError) {
    let reader = try JSONFieldReader(document, path: "", errorKind: .reference)
    try reader.rejectUnknownKeys(allowed: [
      "format", "name", "patient_identifier_system", "bills_components_separately", "scanners", "cross_calibrations",
      "precision", "treated_follow_up_months", "glucocorticoid_follow_up_months",
    ])
    try reader.requireFormat(Self.formatTag)
    name = try reader.optionalString("name")
    patientIdentifierSystem = try reader.optionalString("patient_identifier_system")
    if let system = patientIdentifierSystem {
      let isURI = ["http://", "https://", "urn:oid:", "urn:uuid:"].contains { system.hasPrefix($0) }
      guard isURI, !system.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
        throw reader.failure(
          "patient_identifier_system",
          "'\(system)' is not a URI for an identifier system (http://, https://, urn:oid: or urn:uuid:, no spaces)")
      }
    }
    billsComponentsSeparately = try reader.bool("bills_components_separately", default: false)
    scanners = []
    for scannerReader in try reader.optionalObjects("scanners") {
      let scanner = try Scanner(scannerReader)
      if scanners.contains(where: { $0.id == scanner.id }) {
        throw scannerReader.failure("id", "a second scanner '\(scanner.id)'; scanner ids must be unique")
      }
      scanners.append(scanner)
    }
    let scannerIDs = scanners.map(\.id)
    var calibrations: [CrossCalibration] = []
    for calibrationReader in try reader.optionalObjects("cross_calibrations") {
      let calibration = try CrossCalibration(calibrationReader, scannerIDs: scannerIDs)
      if calibrations.contains(where: {
        $0.from == calibration.from && $0.to == calibration.to && $0.site == calibration.site
      }) {
        throw calibrationReader.failure(
          "site", "a second calibration from \(calibration.from) to \(calibration.to) for \(calibration.site.rawValue)")
      }
      calibrations.append(calibration)
    }
    crossCalibrations = calibrations
    var figures: [PrecisionFigure] = []
    for figureReader in try reader.optionalObjects("precision") {
      let figure = try PrecisionFigure(figureReader, scannerIDs: scannerIDs)
      if figures.contains(where: { $0.isSameMeasurement(as: figure) }) {
        throw figureReader.failure(
          "site", "a second figure for \(figure.region) on \(figure.scanner.map { "scanner \($0)" } ?? "any scanner")")
      }
      figures.append(figure)
    }
    precision = figures
    treatedFollowUpMonths = try reader.optionalMonths("treated_follow_up_months")
    glucocorticoidFollowUpMonths = try reader.optionalMonths("glucocorticoid_follow_up_months")
  }

  /// The facility file: the keys of the format in its order, absent optional fields left out, numbers as written.
  /// Reading it back gives an equal facility, and rendering that gives the same text.
  public var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [("format", .string(Self.formatTag))]
    if let name { members.append(("name", .string(name))) }
    if let patientIdentifierSystem { members.append(("patient_identifier_system", .string(patientIdentifierSystem))) }
    members.append(("bills_components_separately", .bool(billsComponentsSeparately)))
    members.append(("scanners", .array(scanners.map(\.json))))
    members.append(("cross_calibrations", .array(crossCalibrations.map(\.json))))
    members.append(("precision", .array(precision.map(\.json))))
    if let treatedFollowUpMonths {
      members.append(("treated_follow_up_months", .number(String(treatedFollowUpMonths))))
    }
    if let glucocorticoidFollowUpMonths {
      members.append(("glucocorticoid_follow_up_months", .number(String(glucocorticoidFollowUpMonths))))
    }
    return .object(members)
  }
}

extension Scanner {
  fileprivate init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["id", "manufacturer", "model", "serial_number"])
    id = try reader.identifier("id")
    manufacturer = try reader.choice("manufacturer", Manufacturer.self)
    model = try reader.optionalString("model")
    serialNumber = try reader.optionalString("serial_number")
  }

  var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("id", .string(id)), ("manufacturer", .string(manufacturer.rawValue)),
    ]
    if let model { members.append(("model", .string(model))) }
    if let serialNumber { members.append(("serial_number", .string(serialNumber))) }
    return .object(members)
  }
}

extension CrossCalibration {
  fileprivate init(_ reader: JSONFieldReader, scannerIDs: [String]) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["from", "to", "site", "slope", "intercept", "source"])
    from = try reader.scannerReference("from", scannerIDs: scannerIDs)
    to = try reader.scannerReference("to", scannerIDs: scannerIDs)
    guard from != to else { throw reader.failure("to", "must name another scanner than from (\(from))") }
    site = try reader.choice("site", Site.self)
    slope = try reader.positiveDecimal("slope")
    intercept = try reader.decimal("intercept")
    source = try reader.optionalString("source")
  }

  var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("from", .string(from)), ("to", .string(to)), ("site", .string(site.rawValue)), ("slope", .decimal(slope)),
      ("intercept", .decimal(intercept)),
    ]
    if let source { members.append(("source", .string(source))) }
    return .object(members)
  }
}

extension PrecisionFigure {
  fileprivate init(_ reader: JSONFieldReader, scannerIDs: [String]) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: [
      "scanner", "site", "vertebrae", "rms_sd", "percent_cv", "patients", "scans_per_patient", "degrees_of_freedom",
      "study_date",
    ])
    let namesScanner = try reader.optionalString("scanner") != nil
    scanner = namesScanner ? try reader.scannerReference("scanner", scannerIDs: scannerIDs) : nil
    site = try reader.choice("site", Site.self)
    if let label = try reader.optionalString("vertebrae") {
      guard site == .lumbarSpine else {
        throw reader.failure("vertebrae", "only a lumbar-spine figure names vertebrae")
      }
      guard let set = VertebralSet(label: label) else {
        throw reader.failure("vertebrae", "'\(label)' is not a set of L1–L4 (such as l1-l4, l2-l4 or l1,l3)")
      }
      vertebrae = set
    } else {
      vertebrae = nil
    }
    rmsSD = try reader.positiveDecimal("rms_sd")
    guard rmsSD < ExactDecimal(1) else {
      throw reader.failure("rms_sd", "\(rmsSD) is not an RMS-SD in g/cm² (expected well below 1, such as 0.010)")
    }
    percentCV = try reader.optionalDecimal("percent_cv")
    if let percentCV, percentCV.significand <= 0 {
      throw reader.failure("percent_cv", "must be greater than 0, found \(percentCV)")
    }
    patients = try reader.optionalCount("patients", minimum: 1)
    scansPerPatient = try reader.optionalCount("scans_per_patient", minimum: 2)
    degreesOfFreedom = try reader.optionalCount("degrees_of_freedom", minimum: 1)
    studyDate = try reader.optionalDate("study_date")
  }

  var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    if let scanner { members.append(("scanner", .string(scanner))) }
    members.append(("site", .string(site.rawValue)))
    if let vertebrae { members.append(("vertebrae", .string(vertebrae.identifier))) }
    members.append(("rms_sd", .decimal(rmsSD)))
    if let percentCV { members.append(("percent_cv", .decimal(percentCV))) }
    if let patients { members.append(("patients", .number(String(patients)))) }
    if let scansPerPatient { members.append(("scans_per_patient", .number(String(scansPerPatient)))) }
    if let degreesOfFreedom { members.append(("degrees_of_freedom", .number(String(degreesOfFreedom)))) }
    if let studyDate { members.append(("study_date", .string(studyDate))) }
    return .object(members)
  }
}

extension JSONFieldReader {
  /// An id of lower-case letters, digits and '-', as scanner ids are.
  fileprivate func identifier(_ key: String) throws(InputError) -> String {
    let id = try string(key)
    guard id.unicodeScalars.allSatisfy({ "abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars.contains($0) }) else {
      throw failure(key, "'\(id)': use lower-case letters, digits and '-' only")
    }
    return id
  }

  fileprivate func scannerReference(_ key: String, scannerIDs: [String]) throws(InputError) -> String {
    let id = try string(key)
    guard scannerIDs.contains(id) else {
      let known = scannerIDs.isEmpty ? "the file lists no scanners" : "scanners: \(scannerIDs.joined(separator: ", "))"
      throw failure(key, "no scanner '\(id)'; \(known)")
    }
    return id
  }

  /// A whole number of at least `minimum`, written without a point.
  fileprivate func optionalCount(_ key: String, minimum: Int) throws(InputError) -> Int? {
    guard let value = try optionalDecimal(key) else { return nil }
    guard value.scale == 0, value.significand >= minimum, let count = Int(exactly: value.significand) else {
      throw failure(key, "must be a whole number of at least \(minimum), found \(value)")
    }
    return count
  }

  /// A follow-up interval: a whole number of months, 1 to 120.
  fileprivate func optionalMonths(_ key: String) throws(InputError) -> Int? {
    guard let value = try optionalDecimal(key) else { return nil }
    guard value.scale == 0, (1...FollowUpPolicy.maximumMonths).contains(value.significand) else {
      throw failure(key, "must be a whole number of months, 1–\(FollowUpPolicy.maximumMonths), found \(value)")
    }
    return Int(value.significand)
  }

  /// A calendar date written `YYYY-MM-DD`.
  fileprivate func optionalDate(_ key: String) throws(InputError) -> String? {
    guard let text = try optionalString(key) else { return nil }
    guard CalendarDate(text) != nil else { throw failure(key, "is not a date written YYYY-MM-DD") }
    return text
  }
}

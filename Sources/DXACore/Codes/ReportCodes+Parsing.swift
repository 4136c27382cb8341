extension ReportCodes: ReferenceDocument {
  /// The format tag of a code file.
  public static let formatTag = "dxa-codes/1"

  /// Reads a code file. Every code must name its system, source and status, and every site must be listed (with no
  /// LOINC codes when it has none), so that a missing entry is a load error rather than a silently uncoded site.
  public init(document: JSONValue) throws(InputError) {
    let reader = try JSONFieldReader(document, path: "", errorKind: .reference)
    try reader.rejectUnknownKeys(allowed: [
      "format", "id", "version", "title", "citation", "status", "notes", "report", "laterality", "findings", "sites",
      "localSystem",
    ])
    try reader.requireFormat(Self.formatTag)
    id = try reader.string("id")
    version = try reader.string("version")
    title = try reader.string("title")
    citation = try reader.string("citation")
    status = try reader.choice("status", ConfirmationStatus.self)
    notes = try reader.strings("notes")
    localSystem = try reader.string("localSystem")
    guard localSystem.hasPrefix("http://") || localSystem.hasPrefix("https://") || localSystem.hasPrefix("urn:") else {
      throw reader.failure("localSystem", "must be a URI, such as urn:dxa:observation-code")
    }

    let report = try reader.object("report")
    try report.rejectUnknownKeys(allowed: ["code", "category"])
    reportCode = try Code(report.object("code"))
    reportCategory = try Code(report.object("category"))

    let lateralityReader = try reader.object("laterality")
    try lateralityReader.rejectUnknownKeys(allowed: Set(["attribute"] + Side.allCases.map(\.rawValue)))
    lateralityAttribute = try Code(lateralityReader.object("attribute"))
    laterality = [:]
    for side in Side.allCases { laterality[side] = try Code(lateralityReader.object(side.rawValue)) }

    findings = [:]
    for finding in try reader.objects("findings") {
      try finding.rejectUnknownKeys(allowed: ["category", "code"])
      let category = try finding.choice("category", Category.self)
      guard findings[category] == nil else { throw finding.failure("category", "listed twice") }
      findings[category] = try Code(finding.object("code"))
    }

    sites = [:]
    for siteReader in try reader.objects("sites") {
      let codes = try SiteCodes(siteReader)
      guard sites[codes.site] == nil else { throw siteReader.failure("site", "listed twice") }
      sites[codes.site] = codes
    }
    if let missing = Site.allCases.first(where: { sites[$0] == nil }) {
      throw reader.failure("sites", "no entry for \(missing.rawValue); list every site, without codes if it has none")
    }
    if let weaker = allCodes.first(where: { $0.code.status.isWeaker(than: status) }) {
      throw reader.failure("status", "\(weaker.name) is \(weaker.code.status.rawValue); the file states its weakest")
    }
  }
}

extension ReportCodes.Code {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["system", "code", "display", "status", "source"])
    system = try reader.string("system")
    guard system.hasPrefix("http://") || system.hasPrefix("https://") || system.hasPrefix("urn:") else {
      throw reader.failure("system", "must be the code system's URI, such as http://loinc.org")
    }
    code = try reader.string("code")
    guard !code.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
      throw reader.failure("code", "must not contain spaces")
    }
    display = try reader.optionalString("display")
    status = try reader.choice("status", ConfirmationStatus.self)
    if status == .unconfirmed {
      throw reader.failure("status", "an unconfirmed code is never written into a report")
    }
    source = try reader.string("source")
  }
}

extension ReportCodes.SiteCodes {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["site", "loincTerm", "bodySite", "loinc", "loincLeft", "loincRight"])
    site = try reader.choice("site", Site.self)
    loincTerm = try reader.optionalString("loincTerm")
    if let bodySiteReader = try reader.optionalObject("bodySite") {
      bodySite = try ReportCodes.Code(bodySiteReader)
    } else {
      bodySite = nil
    }
    loinc = try Self.measures(reader, "loinc")
    loincBySide = [:]
    for side in Side.allCases {
      let key = side == .left ? "loincLeft" : "loincRight"
      let codes = try Self.measures(reader, key)
      if !codes.isEmpty {
        guard !loinc.isEmpty else { throw reader.failure(key, "side-specific codes need the codes without side too") }
        loincBySide[side] = codes
      }
    }
    if (loincTerm == nil) != loinc.isEmpty {
      throw reader.failure("loincTerm", "name the LOINC term exactly when the site has LOINC codes")
    }
  }

  /// The `bmd`, `t-score` and `z-score` codes of the object `key`: all three or, when the key is absent, none.
  private static func measures(_ reader: JSONFieldReader, _ key: String) throws(InputError)
    -> [ReportCodes.Measure: ReportCodes.Code]
  {
    guard reader.value(key) != nil else { return [:] }
    let object = try reader.object(key)
    try object.rejectUnknownKeys(allowed: Set(ReportCodes.Measure.allCases.map(\.rawValue)))
    var codes: [ReportCodes.Measure: ReportCodes.Code] = [:]
    for measure in ReportCodes.Measure.allCases {
      codes[measure] = try ReportCodes.Code(object.object(measure.rawValue))
    }
    return codes
  }
}

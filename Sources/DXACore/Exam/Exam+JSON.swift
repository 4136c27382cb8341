extension Exam {
  /// The format tag an exam file may carry (`"format": "dxa-exam/1"`); files without it are read as this format.
  public static let formatTag = "dxa-exam/1"

  /// Reads an exam file. Every field is checked here: unknown fields, types, sites, sides, dates, duplicate regions
  /// and plausible values; with `conditions`, every condition code of the risk factors against that list (without
  /// it, codes are checked for their form only, and ``checkConditions(in:)`` checks them later). Errors are data
  /// errors naming `file: path.to.field`.
  public init(json text: String, file: String, conditions: ConditionCatalog? = nil) throws(InputError) {
    let document: JSONValue
    do {
      document = try JSONValue.parse(text)
    } catch {
      throw InputError(.data, field: file, "not valid JSON: \(error)")
    }
    do {
      try self.init(document: document)
      if let conditions { try checkConditions(in: conditions) }
    } catch {
      throw InputError(.data, field: "\(file): \(error.field)", error.message)
    }
  }

  public init(document: JSONValue) throws(InputError) {
    let reader = try JSONFieldReader(document, path: "", errorKind: .data)
    try reader.rejectUnknownKeys(allowed: [
      "format", "patient", "scan", "measurements", "history", "frax", "tbs", "vfa", "risk_factors",
      "technical_quality", "payer",
    ])
    if reader.value("format") != nil { try reader.requireFormat(Exam.formatTag) }
    let patient = try Patient(try reader.object("patient"))
    let scan = try ScanInfo(try reader.object("scan"))
    var measurements: [Measurement] = []
    for row in try reader.objects("measurements") {
      measurements.append(try Measurement(row))
    }
    if measurements.isEmpty { throw reader.failure("measurements", "must list at least one measured site") }
    let history = try reader.optionalObject("history").map { reader throws(InputError) in try History(reader) }
    let frax = try reader.optionalObject("frax").map { reader throws(InputError) in try FRAXResult(reader) }
    let tbs = try reader.optionalObject("tbs").map { reader throws(InputError) in try TBSResult(reader) }
    var vfa: VFAFindings?
    if let vfaReader = try reader.optionalObject("vfa") {
      let (findings, performed) = try VFAFindings.read(vfaReader)
      if let performed, performed != scan.vertebralFractureAssessment {
        throw vfaReader.failure("performed", "contradicts scan.vertebral_fracture_assessment; give the same answer")
      }
      if performed != false, !scan.vertebralFractureAssessment {
        throw reader.failure("vfa", "VFA findings are given, so set scan.vertebral_fracture_assessment to true")
      }
      vfa = performed == false ? nil : findings
    }
    let riskFactors = try reader.optionalObject("risk_factors").map { reader throws(InputError) in
      try RiskFactors(reader)
    }
    let technicalQuality = try reader.optionalObject("technical_quality").map { reader throws(InputError) in
      try TechnicalQuality(reader)
    }
    var payer: PayerID?
    if let text = try reader.optionalString("payer") {
      guard let id = PayerID(rawValue: text) else {
        throw reader.failure(
          "payer",
          "must be a payer id of lowercase letters, digits and hyphens (\(PayerID.named.map(\.rawValue).joined(separator: ", ")) or one a site adds)"
        )
      }
      payer = id
    }
    self.init(
      patient: patient, scan: scan, measurements: measurements, history: history ?? History(), frax: frax, tbs: tbs,
      vfa: vfa, riskFactors: riskFactors, technicalQuality: technicalQuality, payer: payer)
    try checkConsistency()
  }

  /// Every condition of the risk factors must be in `catalog` (the shipped conditions and a site's own).
  public func checkConditions(in catalog: ConditionCatalog) throws(InputError) {
    for (index, code) in (riskFactors?.conditions ?? []).enumerated() where catalog[code] == nil {
      throw InputError(
        .data, field: "risk_factors.conditions[\(index)]",
        "is not a known condition; known: \(catalog.codes.map(\.rawValue).joined(separator: ", ")) (a site adds its own in a conditions file)"
      )
    }
  }

  /// Rules that need more than one field: birth before the scan, one row per region, sides where they belong.
  private func checkConsistency() throws(InputError) {
    if let birthDate = patient.birthDate, birthDate > scan.date {
      throw InputError(.data, field: "patient.birth_date", "is after the scan date")
    }
    if patient.birthDate == nil, patient.age == nil {
      throw InputError(.data, field: "patient", "give birth_date or age")
    }
    if !PlausibleRange.age.contains(age) {
      throw InputError(.data, field: "patient.age", "must be between 0 and 120 years, found \(age)")
    }
    var seen: [String: Int] = [:]
    for (index, measurement) in measurements.enumerated() {
      let key = measurement.displayName
      if let first = seen[key] {
        throw InputError(
          .data, field: "measurements[\(index)].site",
          "\(key) is measured twice (also measurements[\(first)]); give each region once, with side for hips and forearms"
        )
      }
      seen[key] = index
    }
    let birth = patient.birthDate
    for (index, fracture) in history.fractures.enumerated() {
      if let fractureAge = fracture.age, fractureAge > age {
        throw InputError(
          .data, field: "history.fractures[\(index)].age", "\(fractureAge) is older than the patient (\(age))")
      }
      guard let date = fracture.date else { continue }
      if date > scan.date {
        throw InputError(.data, field: "history.fractures[\(index)].date", "is after the scan date")
      }
      if let birth, date < birth {
        throw InputError(.data, field: "history.fractures[\(index)].date", "is before the birth date")
      }
    }
    for (field, date) in [
      ("history.prior_covered_scan_date", history.priorCoveredScanDate),
      ("history.prior_osteoporosis_diagnosis", history.priorOsteoporosisDiagnosis),
      ("history.therapy.start_date", history.therapy?.startDate),
    ] {
      guard let date else { continue }
      if date > scan.date {
        throw InputError(.data, field: field, "is after the scan date")
      }
      if let birth, date < birth {
        throw InputError(.data, field: field, "is before the birth date")
      }
    }
  }

  /// Dates later than `today` are mistakes (a report is never written ahead of its scan).
  public func checkDates(notAfter today: CalendarDate) throws(InputError) {
    if scan.date > today {
      throw InputError(.data, field: "scan.date", "is in the future (after the report date)")
    }
    if let birth = patient.birthDate, birth > today {
      throw InputError(.data, field: "patient.birth_date", "is in the future (after the report date)")
    }
  }
}

extension Patient {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: [
      "id", "name", "sex", "birth_date", "age", "ethnicity", "menopause", "gender_identity", "weight_kg", "height_cm",
    ])
    let sex = try reader.choice("sex", Sex.self)
    let menopause = try reader.optionalChoice("menopause", MenopausalStatus.self)
    if sex == .male, let menopause {
      throw reader.failure("menopause", "'\(menopause.rawValue)' was given for a man; it applies to women only")
    }
    self.init(
      id: try reader.string("id"), name: try reader.optionalString("name"), sex: sex,
      birthDate: try reader.optionalDate("birth_date"), age: try reader.optionalDecimal("age"),
      ethnicity: try reader.optionalChoice("ethnicity", Ethnicity.self), menopause: menopause,
      genderIdentity: try reader.optionalChoice("gender_identity", GenderIdentity.self),
      weightKilograms: try reader.optionalPositiveDecimal("weight_kg"),
      heightCentimetres: try reader.optionalPositiveDecimal("height_cm"))
    if birthDate != nil, age != nil {
      throw reader.failure("age", "give birth_date or age, not both")
    }
  }
}

extension ScanInfo {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: [
      "id", "date", "manufacturer", "model", "serial_number", "software_version", "scanner_id", "indication",
      "indications", "referring_provider", "technologist", "technical_notes", "vertebral_fracture_assessment",
      "radius_reason",
    ])
    var indications: [Indication] = []
    for (index, text) in try reader.strings("indications").enumerated() {
      guard let indication = Indication(rawValue: text) else {
        throw InputError(
          .data, field: "\(reader.fieldPath("indications"))[\(index)]",
          "'\(text)' is not one of: \(Indication.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      indications.append(indication)
    }
    self.init(
      id: try reader.string("id"), date: try reader.date("date"),
      manufacturer: try reader.optionalChoice("manufacturer", Manufacturer.self),
      model: try reader.optionalString("model"), serialNumber: try reader.optionalString("serial_number"),
      softwareVersion: try reader.optionalString("software_version"),
      scannerID: try reader.optionalString("scanner_id"), indication: try reader.optionalString("indication"),
      indications: indications, referringProvider: try reader.optionalString("referring_provider"),
      technologist: try reader.optionalString("technologist"),
      technicalNotes: try reader.optionalString("technical_notes"),
      vertebralFractureAssessment: try reader.bool("vertebral_fracture_assessment", default: false),
      radiusReason: try reader.optionalChoice("radius_reason", RadiusReason.self))
  }
}

extension Measurement {
  /// Regions that come in a left and a right.
  static let sidedSites: Set<Site> = [.femoralNeck, .totalHip, .trochanter, .intertrochanter, .wards, .radius33]

  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: [
      "site", "side", "bmd", "bmc", "area", "included", "exclusion_reason", "t_score_device", "z_score_device",
      "vertebrae",
    ])
    let site = try reader.choice("site", Site.self)
    let side = try reader.optionalChoice("side", Side.self)
    if side != nil, !Measurement.sidedSites.contains(site) {
      throw reader.failure("side", "\(site.displayName) has no side; side is for hips and forearms")
    }
    let bmd = try reader.optionalDecimal("bmd")
    if let bmd {
      do { try PlausibleRange.checkBMD(bmd) } catch { throw reader.failure("bmd", error.message) }
    }
    let bmc = try reader.optionalPositiveDecimal("bmc")
    let area = try reader.optionalPositiveDecimal("area")
    if bmd == nil, bmc == nil || area == nil {
      throw reader.failure("bmd", "missing; give bmd, or bmc and area")
    }
    let isIncluded = try reader.bool("included", default: true)
    let exclusionReason = try reader.optionalString("exclusion_reason")
    if !VertebralSet.all.members.contains(site), reader.value("included") != nil || exclusionReason != nil {
      throw reader.failure(
        reader.value("included") != nil ? "included" : "exclusion_reason", "applies to vertebrae l1–l4 only")
    }
    if isIncluded, exclusionReason != nil {
      throw reader.failure("exclusion_reason", "given for an included vertebra; set \"included\": false")
    }
    var vertebrae: VertebralSet?
    if let label = try reader.optionalString("vertebrae") {
      guard site == .lumbarSpine else {
        throw reader.failure("vertebrae", "applies to the lumbar-spine row only (the vertebrae its total is for)")
      }
      guard let set = VertebralSet(label: label) else {
        throw reader.failure("vertebrae", "'\(label)' is not a set of vertebrae such as l1-l4 or l2-l4")
      }
      vertebrae = set
    }
    self.init(
      site: site, side: side, bmd: bmd, bmc: bmc, area: area, isIncluded: isIncluded,
      exclusionReason: exclusionReason, deviceTScore: try reader.optionalScore("t_score_device"),
      deviceZScore: try reader.optionalScore("z_score_device"), vertebrae: vertebrae)
  }
}

extension History {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: [
      "fragility_fractures", "fractures", "glucocorticoids", "therapy", "prior_covered_scan_date",
      "prior_osteoporosis_diagnosis",
    ])
    var fractures: [Fracture] = []
    for key in ["fragility_fractures", "fractures"] {
      for fracture in try reader.optionalObjects(key) {
        try fracture.rejectUnknownKeys(allowed: ["site", "date", "age", "fragility", "current"])
        let date = try fracture.optionalDate("date")
        let age = try fracture.optionalDecimal("age")
        if let age, !PlausibleRange.age.contains(age) {
          throw fracture.failure("age", "must be between 0 and 120 years, found \(age)")
        }
        if date != nil, age != nil { throw fracture.failure("age", "give date or age, not both") }
        fractures.append(
          Fracture(
            site: try fracture.choice("site", FractureSite.self), date: date, age: age,
            isFragility: try fracture.bool("fragility", default: key == "fragility_fractures"),
            isCurrent: try fracture.bool("current", default: false)))
      }
    }
    let glucocorticoids = try reader.optionalObject("glucocorticoids").map { reader throws(InputError) in
      try reader.rejectUnknownKeys(allowed: ["months", "prednisone_mg_per_day", "current"])
      return Glucocorticoids(
        months: try reader.optionalWholeNumber("months"),
        prednisoneMilligramsPerDay: try reader.optionalPositiveDecimal("prednisone_mg_per_day"),
        isCurrent: try reader.bool("current", default: true))
    }
    let therapy = try reader.optionalObject("therapy").map { reader throws(InputError) in
      try reader.rejectUnknownKeys(allowed: ["drug", "class", "start_date"])
      return Therapy(
        drug: try reader.string("drug"), drugClass: try reader.choice("class", TherapyClass.self),
        startDate: try reader.optionalDate("start_date"))
    }
    self.init(
      fractures: fractures, glucocorticoids: glucocorticoids, therapy: therapy,
      priorCoveredScanDate: try reader.optionalDate("prior_covered_scan_date"),
      priorOsteoporosisDiagnosis: try reader.optionalDate("prior_osteoporosis_diagnosis"))
  }
}

extension VFAFindings {
  /// The findings, and `performed` when the file states it. Fractures must lie in the vertebrae assessed, and
  /// "no fracture" cannot stand beside a fracture.
  static func read(_ reader: JSONFieldReader) throws(InputError) -> (findings: VFAFindings, performed: Bool?) {
    try reader.rejectUnknownKeys(allowed: ["performed", "vertebrae_assessed", "no_fracture", "vertebral_fractures"])
    let performed: Bool? = reader.value("performed") == nil ? nil : try reader.bool("performed", default: true)
    var assessed: VertebralRange?
    if let text = try reader.optionalString("vertebrae_assessed") {
      guard let range = VertebralRange(text: text) else {
        throw reader.failure(
          "vertebrae_assessed", "must be a run of vertebrae from top to bottom, T1–T12 and L1–L5, such as t4-l4")
      }
      assessed = range
    }
    var found: [VertebralFractureFinding] = []
    for (index, row) in try reader.optionalObjects("vertebral_fractures").enumerated() {
      try row.rejectUnknownKeys(allowed: ["vertebra", "genant_grade"])
      let text = try row.string("vertebra")
      guard let vertebra = VertebralLevel(text) else {
        throw row.failure("vertebra", "'\(text)' is not a vertebra T1–T12 or L1–L5 (write it as t12 or L1)")
      }
      let number = try row.decimal("genant_grade")
      guard let whole = number.wholeNumber, let grade = GenantGrade(rawValue: Int(whole)) else {
        throw row.failure("genant_grade", "must be 1 (mild), 2 (moderate) or 3 (severe), found \(number)")
      }
      if found.contains(where: { $0.vertebra == vertebra }) {
        throw InputError(
          .data, field: "\(reader.fieldPath("vertebral_fractures"))[\(index)].vertebra", "\(vertebra) is listed twice")
      }
      if let assessed, !assessed.contains(vertebra) {
        throw row.failure("vertebra", "\(vertebra) is outside the vertebrae assessed (\(assessed))")
      }
      found.append(VertebralFractureFinding(vertebra: vertebra, grade: grade))
    }
    let isFractureFree = try reader.bool("no_fracture", default: false)
    if isFractureFree, !found.isEmpty {
      throw reader.failure("no_fracture", "is true but vertebral_fractures lists a fracture; give one or the other")
    }
    if performed == false, isFractureFree || !found.isEmpty || assessed != nil {
      throw reader.failure("performed", "is false but findings are given")
    }
    return (
      VFAFindings(vertebraeAssessed: assessed, isFractureFree: isFractureFree, vertebralFractures: found), performed
    )
  }
}

extension RiskFactors {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: [
      "parental_hip_fracture", "current_smoking", "alcohol_3_or_more_units_per_day", "rheumatoid_arthritis",
      "height_loss_cm", "falls_past_12_months", "self_reported_vertebral_fracture", "conditions",
    ])
    func answer(_ key: String) throws(InputError) -> Bool? {
      reader.value(key) == nil || reader.value(key) == .null ? nil : try reader.bool(key, default: false)
    }
    let heightLoss = try reader.optionalDecimal("height_loss_cm")
    if let heightLoss, heightLoss.significand < 0 || heightLoss > ExactDecimal(50) {
      throw reader.failure("height_loss_cm", "must be between 0 and 50 cm, found \(heightLoss)")
    }
    let falls = try reader.optionalWholeNumber("falls_past_12_months")
    if let falls, falls > 100 {
      throw reader.failure("falls_past_12_months", "must be a whole number of falls from 0 to 100, found \(falls)")
    }
    var conditions: [ConditionCode] = []
    for (index, text) in try reader.strings("conditions").enumerated() {
      let field = "\(reader.fieldPath("conditions"))[\(index)]"
      guard let code = ConditionCode(rawValue: text) else {
        throw InputError(.data, field: field, "must be a condition code of lowercase letters, digits and hyphens")
      }
      if conditions.contains(code) { throw InputError(.data, field: field, "is listed twice") }
      conditions.append(code)
    }
    self.init(
      parentalHipFracture: try answer("parental_hip_fracture"), currentSmoking: try answer("current_smoking"),
      alcoholThreeOrMoreUnitsPerDay: try answer("alcohol_3_or_more_units_per_day"),
      rheumatoidArthritis: try answer("rheumatoid_arthritis"), heightLossCentimetres: heightLoss,
      fallsInPast12Months: falls, selfReportedVertebralFracture: try answer("self_reported_vertebral_fracture"),
      conditions: conditions)
  }
}

extension TechnicalQuality {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["positioning", "positioning_note", "artifacts", "limitations"])
    var artifacts: [Artifact] = []
    for row in try reader.optionalObjects("artifacts") {
      try row.rejectUnknownKeys(allowed: ["kind", "site", "side", "note"])
      let site = try row.optionalChoice("site", Site.self)
      let side = try row.optionalChoice("side", Side.self)
      if side != nil {
        guard let site else { throw row.failure("side", "needs the site it is on") }
        guard Measurement.sidedSites.contains(site) else {
          throw row.failure("side", "\(site.displayName) has no side; side is for hips and forearms")
        }
      }
      artifacts.append(
        Artifact(
          kind: try row.choice("kind", Artifact.Kind.self), site: site, side: side,
          note: try row.optionalString("note")))
    }
    var limitations: [String] = []
    for (index, text) in try reader.strings("limitations").enumerated() {
      guard !text.isBlank else {
        throw InputError(.data, field: "\(reader.fieldPath("limitations"))[\(index)]", "must not be empty")
      }
      limitations.append(text)
    }
    let positioning = try reader.optionalChoice("positioning", Positioning.self)
    let note = try reader.optionalString("positioning_note")
    if note != nil, positioning == nil {
      throw reader.failure("positioning_note", "needs positioning (adequate, suboptimal or inadequate)")
    }
    self.init(positioning: positioning, positioningNote: note, artifacts: artifacts, limitations: limitations)
  }
}

extension FRAXResult {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: [
      "major_osteoporotic", "hip", "with_bmd", "tbs_adjusted", "calculator_version",
    ])
    self.init(
      majorOsteoporotic: try reader.percentage("major_osteoporotic"), hip: try reader.percentage("hip"),
      withBMD: try reader.bool("with_bmd", default: false),
      isTBSAdjusted: try reader.bool("tbs_adjusted", default: false),
      calculatorVersion: try reader.string("calculator_version"))
  }
}

extension TBSResult {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["value", "vertebrae", "interpretation", "software_version"])
    var vertebrae: VertebralSet?
    if let label = try reader.optionalString("vertebrae") {
      guard let set = VertebralSet(label: label) else {
        throw reader.failure("vertebrae", "'\(label)' is not a set of vertebrae such as l1-l4 or l1,l3")
      }
      vertebrae = set
    }
    let value = try reader.positiveDecimal("value")
    guard value < ExactDecimal(3) else { throw reader.failure("value", "\(value) is not a trabecular bone score") }
    self.init(
      value: value, vertebrae: vertebrae, interpretation: try reader.optionalString("interpretation"),
      softwareVersion: try reader.optionalString("software_version"))
  }
}

extension JSONFieldReader {
  func object(_ key: String) throws(InputError) -> JSONFieldReader {
    guard let value = value(key), value != .null else { throw failure(key, "missing") }
    return try JSONFieldReader(value, path: fieldPath(key), errorKind: errorKind)
  }

  func optionalObject(_ key: String) throws(InputError) -> JSONFieldReader? {
    guard let value = value(key), value != .null else { return nil }
    return try JSONFieldReader(value, path: fieldPath(key), errorKind: errorKind)
  }

  func date(_ key: String) throws(InputError) -> CalendarDate {
    guard let date = try optionalDate(key) else { throw failure(key, "missing") }
    return date
  }

  func optionalDate(_ key: String) throws(InputError) -> CalendarDate? {
    guard let text = try optionalString(key) else { return nil }
    guard let date = CalendarDate(text) else {
      throw failure(key, "is not a date written YYYY-MM-DD (years 1850–2999)")
    }
    return date
  }

  func optionalPositiveDecimal(_ key: String) throws(InputError) -> ExactDecimal? {
    guard value(key) != nil, value(key) != .null else { return nil }
    return try positiveDecimal(key)
  }

  func optionalWholeNumber(_ key: String) throws(InputError) -> Int? {
    guard let number = try optionalDecimal(key) else { return nil }
    guard let whole = number.wholeNumber, whole >= 0 else {
      throw failure(key, "must be a whole number of 0 or more, found \(number)")
    }
    return Int(whole)
  }

  /// A T- or Z-score as a device printed it: one or two decimals between −10 and 10.
  func optionalScore(_ key: String) throws(InputError) -> ExactDecimal? {
    guard let score = try optionalDecimal(key) else { return nil }
    guard ExactDecimal(-10) <= score, score <= ExactDecimal(10) else {
      throw failure(key, "\(score) is not a T- or Z-score (expected −10 to 10)")
    }
    return score
  }

  /// A probability in % (0–100).
  func percentage(_ key: String) throws(InputError) -> ExactDecimal {
    let value = try decimal(key)
    guard ExactDecimal(0) <= value, value <= ExactDecimal(100) else {
      throw failure(key, "must be a percentage between 0 and 100, found \(value)")
    }
    return value
  }
}

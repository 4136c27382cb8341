extension PayerRules: ReferenceDocument {
  /// The format tag of a payer file.
  public static let formatTag = "dxa-payer/1"

  /// Reads a payer file. Every rule has a unique id, a label, a source and a status no stronger than the file's
  /// (the file states its weakest), and every alternative names at least one fact; a template (status
  /// `unconfirmed`) may leave every rule out.
  public init(document: JSONValue) throws(InputError) {
    let reader = try JSONFieldReader(document, path: "", errorKind: .reference)
    try reader.rejectUnknownKeys(allowed: [
      "format", "id", "name", "version", "status", "citation", "notes", "covered_indications", "frequency_limit",
      "modifiers",
    ])
    try reader.requireFormat(Self.formatTag)
    let idText = try reader.string("id")
    guard let id = PayerID(rawValue: idText) else {
      throw reader.failure(
        "id", "'\(idText)' must be lowercase letters, digits and hyphens (at most 40), as an exam's payer")
    }
    let status = try reader.choice("status", ConfirmationStatus.self)
    let covered = try CoverageRule.list(reader, "covered_indications")
    var limit: FrequencyLimit?
    if let limitReader = try reader.optionalObject("frequency_limit") {
      try limitReader.rejectUnknownKeys(allowed: ["months", "exceptions", "source", "status"])
      guard let months = try limitReader.optionalWholeNumber("months"), (1...120).contains(months) else {
        throw limitReader.failure("months", "must be a whole number of months, 1–120")
      }
      limit = FrequencyLimit(
        months: months, exceptions: try CoverageRule.list(limitReader, "exceptions"),
        source: try limitReader.string("source"), status: try limitReader.choice("status", ConfirmationStatus.self))
    }
    let modifiers = try reader.optionalObject("modifiers").map { reader throws(InputError) in
      try PayerModifiers(reader)
    }
    self.init(
      id: id, name: try reader.string("name"), version: try reader.string("version"), status: status,
      citation: try reader.string("citation"), notes: try reader.strings("notes"), coveredIndications: covered,
      frequencyLimit: limit, modifiers: modifiers)
    if !isTemplate, let weaker = statuses.first(where: { $0.status.isWeaker(than: status) }) {
      throw reader.failure(
        weaker.path,
        "is \(weaker.status.rawValue), weaker than the file's \(status.rawValue); the file states its weakest")
    }
  }

  /// The status of every part, with its path.
  private var statuses: [(path: String, status: ConfirmationStatus)] {
    var all = coveredIndications.enumerated().map { ("covered_indications[\($0.offset)].status", $0.element.status) }
    if let frequencyLimit {
      all.append(("frequency_limit.status", frequencyLimit.status))
      all += frequencyLimit.exceptions.enumerated().map {
        ("frequency_limit.exceptions[\($0.offset)].status", $0.element.status)
      }
    }
    if let modifiers { all.append(("modifiers.status", modifiers.status)) }
    return all
  }
}

extension CoverageRule {
  /// The rules of the array `key` (absent: none), each id once.
  static func list(_ reader: JSONFieldReader, _ key: String) throws(InputError) -> [CoverageRule] {
    var rules: [CoverageRule] = []
    for ruleReader in try reader.optionalObjects(key) {
      let rule = try CoverageRule(ruleReader)
      if rules.contains(where: { $0.id == rule.id }) { throw ruleReader.failure("id", "'\(rule.id)' is listed twice") }
      rules.append(rule)
    }
    return rules
  }

  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["id", "label", "any", "note", "source", "status"])
    let id = try reader.string("id")
    guard isIdentifier(id, maximumLength: 60) else {
      throw reader.failure("id", "'\(id)' must be lowercase letters, digits and hyphens, starting with a letter")
    }
    var alternatives: [PayerCriteria] = []
    for criteria in try reader.objects("any") { alternatives.append(try PayerCriteria(criteria)) }
    if alternatives.isEmpty { throw reader.failure("any", "must list at least one set of facts") }
    self.init(
      id: id, label: try reader.string("label"), alternatives: alternatives, note: try reader.optionalString("note"),
      source: try reader.string("source"), status: try reader.choice("status", ConfirmationStatus.self))
  }
}

extension PayerCriteria {
  /// The facts an alternative may name; a name the format does not define is refused, so a typo never widens a rule.
  static let keys: Set<String> = [
    "sex", "menopause", "age_at_least", "indication", "condition", "glucocorticoids", "on_osteoporosis_therapy",
    "fragility_fracture",
  ]

  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: Self.keys)
    var criteria = PayerCriteria(
      sex: try reader.optionalChoice("sex", Sex.self),
      menopause: try reader.optionalChoice("menopause", MenopausalStatus.self),
      minimumAge: try reader.optionalDecimal("age_at_least"),
      indication: try reader.optionalChoice("indication", Indication.self))
    if let text = try reader.optionalString("condition") {
      guard let code = ConditionCode(rawValue: text) else {
        throw reader.failure("condition", "'\(text)' is not a condition code (lowercase letters, digits, hyphens)")
      }
      criteria.condition = code
    }
    if let steroids = try reader.optionalObject("glucocorticoids") {
      try steroids.rejectUnknownKeys(allowed: ["more_than_months", "at_least_mg_per_day"])
      guard let months = try steroids.optionalWholeNumber("more_than_months") else {
        throw steroids.failure("more_than_months", "missing")
      }
      criteria.glucocorticoids = GlucocorticoidCriterion(
        moreThanMonths: months, minimumMilligramsPerDay: try steroids.optionalPositiveDecimal("at_least_mg_per_day"))
    }
    criteria.isOnOsteoporosisTherapy = try reader.requiredTrue("on_osteoporosis_therapy")
    criteria.hasFragilityFracture = try reader.requiredTrue("fragility_fracture")
    if criteria.isEmpty { throw InputError(reader.errorKind, field: reader.path, "names no fact; name at least one") }
    self = criteria
  }
}

extension PayerModifiers {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["notice", "notice_on_file", "no_notice", "source", "status"])
    self.init(
      notice: try reader.string("notice"), noticeOnFile: try reader.modifier("notice_on_file"),
      noNotice: reader.value("no_notice") == nil ? nil : try reader.modifier("no_notice"),
      source: try reader.string("source"), status: try reader.choice("status", ConfirmationStatus.self))
  }
}

extension JSONFieldReader {
  /// A fact that can only be required: absent means not required; `false` would read as "must not", which the
  /// format does not offer, so it is refused.
  fileprivate func requiredTrue(_ key: String) throws(InputError) -> Bool {
    guard value(key) != nil else { return false }
    guard try bool(key, default: false) else { throw failure(key, "can only be true (leave it out otherwise)") }
    return true
  }

  /// A claim modifier: two capital letters or digits (GA, GZ, 59).
  fileprivate func modifier(_ key: String) throws(InputError) -> String {
    let code = try string(key)
    guard code.unicodeScalars.count == 2,
      code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
    else { throw failure(key, "'\(code)' is not a modifier (two capital letters or digits, such as GA)") }
    return code
  }
}

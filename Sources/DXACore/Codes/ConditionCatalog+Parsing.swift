extension ConditionCatalog: ReferenceDocument {
  /// The format tag of a conditions file.
  public static let formatTag = "dxa-conditions/1"

  /// Reads a conditions file: every code well formed and listed once, every ICD-10-CM code with its source and a
  /// status other than unconfirmed (an unconfirmed code is never suggested to a coder).
  public init(document: JSONValue) throws(InputError) {
    let reader = try JSONFieldReader(document, path: "", errorKind: .reference)
    try reader.rejectUnknownKeys(allowed: ["format", "id", "version", "title", "citation", "notes", "conditions"])
    try reader.requireFormat(Self.formatTag)
    var conditions: [ConditionDefinition] = []
    for entry in try reader.objects("conditions") {
      let condition = try ConditionDefinition(entry)
      if conditions.contains(where: { $0.code == condition.code }) { throw entry.failure("code", "listed twice") }
      conditions.append(condition)
    }
    self.init(
      id: try reader.string("id"), version: try reader.string("version"), title: try reader.string("title"),
      citation: try reader.string("citation"), notes: try reader.strings("notes"), conditions: conditions)
  }
}

extension ConditionDefinition {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["code", "label", "icd10cm", "source", "causes_bone_loss"])
    guard let code = ConditionCode(rawValue: try reader.string("code")) else {
      throw reader.failure("code", "must be lowercase letters, digits and hyphens, starting with a letter")
    }
    self.init(
      code: code, label: try reader.string("label"),
      icd10cm: try reader.optionalObject("icd10cm").map { reader throws(InputError) in
        try DiagnosisCodeReference(reader)
      }, source: try reader.string("source"), causesBoneLoss: try reader.bool("causes_bone_loss", default: false))
  }
}

extension DiagnosisCodeReference {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["code", "description", "sex", "status", "source"])
    let code = try reader.string("code")
    guard Self.isWellFormed(code) else {
      throw reader.failure("code", "must be an ICD-10-CM code such as E21.0, or E05.- when the coder completes it")
    }
    let status = try reader.choice("status", ConfirmationStatus.self)
    if status == .unconfirmed { throw reader.failure("status", "an unconfirmed code is never suggested to a coder") }
    self.init(
      code: code, description: try reader.string("description"), sex: try reader.optionalChoice("sex", Sex.self),
      status: status, source: try reader.string("source"))
  }

  /// A letter and two digits, then optionally a dot and up to four letters or digits, ending in a hyphen where the
  /// coder completes the code: E21.0, Z79.811, E05.-, M80.0-.
  static func isWellFormed(_ code: String) -> Bool {
    let scalars = Array(code.unicodeScalars)
    guard scalars.count >= 3, ("A"..."Z").contains(scalars[0]), scalars[1...2].allSatisfy({ ("0"..."9").contains($0) })
    else { return false }
    let rest = scalars.dropFirst(3)
    if rest.isEmpty { return true }
    guard rest.first == ".", rest.count >= 2 else { return false }
    var tail = rest.dropFirst()
    if tail.last == "-" { tail = tail.dropLast() }
    return tail.count <= 4 && tail.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
  }
}

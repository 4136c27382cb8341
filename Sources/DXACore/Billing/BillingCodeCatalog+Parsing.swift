extension BillingCodeCatalog: ReferenceDocument {
  /// The format tag of a billing code file.
  public static let formatTag = "dxa-billing-codes/1"

  /// Reads a billing code file: every code well formed and listed once, with a descriptor, a source and a status
  /// other than unconfirmed (an unconfirmed code is never suggested to a coder).
  public init(document: JSONValue) throws(InputError) {
    let reader = try JSONFieldReader(document, path: "", errorKind: .reference)
    try reader.rejectUnknownKeys(allowed: [
      "format", "id", "version", "title", "citation", "notes", "procedures", "diagnoses",
    ])
    try reader.requireFormat(Self.formatTag)
    var procedures: [ProcedureCodeReference] = []
    for entry in try reader.objects("procedures") {
      let code = try ProcedureCodeReference(entry)
      if procedures.contains(where: { $0.code == code.code }) { throw entry.failure("code", "listed twice") }
      procedures.append(code)
    }
    var diagnoses: [DiagnosisCodeReference] = []
    for entry in try reader.objects("diagnoses") {
      let code = try DiagnosisCodeReference(entry)
      if diagnoses.contains(where: { $0.code == code.code }) { throw entry.failure("code", "listed twice") }
      diagnoses.append(code)
    }
    self.init(
      id: try reader.string("id"), version: try reader.string("version"), title: try reader.string("title"),
      citation: try reader.string("citation"), notes: try reader.strings("notes"), procedures: procedures,
      diagnoses: diagnoses)
  }
}

extension ProcedureCodeReference {
  init(_ reader: JSONFieldReader) throws(InputError) {
    try reader.rejectUnknownKeys(allowed: ["code", "description", "status", "source"])
    let code = try reader.string("code")
    // CPT: five digits, or four digits and a letter (category II/III codes).
    let scalars = Array(code.unicodeScalars)
    guard scalars.count == 5, scalars.prefix(4).allSatisfy({ ("0"..."9").contains($0) }),
      let last = scalars.last, ("0"..."9").contains(last) || ("A"..."Z").contains(last)
    else { throw reader.failure("code", "'\(code)' is not a CPT code (five digits, such as 77080)") }
    let status = try reader.choice("status", ConfirmationStatus.self)
    if status == .unconfirmed { throw reader.failure("status", "an unconfirmed code is never suggested to a coder") }
    self.init(
      code: code, description: try reader.string("description"), status: status, source: try reader.string("source"))
  }
}

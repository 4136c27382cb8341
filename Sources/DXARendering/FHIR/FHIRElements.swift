import DXACore

/// Small builders for FHIR R4 JSON data types, so the resource writers read like the resources they write.
enum FHIR {
  static let ucum = "http://unitsofmeasure.org"
  static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"

  /// A `Coding` from a table code.
  static func coding(_ code: ReportCodes.Code) -> JSONValue {
    coding(system: code.system, code: code.code, display: code.display)
  }

  static func coding(system: String, code: String, display: String? = nil) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [("system", .string(system)), ("code", .string(code))]
    if let display { members.append(("display", .string(display))) }
    return .object(members)
  }

  /// A `CodeableConcept`: the codings (none when no code exists) and the text a person reads.
  static func concept(_ codings: [JSONValue], text: String? = nil) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    if !codings.isEmpty { members.append(("coding", .array(codings))) }
    if let text { members.append(("text", .string(text))) }
    return .object(members)
  }

  /// A `Reference` to a resource of the bundle by its `fullUrl`.
  static func reference(_ fullURL: String) -> JSONValue {
    .object([("reference", .string(fullURL))])
  }

  /// A UCUM `Quantity`.
  static func quantity(_ value: ExactDecimal, ucum code: String, unit: String) -> JSONValue {
    .object([
      ("value", .decimal(value)), ("unit", .string(unit)), ("system", .string(ucum)), ("code", .string(code)),
    ])
  }

  /// An `Annotation` for `note`.
  static func note(_ text: String) -> JSONValue {
    .object([("text", .string(text))])
  }
}

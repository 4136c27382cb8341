import DXACore
import Foundation

extension FHIRBundleWriter {
  /// The patient as the exam gives them: identifier (with the facility's system when known), name, sex, birth date.
  var patient: JSONValue {
    let patient = report.exam.patient
    var members: [(key: String, value: JSONValue)] = [("resourceType", .string("Patient"))]
    // R4's core extension for gender identity (ISCD 2019: Z-scores use its reference); `gender` stays the sex
    // recorded, which the classification follows.
    if let identity = patient.genderIdentity {
      let text = identity == .nonconforming ? "gender non-conforming" : identity.rawValue
      members.append(
        (
          "extension",
          .array([
            .object([
              ("url", .string("http://hl7.org/fhir/StructureDefinition/patient-genderIdentity")),
              ("valueCodeableConcept", FHIR.concept([], text: text)),
            ])
          ])
        ))
    }
    var identifier: [(key: String, value: JSONValue)] = []
    if let system = options.patientIdentifierSystem { identifier.append(("system", .string(system))) }
    identifier.append(("value", .string(patient.id)))
    members.append(("identifier", .array([.object(identifier)])))
    if let name = patient.name { members.append(("name", .array([FHIR.humanName(name)]))) }
    members.append(("gender", .string(patient.sex.rawValue)))
    if let birthDate = patient.birthDate { members.append(("birthDate", .string(birthDate.description))) }
    return .object(members)
  }

  var device: JSONValue {
    let scan = report.exam.scan
    var members: [(key: String, value: JSONValue)] = [("resourceType", .string("Device"))]
    if let manufacturer = scan.manufacturer {
      members.append(("manufacturer", .string(manufacturer.displayName)))
    }
    if let serialNumber = scan.serialNumber { members.append(("serialNumber", .string(serialNumber))) }
    if let model = scan.model {
      members.append(
        ("deviceName", .array([.object([("name", .string(model)), ("type", .string("model-name"))])])))
    }
    members.append(("type", FHIR.concept([], text: "Dual-energy X-ray absorptiometry (DXA) bone densitometer")))
    if let softwareVersion = scan.softwareVersion {
      members.append(("version", .array([.object([("value", .string(softwareVersion))])])))
    }
    return .object(members)
  }

  /// The facility that performed the scan (the facility file's name): the DiagnosticReport's performer.
  var organization: JSONValue? {
    guard let name = report.facilityName else { return nil }
    return .object([("resourceType", .string("Organization")), ("name", .string(name))])
  }

  /// The interpreting physician who signed: the DiagnosticReport's `resultsInterpreter`. None while unsigned.
  var practitioner: JSONValue? {
    guard let signer = report.interpretation.signedBy else { return nil }
    return .object([("resourceType", .string("Practitioner")), ("name", .array([FHIR.humanName(signer)]))])
  }
}

extension FHIR {
  /// A `HumanName`: the name as written in `text`, and, for "Family, Given Middle" (one comma), `family` and
  /// `given` too, so a receiver can match on them.
  static func humanName(_ name: String) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [("text", .string(name))]
    let parts = name.split(separator: ",", omittingEmptySubsequences: false)
    if parts.count == 2 {
      let family = parts[0].trimmingCharacters(in: .whitespaces)
      let given = parts[1].split(separator: " ").map(String.init)
      if !family.isEmpty, !given.isEmpty {
        members.append(("family", .string(family)))
        members.append(("given", .array(given.map(JSONValue.string))))
      }
    }
    return .object(members)
  }
}

/// FHIR search syntax for the conditional create of a transaction.
enum FHIRSearch {
  /// `system|value` for a token search: `\`, `|`, `,` and `$` escaped with `\` (FHIR search escaping), then every
  /// character but unreserved ones, `:` and `/` percent-encoded for the URL query, the separator `|` left as is.
  static func token(system: String, value: String) -> String {
    "\(percentEncoded(escaped(system)))|\(percentEncoded(escaped(value)))"
  }

  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      if "\\|,$".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }

  static func percentEncoded(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      let scalar = Unicode.Scalar(byte)
      if ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        || "-._~:/".unicodeScalars.contains(scalar)
      {
        result.unicodeScalars.append(scalar)
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return result
  }
}

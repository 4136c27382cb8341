import DXACore

extension Report {
  /// The report as a FHIR R4 `Bundle` of type `collection`: a DiagnosticReport (LOINC 83311-1) with the text report
  /// as `presentedForm`, the Patient, the scanner as a Device, and BMD, T-score and Z-score Observations per site.
  ///
  /// Pure: the same report, codes, text and time give the same bytes. Every `fullUrl` is a name-based UUID made
  /// from the scan id and the resource's role, so a bundle made again for the same exam carries the same ids.
  ///
  /// - Parameters:
  ///   - codes: the LOINC and SNOMED CT codes (`ShippedReferences.reportCodes()`).
  ///   - presentedText: the text report, carried base64-encoded as `text/plain` UTF-8.
  ///   - generatedAt: an instant such as `2025-04-14T10:30:00Z` for `Bundle.timestamp` and
  ///     `DiagnosticReport.issued`; nil leaves both out (the core reads no clock).
  public func fhirBundle(codes: ReportCodes, presentedText: String, generatedAt: String?) -> JSONValue {
    FHIRBundleWriter(report: self, codes: codes, presentedText: presentedText, generatedAt: generatedAt).bundle
  }
}

/// Writes one report's bundle; holds the ids so every resource refers to the others the same way.
struct FHIRBundleWriter {
  let report: Report
  let codes: ReportCodes
  let presentedText: String
  let generatedAt: String?

  /// All DXA bundle ids live in one namespace: the URL namespace's UUID of `urn:dxa:fhir`.
  static let namespace = NameBasedUUID.bytes(namespace: NameBasedUUID.urlNamespace, name: "urn:dxa:fhir")

  /// `urn:uuid:` + the UUID of `role` within this scan.
  func fullURL(_ role: String) -> String {
    "urn:uuid:" + NameBasedUUID.string(namespace: Self.namespace, name: "\(report.exam.scan.id)/\(role)")
  }

  var patientURL: String { fullURL("patient") }
  var deviceURL: String { fullURL("device") }
  var reportURL: String { fullURL("diagnostic-report") }

  /// R4: `final` once the interpreting physician has signed, `preliminary` while it awaits review.
  var status: String { report.interpretation.isSigned ? "final" : "preliminary" }

  var bundle: JSONValue {
    let observations = self.observations
    var entries: [JSONValue] = [
      entry(reportURL, diagnosticReport(results: observations.map(\.fullURL))),
      entry(patientURL, patient),
      entry(deviceURL, device),
    ]
    entries += observations.map { entry($0.fullURL, $0.resource) }
    var members: [(key: String, value: JSONValue)] = [
      ("resourceType", .string("Bundle")),
      ("identifier", .object([("system", .string("urn:ietf:rfc:3986")), ("value", .string(fullURL("bundle")))])),
      ("type", .string("collection")),
    ]
    if let generatedAt { members.append(("timestamp", .string(generatedAt))) }
    members.append(("entry", .array(entries)))
    return .object(members)
  }

  func entry(_ fullURL: String, _ resource: JSONValue) -> JSONValue {
    .object([("fullUrl", .string(fullURL)), ("resource", resource)])
  }

  func diagnosticReport(results: [String]) -> JSONValue {
    let scan = report.exam.scan
    var members: [(key: String, value: JSONValue)] = [
      ("resourceType", .string("DiagnosticReport")),
      ("identifier", .array([.object([("value", .string(scan.id))])])),
      ("status", .string(status)),
      ("category", .array([FHIR.concept([FHIR.coding(codes.reportCategory)])])),
      ("code", FHIR.concept([FHIR.coding(codes.reportCode)], text: "Bone density (DXA) study")),
      ("subject", FHIR.reference(patientURL)),
      ("effectiveDateTime", .string(scan.date.description)),
    ]
    if let generatedAt { members.append(("issued", .string(generatedAt))) }
    if let signedBy = report.interpretation.signedBy {
      members.append(("resultsInterpreter", .array([.object([("display", .string(signedBy))])])))
    }
    if !results.isEmpty { members.append(("result", .array(results.map(FHIR.reference)))) }
    members.append(("conclusion", .string(conclusion)))
    if let category = report.diagnosis.category, let finding = codes.findings[category] {
      members.append(("conclusionCode", .array([FHIR.concept([FHIR.coding(finding)], text: category.displayName)])))
    }
    members.append(
      (
        "presentedForm",
        .array([
          .object([
            ("contentType", .string("text/plain; charset=utf-8")),
            ("language", .string("en")),
            ("data", .string(Base64.encode(Array(presentedText.utf8)))),
            ("title", .string("Bone density (DXA) report")),
          ])
        ])
      ))
    return .object(members)
  }

  /// Any scanner–engine discrepancy first, then the diagnosis line with the source of its score, why there is none,
  /// the statements that go with it, then the physician's impression; an unsigned report says it awaits review.
  var conclusion: String {
    let diagnosis = report.diagnosis
    var lines = report.discrepancyLines.map { "Discrepancy: \($0)" }
    lines.append(diagnosis.headline.asSentence)
    if diagnosis.category == nil, let reason = diagnosis.reason { lines.append(reason.text.asSentence) }
    lines += diagnosis.statements.map(\.text.asSentence)
    if let impression = report.interpretation.impression { lines.append("Impression: \(impression)") }
    if !report.interpretation.isSigned {
      lines.append("Preliminary: computed by the engine, awaiting review and signature by the interpreting physician.")
    }
    return lines.joined(separator: "\n")
  }

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
    members.append(("identifier", .array([.object([("value", .string(patient.id))])])))
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
}

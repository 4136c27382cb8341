import DXACore

/// What goes into a FHIR bundle besides the report: its type, the rendered reports it carries and the values the
/// core does not hold (the issue time, the patient identifier's system).
public struct FHIRBundleOptions: Sendable {
  public enum BundleType: String, CaseIterable, Sendable {
    /// A set of resources for a receiver to file as it sees fit (the default).
    case collection
    /// Entries with requests, for a FHIR server to process at once: every resource is created, the Patient only
    /// when no patient has its identifier (conditional create, `ifNoneExist`).
    case transaction
  }

  public var type: BundleType
  /// The text report, carried as the first `presentedForm` (`text/plain`).
  public var presentedText: String
  /// The HTML report, carried as a second `presentedForm` (`text/html`) when given.
  public var presentedHTML: String?
  /// A FHIR `instant` (`2025-06-02T09:30:00Z`) for `DiagnosticReport.issued` and `Bundle.timestamp`; nil leaves
  /// both out (the renderers read no clock).
  public var issued: String?
  /// The system (a URI) of the patient's identifier, from the facility file; a transaction needs it.
  public var patientIdentifierSystem: String?

  public init(
    type: BundleType = .collection, presentedText: String, presentedHTML: String? = nil, issued: String? = nil,
    patientIdentifierSystem: String? = nil
  ) {
    self.type = type
    self.presentedText = presentedText
    self.presentedHTML = presentedHTML
    self.issued = issued
    self.patientIdentifierSystem = patientIdentifierSystem
  }
}

extension Report {
  /// The report as a FHIR R4 `Bundle`: a DiagnosticReport (LOINC 83311-1) with the rendered reports as
  /// `presentedForm`, the Patient, the scanner as a Device, the facility as the performing Organization, the signing
  /// physician as a Practitioner, and Observations: BMD, T-score and Z-score per region, serial change, FRAX and TBS.
  ///
  /// Pure: the same report, codes and options give the same bytes. Every `fullUrl` is a name-based UUID made from the
  /// scan id and the resource's role, so a bundle made again for the same exam carries the same ids.
  ///
  /// A transaction needs `options.patientIdentifierSystem`: its Patient is created only when no patient has the
  /// identifier, and an identifier without its system could match another registry's patient. Without it, the
  /// error names what is missing.
  public func fhirBundle(codes: ReportCodes, options: FHIRBundleOptions) throws(InputError) -> JSONValue {
    if options.type == .transaction, options.patientIdentifierSystem == nil {
      throw InputError(
        .usage, field: "transaction bundle",
        "needs the system of the patient's identifier (the facility file's patient_identifier_system): the Patient is created only when no patient has that identifier"
      )
    }
    return FHIRBundleWriter(report: self, codes: codes, options: options).bundle
  }

  /// A `collection` bundle with the text report as `presentedForm`; `generatedAt` is the issue instant.
  public func fhirBundle(codes: ReportCodes, presentedText: String, generatedAt: String?) -> JSONValue {
    FHIRBundleWriter(
      report: self, codes: codes, options: FHIRBundleOptions(presentedText: presentedText, issued: generatedAt)
    ).bundle
  }
}

/// Writes one report's bundle; holds the ids so every resource refers to the others the same way.
struct FHIRBundleWriter {
  let report: Report
  let codes: ReportCodes
  let options: FHIRBundleOptions

  /// All DXA bundle ids live in one namespace: the URL namespace's UUID of `urn:dxa:fhir`.
  static let namespace = NameBasedUUID.bytes(namespace: NameBasedUUID.urlNamespace, name: "urn:dxa:fhir")

  /// `urn:uuid:` + the UUID of `role` within this scan.
  func fullURL(_ role: String) -> String {
    "urn:uuid:" + NameBasedUUID.string(namespace: Self.namespace, name: "\(report.exam.scan.id)/\(role)")
  }

  var patientURL: String { fullURL("patient") }
  var deviceURL: String { fullURL("device") }
  var reportURL: String { fullURL("diagnostic-report") }
  var organizationURL: String { fullURL("organization") }
  var practitionerURL: String { fullURL("results-interpreter") }

  /// R4: `final` once the interpreting physician has signed, `preliminary` while it awaits review.
  var status: String { report.interpretation.isSigned ? "final" : "preliminary" }

  var bundle: JSONValue {
    let observations = self.observations + resultObservations
    var entries: [JSONValue] = [
      entry(reportURL, diagnosticReport(results: observations.map(\.fullURL))),
      entry(patientURL, patient, ifNoneExist: patientSearch),
      entry(deviceURL, device),
    ]
    if let organization { entries.append(entry(organizationURL, organization)) }
    if let practitioner { entries.append(entry(practitionerURL, practitioner)) }
    entries += observations.map { entry($0.fullURL, $0.resource) }
    var members: [(key: String, value: JSONValue)] = [
      ("resourceType", .string("Bundle")),
      ("identifier", .object([("system", .string("urn:ietf:rfc:3986")), ("value", .string(fullURL("bundle")))])),
      ("type", .string(options.type.rawValue)),
    ]
    if let issued = options.issued { members.append(("timestamp", .string(issued))) }
    members.append(("entry", .array(entries)))
    return .object(members)
  }

  /// One entry; in a transaction with its request: `POST` of the resource type, conditional on `ifNoneExist`.
  func entry(_ fullURL: String, _ resource: JSONValue, ifNoneExist: String? = nil) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [("fullUrl", .string(fullURL)), ("resource", resource)]
    if options.type == .transaction, let type = resource["resourceType"] {
      var request: [(key: String, value: JSONValue)] = [("method", .string("POST")), ("url", type)]
      if let ifNoneExist { request.append(("ifNoneExist", .string(ifNoneExist))) }
      members.append(("request", .object(request)))
    }
    return .object(members)
  }

  /// The search that finds an existing patient: `identifier=system|value`, escaped as FHIR search and URL query
  /// syntax need.
  var patientSearch: String? {
    guard let system = options.patientIdentifierSystem else { return nil }
    return "identifier=" + FHIRSearch.token(system: system, value: report.exam.patient.id)
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
    if let issued = options.issued { members.append(("issued", .string(issued))) }
    if organization != nil { members.append(("performer", .array([FHIR.reference(organizationURL)]))) }
    if practitioner != nil { members.append(("resultsInterpreter", .array([FHIR.reference(practitionerURL)]))) }
    if !results.isEmpty { members.append(("result", .array(results.map(FHIR.reference)))) }
    members.append(("conclusion", .string(conclusion)))
    if let category = report.diagnosis.category, let finding = codes.findings[category] {
      members.append(("conclusionCode", .array([FHIR.concept([FHIR.coding(finding)], text: category.displayName)])))
    }
    var forms = [attachment(options.presentedText, contentType: "text/plain; charset=utf-8")]
    if let html = options.presentedHTML { forms.append(attachment(html, contentType: "text/html; charset=utf-8")) }
    members.append(("presentedForm", .array(forms)))
    return .object(members)
  }

  /// The report as an `Attachment`: UTF-8, base64.
  func attachment(_ text: String, contentType: String) -> JSONValue {
    .object([
      ("contentType", .string(contentType)),
      ("language", .string("en")),
      ("data", .string(Base64.encode(Array(text.utf8)))),
      ("title", .string("Bone density (DXA) report")),
    ])
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
}

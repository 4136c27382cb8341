import Foundation
import Testing

/// `dxa report` options of issue 10: the payer, payer and conditions files given with `--reference`, the FHIR
/// bundle type and the issue time. Run through the built binary.
@Suite("dxa report: --payer, payer and conditions files, --fhir-bundle, issued")
struct ReportBillingAndFHIROptionTests {
  static let followUp = ["report", example("exam-follow-up.json"), "--prior", example("exam-baseline.json")]

  static func json(_ run: Run) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  static func payer(_ run: Run) throws -> [String: Any] {
    let billing = try #require(try json(run)["billing"] as? [String: Any])
    return try #require(billing["payer"] as? [String: Any])
  }

  @Test("--payer checks another payer's rules than the exam's; an id that is not one is a usage error")
  func payerOption() throws {
    let run = try dxa(Self.followUp + ["--as-of", "2025-07-01", "--format", "json", "--payer", "aetna"])
    #expect(run.status == 0, "\(run.stderr)")
    let payer = try Self.payer(run)
    #expect(payer["id"] as? String == "aetna")
    #expect(payer["selection"] as? String == "report")

    let bad = try dxa(Self.followUp + ["--as-of", "2025-07-01", "--payer", "Blue Cross"])
    #expect(bad.status == 64)
    #expect(
      bad.stderr.hasPrefix(
        "Error: --payer: 'Blue Cross' is not a payer id (lowercase letters, digits and hyphens, at most 40)"))
    #expect(bad.stdout == "")
  }

  @Test("a payer file given with --reference replaces the shipped template of its payer")
  func sitePayerFile() throws {
    let file = try temporaryFile(
      """
      {"format": "dxa-payer/1", "id": "cigna", "name": "Cigna", "version": "site-1", "status": "secondary",
       "citation": "the site's contract",
       "covered_indications": [{"id": "estrogen", "label": "estrogen deficiency",
         "any": [{"indication": "estrogen-deficiency"}], "source": "contract", "status": "secondary"}]}
      """, name: "cigna.json")
    let run = try dxa(
      Self.followUp + ["--as-of", "2025-07-01", "--format", "json", "--payer", "cigna", "--reference", file])
    #expect(run.status == 0, "\(run.stderr)")
    let payer = try Self.payer(run)
    #expect(payer["rulesApplied"] as? Bool == true)
    #expect((payer["rules"] as? [String: Any])?["siteFile"] as? Bool == true)
    #expect(payer["coverageExpected"] as? Bool == true)

    let broken = try temporaryFile(
      #"{"format": "dxa-payer/1", "id": "cigna", "name": "Cigna", "version": "1", "status": "secondary", "citation": "c", "frequency_limit": {"months": 200, "source": "s", "status": "secondary"}}"#,
      name: "broken.json")
    let refused = try dxa(Self.followUp + ["--as-of", "2025-07-01", "--reference", broken])
    #expect(refused.status == 78)
    #expect(refused.stderr == "Error: \(broken): frequency_limit.months: must be a whole number of months, 1–120\n")
  }

  @Test("a conditions file given with --reference extends the list; the exam is checked against it, naming the file")
  func conditionsFile() throws {
    let conditions = try temporaryFile(
      """
      {"format": "dxa-conditions/1", "id": "site-conditions", "version": "1", "title": "t", "citation": "c",
       "conditions": [{"code": "chronic-kidney-disease", "label": "chronic kidney disease", "source": "site"}]}
      """, name: "conditions.json")
    let exam = try temporaryFile(
      """
      {"patient": {"id": "P-1", "sex": "female", "birth_date": "1956-08-21", "menopause": "post"},
       "scan": {"id": "S-1", "date": "2025-04-14", "manufacturer": "hologic"},
       "measurements": [{"site": "femoral-neck", "side": "left", "bmd": 0.700}],
       "risk_factors": {"conditions": ["chronic-kidney-disease"]}}
      """, name: "exam.json")
    let without = try dxa(["report", exam, "--as-of", "2025-07-01"])
    #expect(without.status == 65)
    #expect(without.stderr.hasPrefix("Error: \(exam): risk_factors.conditions[0]: is not a known condition; known: "))
    let with = try dxa(["report", exam, "--as-of", "2025-07-01", "--reference", conditions])
    #expect(with.status == 0, "\(with.stderr)")

    // A conditions file may not redefine a shipped code: the error names the file.
    let clash = try temporaryFile(
      """
      {"format": "dxa-conditions/1", "id": "clash", "version": "1", "title": "t", "citation": "c",
       "conditions": [{"code": "celiac-disease", "label": "celiac", "source": "site"}]}
      """, name: "clash.json")
    let refused = try dxa(["report", exam, "--as-of", "2025-07-01", "--reference", clash])
    #expect(refused.status == 78)
    #expect(
      refused.stderr == "Error: \(clash): clash: conditions: celiac-disease is already defined by dxa-conditions\n")
  }

  static func facility(system: Bool) throws -> String {
    try temporaryFile(
      """
      {"format": "dxa-facility/1", "name": "Riverside Bone Health"\(system ? #", "patient_identifier_system": "https://riverside.example/mrn""# : "")}
      """, name: "facility.json")
  }

  @Test("--fhir-bundle transaction needs the facility's patient identifier system, and --format fhir")
  func bundleType() throws {
    let base = Self.followUp + ["--as-of", "2025-07-01", "--format", "fhir"]
    let transaction = try dxa(base + ["--fhir-bundle", "transaction", "--facility", try Self.facility(system: true)])
    #expect(transaction.status == 0, "\(transaction.stderr)")
    let bundle = try Self.json(transaction)
    #expect(bundle["type"] as? String == "transaction")
    let entries = try #require(bundle["entry"] as? [[String: Any]])
    let patient = try #require(
      entries.first { ($0["resource"] as? [String: Any])?["resourceType"] as? String == "Patient" })
    #expect(
      (patient["request"] as? [String: Any])?["ifNoneExist"] as? String
        == "identifier=https://riverside.example/mrn|P-1001")

    let noSystem = try dxa(base + ["--fhir-bundle", "transaction", "--facility", try Self.facility(system: false)])
    #expect(noSystem.status == 64)
    #expect(
      noSystem.stderr.hasPrefix("Error: --fhir-bundle transaction: needs --facility with patient_identifier_system"))
    #expect(noSystem.stdout == "")

    let notFHIR = try dxa(Self.followUp + ["--as-of", "2025-07-01", "--fhir-bundle", "collection"])
    #expect(notFHIR.status == 64)
    #expect(notFHIR.stderr == "Error: --fhir-bundle: needs --format fhir\n")
  }

  /// The DiagnosticReport's `issued` of a run, with `TZ` set for the child process.
  static func issued(_ arguments: [String], timeZone: String) throws -> String? {
    let process = Process()
    process.executableURL = try dxaExecutable()
    process.arguments = followUp + arguments + ["--format", "fhir"]
    process.currentDirectoryURL = try emptyDirectory()
    process.environment = ["TZ": timeZone]
    let run = try run(process)
    #expect(run.status == 0, "\(run.stderr)")
    let entries = try #require(try json(run)["entry"] as? [[String: Any]])
    let report = entries.compactMap { $0["resource"] as? [String: Any] }.first {
      $0["resourceType"] as? String == "DiagnosticReport"
    }
    return report?["issued"] as? String
  }

  @Test(
    "issued: the signing time, else --as-of; a date alone is the start of that day in the machine's time zone",
    arguments: [
      (["--as-of", "2025-07-01T10:00:00Z"], "UTC", "2025-07-01T10:00:00Z"),
      (["--as-of", "2025-07-01T10:00-04:00"], "UTC", "2025-07-01T10:00:00-04:00"),
      (["--as-of", "2025-07-01"], "UTC", "2025-07-01T00:00:00Z"),
      (["--as-of", "2025-07-01"], "America/New_York", "2025-07-01T00:00:00-04:00"),
      (["--as-of", "2025-12-01"], "America/New_York", "2025-12-01T00:00:00-05:00"),
      (
        ["--as-of", "2025-07-01", "--signed-by", "Dr. A. Chen", "--signed-on", "2025-07-02T08:15:30.5+02:00"], "UTC",
        "2025-07-02T08:15:30.5+02:00"
      ),
      (["--as-of", "2025-07-01T10:00:00Z", "--signed-by", "Dr. A. Chen"], "UTC", "2025-07-01T10:00:00Z"),
    ])
  func issued(arguments: [String], timeZone: String, expected: String) throws {
    #expect(try Self.issued(arguments, timeZone: timeZone) == expected)
  }

  @Test(
    "malformed times are refused, naming the option",
    arguments: ["2025-07-01T25:00Z", "2025-07-01T10:00", "2025-07-01 10:00Z", "2025-07-01T10:00:00+4:00"])
  func badTimes(text: String) throws {
    let run = try dxa(Self.followUp + ["--as-of", text])
    #expect(run.status == 65)
    // The value is not repeated: a date may identify a patient.
    #expect(run.stderr.hasPrefix("Error: --as-of: is not a date written YYYY-MM-DD"))
  }
}

import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

@testable import DXACore
@testable import DXARendering

/// What an EHR needs to file the bundle: transaction requests, identified participants, every result referenced,
/// and no vertebral subset filed as the L1–L4 lumbar spine.
@Suite("FHIR bundles an EHR can file")
struct FHIRFilingTests {
  static let system = "https://riverside.example/mrn"

  static func bundle(
    _ report: Report, type: FHIRBundleOptions.BundleType = .collection, html: String? = nil,
    system: String? = FHIRFilingTests.system, issued: String? = "2025-06-02T09:30:00-04:00"
  ) throws -> BundleReader {
    let options = FHIRBundleOptions(
      type: type, presentedText: textReport(report), presentedHTML: html, issued: issued,
      patientIdentifierSystem: system)
    return BundleReader(bundle: try report.fhirBundle(codes: try ShippedReferences.reportCodes(), options: options))
  }

  static var signed: PhysicianInterpretation {
    PhysicianInterpretation(
      impression: "As above.", signedBy: "Dr. A. Radiologist", signedOn: CalendarDate("2025-06-02"))
  }

  @Test("a transaction: every entry a POST of its resource type; the Patient created only if its identifier is new")
  func transaction() throws {
    let reader = try Self.bundle(
      try exampleReport("exam-follow-up.json", interpretation: Self.signed), type: .transaction)
    #expect(reader.bundle["type"]?.text == "transaction")
    #expect(reader.bundle["timestamp"]?.text == "2025-06-02T09:30:00-04:00")
    for entry in reader.entries {
      let type = try #require(entry["resource"]?["resourceType"]?.text)
      let request = try #require(entry["request"], "\(type)")
      #expect(request["method"]?.text == "POST")
      #expect(request["url"]?.text == type)
      #expect(request["ifNoneExist"]?.text == (type == "Patient" ? "identifier=\(Self.system)|P-1001" : nil))
      #expect(entry["fullUrl"]?.text?.hasPrefix("urn:uuid:") == true)
    }
    #expect(
      reader.resources("Patient").first?["identifier"]
        == .array([.object([("system", .string(Self.system)), ("value", .string("P-1001"))])]))
    let collection = try Self.bundle(try exampleReport("exam-follow-up.json"))
    #expect(collection.bundle["type"]?.text == "collection")
    #expect(collection.entries.allSatisfy { $0["request"] == nil })
  }

  @Test("a transaction without the identifier's system is refused: it could match another registry's patient")
  func transactionNeedsSystem() throws {
    let report = try exampleReport("exam-follow-up.json")
    #expect {
      _ = try Self.bundle(report, type: .transaction, system: nil)
    } throws: { error in
      (error as? InputError)?.kind == .usage
        && (error as? InputError)?.message.contains("patient_identifier_system") == true
    }
    // A collection without it names the identifier's value only.
    let collection = try Self.bundle(report, system: nil)
    #expect(collection.resources("Patient").first?["identifier"] == .array([.object([("value", .string("P-1001"))])]))
  }

  @Test(
    "the conditional-create search escapes FHIR search characters and percent-encodes the query",
    arguments: [
      ("https://a.example/mrn", "P-1001", "https://a.example/mrn|P-1001"),
      ("urn:oid:1.2.3", "A|B,C", "urn:oid:1.2.3|A%5C%7CB%5C%2CC"),
      ("https://a.example/mrn", "Ä 1&2", "https://a.example/mrn|%C3%84%201%262"),
    ])
  func searchToken(system: String, value: String, token: String) {
    #expect(FHIRSearch.token(system: system, value: value) == token)
  }

  @Test(
    "the Patient's name: as written, with family and given for 'Family, Given'",
    arguments: [
      ("Example, Ann", #"{"text": "Example, Ann", "family": "Example", "given": ["Ann"]}"#),
      ("Example, Ann Marie", #"{"text": "Example, Ann Marie", "family": "Example", "given": ["Ann", "Marie"]}"#),
      ("Ann Example", #"{"text": "Ann Example"}"#),
      ("Example, ", #"{"text": "Example, "}"#),
    ])
  func humanName(name: String, json: String) throws {
    #expect(FHIR.humanName(name) == (try JSONValue.parse(json)))
  }

  @Test("issued, the performing Organization, the interpreter as a Practitioner, the HTML as a second presentedForm")
  func participants() throws {
    let report = try exampleReport("exam-follow-up.json", interpretation: Self.signed)
    let html = "<!doctype html><p>r</p>\n"
    let reader = try Self.bundle(report, html: html)
    let diagnostic = try #require(reader.diagnosticReport)
    #expect(diagnostic["issued"]?.text == "2025-06-02T09:30:00-04:00")
    let performer = try #require(diagnostic["performer"]?.elements.first?["reference"]?.text)
    let organization = try #require(reader.entries.first { $0["fullUrl"]?.text == performer }?["resource"])
    #expect(
      organization == .object([("resourceType", .string("Organization")), ("name", .string("Riverside Bone Health"))]))
    let interpreter = try #require(diagnostic["resultsInterpreter"]?.elements.first?["reference"]?.text)
    #expect(
      reader.entries.first { $0["fullUrl"]?.text == interpreter }?["resource"]?["resourceType"]?.text == "Practitioner")
    let forms = try #require(diagnostic["presentedForm"]?.elements)
    #expect(forms.map { $0["contentType"]?.text } == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
    let data = try #require(Data(base64Encoded: forms[1]["data"]?.text ?? ""))
    #expect(String(decoding: data, as: UTF8.self) == html)

    // Without a facility name, a signature or an issue time, none of them is written.
    let bare = try Self.bundle(try buildReport(try exampleExam("exam-follow-up.json")), issued: nil)
    #expect(bare.diagnosticReport?["issued"] == nil && bare.bundle["timestamp"] == nil)
    #expect(bare.diagnosticReport?["performer"] == nil && bare.resources("Organization").isEmpty)
    #expect(bare.diagnosticReport?["resultsInterpreter"] == nil && bare.resources("Practitioner").isEmpty)
    #expect(bare.diagnosticReport?["presentedForm"]?.elements.count == 1)
  }

  /// Every example and every clinical exam, as the report command builds them.
  static func allReports() throws -> [(name: String, report: Report)] {
    var reports = try exampleExamFiles.map { ($0, try exampleReport($0)) }
    let clinical = exampleURL("clinical")
    for name in try FileManager.default.contentsOfDirectory(atPath: clinical.path).sorted()
    where name.hasSuffix(".json") && name != "expectations.json" {
      let exam = try Exam(json: String(contentsOf: clinical.appending(path: name), encoding: .utf8), file: name)
      reports.append((name, try buildReport(exam)))
    }
    return reports
  }

  @Test("every Observation the DiagnosticReport references is in the bundle, and every one in it is referenced")
  func resultsComplete() throws {
    let reports = try Self.allReports()
    #expect(reports.count >= 20)
    for (name, report) in reports {
      for type in FHIRBundleOptions.BundleType.allCases {
        let reader = try Self.bundle(report, type: type)
        let inBundle = reader.entries.filter { $0["resource"]?["resourceType"]?.text == "Observation" }
          .compactMap { $0["fullUrl"]?.text }
        let referenced = reader.diagnosticReport?["result"]?.elements.compactMap { $0["reference"]?.text } ?? []
        #expect(!inBundle.isEmpty, "\(name)")
        #expect(referenced == inBundle, "\(name) \(type)")
        #expect(Set(inBundle).count == inBundle.count, "\(name): an Observation id twice")
      }
    }
  }

  static let lumbarSpineLOINC: Set<String> = ["24966-4", "38267-1", "85394-5"]

  @Test("a vertebral subset of the spine is never coded as the L1–L4 lumbar spine; it carries a local code")
  func subsetNeverL1L4() throws {
    var subsets = 0
    for (name, report) in try Self.allReports() {
      let reader = try Self.bundle(report)
      for observation in reader.resources("Observation") {
        let text = observation["code"]?["text"]?.text ?? ""
        let codings = observation["code"]?["coding"]?.elements ?? []
        let loinc = codings.filter { $0["system"]?.text == FHIRBundleTests.loinc }.compactMap { $0["code"]?.text }
        let isSubset = text.hasPrefix("Lumbar spine (") && !text.hasPrefix("Lumbar spine (L1–L4)")
        let isVertebra = ["L1 ", "L2 ", "L3 ", "L4 "].contains { text.hasPrefix($0) }
        guard isSubset || isVertebra else {
          if text.hasPrefix("Lumbar spine (L1–L4)") && !text.contains("change") {
            #expect(!Set(loinc).isDisjoint(with: Self.lumbarSpineLOINC), "\(name): \(text)")
          }
          continue
        }
        subsets += 1
        #expect(Set(loinc).isDisjoint(with: Self.lumbarSpineLOINC), "\(name): \(text) coded \(loinc)")
        #expect(codings.contains { $0["system"]?.text == FHIRBundleTests.local }, "\(name): \(text)")
      }
    }
    // The follow-up and baseline (L1–L2, L4), the two- and three-vertebra clinical exams, every single vertebra.
    #expect(subsets > 20)
  }

  @Test("serial change per region and prior: g/cm² value, percent, percent per year and LSC, significance")
  func serialChange() throws {
    let reader = try Self.bundle(try exampleReport("exam-follow-up.json"))
    // Left total hip: 0.745 − 0.772 = −0.027 g/cm², −0.027/0.772 = −3.497% → −3.5; 766 days = 2.0972 years →
    // −1.667%/year → −1.7; LSC 2.77 × 0.0081 = 0.0224 → 0.022 g/cm², reached: a significant decrease.
    let change = try #require(reader.observation("Total hip (left) BMD change since 2023-03-10"))
    #expect(change["code"]?.firstCode == "bmd-change")
    #expect(change["code"]?.firstSystem == FHIRBundleTests.local)
    #expect(change["valueQuantity"]?["value"]?.numberText == "-0.027")
    let components = change["component"]?.elements ?? []
    #expect(
      components.map { $0["code"]?.firstCode } == [
        "bmd-change-percent", "bmd-change-percent-per-year", "least-significant-change",
      ])
    #expect(components.map { $0["valueQuantity"]?["value"]?.numberText } == ["-3.5", "-1.7", "0.022"])
    #expect(components.map { $0["valueQuantity"]?["code"]?.text } == ["%", "%/a", "g/cm2"])
    #expect(change["interpretation"]?.elements.first?["text"]?.text == "significant decrease")
    #expect(change["bodySite"]?.firstCode == "310651003:272741003=7771000")
    let current = try #require(change["derivedFrom"]?.elements.first?["reference"]?.text)
    #expect(
      reader.entries.first { $0["fullUrl"]?.text == current }?["resource"]?["code"]?["text"]?.text
        == "Total hip (left) BMD")
    // The spine without a facility precision: the ISCD minimum LSC of 5.3%, no significant change at −2.1%.
    let spine = try #require(reader.observation("Lumbar spine (L1–L2, L4) BMD change since 2023-03-10"))
    #expect(spine["component"]?.elements.last?["valueQuantity"]?["value"]?.numberText == "5.3")
    #expect(spine["interpretation"]?.elements.first?["text"]?.text == "no significant change")
  }

  @Test("FRAX and TBS as Observations with code.text and a local code, as provided")
  func fraxAndTBS() throws {
    let reader = try Self.bundle(try exampleReport("exam-follow-up.json"))
    let major = try #require(reader.observation("FRAX 10-year probability of a major osteoporotic fracture"))
    #expect(major["code"]?.firstCode == "frax-major-osteoporotic-fracture")
    #expect(major["valueQuantity"]?["value"]?.numberText == "17.8")
    #expect(major["valueQuantity"]?["code"]?.text == "%")
    #expect(
      major["method"]?["text"]?.text == "FRAX FRAX 4.4, USA Caucasian, as provided (not computed by the DXA engine)")
    let hip = try #require(reader.observation("FRAX 10-year probability of a hip fracture"))
    #expect(hip["valueQuantity"]?["value"]?.numberText == "3.4")
    let tbs = try #require(reader.observation("Trabecular bone score (L1–L4)"))
    #expect(tbs["code"]?.firstCode == "trabecular-bone-score")
    #expect(tbs["valueQuantity"]?["value"]?.numberText == "1.262")
    #expect(tbs["method"]?["text"]?.text == "TBS iNsight 3.1, as provided")
    // No LOINC code for either: none is made up.
    for observation in [major, hip, tbs] {
      #expect(
        observation["code"]?["coding"]?.elements.allSatisfy { $0["system"]?.text == FHIRBundleTests.local } == true)
    }
  }

  @Test(
    "transaction bundles of every example, unsigned and signed, are valid FHIR R4 Bundles", arguments: exampleExamFiles)
  func transactionsValidate(examFile: String) throws {
    for interpretation in [PhysicianInterpretation(), Self.signed] {
      let report = try exampleReport(examFile, interpretation: interpretation)
      let reader = try Self.bundle(report, type: .transaction, html: report.renderedHTML())
      let (status, output) = try FHIRValidator.validate(reader.bundle, name: examFile)
      #expect(status == 0, "\(examFile): \(output)")
    }
  }

  @Test("the validator refuses a transaction entry without a request, a bad method, and ifNoneExist on a PUT")
  func brokenTransactions() throws {
    let reader = try Self.bundle(try exampleReport("exam-follow-up.json"), type: .transaction)
    guard case .object(var members) = reader.bundle, let index = members.firstIndex(where: { $0.key == "entry" }),
      case .array(var entries) = members[index].value
    else {
      Issue.record("the bundle has no entries")
      return
    }
    func setRequest(_ entry: Int, _ request: JSONValue?) {
      guard case .object(var fields) = entries[entry] else { return }
      fields.removeAll { $0.key == "request" }
      if let request { fields.append(("request", request)) }
      entries[entry] = .object(fields)
    }
    setRequest(2, nil)
    setRequest(3, .object([("method", .string("SEND")), ("url", .string("Device"))]))
    setRequest(1, .object([("method", .string("PUT")), ("url", .string("Patient")), ("ifNoneExist", .string("x"))]))
    members[index].value = .array(entries)
    let (status, output) = try FHIRValidator.validate(.object(members), name: "broken-transaction")
    #expect(status == 1)
    #expect(
      output.contains("Bundle.entry[2].request: missing; a transaction entry needs a request (bdl-3)"), "\(output)")
    #expect(output.contains("Bundle.entry[3].request.method: 'SEND' is not in the required value set"), "\(output)")
    #expect(output.contains("Bundle.entry[1].request.ifNoneExist: only a POST creates conditionally"), "\(output)")
  }
}

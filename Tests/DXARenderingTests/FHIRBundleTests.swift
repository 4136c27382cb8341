import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

@testable import DXACore
@testable import DXARendering

@Suite("FHIR R4 bundle of the report")
struct FHIRBundleTests {
  static let loinc = "http://loinc.org"
  static let snomed = "http://snomed.info/sct"
  static let local = "urn:dxa:observation-code"

  /// A coding of DXA's local code system.
  static func localCoding(_ code: String, _ display: String) -> JSONValue {
    .object([("system", .string(local)), ("code", .string(code)), ("display", .string(display))])
  }

  /// The follow-up exam measures both hips: left and right femoral neck and total hip. A woman of 68 has no default
  /// total-hip Z-score reference (NHANES 2005–2008 women cover 21–30 only), so those two have no Z Observation.
  static let hipCases: [(label: String, loinc: [String?], bodySite: String)] = [
    ("Femoral neck (left)", ["80954-1", "80948-3", "80940-0"], "29627003:272741003=7771000"),
    ("Femoral neck (right)", ["80953-3", "80947-5", "80939-2"], "29627003:272741003=24028007"),
    ("Total hip (left)", ["46278-8", "80946-7", nil], "310651003:272741003=7771000"),
    ("Total hip (right)", ["46279-6", "80945-9", nil], "310651003:272741003=24028007"),
  ]

  @Test(
    "hip Observations carry the side's LOINC codes and a SNOMED body site post-coordinated with laterality",
    arguments: hipCases)
  func hipObservations(label: String, loinc: [String?], bodySite: String) throws {
    let reader = try fhirBundle(try exampleReport("exam-follow-up.json"))
    for (measure, code) in zip(["BMD", "T-score", "Z-score"], loinc) {
      let found = reader.observation("\(label) \(measure)")
      guard let code else {
        #expect(found == nil, "\(label) \(measure)")
        continue
      }
      let observation = try #require(found, "\(label) \(measure)")
      #expect(observation["code"]?.firstCode == code)
      #expect(observation["code"]?.firstSystem == Self.loinc)
      #expect(observation["bodySite"]?.firstCode == bodySite)
      #expect(observation["bodySite"]?.firstSystem == Self.snomed)
      #expect(observation["bodySite"]?["text"]?.text == label)
      #expect(observation["category"]?.elements.first?.firstCode == "imaging")
      #expect(observation["effectiveDateTime"]?.text == "2025-04-14")
    }
  }

  @Test("a man's left total hip has a Z-score Observation with the Hip left Z code")
  func hipZScore() throws {
    let reader = try fhirBundle(try exampleReport("exam-man-45.json"))
    let z = reader.observation("Total hip (left) Z-score")
    #expect(z?["code"]?.firstCode == "80938-4")
    #expect(z?["bodySite"]?.firstCode == "310651003:272741003=7771000")
  }

  @Test("BMD, T and Z values with their UCUM units: femoral neck (left) 0.612 g/cm2, T −2.1, Z −0.6")
  func values() throws {
    let reader = try fhirBundle(try exampleReport("exam-follow-up.json"))
    let bmd = try #require(reader.observation("Femoral neck (left) BMD")?["valueQuantity"])
    #expect(
      bmd
        == .object([
          ("value", .number("0.612")), ("unit", .string("g/cm2")), ("system", .string("http://unitsofmeasure.org")),
          ("code", .string("g/cm2")),
        ]))
    // T = (0.612 − 0.858) / 0.120 = −2.05 → −2.1 (half away from zero); Z = (0.612 − 0.681) / 0.119 = −0.58 → −0.6
    // against NHANES III White women 60–69.
    let t = try #require(reader.observation("Femoral neck (left) T-score")?["valueQuantity"])
    #expect(t["value"]?.numberText == "-2.1")
    #expect(t["code"]?.text == "{T-score}")
    let z = try #require(reader.observation("Femoral neck (left) Z-score")?["valueQuantity"])
    #expect(z["code"]?.text == "{Z-score}")
    #expect(z["value"]?.numberText == "-0.6")
  }

  @Test("T and Z Observations name the reference database and derive from the BMD Observation")
  func referenceNotes() throws {
    let reader = try fhirBundle(try exampleReport("exam-follow-up.json"))
    let t = try #require(reader.observation("Femoral neck (left) T-score"))
    let note = try #require(t.noteTexts.first)
    #expect(note.hasPrefix("Reference: nhanes3-hip-young-adult v"))
    #expect(note.contains("mean 0.858, SD 0.120 g/cm2"))
    #expect(note.contains("Looker"))
    let bmdURL = reader.entries.first { $0["resource"]?["code"]?["text"]?.text == "Femoral neck (left) BMD" }?[
      "fullUrl"]
    #expect(t["derivedFrom"]?.elements.first?["reference"] == bmdURL)
    #expect(bmdURL != nil)
  }

  @Test("the lumbar spine uses the Lumbar spine codes and a body site without laterality")
  func spine() throws {
    let reader = try fhirBundle(try exampleReport("exam-man-45.json"))
    let bmd = try #require(reader.observation("Lumbar spine (L1–L4) BMD"))
    #expect(bmd["code"]?.firstCode == "24966-4")
    #expect(bmd["bodySite"]?.firstCode == "122496007")
    #expect(bmd["bodySite"]?["coding"]?.elements.first?["display"]?.text == "Lumbar spine")
    #expect(reader.observation("Lumbar spine (L1–L4) Z-score")?["code"]?.firstCode == "85394-5")
    // A man of 45 is classified on Z: no T-score Observation at all (ISCD), and the Z Observation interprets.
    #expect(reader.observation("Lumbar spine (L1–L4) T-score") == nil)
    #expect(!reader.observationTexts.contains { $0.hasSuffix("T-score") })
    let z = try #require(reader.observation("Lumbar spine (L1–L4) Z-score"))
    #expect(z["interpretation"]?.elements.first?["text"]?.text == "Within the expected range for age")
    #expect(z["method"]?["text"]?.text == "Recomputed by the DXA engine against nhanes-2005-2008-spine-hip v1")
  }

  @Test("the T-score Observation of a Hologic spine comes from the scanner when it printed one, and says so")
  func scannerSpine() throws {
    let rows = #"{"site": "lumbar-spine", "bmd": 0.799, "t_score_device": -2.2}, "# + hips(neck: "0.700")
    let reader = try fhirBundle(try buildReport(try exam(examJSON(measurements: rows))))
    let t = try #require(reader.observation("Lumbar spine (L1–L4) T-score"))
    #expect(t["valueQuantity"]?["value"]?.numberText == "-2.2")
    #expect(t["method"]?["text"]?.text == "As printed by the scanner (the maker's reference database)")
    // Hologic's database recomputed: (0.799 − 1.047) / 0.110 = −2.2545… → −2.3, shown beside it.
    #expect(
      t.noteTexts.first
        == "T -2.2 printed by the scanner (Hologic database, L1–L4); recomputed -2.3 against hologic-spine-young-women."
    )
    #expect(t["interpretation"]?.elements.first?["text"]?.text == "Low bone mass (osteopenia)")
  }

  @Test("a 1/3 radius without a reference: a BMD Observation (Radius and ulna, shaft of radius, left) and no T or Z")
  func radiusWithoutReference() throws {
    let radiusExam = try exam(
      examJSON(
        measurements: hips(neck: "0.700") + #", {"site": "radius-33", "side": "left", "bmd": 0.650}"#,
        scan: #""radius_reason": "hyperparathyroidism""#))
    let reader = try fhirBundle(try buildReport(radiusExam))
    let bmd = try #require(reader.observation("Radius 33% (1/3) (left) BMD"))
    #expect(bmd["code"]?.firstCode == "24890-6")
    #expect(bmd["bodySite"]?.firstCode == "47728000:272741003=7771000")
    #expect(bmd["valueQuantity"]?["value"]?.numberText == "0.650")
    #expect(reader.observation("Radius 33% (1/3) (left) T-score") == nil)
    #expect(reader.observation("Radius 33% (1/3) (left) Z-score") == nil)
    #expect(bmd.noteTexts.contains { $0.hasPrefix("No T-score: ") })
    #expect(bmd.noteTexts.contains("1/3 radius used for diagnosis: hyperparathyroidism."))
  }

  @Test("a spine total of L1–L2, L4 without its own reference: an approximate T on the L1–L4 reference, or none")
  func spineWithoutReference() throws {
    let baseline = try exampleExam("exam-baseline.json")
    let reader = try fhirBundle(try buildReport(baseline))
    let bmd = try #require(reader.observation("Lumbar spine (L1–L2, L4) BMD"))
    // (11.30 + 12.95 + 15.45) / (13.75 + 14.55 + 17.15) = 39.70 / 45.45 = 0.8735 → 0.873
    #expect(bmd["valueQuantity"]?["value"]?.numberText == "0.873")
    // A subset of the spine is never filed under the lumbar-spine LOINC code, which receivers read as L1–L4.
    #expect(bmd["code"]?["coding"]?.elements.count == 1)
    #expect(bmd["code"]?.firstCode == "lumbar-spine-l1-l2,l4-bmd")
    #expect(bmd["code"]?.firstSystem == "urn:dxa:observation-code")
    #expect(bmd.noteTexts.first == "BMD recomputed from BMC and area.")
    // Hologic's L1–L4 database stands in: (0.873 − 1.047) / 0.110 = −1.58… → −1.6, approximate.
    let t = try #require(reader.observation("Lumbar spine (L1–L2, L4) T-score"))
    #expect(t["valueQuantity"]?["value"]?.numberText == "-1.6")
    #expect(t["code"]?.firstCode == "lumbar-spine-l1-l2,l4-t-score")
    #expect(
      t["method"]?["text"]?.text
        == "Recomputed by the DXA engine against hologic-spine-young-women v1 (L1–L4 reference for a vertebral subset: approximate)"
    )
    let none = try fhirBundle(try buildReport(baseline, options: ReportOptions(spineSubsetReference: .none)))
    let bare = try #require(none.observation("Lumbar spine (L1–L2, L4) BMD"))
    #expect(
      bare.noteTexts.contains { $0.hasPrefix("No T-score: no reference for the vertebral combination L1–L2, L4") })
    #expect(!none.observationTexts.contains { $0.hasPrefix("Lumbar spine") && $0.hasSuffix("-score") })
  }

  @Test("each vertebra has a BMD Observation (local code, SNOMED vertebra) saying whether it is in the total")
  func vertebrae() throws {
    let reader = try fhirBundle(try exampleReport("exam-follow-up.json"))
    let expected: [(String, String, String)] = [
      ("L1", "66794005", "0.804"), ("L2", "14293000", "0.870"), ("L3", "36470004", "1.101"),
      ("L4", "11994002", "0.884"),
    ]
    for (name, bodySite, value) in expected {
      let bmd = try #require(reader.observation("\(name) BMD"), "\(name)")
      let code = FHIRBundleTests.localCoding("vertebra-\(name.lowercased())-bmd", "\(name) BMD")
      #expect(bmd["code"] == .object([("coding", .array([code])), ("text", .string("\(name) BMD"))]))
      #expect(bmd["bodySite"]?.firstCode == bodySite)
      #expect(bmd["valueQuantity"]?["value"]?.numberText == value)
      #expect(reader.observation("\(name) T-score") == nil)
      let membership =
        name == "L3"
        ? "L3 excluded by the technologist: degenerative sclerosis." : "Included in the spine total (L1–L2, L4)."
      #expect(bmd.noteTexts.contains(membership), "\(name): \(bmd.noteTexts)")
    }
    // L3 (device T 0.4) against L4 (−1.6): 2.0 apart, an exclusion candidate.
    #expect(
      reader.observation("L3 BMD")?.noteTexts.contains(
        "L3 differs by 2.0 SD from L4 (more than 1.0), consistent with its exclusion.") == true)
  }

  @Test("a site without a LOINC code has code.text only and its SNOMED body site (trochanter)")
  func textOnlyCode() throws {
    let reader = try fhirBundle(try exampleReport("exam-follow-up.json"))
    let bmd = try #require(reader.observation("Trochanter (left) BMD"))
    #expect(bmd["code"] == .object([("text", .string("Trochanter (left) BMD"))]))
    #expect(bmd["bodySite"]?.firstCode == "310651003:272741003=7771000")
    #expect(bmd.noteTexts.contains("Trochanter is reported, never used for diagnosis (ISCD)."))
  }

  /// One report per category, built from an exam that gives it.
  static let categoryExams: [(Category, String)] = [
    (.osteoporosis, examJSON(measurements: hips(neck: "0.550", total: "0.700"))),
    (.lowBoneMass, examJSON(measurements: hips(neck: "0.700", total: "0.850"))),
    (.normal, examJSON(measurements: hips(neck: "0.900", total: "1.000"))),
    (
      .withinExpectedRangeForAge,
      examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 1.000}"#, patient: #""sex": "male", "age": 45"#)
    ),
    (
      .belowExpectedRangeForAge,
      examJSON(measurements: #"{"site": "lumbar-spine", "bmd": 0.700}"#, patient: #""sex": "male", "age": 45"#)
    ),
  ]

  @Test(
    "conclusionCode is SNOMED 64859006 for osteoporosis and 312894000 for osteopenia, absent otherwise",
    arguments: zip(categoryExams, ["64859006", "312894000", nil, nil, nil] as [String?]))
  func conclusionCode(categoryExam: (Category, String), code: String?) throws {
    let (category, json) = categoryExam
    let report = try buildReport(try exam(json))
    try #require(report.diagnosis.category == category)
    let diagnosticReport = try #require(try fhirBundle(report).diagnosticReport)
    let concept = diagnosticReport["conclusionCode"]?.elements.first
    #expect(concept?.firstCode == code)
    #expect(diagnosticReport["conclusionCode"]?.elements.count == (code == nil ? nil : 1))
    if code != nil {
      #expect(concept?.firstSystem == Self.snomed)
      #expect(concept?["text"]?.text == category.displayName)
    }
    #expect(diagnosticReport["conclusion"]?.text?.hasPrefix(report.diagnosis.wording + ": lowest ") == true)
  }

  @Test("unsigned: preliminary, awaiting review; signed: final, with the interpreter and the impression")
  func preliminaryAndFinal() throws {
    let unsigned = try fhirBundle(try exampleReport("exam-follow-up.json"))
    #expect(unsigned.diagnosticReport?["status"]?.text == "preliminary")
    #expect(unsigned.diagnosticReport?["resultsInterpreter"] == nil)
    #expect(
      unsigned.diagnosticReport?["conclusion"]?.text?.hasSuffix(
        "awaiting review and signature by the interpreting physician.") == true)
    #expect(unsigned.resources("Observation").allSatisfy { $0["status"]?.text == "preliminary" })

    let interpretation = PhysicianInterpretation(
      impression: "Stable low bone mass.", signedBy: "Dr. A. Radiologist", signedOn: CalendarDate("2025-04-15"))
    let signed = try fhirBundle(try exampleReport("exam-follow-up.json", interpretation: interpretation))
    let report = try #require(signed.diagnosticReport)
    #expect(report["status"]?.text == "final")
    let interpreter = try #require(report["resultsInterpreter"]?.elements.first?["reference"]?.text)
    let practitioner = try #require(
      signed.entries.first { $0["fullUrl"]?.text == interpreter }?["resource"])
    #expect(practitioner["resourceType"]?.text == "Practitioner")
    #expect(practitioner["name"] == .array([.object([("text", .string("Dr. A. Radiologist"))])]))
    #expect(unsigned.resources("Practitioner").isEmpty)
    #expect(
      report["conclusion"]?.text == """
        Low bone mass (osteopenia): lowest T-score -2.1 at femoral neck (left), recomputed against \
        nhanes3-hip-young-adult.
        Low bone mass with a fragility fracture of the distal forearm 2019-11-02: osteoporosis may be diagnosed \
        clinically (AACE/ACE 2020).
        Impression: Stable low bone mass.
        """)
    #expect(signed.resources("Observation").allSatisfy { $0["status"]?.text == "final" })
  }

  @Test("the DiagnosticReport: LOINC 83311-1, category LP29684-5, scan date, every Observation as a result")
  func diagnosticReport() throws {
    let reader = try fhirBundle(try exampleReport("exam-follow-up.json"), text: "Bone density ²\n")
    let report = try #require(reader.diagnosticReport)
    #expect(report["code"]?.firstCode == "83311-1")
    #expect(report["code"]?.firstSystem == Self.loinc)
    #expect(report["category"]?.elements.first?.firstCode == "LP29684-5")
    #expect(report["category"]?.elements.first?["coding"]?.elements.first?["display"]?.text == "Radiology")
    #expect(report["effectiveDateTime"]?.text == "2025-04-14")
    #expect(report["identifier"]?.elements.first?["value"]?.text == "S-2025-0414")
    let observationURLs = reader.entries.filter { $0["resource"]?["resourceType"]?.text == "Observation" }
      .compactMap { $0["fullUrl"]?.text }
    #expect(report["result"]?.elements.compactMap { $0["reference"]?.text } == observationURLs)
    // Spine BMD/T/Z (approximate, L1–L4 reference), 4 vertebrae, left neck BMD/T/Z, left total hip BMD/T (no Z at
    // 68), trochanter BMD, right neck BMD/T/Z, right total hip BMD/T: 18; the change since the baseline of the spine,
    // left neck and left total hip: 3; FRAX major and hip: 2; TBS: 1.
    #expect(observationURLs.count == 24)
    let form = try #require(report["presentedForm"]?.elements.first)
    #expect(form["contentType"]?.text == "text/plain; charset=utf-8")
    // "Bone density ²\n" in UTF-8, base64.
    #expect(form["data"]?.text == "Qm9uZSBkZW5zaXR5IMKyCg==")
  }

  @Test("the presentedForm is the text report, byte for byte, for every example exam", arguments: exampleExamFiles)
  func presentedFormIsTheTextReport(name: String) throws {
    let report = try exampleReport(name)
    let reader = try fhirBundle(report)
    let form = try #require(reader.diagnosticReport?["presentedForm"]?.elements.first)
    let data = try #require(Data(base64Encoded: form["data"]?.text ?? ""))
    #expect(String(decoding: data, as: UTF8.self) == textReport(report))
    #expect(textReport(report).hasPrefix("BONE DENSITOMETRY (DXA) REPORT"))
  }

  @Test("Patient and Device as the exam gives them")
  func patientAndDevice() throws {
    let reader = try fhirBundle(try exampleReport("exam-follow-up.json"))
    let patient = try #require(reader.resources("Patient").first)
    #expect(patient["identifier"]?.elements.first?["value"]?.text == "P-1001")
    #expect(patient["gender"]?.text == "female")
    #expect(patient["birthDate"]?.text == "1956-08-21")
    let device = try #require(reader.resources("Device").first)
    #expect(device["manufacturer"]?.text == "Hologic")
    #expect(device["serialNumber"]?.text == "301234")
    #expect(device["deviceName"]?.elements.first?["name"]?.text == "Horizon A")
    #expect(device["deviceName"]?.elements.first?["type"]?.text == "model-name")
    #expect(device["version"]?.elements.first?["value"]?.text == "13.6.1")
    // Age only: no birth date; a GE Lunar without a software version.
    let man = try fhirBundle(try exampleReport("exam-man-45.json"))
    #expect(man.resources("Patient").first?["birthDate"] == nil)
    #expect(man.resources("Patient").first?["gender"]?.text == "male")
    #expect(man.resources("Device").first?["manufacturer"]?.text == "GE Lunar")
    #expect(man.resources("Device").first?["version"] == nil)
  }

  @Test("the bundle is byte for byte the same each time; every fullUrl is a distinct version-5 urn:uuid")
  func deterministic() throws {
    let codes = try ShippedReferences.reportCodes()
    let first = try exampleReport("exam-follow-up.json").fhirBundle(
      codes: codes, presentedText: "x", generatedAt: "2025-04-14T12:00:00Z"
    ).rendered()
    let second = try exampleReport("exam-follow-up.json").fhirBundle(
      codes: codes, presentedText: "x", generatedAt: "2025-04-14T12:00:00Z"
    ).rendered()
    #expect(first == second)
    let reader = try fhirBundle(try exampleReport("exam-follow-up.json"))
    let urls = reader.entries.compactMap { $0["fullUrl"]?.text }
    #expect(urls.count == reader.entries.count)
    #expect(Set(urls).count == urls.count)
    for url in urls {
      let uuid = url.dropFirst("urn:uuid:".count)
      #expect(url.hasPrefix("urn:uuid:") && uuid.count == 36)
      #expect(Array(uuid)[14] == "5")
      #expect("89ab".contains(Array(uuid)[19]))
    }
    // Ids come from the scan id and the resource's role only.
    let patientURL = reader.entries[1]["fullUrl"]?.text
    #expect(
      patientURL == "urn:uuid:"
        + NameBasedUUID.string(namespace: FHIRBundleWriter.namespace, name: "S-2025-0414/patient"))
  }

  @Test("generatedAt goes to Bundle.timestamp and DiagnosticReport.issued; without it neither is written")
  func generatedAt() throws {
    let report = try exampleReport("exam-follow-up.json")
    let stamped = try fhirBundle(report, generatedAt: "2025-04-14T12:00:00Z")
    #expect(stamped.bundle["timestamp"]?.text == "2025-04-14T12:00:00Z")
    #expect(stamped.diagnosticReport?["issued"]?.text == "2025-04-14T12:00:00Z")
    let plain = try fhirBundle(report)
    #expect(plain.bundle["timestamp"] == nil && plain.diagnosticReport?["issued"] == nil)
  }
}

@Suite("Name-based UUIDs, SHA-1 and base64 for the FHIR bundle")
struct FHIREncodingTests {
  @Test("SHA-1 of the FIPS 180 examples")
  func sha1() {
    func hex(_ bytes: [UInt8]) -> String { bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }
    #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(hex(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    #expect(
      hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
        == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
  }

  @Test("the version-5 UUID of www.example.com in the DNS namespace (RFC 9562 appendix A.4)")
  func uuidV5() {
    #expect(
      NameBasedUUID.string(namespace: NameBasedUUID.dnsNamespace, name: "www.example.com")
        == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
  }

  @Test("base64 of the RFC 4648 test vectors")
  func base64() {
    let vectors = [
      "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
      "foobar": "Zm9vYmFy",
    ]
    for (input, output) in vectors { #expect(Base64.encode(Array(input.utf8)) == output, "\(input)") }
  }
}

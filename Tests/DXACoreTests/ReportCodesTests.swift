import DXACore
import DXAReferenceData
import Testing

/// The shipped code table, against a second transcription of `shared/domain/interop.md` made for this test.
@Suite("Report codes (reference-data/codes/dxa-codes.json)")
struct ReportCodesTests {
  static let loinc = "http://loinc.org"
  static let snomed = "http://snomed.info/sct"

  /// interop.md's LOINC table: site, side, BMD / T / Z.
  static let observationCodes: [(Site, Side?, [String])] = [
    (.lumbarSpine, nil, ["24966-4", "38267-1", "85394-5"]),
    (.femoralNeck, nil, ["24701-5", "38263-0", "80934-3"]),
    (.femoralNeck, .left, ["80954-1", "80948-3", "80940-0"]),
    (.femoralNeck, .right, ["80953-3", "80947-5", "80939-2"]),
    (.totalHip, nil, ["38261-4", "38264-8", "80933-5"]),
    (.totalHip, .left, ["46278-8", "80946-7", "80938-4"]),
    (.totalHip, .right, ["46279-6", "80945-9", "80937-6"]),
    (.radius33, nil, ["24890-6", "38265-5", "80932-7"]),
    // LOINC has no side-specific radius terms: both sides use the codes without laterality.
    (.radius33, .left, ["24890-6", "38265-5", "80932-7"]),
    (.radius33, .right, ["24890-6", "38265-5", "80932-7"]),
    // Side-specific codes only where LOINC has them: the spine has none.
    (.lumbarSpine, .left, ["24966-4", "38267-1", "85394-5"]),
  ]

  /// interop.md's SNOMED CT list; total hip → proximal femur, and the three hip sub-regions without a code of their
  /// own → the proximal femur that contains them; 1/3 radius → shaft of radius.
  static let bodySites: [(Site, String)] = [
    (.lumbarSpine, "122496007"), (.l1, "66794005"), (.l2, "14293000"), (.l3, "36470004"), (.l4, "11994002"),
    (.femoralNeck, "29627003"), (.totalHip, "310651003"), (.trochanter, "310651003"),
    (.intertrochanter, "310651003"), (.wards, "310651003"), (.totalBody, "38266002"), (.radius33, "47728000"),
  ]

  @Test("every observation code equals interop.md", arguments: observationCodes)
  func observationCode(site: Site, side: Side?, expected: [String]) throws {
    let codes = try ShippedReferences.reportCodes()
    let found = ReportCodes.Measure.allCases.map { codes.observationCode($0, site: site, side: side)?.code }
    #expect(found == expected)
    for measure in ReportCodes.Measure.allCases {
      #expect(codes.observationCode(measure, site: site, side: side)?.system == Self.loinc)
    }
  }

  @Test("femoral neck uses the Femur term, total hip the Hip term, the 1/3 radius Radius and ulna")
  func loincTerms() throws {
    let codes = try ShippedReferences.reportCodes()
    #expect(codes.sites[.femoralNeck]?.loincTerm == "Femur")
    #expect(codes.sites[.totalHip]?.loincTerm == "Hip")
    #expect(codes.sites[.radius33]?.loincTerm == "Radius and ulna")
    #expect(codes.sites[.lumbarSpine]?.loincTerm == "Lumbar spine")
  }

  @Test(
    "sites without a LOINC term in interop.md have no LOINC code at all",
    arguments: [Site.l1, .l2, .l3, .l4, .trochanter, .intertrochanter, .wards, .totalBody, .totalBodyLessHead])
  func noInventedLOINC(site: Site) throws {
    let codes = try ShippedReferences.reportCodes()
    for measure in ReportCodes.Measure.allCases {
      for side in [nil, Side.left, .right] {
        #expect(codes.observationCode(measure, site: site, side: side) == nil)
      }
    }
    #expect(codes.sites[site]?.loincTerm == nil)
  }

  @Test("every site's SNOMED CT body site equals interop.md", arguments: bodySites)
  func bodySite(site: Site, expected: String) throws {
    let codes = try ShippedReferences.reportCodes()
    #expect(codes.sites[site]?.bodySite?.code == expected)
    #expect(codes.sites[site]?.bodySite?.system == Self.snomed)
  }

  @Test("report code, category, laterality and findings equal interop.md")
  func reportLevelCodes() throws {
    let codes = try ShippedReferences.reportCodes()
    #expect(codes.reportCode.code == "83311-1" && codes.reportCode.system == Self.loinc)
    #expect(codes.reportCategory.code == "LP29684-5" && codes.reportCategory.display == "Radiology")
    #expect(codes.lateralityAttribute.code == "272741003")
    #expect(codes.laterality[.left]?.code == "7771000")
    #expect(codes.laterality[.right]?.code == "24028007")
    #expect(codes.findings[.osteoporosis]?.code == "64859006")
    #expect(codes.findings[.lowBoneMass]?.code == "312894000")
    // No code was found for normal bone density or for the Z-score statements.
    for category in [Category.normal, .withinExpectedRangeForAge, .belowExpectedRangeForAge] {
      #expect(codes.findings[category] == nil)
    }
  }

  @Test("every code in the file has a system, a source and a confirmation status other than unconfirmed")
  func everyCodeHasStatus() throws {
    let codes = try ShippedReferences.reportCodes()
    let all = codes.allCodes
    // 3 report-level + 2 sides + 2 findings + 12 body sites + LOINC: spine 3, neck 9, hip 9, radius 3.
    #expect(all.count == 3 + 2 + 2 + 12 + 24)
    for (name, code) in all {
      #expect(code.status != .unconfirmed, "\(name)")
      #expect(code.source.contains("interop.md"), "\(name)")
      #expect([Self.loinc, Self.snomed].contains(code.system), "\(name)")
    }
    #expect(codes.status == .secondary)
  }

  static let minimalFile = """
    {"format": "dxa-codes/1", "id": "t", "version": "1", "title": "t", "citation": "t", "status": "secondary",
     "localSystem": "LOCAL", "report": {"code": CODE, "category": CODE},
     "laterality": {"attribute": CODE, "left": CODE, "right": CODE},
     "findings": [], "sites": [SITES]}
    """

  static func file(
    code: String = #"{"system": "http://loinc.org", "code": "1-1", "status": "secondary", "source": "s"}"#,
    sites: [String] = Site.allCases.map { #"{"site": "\#($0.rawValue)"}"# }, localSystem: String = "urn:dxa:t"
  ) -> String {
    minimalFile.replacing("CODE", with: code).replacing("SITES", with: sites.joined(separator: ", "))
      .replacing("LOCAL", with: localSystem)
  }

  @Test("a minimal file with every site and no observation codes loads")
  func minimalLoads() throws {
    let codes = try ReportCodes(json: Self.file(), file: "t.json")
    #expect(codes.sites.count == Site.allCases.count)
    #expect(codes.observationCode(.bmd, site: .femoralNeck, side: .left) == nil)
  }

  @Test(
    "malformed code files are refused, naming the field",
    arguments: [
      (file(sites: Site.allCases.dropLast().map { #"{"site": "\#($0.rawValue)"}"# }), "t.json: sites"),
      (
        file(code: #"{"system": "http://loinc.org", "code": "1-1", "status": "unconfirmed", "source": "s"}"#),
        "t.json: report.code.status"
      ),
      (
        file(code: #"{"system": "http://loinc.org", "code": "1-1", "status": "secondary"}"#),
        "t.json: report.code.source"
      ),
      (
        file(code: #"{"system": "loinc", "code": "1-1", "status": "secondary", "source": "s"}"#),
        "t.json: report.code.system"
      ),
      (
        file(code: #"{"system": "http://loinc.org", "code": "1 1", "status": "secondary", "source": "s"}"#),
        "t.json: report.code.code"
      ),
      (file(sites: Site.allCases.map { #"{"site": "\#($0.rawValue)", "snomed": "1"}"# }), "t.json: sites[0].snomed"),
      (file(localSystem: "dxa codes"), "t.json: localSystem"),
    ])
  func refused(text: String, field: String) {
    #expect {
      _ = try ReportCodes(json: text, file: "t.json")
    } throws: { error in
      (error as? InputError)?.field == field && (error as? InputError)?.kind == .reference
    }
  }
}

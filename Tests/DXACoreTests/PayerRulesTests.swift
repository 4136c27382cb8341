import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

@testable import DXACore

@Suite("Payer files and the billing code file")
struct PayerRulesTests {
  @Test("one shipped file per payer of the service analysis, named by its id; three are templates")
  func shipped() throws {
    let payers = try ShippedReferences.payers()
    #expect(Set(payers.map(\.id)) == Set(PayerID.named))
    for file in ShippedReferences.files where file.path.hasPrefix("payers/") {
      let rules = try PayerRules(json: file.text, file: file.path)
      #expect(file.path == "payers/\(rules.id).json")
      #expect(!rules.citation.isEmpty && !rules.notes.isEmpty, "\(rules.id)")
    }
    let templates = payers.filter(\.isTemplate).map(\.id)
    #expect(Set(templates) == [.bcbs, .cigna, .uhc])
    // A template holds no rule: nothing is made up for it.
    for template in payers where template.isTemplate {
      #expect(template.coveredIndications.isEmpty && template.frequencyLimit == nil && template.modifiers == nil)
    }
  }

  @Test("Medicare: five covered groups, 23 months with two exceptions, ABN with GA and GZ")
  func medicare() throws {
    let medicare = try #require(try shippedLibrary().payerRules(for: .medicare))
    #expect(
      medicare.coveredIndications.map(\.id) == [
        "estrogen-deficient-woman", "vertebral-abnormalities", "glucocorticoid-therapy", "primary-hyperparathyroidism",
        "monitoring-drug-therapy",
      ])
    #expect(medicare.frequencyLimit?.months == 23)
    #expect(medicare.frequencyLimit?.exceptions.map(\.id) == ["long-term-glucocorticoids", "confirming-baseline"])
    #expect(medicare.modifiers?.noticeOnFile == "GA")
    #expect(medicare.modifiers?.noNotice == "GZ")
    // The dose threshold is unconfirmed (5 vs 7.5 mg/day): the rule checks the duration only, and says so.
    let steroids = try #require(medicare.coveredIndications.first { $0.id == "glucocorticoid-therapy" })
    #expect(steroids.alternatives.allSatisfy { $0.glucocorticoids?.minimumMilligramsPerDay == nil })
    #expect(steroids.note?.contains("not confirmed") == true)
  }

  @Test("Aetna: the eleven CPB 0134 indications billing.md lists, no frequency limit, no notice")
  func aetna() throws {
    let aetna = try #require(try shippedLibrary().payerRules(for: .aetna))
    #expect(aetna.coveredIndications.count == 11)
    #expect(aetna.frequencyLimit == nil)
    #expect(aetna.modifiers == nil)
    #expect(aetna.status == .secondary)
  }

  @Test("every condition a shipped payer names is in the shipped conditions list")
  func conditionsKnown() throws {
    try shippedLibrary().checkPayerConditions()
  }

  static func payerFile(_ body: String, status: String = "secondary") -> String {
    """
    {"format": "dxa-payer/1", "id": "acme", "name": "Acme", "version": "1", "status": "\(status)", "citation": "c"\(body)}
    """
  }

  static func rule(_ any: String, status: String = "secondary") -> String {
    #", "covered_indications": [{"id": "g", "label": "g", "any": [\#(any)], "source": "s", "status": "\#(status)"}]"#
  }

  @Test(
    "malformed payer files are refused, naming the field",
    arguments: [
      (payerFile(rule(#"{"indicaton": "screening"}"#)), "p.json: covered_indications[0].any[0].indicaton"),
      (payerFile(rule("{}")), "p.json: covered_indications[0].any[0]"),
      (payerFile(rule(#"{"fragility_fracture": false}"#)), "p.json: covered_indications[0].any[0].fragility_fracture"),
      (payerFile(rule(#"{"condition": "Celiac"}"#)), "p.json: covered_indications[0].any[0].condition"),
      (
        payerFile(
          #", "covered_indications": [{"id": "g", "label": "g", "any": [], "source": "s", "status": "verified"}]"#),
        "p.json: covered_indications[0].any"
      ),
      (
        payerFile(rule(#"{"indication": "screening"}"#, status: "unconfirmed")), "p.json: covered_indications[0].status"
      ),
      (
        payerFile(#", "frequency_limit": {"months": 0, "source": "s", "status": "secondary"}"#),
        "p.json: frequency_limit.months"
      ),
      (
        payerFile(#", "modifiers": {"notice": "ABN", "notice_on_file": "ga", "source": "s", "status": "secondary"}"#),
        "p.json: modifiers.notice_on_file"
      ),
      (
        payerFile(
          #", "covered_indications": [{"id": "g", "label": "g", "any": [{"sex": "male"}], "source": "s", "status": "secondary"}, {"id": "g", "label": "h", "any": [{"sex": "female"}], "source": "s", "status": "secondary"}]"#
        ), "p.json: covered_indications[1].id"
      ),
      (payerFile("").replacing(#""id": "acme""#, with: #""id": "Acme Health""#), "p.json: id"),
    ])
  func refused(text: String, field: String) {
    #expect {
      _ = try PayerRules(json: text, file: "p.json")
    } throws: { error in
      (error as? InputError)?.field == field && (error as? InputError)?.kind == .reference
    }
  }

  @Test("a template may hold rules of any status; they are never applied")
  func templateLoads() throws {
    let template = try PayerRules(
      json: Self.payerFile(Self.rule(#"{"indication": "screening"}"#, status: "unconfirmed"), status: "unconfirmed"),
      file: "p.json")
    #expect(template.isTemplate)
    #expect(template.coveredIndications.count == 1)
  }

  @Test("a site's payer file replaces the shipped one; a second for the same payer is refused")
  func siteFiles() throws {
    var library = try shippedLibrary()
    let site = try PayerRules(json: PayerCoverageTests.siteCigna, file: "cigna.json")
    try library.add(site)
    #expect(library.payerRules(for: .cigna) == site)
    #expect(library.sitePayerIDs == [.cigna])
    #expect(library.payers.count == 5)
    #expect(throws: InputError(.reference, field: "cigna", "a second payer file for this payer is loaded")) {
      try library.add(site)
    }
  }

  @Test("a payer rule naming an unknown condition is refused when a report is built")
  func unknownCondition() throws {
    var library = try shippedLibrary()
    try library.add(try PayerRules(json: Self.payerFile(Self.rule(#"{"condition": "gout"}"#)), file: "p.json"))
    #expect {
      _ = try ReportBuilder(library: library).build(try exam(examJSON(measurements: hips(neck: "0.700"))))
    } throws: { error in
      guard let error = error as? InputError else { return false }
      return error.kind == .reference && error.field == "acme: covered_indications[0].any.condition"
        && error.message.hasPrefix("'gout' is not a known condition; known: primary-hyperparathyroidism")
    }
  }

  @Test("every code the billing rules suggest is in the billing code file, with a descriptor and a status")
  func billingCodesComplete() throws {
    let catalog = try ShippedReferences.billingCodes()
    for code in BillingCode.procedures {
      let entry = try #require(catalog.procedure(code), "\(code)")
      #expect(!entry.description.isEmpty && entry.status != .unconfirmed)
    }
    for code in BillingCode.diagnoses {
      let entry = try #require(catalog.diagnosis(code), "\(code)")
      #expect(!entry.description.isEmpty && entry.status != .unconfirmed)
    }
    // Nothing unused: every listed code is one the rules suggest.
    #expect(Set(catalog.procedures.map(\.code)) == Set(BillingCode.procedures))
    #expect(Set(catalog.diagnoses.map(\.code)) == Set(BillingCode.diagnoses))
  }

  /// The codes `shared/domain/billing.md` names, transcribed a second time for this test (M80.08X- stands for its
  /// example M80.08XA with the 7th character left to the coder).
  static let billingNotesCodes: Set<String> = [
    "77080", "77081", "77085", "77086", "77078", "76977", "77089", "77090", "77091", "77092", "M81.0", "M81.8",
    "M81.6", "M80.0-", "M80.08X-", "M85.8-", "M85.851", "M85.852", "M85.88", "M85.89", "M85.9", "Z13.820", "Z78.0",
    "N95.1", "E28.310", "E89.40", "E89.41", "Z90.721", "Z90.722", "Z79.3", "Z79.52", "Z79.51", "Z92.241", "Z79.810",
    "Z79.811", "Z79.818", "Z79.83", "Z79.890", "Z79.899", "Z09", "Z87.310", "Z82.62", "E21.0", "E21.3", "E05.-",
    "K90.0", "E29.1", "Q96.9", "M48.5-", "R93.7",
  ]

  @Test("every code the rules suggest is one billing.md names (never one made up)")
  func billingCodesFromNotes() {
    for code in BillingCode.diagnoses + BillingCode.procedures {
      #expect(Self.billingNotesCodes.contains(code), "\(code) is not in billing.md")
    }
  }

  @Test(
    "malformed billing code files are refused",
    arguments: [
      (
        #""procedures": [{"code": "7708", "description": "d", "status": "secondary", "source": "s"}], "diagnoses": []"#,
        "b.json: procedures[0].code"
      ),
      (
        #""procedures": [], "diagnoses": [{"code": "M81.0", "description": "d", "status": "unconfirmed", "source": "s"}]"#,
        "b.json: diagnoses[0].status"
      ),
      (
        #""procedures": [], "diagnoses": [{"code": "M81", "description": "d", "status": "verified", "source": "s"}, {"code": "M81", "description": "e", "status": "verified", "source": "s"}]"#,
        "b.json: diagnoses[1].code"
      ),
    ])
  func billingCodesRefused(body: String, field: String) {
    let text = #"{"format": "dxa-billing-codes/1", "id": "b", "version": "1", "title": "t", "citation": "c", \#(body)}"#
    #expect {
      _ = try BillingCodeCatalog(json: text, file: "b.json")
    } throws: { error in
      (error as? InputError)?.field == field
    }
  }
}

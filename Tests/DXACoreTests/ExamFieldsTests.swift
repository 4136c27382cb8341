import DXACore
import DXAReferenceData
import DXATestSupport
import Testing

/// The exam fields of issue 10: risk factors, VFA findings, technical quality and the payer. All optional; read,
/// checked and written back by the core.
@Suite("Exam fields: risk factors, VFA findings, technical quality, payer")
struct ExamFieldsTests {
  static let full = examJSON(
    measurements: hips(neck: "0.640"), scan: #""vertebral_fracture_assessment": true"#,
    extra: #"""
      "risk_factors": {"parental_hip_fracture": true, "current_smoking": false, "alcohol_3_or_more_units_per_day": false,
        "rheumatoid_arthritis": true, "height_loss_cm": 4.5, "falls_past_12_months": 2,
        "self_reported_vertebral_fracture": true, "conditions": ["primary-hyperparathyroidism", "celiac-disease"]},
      "vfa": {"performed": true, "vertebrae_assessed": "t4-l4",
        "vertebral_fractures": [{"vertebra": "t12", "genant_grade": 2}, {"vertebra": "L1", "genant_grade": 1}]},
      "technical_quality": {"positioning": "suboptimal", "positioning_note": "left hip under-rotated",
        "artifacts": [{"kind": "metal", "site": "total-hip", "side": "right", "note": "prosthesis"},
          {"kind": "degenerative-change", "site": "l4"}],
        "limitations": ["right hip not scanned: prosthesis"]},
      "payer": "aetna"
      """#)

  @Test("every field is read as given")
  func read() throws {
    let exam = try exam(Self.full)
    let risk = try #require(exam.riskFactors)
    #expect(risk.parentalHipFracture == true)
    #expect(risk.currentSmoking == false)
    #expect(risk.alcoholThreeOrMoreUnitsPerDay == false)
    #expect(risk.rheumatoidArthritis == true)
    #expect(risk.heightLossCentimetres == dec("4.5"))
    #expect(risk.fallsInPast12Months == 2)
    #expect(risk.selfReportedVertebralFracture == true)
    #expect(risk.conditions.map(\.rawValue) == ["primary-hyperparathyroidism", "celiac-disease"])
    let vfa = try #require(exam.vfa)
    #expect(vfa.vertebraeAssessed?.description == "T4–L4")
    #expect(vfa.vertebralFractures.map(\.vertebra.description) == ["T12", "L1"])
    #expect(vfa.vertebralFractures.map(\.grade) == [.moderate, .mild])
    #expect(!vfa.isFractureFree && vfa.hasFindings)
    let quality = try #require(exam.technicalQuality)
    #expect(quality.positioning == .suboptimal)
    #expect(quality.positioningNote == "left hip under-rotated")
    #expect(
      quality.artifacts == [
        Artifact(kind: .metal, site: .totalHip, side: .right, note: "prosthesis"),
        Artifact(kind: .degenerativeChange, site: .l4),
      ])
    #expect(quality.limitations == ["right hip not scanned: prosthesis"])
    #expect(exam.payer == .aetna)
  }

  @Test("an unanswered risk factor stays unknown: absent and null are nil, never false")
  func unknownIsNotNo() throws {
    let exam = try exam(
      examJSON(measurements: hips(neck: "0.640"), extra: #""risk_factors": {"current_smoking": null}"#))
    let risk = try #require(exam.riskFactors)
    #expect(risk.currentSmoking == nil && risk.parentalHipFracture == nil && risk.conditions.isEmpty)
  }

  @Test("written and read back, the exam is the same file")
  func roundTrip() throws {
    let exam = try exam(Self.full)
    let written = exam.examFile.rendered()
    let reread = try Exam(json: written, file: "written.json")
    #expect(reread.examFile.rendered() == written)
    #expect(reread.riskFactors == exam.riskFactors)
    #expect(reread.vfa == exam.vfa)
    #expect(reread.technicalQuality == exam.technicalQuality)
    #expect(reread.payer == exam.payer)
    #expect(written.contains(#""vertebrae_assessed": "t4-l4""#))
    #expect(written.contains(#""height_loss_cm": 4.5"#))
    #expect(written.contains(#""payer": "aetna""#))
  }

  @Test("'no fracture' is a finding of its own, and round-trips")
  func noFracture() throws {
    let exam = try exam(
      examJSON(
        measurements: hips(neck: "0.640"), scan: #""vertebral_fracture_assessment": true"#,
        extra: #""vfa": {"vertebrae_assessed": "t4-l4", "no_fracture": true}"#))
    let vfa = try #require(exam.vfa)
    #expect(vfa.isFractureFree && vfa.vertebralFractures.isEmpty && vfa.hasFindings)
    let reread = try Exam(json: exam.examFile.rendered(), file: "written.json")
    #expect(reread.vfa == vfa)
  }

  @Test("the minimal VFA findings of issue 8 stay valid; 'performed: false' without the scan flag records nothing")
  func compatibleVFA() throws {
    let old = try exam(
      examJSON(
        measurements: hips(neck: "0.640"), scan: #""vertebral_fracture_assessment": true"#,
        extra: #""vfa": {"vertebral_fractures": [{"vertebra": "t12", "genant_grade": 3}]}"#))
    #expect(old.vfa?.vertebralFractures.first?.grade == .severe)
    #expect(old.vfa?.vertebraeAssessed == nil)
    let notDone = try exam(examJSON(measurements: hips(neck: "0.640"), extra: #""vfa": {"performed": false}"#))
    #expect(notDone.vfa == nil)
  }

  @Test(
    "bad fields are refused naming the file and field, without quoting the value",
    arguments: [
      (#""risk_factors": {"smoking": true}"#, "risk_factors.smoking", "unknown field"),
      (#""risk_factors": {"current_smoking": "yes"}"#, "risk_factors.current_smoking", "expected true or false"),
      (#""risk_factors": {"height_loss_cm": -1}"#, "risk_factors.height_loss_cm", "between 0 and 50 cm"),
      (#""risk_factors": {"height_loss_cm": 50.1}"#, "risk_factors.height_loss_cm", "between 0 and 50 cm"),
      (#""risk_factors": {"falls_past_12_months": 1.5}"#, "risk_factors.falls_past_12_months", "whole number"),
      (#""risk_factors": {"falls_past_12_months": 101}"#, "risk_factors.falls_past_12_months", "from 0 to 100"),
      (#""risk_factors": {"conditions": ["Celiac Disease"]}"#, "risk_factors.conditions[0]", "lowercase letters"),
      (
        #""risk_factors": {"conditions": ["celiac-disease", "celiac-disease"]}"#, "risk_factors.conditions[1]",
        "listed twice"
      ),
      (#""payer": "Blue Cross""#, "payer", "lowercase letters, digits and hyphens"),
      (#""technical_quality": {"positioning": "good"}"#, "technical_quality.positioning", "is not one of"),
      (
        #""technical_quality": {"positioning_note": "rotated"}"#, "technical_quality.positioning_note",
        "needs positioning"
      ),
      (
        #""technical_quality": {"artifacts": [{"kind": "metal", "side": "left"}]}"#,
        "technical_quality.artifacts[0].side", "needs the site"
      ),
      (
        #""technical_quality": {"artifacts": [{"kind": "metal", "site": "l2", "side": "left"}]}"#,
        "technical_quality.artifacts[0].side", "has no side"
      ),
      (
        #""technical_quality": {"artifacts": [{"kind": "dust"}]}"#, "technical_quality.artifacts[0].kind",
        "is not one of"
      ),
      (#""technical_quality": {"limitations": [" "]}"#, "technical_quality.limitations[0]", "must not be empty"),
    ])
  func refused(member: String, field: String, message: String) throws {
    let text = examJSON(measurements: hips(neck: "0.640"), extra: member)
    do {
      _ = try Exam(json: text, file: "exam.json")
      Issue.record("\(field) was accepted")
    } catch {
      #expect(error.kind == .data)
      #expect(error.field == "exam.json: \(field)")
      #expect(error.message.contains(message), "\(error.message)")
      #expect(!error.message.contains("Celiac Disease") && !error.message.contains("Blue Cross"))
    }
  }

  @Test(
    "VFA findings that contradict the scan or themselves are refused",
    arguments: [
      // Findings without the scan flag: the rule of issue 8.
      (false, #"{"vertebral_fractures": [{"vertebra": "t12", "genant_grade": 2}]}"#, "vfa", "set scan.vertebral"),
      (true, #"{"performed": false}"#, "vfa.performed", "contradicts scan.vertebral_fracture_assessment"),
      (false, #"{"performed": false, "no_fracture": true}"#, "vfa.performed", "is false but findings are given"),
      (true, #"{"vertebrae_assessed": "l4-t4"}"#, "vfa.vertebrae_assessed", "from top to bottom"),
      (true, #"{"vertebrae_assessed": "t4-l6"}"#, "vfa.vertebrae_assessed", "from top to bottom"),
      (
        true, #"{"vertebrae_assessed": "t4-l4", "vertebral_fractures": [{"vertebra": "t2", "genant_grade": 1}]}"#,
        "vfa.vertebral_fractures[0].vertebra", "outside the vertebrae assessed (T4–L4)"
      ),
      (
        true, #"{"no_fracture": true, "vertebral_fractures": [{"vertebra": "t12", "genant_grade": 1}]}"#,
        "vfa.no_fracture", "give one or the other"
      ),
    ])
  func vfaRefused(flag: Bool, vfa: String, field: String, message: String) throws {
    let text = examJSON(
      measurements: hips(neck: "0.640"), scan: #""vertebral_fracture_assessment": \#(flag)"#, extra: #""vfa": \#(vfa)"#
    )
    do {
      _ = try Exam(json: text, file: "exam.json")
      Issue.record("\(vfa) was accepted")
    } catch {
      #expect(error.field == "exam.json: \(field)")
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  @Test("a condition not in the conditions list is refused at reading, and by the report builder")
  func unknownCondition() throws {
    let text = examJSON(
      measurements: hips(neck: "0.640"),
      extra: #""risk_factors": {"conditions": ["celiac-disease", "kidney-stones"]}"#)
    let catalog = try ShippedReferences.library().conditions
    // Read without the list, the form is checked only; the builder checks the code.
    let exam = try Exam(json: text, file: "exam.json")
    #expect(throws: InputError(.data, field: "risk_factors.conditions[1]", Self.unknownMessage(catalog))) {
      try buildReport(exam)
    }
    #expect(throws: InputError(.data, field: "exam.json: risk_factors.conditions[1]", Self.unknownMessage(catalog))) {
      try Exam(json: text, file: "exam.json", conditions: catalog)
    }
    let known = try Exam(
      json: text.replacing("kidney-stones", with: "hypogonadism"), file: "exam.json", conditions: catalog)
    #expect(try buildReport(known).exam.riskFactors?.conditions.count == 2)
  }

  static func unknownMessage(_ catalog: ConditionCatalog) -> String {
    "is not a known condition; known: \(catalog.codes.map(\.rawValue).joined(separator: ", ")) (a site adds its own "
      + "in a conditions file)"
  }

  @Test("payer ids: the five named payers, and any lowercase id a site adds")
  func payers() {
    #expect(PayerID.named.map(\.rawValue) == ["medicare", "aetna", "bcbs", "cigna", "uhc"])
    #expect(PayerID(rawValue: "kaiser-2") != nil)
    for bad in ["", "Medicare", "2payer", "a--b", "payer-", "a b", String(repeating: "a", count: 41)] {
      #expect(PayerID(rawValue: bad) == nil, "\(bad)")
    }
  }

  @Test("vertebral levels run T1–T12 then L1–L5; a range contains its ends")
  func vertebralRange() throws {
    let t12 = try #require(VertebralLevel("T12"))
    let l1 = try #require(VertebralLevel("l1"))
    #expect(t12 < l1 && t12.position == 12 && l1.position == 13)
    let range = try #require(VertebralRange(text: "T4–L4"))
    #expect(range.identifier == "t4-l4")
    let (t4, l4, l5) = (VertebralLevel("T4"), VertebralLevel("L4"), VertebralLevel("L5"))
    #expect(t4.map(range.contains) == true && l4.map(range.contains) == true)
    #expect(l5.map(range.contains) == false)
    #expect(VertebralRange(text: "t12")?.description == "T12")
    #expect(VertebralRange(text: "l1-t12") == nil)
  }
}

/// The shipped conditions file (`reference-data/conditions/dxa-conditions.json`) and its format.
@Suite("Conditions file (dxa-conditions/1)")
struct ConditionCatalogTests {
  /// The closed list the README documents, in file order.
  static let documented = [
    "primary-hyperparathyroidism", "celiac-disease", "hypogonadism", "androgen-deprivation-therapy",
    "aromatase-inhibitor-therapy", "anorexia-nervosa", "family-history-of-osteoporosis", "hyperthyroidism",
    "turner-syndrome", "premature-menopause", "anticonvulsant-therapy", "depot-medroxyprogesterone",
  ]

  @Test("the shipped list is the README's, with the ICD-10-CM codes billing.md gives")
  func shipped() throws {
    let catalog = try ShippedReferences.library().conditions
    #expect(catalog.codes.map(\.rawValue) == Self.documented)
    let codes = Dictionary(
      uniqueKeysWithValues: catalog.conditions.compactMap { condition in
        condition.icd10cm.map { (condition.code.rawValue, $0.code) }
      })
    #expect(
      codes == [
        "primary-hyperparathyroidism": "E21.0", "celiac-disease": "K90.0", "hypogonadism": "E29.1",
        "aromatase-inhibitor-therapy": "Z79.811", "family-history-of-osteoporosis": "Z82.62",
        "hyperthyroidism": "E05.-", "turner-syndrome": "Q96.9", "premature-menopause": "E28.310",
        "depot-medroxyprogesterone": "Z79.3",
      ])
    let code = try #require(ConditionCode(rawValue: "hypogonadism"))
    #expect(catalog[code]?.icd10cm?.sex == .male)
    #expect(catalog.conditions.allSatisfy { !$0.source.isEmpty && !$0.label.isEmpty })
  }

  static func file(_ conditions: String) -> String {
    #"{"format": "dxa-conditions/1", "id": "site", "version": "1", "title": "t", "citation": "c", "conditions": [\#(conditions)]}"#
  }

  @Test(
    "a malformed conditions file is refused naming the field",
    arguments: [
      (#"{"code": "Bad Code", "label": "x", "source": "s"}"#, "conditions[0].code", "lowercase letters"),
      (#"{"code": "a", "label": "x"}"#, "conditions[0].source", "missing"),
      (
        #"{"code": "a", "label": "x", "source": "s"}, {"code": "a", "label": "y", "source": "s"}"#,
        "conditions[1].code", "listed twice"
      ),
      (
        #"{"code": "a", "label": "x", "source": "s", "icd10cm": {"code": "E21", "description": "d", "status": "unconfirmed", "source": "s"}}"#,
        "conditions[0].icd10cm.status", "never suggested"
      ),
      (
        #"{"code": "a", "label": "x", "source": "s", "icd10cm": {"code": "E2.10", "description": "d", "status": "verified", "source": "s"}}"#,
        "conditions[0].icd10cm.code", "ICD-10-CM code"
      ),
    ])
  func refused(entries: String, field: String, message: String) throws {
    do {
      _ = try ConditionCatalog(json: Self.file(entries), file: "site.json")
      Issue.record("accepted")
    } catch {
      #expect(error.kind == .reference)
      #expect(error.field == "site.json: \(field)")
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  @Test("a site's file adds conditions and may not redefine a shipped one")
  func siteFile() throws {
    var library = try ShippedReferences.library()
    let added = try ConditionCatalog(
      json: Self.file(
        #"{"code": "bariatric-surgery", "label": "bariatric surgery", "source": "site policy"}"#), file: "site.json")
    try library.add(added)
    #expect(library.conditions.codes.last?.rawValue == "bariatric-surgery")
    let clash = try ConditionCatalog(
      json: Self.file(#"{"code": "celiac-disease", "label": "x", "source": "s"}"#), file: "site.json")
    #expect(
      throws: InputError(.reference, field: "site: conditions", "celiac-disease is already defined by dxa-conditions")
    ) {
      try library.add(clash)
    }
    let text = examJSON(
      measurements: hips(neck: "0.640"), extra: #""risk_factors": {"conditions": ["bariatric-surgery"]}"#)
    #expect(try Exam(json: text, file: "e.json", conditions: library.conditions).riskFactors?.conditions.count == 1)
  }

  @Test("ICD-10-CM codes are well formed, with a hyphen where the coder completes them")
  func codeForm() throws {
    for code in ["E21.0", "Z79.811", "E05.-", "M80.0-", "Z13.820", "M81.0"] {
      let entry =
        #"{"code": "a", "label": "x", "source": "s", "icd10cm": {"code": "\#(code)", "description": "d", "status": "verified", "source": "s"}}"#
      #expect(throws: Never.self) { try ConditionCatalog(json: Self.file(entry), file: "f.json") }
    }
  }
}

import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

@testable import DXACore
@testable import DXARendering

/// The billing section in every format: the same facts in the same words, from the wording table.
@Suite("Billing section: text, JSON and HTML")
struct BillingRenderingTests {
  /// Neck −1.3, total hip −1.2 (left): low bone mass; last covered scan April 2024, 12 months before.
  static func report(extra: String = "", options: ReportOptions = .standard) throws -> Report {
    let json = examJSON(
      measurements: hips(neck: "0.700"), history: #""prior_covered_scan_date": "2024-04-14""#, extra: extra)
    return try ReportBuilder(library: shippedLibrary(), options: options).build(try exam(json))
  }

  /// The billing section of the text report, wrapped lines joined.
  static func billingText(_ report: Report) -> String {
    let text = textReport(report)
    guard let start = text.range(of: "BILLING ("),
      let end = text.range(of: "\n\n", range: start.upperBound..<text.endIndex)
    else { return "" }
    return text[start.lowerBound..<end.lowerBound].split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  @Test("Medicare without a covered indication and within 23 months: the ABN with both reasons, GA and GZ")
  func medicareNotice() throws {
    let text = Self.billingText(try Self.report())
    #expect(
      text.contains(
        "CPT 77080-GA: DXA bone density study, 1 or more sites; axial skeleton (axial sites with a valid measurement: femoral neck, total hip; GA only with the ABN on file (a denial is expected))"
      ))
    #expect(
      text.contains(
        "ICD-10-CM M85.852: Other specified disorders of bone density and structure, left thigh (low bone mass by T-score at femoral neck (left), total hip (left))"
      ))
    #expect(
      text.contains(
        "Payer: Medicare, the shipped default, as the exam names no payer (payer file medicare v1, secondary)."))
    #expect(
      text.contains(
        "Frequency: only 12 months after the month of the last covered scan (2024-04-14); Medicare pays again from 2026-03-01."
      ))
    #expect(
      text.contains(
        "Coverage: ABN advised before the scan: the exam documents none of Medicare's covered indications; the 23-month frequency limit is not met (12 months; eligible from 2026-03-01) and no exception is documented. Bill with modifier GA when it is on file (GZ when none was obtained)."
      ))
  }

  @Test("Aetna: coverage not expected, and no notice or modifier made up for it")
  func aetnaNoNotice() throws {
    let text = Self.billingText(try Self.report(extra: #""payer": "aetna""#))
    #expect(text.contains("CPT 77080: "))
    #expect(!text.contains("GA"))
    #expect(text.contains("Payer: Aetna, from the exam (payer file aetna v1, secondary)."))
    #expect(
      text.contains(
        "Coverage: not expected: the exam documents none of Aetna's covered indications. Aetna's rules name no advance notice or modifier: ask the plan how the patient accepts the cost before the scan."
      ))
    #expect(!text.contains("Frequency:"))
  }

  @Test("an unknown payer and a template say that no payer rules were applied", arguments: ["acme-health", "cigna"])
  func noRules(payer: String) throws {
    let report = try Self.report(options: ReportOptions(payer: PayerID(rawValue: payer)))
    let text = Self.billingText(report)
    let expected =
      payer == "cigna"
      ? "Payer: Cigna, chosen for this report (payer file cigna v0, unconfirmed). Payer rules: no payer rules were applied: the Cigna file is a template the site has not completed."
      : "Payer: 'acme-health', chosen for this report. Payer rules: no payer rules were applied: no payer file gives rules for 'acme-health'."
    #expect(text.contains(expected), "\(text)")
    #expect(!text.contains("Coverage:") && !text.contains("GA"))
  }

  @Test("the frequency sentences: met, not checked, and an exception that may apply with the notice it avoids")
  func frequencySentences() throws {
    let met = FrequencyCheck(
      status: .met, limitMonths: 23, lastCoveredScan: CalendarDate("2023-03-10"),
      eligibleFrom: CalendarDate("2025-02-01"), monthsSinceLastCovered: 25)
    #expect(
      met.statement(payer: "Medicare", modifiers: nil)
        == "25 months after the month of the last covered scan (2023-03-10): the 23-month limit is met")
    #expect(
      FrequencyCheck(status: .unknown, limitMonths: 23).statement(payer: "Medicare", modifiers: nil)
        == "the exam gives no date of the last covered scan: the 23-month limit was not checked")
    let exception = FrequencyCheck(
      status: .exceptionMayApply, limitMonths: 23, lastCoveredScan: CalendarDate("2023-06-01"),
      eligibleFrom: CalendarDate("2025-05-01"), monthsSinceLastCovered: 22,
      exceptions: [MatchedRule(id: "g", label: "monitoring long-term glucocorticoid therapy (more than 3 months)")])
    let modifiers = PayerModifiers(
      notice: "Advance Beneficiary Notice of Noncoverage (ABN)", noticeOnFile: "GA", noNotice: "GZ", source: "s",
      status: .secondary)
    #expect(
      exception.statement(payer: "Medicare", modifiers: modifiers)
        == "only 22 months after the month of the last covered scan (2023-06-01); eligible from 2025-05-01 unless the exception is documented: monitoring long-term glucocorticoid therapy (more than 3 months). Without that documentation, the ABN and modifier GA"
    )
  }

  @Test(
    "the ICD reasons say what the coder completes",
    arguments: [
      (
        DiagnosisCodeReason.lowBoneMass(
          LowDensitySite(sites: ["Femoral neck"], code: "M85.8-", completion: .sideNotRecorded)),
        "low bone mass by T-score at femoral neck; the coder adds the site character (the side is not recorded)"
      ),
      (
        .lowBoneMass(
          LowDensitySite(sites: ["Radius 33% (1/3) (left)"], code: "M85.8-", completion: .siteCodeNotListed)),
        "low bone mass by T-score at radius 33% (1/3) (left); the coder adds the site character (this site's code is not among those the billing notes name)"
      ),
      (
        .currentFracture([Fracture(site: .vertebra, date: CalendarDate("2025-03-01"), isCurrent: true)]),
        "osteoporosis with a current fragility fracture of the vertebra 2025-03-01 (under active treatment): the coder adds the 7th character (encounter)"
      ),
      (
        .currentFracture([Fracture(site: .hip, isCurrent: true)]),
        "osteoporosis with a current fragility fracture of the hip (under active treatment): the coder adds the fracture site and the 7th character"
      ),
      (.screening, "screening encounter: the reason for the visit; a finding is coded in addition"),
      (.condition("celiac disease"), "condition recorded: celiac disease"),
      (.glucocorticoidsInThePast, "systemic glucocorticoids taken in the past, not now"),
    ])
  func diagnosisReasons(reason: DiagnosisCodeReason, text: String) {
    #expect(reason.text == text)
  }

  @Test("JSON: the payer check as values and sentences, the codes with status and what the coder completes")
  func json() throws {
    let json = try Self.report().json
    let billing = try #require(json["billing"])
    let payer = try #require(billing["payer"])
    #expect(payer["id"] == .string("medicare"))
    #expect(payer["selection"] == .string("default"))
    #expect(payer["rulesApplied"] == .bool(true))
    #expect(payer["rules"]?["version"] == .string("1"))
    #expect(payer["coveredIndications"]?["documented"] == .array([]))
    #expect(payer["frequency"]?["status"] == .string("not-met"))
    #expect(payer["frequency"]?["limitMonths"] == .number("23"))
    #expect(payer["coverageExpected"] == .bool(false))
    #expect(payer["advanceNotice"]?["advised"] == .bool(true))
    #expect(payer["advanceNotice"]?["modifierWithNotice"] == .string("GA"))
    #expect(payer["advanceNotice"]?["modifierWithoutNotice"] == .string("GZ"))
    #expect(payer["nonCoverageReasons"]?.elements.count == 2)
    let diagnosis = try #require(billing["diagnoses"]?.elements.first)
    #expect(diagnosis["code"] == .string("M85.852"))
    #expect(diagnosis["status"] == .string("secondary"))
    #expect(diagnosis["coderCompletes"] == .bool(false))
    let unknown = try Self.report(extra: #""payer": "acme-health""#).json["billing"]?["payer"]
    #expect(unknown?["rulesApplied"] == .bool(false))
    #expect(unknown?["rules"] == .null)
    #expect(
      unknown?["statements"]
        == .array([
          .string("Payer: 'acme-health', from the exam"),
          .string("Payer rules: no payer rules were applied: no payer file gives rules for 'acme-health'"),
        ]))
  }

  @Test("HTML: the payer lines with the notice flagged")
  func html() throws {
    let html = try Self.report().renderedHTML()
    #expect(
      html.contains("<dt>Coverage</dt><dd><span class=\"tag warn\">ABN advised</span> ABN advised before the scan:"))
    #expect(html.contains("<dt>Frequency</dt><dd><span class=\"tag bad\">interval not met</span> only 12 months"))
  }

  @Test("no exam field, option name or path in any format's billing words", arguments: ["", #""payer": "aetna""#])
  func noFieldNames(extra: String) throws {
    let report = try Self.report(extra: extra)
    let texts =
      [Self.billingText(report)] + report.billing.coverage.lines.map(\.text)
      + report.billing.notes.map(\.text) + report.billing.diagnoses.map(\.reason.text)
      + report.billing.procedures.map(\.reasonText)
    for text in texts {
      for forbidden in ["--", "history.", "prior_covered_scan_date", "risk_factors", "reference-data", ".json"] {
        #expect(!text.contains(forbidden), "\(forbidden) in: \(text)")
      }
    }
  }
}

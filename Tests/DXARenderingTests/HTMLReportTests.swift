import DXATestSupport
import Testing

@testable import DXACore
@testable import DXARendering

@Suite("HTML report")
struct HTMLReportTests {
  @Test("One self-contained file: nothing is fetched and nothing runs")
  func selfContained() throws {
    let html = try HTMLReportFixture.report(withPrior: true).renderedHTML()
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.hasSuffix("</html>\n"))
    for forbidden in [
      "http://", "https://", "src=", "<link", "@import", "url(", "<script", "<img", "<iframe", "href=", "javascript:",
      "onload=",
    ] {
      #expect(!html.contains(forbidden), "found \(forbidden)")
    }
    #expect(html.contains("<style>"))
    #expect(html.contains("<svg class=\"chart\""))
  }

  @Test("Text from the exam is escaped")
  func escapesExamText() throws {
    let name = "<script>alert('x')</script> & \"Co\""
    let html = try HTMLReportFixture.report(name: name).renderedHTML()
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"))
  }

  @Test("Escaping replaces markup characters and the control characters HTML forbids")
  func escaping() {
    #expect(HTMLText.escaped("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
    #expect(HTMLText.escaped("line\nnext\u{0}\u{7F}") == "line\nnext\u{FFFD}\u{FFFD}")
    #expect(HTMLText.escaped("Müller–Lüdenscheidt") == "Müller–Lüdenscheidt")
  }

  @Test(
    "Numbers are printed from exact values with a true minus sign",
    arguments: [
      ("-0.04", 1, "0.0"), ("-2.55", 1, "\u{2212}2.6"), ("0.7375", 3, "0.738"), ("0.558", 3, "0.558"),
      ("-0.0405", 3, "\u{2212}0.041"),
    ])
  func numbers(value: String, places: Int, expected: String) {
    #expect(HTMLText.decimal(Fraction(dec(value)), places: places) == expected)
  }

  @Test("Changes always carry their sign")
  func signedChanges() {
    #expect(HTMLText.signed(Fraction(dec("0.0124")), places: 3) == "+0.012")
    #expect(HTMLText.signed(Fraction(dec("-0.040")), places: 3) == "\u{2212}0.040")
    #expect(HTMLText.signed(Fraction(dec("0.0004")), places: 3) == "0.000")
  }

  @Test("SVG coordinates are rounded to 0.1 px, the same on every platform")
  func coordinates() {
    #expect(HTMLText.coordinate(286.4065) == "286.4")
    #expect(HTMLText.coordinate(60) == "60")
    #expect(HTMLText.coordinate(-0.04) == "0")
    #expect(HTMLText.coordinate(-3.25) == "-3.3")
  }

  @Test("A BMD axis covers the data with round ticks")
  func axis() {
    let axis = ChartAxis.rounded(covering: 0.438, 1.038, maximumIntervals: 8, from: 254, to: 14)
    #expect(axis.lower == 0.4)
    #expect(abs(axis.upper - 1.1) < 1e-12)
    #expect(axis.ticks.map(\.label) == ["0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0", "1.1"])
    let narrow = ChartAxis.rounded(covering: 0.54, 0.66, maximumIntervals: 6, from: 214, to: 14)
    #expect(narrow.ticks.map(\.label) == ["0.54", "0.56", "0.58", "0.60", "0.62", "0.64", "0.66"])
  }

  // Young-adult mean 0.858, SD 0.120. The report classifies the T-score rounded half away from zero, so the bands
  // change where the reported value does: T −1.05 reports −1.1 (low bone mass), anything above reports −1.0 or higher
  // (normal): normal above 0.858 − 1.05 × 0.120 = 0.732; T −2.45 reports −2.5: osteoporosis at or below
  // 0.858 − 2.45 × 0.120 = 0.564. The BMD axis covers 0.858 + 1.5 SD = 1.038 down to 0.858 − 3.5 SD = 0.438, so it
  // runs 0.4–1.1 over y 254…14: y(b) = 254 − (b − 0.4) / 0.7 × 240. y(0.732) = 140.171, y(0.564) = 197.771.
  @Test("The chart's bands change where the reported T-score changes category: 0.732 and 0.564 for 0.858/0.120")
  func bands() throws {
    let report = try HTMLReportFixture.report()
    let chart = try #require(report.charts.first)
    let svg = SiteChartSVG(chart, identifier: "c").svg
    #expect(
      svg.contains(
        "<rect class=\"band band-normal\" data-bmd-lower=\"0.7320\" x=\"60\" y=\"14\" width=\"350\" height=\"126.2\""))
    #expect(
      svg.contains(
        "<rect class=\"band band-low-bone-mass\" data-bmd-lower=\"0.5640\" data-bmd-upper=\"0.7320\" x=\"60\" "
          + "y=\"140.2\" width=\"350\" height=\"57.6\""))
    #expect(
      svg.contains(
        "<rect class=\"band band-osteoporosis\" data-bmd-upper=\"0.5640\" x=\"60\" y=\"197.8\" width=\"350\" "
          + "height=\"56.2\""))
    let edges = SiteChartSVG(chart, identifier: "c").bandEdges
    #expect(edges.lowBoneMass == Fraction(dec("0.732")))
    #expect(edges.osteoporosis == Fraction(dec("0.564")))
  }

  // Every BMD from 0.500 to 0.800 g/cm² in steps of 0.0005 against 0.858/0.120: the band the chart puts the point in
  // (normal above the first edge, osteoporosis at or below the second) is the WHO category of the reported T-score.
  // The steps land exactly on both edges (0.732, 0.564) and on the ties T = −1.05 and −2.45.
  @Test("The band of every BMD near the edges is the category of its reported T-score")
  func bandsAgreeWithCategory() throws {
    let chart = try #require(try HTMLReportFixture.report().charts.first)
    let edges = chart.tScoreBandEdges
    for step in 0...600 {
      let bmd = try Fraction(dec("0.500")) + (try Fraction(Int128(step), 2000))
      // The engine's rule: the exact T rounded half away from zero to one decimal.
      let reported = try ((try bmd - Fraction(dec("0.858"))) / Fraction(dec("0.120"))).roundedDecimal(places: 1)
      let band: Category =
        bmd > edges.normalAbove ? .normal : (bmd <= edges.osteoporosisAtOrBelow ? .osteoporosis : .lowBoneMass)
      #expect(band == Category.who(reportedTScore: reported), "BMD \(bmd), reported T \(reported)")
    }
  }

  // Ages 20–90 over x 60…410 (5 px a year): x(65.2813) = 60 + 45.2813 × 5 = 286.4; y(0.560) = 254 − 0.16 / 0.7 ×
  // 240 = 199.1.
  @Test("The patient's point sits at the hand-worked coordinate")
  func patientPoint() throws {
    let report = try HTMLReportFixture.report()
    let chart = try #require(report.charts.first)
    let svg = SiteChartSVG(chart, identifier: "c").svg
    #expect(svg.contains("<circle class=\"point-current\" cx=\"286.4\" cy=\"199.1\" r=\"6\""))
    #expect(svg.contains("0.560 \u{00B7} T \u{2212}2.5</text>"))
    #expect(!svg.contains("point-prior"))
  }

  @Test("A prior is marked on the age chart beside the current point")
  func priorPoint() throws {
    let report = try HTMLReportFixture.report(withPrior: true)
    let svg = SiteChartSVG(try #require(report.charts.first), identifier: "c").svg
    // x(63.1869) = 60 + 43.1869 × 5 = 275.9; y(0.600) = 254 − 0.2 / 0.7 × 240 = 185.4.
    #expect(svg.contains("<circle class=\"point-prior\" cx=\"275.9\" cy=\"185.4\" r=\"4.5\""))
    #expect(svg.contains("<polyline points=\"275.9,185.4 286.4,199.1\""))
  }

  // One age group 40–50 with mean 0.812, SD 0.118. The reported Z is −2.0 or lower exactly when Z ≤ −1.95, at or
  // below 0.812 − 1.95 × 0.118 = 0.5819. The axis covers 0.978 (young-adult mean + 1 SD) down to 0.517 (group mean −
  // 2.5 SD): 0.5–1.0, so y(b) = 254 − (b − 0.5) × 480 and y(0.5819) = 214.688; x(40) = 160, x(50) = 210.
  @Test("A Z-score chart shades each age group where the reported Z-score is −2.0 or lower, with no T-score scale")
  func zScoreBands() throws {
    var chart = try #require(try HTMLReportFixture.report().charts.first)
    chart.ageCurve = [
      AgeCurvePoint(fromAge: dec("40"), underAge: dec("50"), mean: Fraction(dec("0.812")), sd: Fraction(dec("0.118")))
    ]
    let svg = SiteChartSVG(chart, identifier: "z", showsTScoreBands: false, currentZScore: dec("-1.6")).svg
    #expect(
      svg.contains(
        "<rect class=\"band band-below-range\" data-bmd-upper=\"0.5819\" x=\"160\" y=\"214.7\" width=\"50\" "
          + "height=\"39.3\""))
    #expect(svg.contains("<circle class=\"point-current\" cx=\"286.4\" cy=\"225.2\""))
    #expect(svg.contains("0.560 \u{00B7} Z \u{2212}1.6</text>"))
    #expect(!svg.contains("band-normal"))
    #expect(!svg.contains("T \u{2212}2.5"))
    #expect(!svg.contains(">T-score</text>"))
  }

  @Test("The chart has an accessible title and description")
  func accessibleChart() throws {
    let html = try HTMLReportFixture.report().renderedHTML()
    #expect(html.contains("role=\"img\" aria-labelledby=\"age-chart-1-title age-chart-1-desc\""))
    #expect(
      html.contains("<title id=\"age-chart-1-title\">Femoral neck (left): bone mineral density versus age</title>"))
    #expect(
      html.contains(
        "normal above 0.7320 (T \u{2212}1.0 or higher), osteoporosis at or below 0.5640 g/cm² (T \u{2212}2.5 or lower)")
    )
  }

  @Test("An unsigned report says it awaits review; a signed one carries the signature instead")
  func signature() throws {
    let unsigned = try HTMLReportFixture.report().renderedHTML()
    #expect(unsigned.contains("PRELIMINARY \u{2014} computed, awaiting physician review"))
    #expect(unsigned.contains("Not signed: this report awaits physician review."))
    #expect(!unsigned.contains("Electronically signed"))

    let signedOn = try HTMLReportFixture.date("2025-04-15")
    let interpretation = PhysicianInterpretation(
      impression: "Osteoporosis of the left femoral neck.\nStart therapy.", signedBy: "Dr. A. Reader",
      signedOn: signedOn)
    let signed = try HTMLReportFixture.report(interpretation: interpretation).renderedHTML()
    #expect(!signed.contains("PRELIMINARY"))
    #expect(signed.contains("Electronically signed by <strong>Dr. A. Reader</strong> on 2025-04-15."))
    #expect(signed.contains("<div class=\"impression\">Osteoporosis of the left femoral neck.\nStart therapy.</div>"))
  }

  @Test("A trend chart appears only when there are priors, one per region compared")
  func trendChartOnlyWithPriors() throws {
    let alone = try HTMLReportFixture.report().renderedHTML()
    #expect(!alone.contains("class=\"chart trend\""))
    #expect(alone.contains("No prior exam was provided"))

    let followUp = try HTMLReportFixture.report(withPrior: true)
    let html = followUp.renderedHTML()
    #expect(html.components(separatedBy: "class=\"chart trend\"").count == 2)
    #expect(html.contains("<title id=\"trend-chart-1-title\">Femoral neck (left): BMD at each exam</title>"))
    // Hand-worked: serial 300001 then, 301234 now, and no cross-calibration in a report without a facility.
    #expect(
      html.contains(
        "<span class=\"tag warn\">not comparable</span> measured on different scanners (Hologic serial 300001 then, "
          + "Hologic Horizon A serial 301234 now) and the facility file has no cross-calibration for total hip"))
  }

  // Prior 0.600 on 2023-03-10, current 0.560 on 2025-04-14 (plus and minus six months); LSC 0.030 g/cm².
  @Test("The trend chart puts the LSC as an error bar around the prior")
  func trendChart() throws {
    let report = try HTMLReportFixture.report(withPrior: true)
    let series = try #require(TrendSeries.series(of: report).first)
    #expect(series.points.map(\.bmd) == [Fraction(dec("0.600")), Fraction(dec("0.560"))])
    #expect(series.points.map(\.leastSignificantChange) == [Fraction(dec("0.030")), nil])
    let chart = TrendChartSVG(series, identifier: "t")
    // Points and bars span 0.560–0.630; padded by 15% (0.0105) and rounded out to 0.02 steps: 0.54–0.66.
    #expect(chart.bmd.ticks.first?.label == "0.54")
    #expect(chart.bmd.ticks.last?.label == "0.66")
    #expect(chart.svg.contains("class=\"lsc-bar\""))
  }

  @Test("The serial change table prints the exact change, the LSC and whether it is significant")
  func changeTable() throws {
    let html = try HTMLReportFixture.report(withPrior: true).renderedHTML()
    #expect(html.contains("<td class=\"num\">\u{2212}0.040</td><td class=\"num\">\u{2212}6.7</td>"))
    #expect(html.contains("0.030 g/cm²<br><span class=\"note\">2.77 × facility precision 0.0110</span>"))
    #expect(html.contains("<span class=\"tag bad\">significant decrease</span>"))
    #expect(html.contains("Bone area changed by +2.5% (more than 2%)"))
  }

  @Test("Non-diagnostic sites are marked and sites without a reference say why")
  func resultsTable() throws {
    let html = try HTMLReportFixture.report().renderedHTML()
    #expect(
      html.contains(
        "<tr class=\"non-diagnostic\"><td>Trochanter<sup class=\"fn\">3</sup><span class=\"tag nd\">not diagnostic</span>"
      ))
    #expect(html.contains("<td class=\"num noref\">no reference<sup class=\"fn\">4</sup></td>"))
    #expect(html.contains("<li>Trochanter (left): Trochanter is reported, never used for diagnosis (ISCD)</li>"))
    #expect(html.contains("<li>No young-adult female reference for trochanter is loaded"))
    #expect(html.contains("<td>Femoral neck</td><td>Left</td><td class=\"num\">0.560</td>"))
    #expect(
      html.contains(
        "<td>Lumbar spine (L1–L2, L4)<sup class=\"fn\">1</sup><sup class=\"fn\">2</sup></td><td>\u{2014}</td>"
          + "<td class=\"num\">0.855\u{2020}</td>"))
  }

  @Test("The assessment names its basis, severe osteoporosis and a diagnosis that persists")
  func assessment() throws {
    var report = try HTMLReportFixture.report()
    var html = report.renderedHTML()
    #expect(html.contains("<p class=\"diagnosis osteoporosis\">Osteoporosis</p>"))
    #expect(
      html.contains(
        "From the lowest T-score among the diagnostic sites: <strong>Femoral neck (left)</strong>, T-score "
          + "<strong>\u{2212}2.5</strong>."))
    #expect(!html.contains("persists"))

    report.diagnosis.isSevere = true
    let fracture = FractureEvidence.history(Fracture(site: .vertebra, date: try HTMLReportFixture.date("2020-01-01")))
    report.diagnosis.statements = [
      .severe([fracture]),
      .persists(
        PersistingDiagnosis(
          date: try HTMLReportFixture.date("2021-03-01"),
          source: .priorExam(scanID: "S-2021-0301", site: "Femoral neck (left)", tScore: dec("-2.6"))),
        lowestTScore: dec("-2.4"), site: "Femoral neck (left)"),
    ]
    html = report.renderedHTML()
    #expect(html.contains("<p class=\"diagnosis osteoporosis severe\">Severe (established) osteoporosis</p>"))
    #expect(
      html.contains(
        "<li>osteoporosis by BMD with a fragility fracture of the vertebra 2020-01-01: severe (established) "
          + "osteoporosis (WHO)</li>"))
    #expect(
      html.contains(
        "<li>osteoporosis was diagnosed on 2021-03-01 (prior exam S-2021-0301: Femoral neck (left), T-score -2.6); "
          + "the diagnosis persists although this exam&#39;s lowest T-score -2.4 at femoral neck (left) would not "
          + "make it (AACE/ACE 2020)</li>"))
  }

  @Test("Billing is labelled a suggestion and the ABN advice appears only when needed")
  func billing() throws {
    var report = try HTMLReportFixture.report()
    var html = report.renderedHTML()
    #expect(html.contains("<h2>Billing suggestions</h2>"))
    #expect(html.contains("Nothing here is a coding or coverage decision."))
    #expect(html.contains("<tr><td><strong>77080</strong></td><td>DXA, axial skeleton</td>"))
    #expect(!html.contains("ABN advised"))
    #expect(html.contains("<dt>Payer</dt><dd>Medicare, from the exam (payer file medicare v1, secondary).</dd>"))

    report.billing.procedures[0].modifiers = ["GA"]
    let eligible = try HTMLReportFixture.date("2025-05-01")
    report.billing.coverage.findings?.frequency = FrequencyCheck(
      status: .notMet, limitMonths: 23, lastCoveredScan: try HTMLReportFixture.date("2023-06-01"),
      eligibleFrom: eligible, monthsSinceLastCovered: 22)
    report.billing.coverage.findings?.nonCoverage = [
      .frequencyLimitNotMet(months: 22, limit: 23, eligibleFrom: eligible)
    ]
    html = report.renderedHTML()
    #expect(html.contains("<strong>77080-GA</strong>"))
    #expect(html.contains("<span class=\"tag bad\">interval not met</span>"))
    #expect(
      html.contains(
        "<span class=\"tag warn\">ABN advised</span> ABN advised before the scan: the 23-month frequency limit is not met (22 months; eligible from 2025-05-01) and no exception is documented. Bill with modifier GA when it is on file (GZ when none was obtained).</dd>"
      ))
  }

  @Test("The same report renders to the same bytes")
  func deterministic() throws {
    let report = try HTMLReportFixture.report(withPrior: true)
    #expect(report.renderedHTML() == report.renderedHTML())
  }
}

import DXATestSupport
import Foundation
import Testing

@testable import DXACore
@testable import DXARendering

/// What the HTML report carries when printed: every page names the patient, ID, exam date and "Page n of N"
/// (CSS paged-media margin boxes); chart text is at least 7 pt; the legend shows a prior only when there is one.
/// `Tests/HTMLValidation/check_html.py` prints every example in headless Chromium and checks the same on paper.
@Suite("HTML report in print")
struct HTMLPrintTests {
  @Test("every printed page carries the patient's name, ID, exam date and page n of N")
  func marginBoxes() throws {
    let html = try exampleReport("exam-follow-up.json").renderedHTML()
    #expect(html.contains("@top-left { content: \"Example, Ann \u{00B7} ID P-1001\";"))
    #expect(html.contains("@top-right { content: \"Bone density (DXA) \u{00B7} exam 2025-04-14\";"))
    #expect(html.contains("@bottom-left { content: \"PRELIMINARY \u{2014} awaiting physician review\";"))
    #expect(html.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);"))
  }

  @Test("a name in the page header is a CSS string: quotes, backslashes and angle brackets cannot leave it")
  func hostileName() throws {
    let json = examJSON(
      measurements: hips(neck: "0.640"),
      patient: #""sex": "female", "age": 68, "menopause": "post", "name": "Ann\"} body { display: none } </style>\\""#)
    let html = try buildReport(try exam(json)).renderedHTML()
    #expect(
      html.contains(
        #"@top-left { content: "Ann\"} body { display: none } \3C /style\3E \\ · ID P-1"; "#))
    // The only </style> is the stylesheet's own end.
    #expect(html.components(separatedBy: "</style>").count == 2)
    #expect(HTMLText.cssString("a\nb") == "\"a\\A b\"")
  }

  @Test("the legend shows 'Prior exam' only on a chart that has a prior")
  func priorInLegend() throws {
    let single = try #require(try HTMLReportFixture.report().charts.first)
    #expect(!SiteChartSVG(single, identifier: "a").svg.contains(">Prior exam</text>"))
    let withPrior = try #require(try HTMLReportFixture.report(withPrior: true).charts.first)
    #expect(SiteChartSVG(withPrior, identifier: "b").svg.contains(">Prior exam</text>"))
    // The follow-up's right hip has no prior (the baseline scanned the left): its chart's legend has none.
    let report = try exampleReport("exam-follow-up.json")
    let right = try #require(report.charts.first { $0.label == "Femoral neck (right)" })
    #expect(!SiteChartSVG(right, identifier: "c").svg.contains(">Prior exam</text>"))
  }

  // A chart is 480 viewBox units wide and prints two to a row. On A4 (210 mm) with 12 mm page margins the row is
  // 186 mm; less the 8 px gap and each figure's 8 px padding and 1 px border (in print 1 px = 0.2646 mm), a chart is
  // (186 − 2.1) / 2 − 4.8 = 87.2 mm = 247 pt wide: 0.515 pt per unit, so 14 units print at 7.2 pt. Letter is wider.
  // The Chromium check measured 7.25 pt on A4 and 7.48 pt on Letter.
  @Test("no chart text is smaller than 14 viewBox units, 7.2 pt on A4")
  func chartTextSize() throws {
    let pixel = 0.2646  // mm
    let row: Double = 186.0 - 8 * pixel
    let millimetres: Double = row / 2 - 18 * pixel
    let pointsPerUnit: Double = millimetres / 25.4 * 72 / SiteChartSVG.width
    #expect(ChartText.tick * pointsPerUnit >= 7.0)
    let html = try exampleReport("exam-follow-up.json").renderedHTML()
    let sizes = html.matches(of: /font-size="([0-9.]+)"/).compactMap { Double($0.output.1) }
    #expect(!sizes.isEmpty)
    #expect(sizes.allSatisfy { $0 >= ChartText.tick })
  }

  @Test("a converted reference is labelled as converted in the caption")
  func convertedCaption() throws {
    let json = examJSON(measurements: #"{"site": "femoral-neck", "side": "left", "bmd": 0.850}"#)
      .replacing(#""manufacturer": "hologic""#, with: #""manufacturer": "ge-lunar""#)
    let html = try buildReport(try exam(json)).renderedHTML()
    #expect(html.contains("is <strong>converted</strong> to this scanner\u{2019}s scale with sbmd-hip"))
    #expect(html.contains("The patient\u{2019}s BMD is the one the results table shows"))
  }
}

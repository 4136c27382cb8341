import DXACore
import DXARendering
import DXATestSupport
import Foundation
import Testing

/// The HTML of the example exams, built by ``ReportBuilder`` and rendered by ``Report/renderedHTML()`` with no
/// command line in between.
///
/// The follow-up example is compared byte for byte with `Tests/Snapshots/report-follow-up.html`. After a deliberate
/// change, regenerate it with `DXA_UPDATE_SNAPSHOTS=1 swift test --filter HTMLReportExample`, open it in a browser
/// and review the diff before committing.
@Suite("HTML report of the example exams")
struct HTMLReportExampleTests {
  static let examples = [
    "exam-baseline.json", "exam-follow-up.json", "exam-man-45.json", "exam-nhanes-2009-2010-row-2002.json",
  ]

  /// The report of an example, with exam-baseline.json as the prior of exam-follow-up.json.
  static func report(_ name: String) throws -> Report {
    let priors = name == "exam-follow-up.json" ? [try exampleExam("exam-baseline.json")] : []
    return try buildReport(try exampleExam(name), priors: priors, facility: try exampleFacility())
  }

  @Test("The follow-up example matches its snapshot")
  func snapshot() throws {
    let html = try Self.report("exam-follow-up.json").renderedHTML()
    try expectSnapshot(html, "report-follow-up.html")
  }

  @Test("Every example renders as one self-contained document with a chart per site chart", arguments: examples)
  func everyExample(name: String) throws {
    let report = try Self.report(name)
    let html = report.renderedHTML()
    for forbidden in ["http://", "https://", "src=", "<link", "@import", "url(", "<script"] {
      #expect(!html.contains(forbidden), "found \(forbidden)")
    }
    #expect(!report.charts.isEmpty)
    #expect(html.components(separatedBy: "<svg class=\"chart\"").count == report.charts.count + 1)
    #expect(html.contains("PRELIMINARY \u{2014} computed, awaiting physician review"))
    #expect(html.contains("<dt>Patient ID</dt><dd>\(report.exam.patient.id)</dd>"))
    #expect(html.contains(report.diagnosis.wording))
    let trendCharts = html.components(separatedBy: "<svg class=\"chart trend\"").count - 1
    #expect((trendCharts > 0) == (name == "exam-follow-up.json"))
  }

  // Follow-up against baseline: femoral neck (left) 0.631 → 0.612 is −0.019 g/cm², −3.0 %; the LSC is 2.77 ×
  // 0.0110 = 0.030 g/cm²: not significant. Total hip (left) 0.772 → 0.745 is −0.027 g/cm² against an LSC of 2.77 ×
  // 0.0081 = 0.022: significant.
  @Test("The follow-up example prints the worked serial changes")
  func followUpChanges() throws {
    let html = try Self.report("exam-follow-up.json").renderedHTML()
    #expect(
      html.contains(
        "<tr><td>Femoral neck (left)</td><td class=\"num\">0.631</td><td class=\"num\">0.612</td>"
          + "<td class=\"num\">\u{2212}0.019</td><td class=\"num\">\u{2212}3.0</td>"))
    #expect(html.contains("<td>0.030 g/cm²<br><span class=\"note\">2.77 × facility precision 0.0110</span></td>"))
    #expect(
      html.contains(
        "<tr><td>Total hip (left)</td><td class=\"num\">0.772</td><td class=\"num\">0.745</td>"
          + "<td class=\"num\">\u{2212}0.027</td>"))
    #expect(html.contains("<span class=\"tag bad\">significant decrease</span>"))
    #expect(html.contains("<td>Total L1–L2, L4</td>"))
  }

  // No column is empty: the NHANES respondent has hips only, with a side each; the man of 45 has a spine without a
  // side beside his hips; nobody has a notes column any more (notes are footnotes under the table).
  @Test("No table has an empty column: sides, screen T-scores, flags, rates and notes only where some row has them")
  func noEmptyColumns() throws {
    for name in [
      "exam-follow-up.json", "exam-baseline.json", "exam-man-45.json", "exam-nhanes-2009-2010-row-2002.json",
    ] {
      let html = try Self.report(name).renderedHTML()
      #expect(!html.contains("<th>Notes</th>"), "\(name)")
      for table in html.components(separatedBy: "<table").dropFirst() {
        guard let body = table.components(separatedBy: "</table>").first else { continue }
        let rows = body.components(separatedBy: "<tr").dropFirst().map { row in
          row.components(separatedBy: "<td").dropFirst().map { $0.contains("colspan") ? nil : $0 }
        }
        let cells = rows.filter { !$0.isEmpty && !$0.contains { $0 == nil } }
        guard let width = cells.first?.count, cells.allSatisfy({ $0.count == width }) else { continue }
        for column in 0..<width {
          let empty = cells.allSatisfy { row in
            // The cell's text without its tags (the cell starts after "<td", so up to its first ">" is the tag).
            var text = ""
            var inTag = true
            for character in row[column] ?? "" {
              if character == "<" {
                inTag = true
              } else if character == ">" {
                inTag = false
              } else if !inTag {
                text.append(character)
              }
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty || trimmed == "\u{2014}"
          }
          #expect(!empty, "\(name): column \(column) of a table is empty")
        }
      }
    }
    let nhanes = try Self.report("exam-nhanes-2009-2010-row-2002.json").renderedHTML()
    #expect(nhanes.contains("<td class=\"cat-osteoporosis\">Osteoporosis</td></tr>"))
    // The baseline's spine has no per-vertebra T-score: no screen column, no flag column.
    let baseline = try Self.report("exam-baseline.json").renderedHTML()
    #expect(!baseline.contains("<th class=\"num\">T (screen)</th>"))
    #expect(!baseline.contains("<th>Exclusion screen</th>"))
  }

  // A man of 45 is classified on the Z-score: his charts must not suggest WHO categories.
  @Test("A Z-score population gets no WHO bands and no T-score scale on its charts")
  func zScoreCharts() throws {
    let report = try Self.report("exam-man-45.json")
    #expect(report.population == .adultZScore)
    let html = report.renderedHTML()
    #expect(!html.contains("band-normal"))
    #expect(!html.contains("band-osteoporosis"))
    #expect(!html.contains(">T-score</text>"))
    #expect(html.contains("class=\"band band-below-range\""))
    #expect(html.contains("Classified on the Z-score: WHO T-score bands do not apply"))
  }
}

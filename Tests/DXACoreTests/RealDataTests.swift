import DXACore
import DXATestSupport
import Foundation
import Testing

/// Real NHANES 2009–2010 femur scans from the team's shared data folder, beside the repository (`../shared`).
let nhanesFemur = referenceDataFolder.deletingLastPathComponent().deletingLastPathComponent()
  .appending(path: "shared/data/real-dxa/nhanes-2009-2010-femur/ssri_nhanes_2009_2010.csv")

@Suite("Real data", .enabled(if: FileManager.default.fileExists(atPath: nhanesFemur.path)))
struct RealDataTests {
  /// Rows of the CSV as dictionaries (the file has no quoted fields).
  func rows() throws -> [[String: String]] {
    let lines = try String(contentsOf: nhanesFemur, encoding: .utf8).split(whereSeparator: \.isNewline)
    guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
    return lines.dropFirst().map { line in
      Dictionary(
        uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
      )
    }
  }

  @Test("young women of NHANES 2009–2010 score about 0 against the NHANES III young-adult reference")
  func youngWomenAverageZero() throws {
    // The data's README: women 20–29, neither Black nor Hispanic (n = 201), femoral neck 0.859 ± 0.122 and total
    // femur 0.943 ± 0.122, against the reference 0.858/0.120 and 0.942/0.122.
    let young = try rows().filter {
      $0["female"] == "1" && $0["black"] == "0" && $0["hispanic"] == "0"
        && (20...29).contains(Int($0["age"] ?? "") ?? 0)
    }
    #expect(young.count == 201)
    let engine = ScoringEngine(library: try shippedLibrary())
    for (site, column) in [(Site.femoralNeck, "fneckbmd"), (.totalHip, "femurbmd")] {
      var sum = 0.0
      var categories: [Category?: Int] = [:]
      for row in young {
        let request = ScoreRequest(
          site: site, bmd: dec(row[column] ?? ""), sex: .female, age: dec(row["age"] ?? ""), menopause: .pre,
          manufacturer: .hologic, ethnicity: .white)
        let result = try engine.score(request)
        sum += try #require(result.tScore.score).unrounded.doubleValue
        categories[result.classification.category, default: 0] += 1
      }
      let meanT = sum / Double(young.count)
      #expect(abs(meanT) < 0.05, "\(site): mean T \(meanT)")
      // Premenopausal: every one is classified on Z, except that women's total-hip Z starts at 21
      // (NHANES 2005–2008), so the 20-year-olds have no category there: no reference, never extrapolated.
      let aged20 = young.filter { $0["age"] == "20" }.count
      #expect(categories[nil, default: 0] == (site == .totalHip ? aged20 : 0), "\(site): \(categories)")
    }
  }

  @Test("every real femur scan gets a T-score from age 20, and none below")
  func everyScanScores() throws {
    let engine = ScoringEngine(library: try shippedLibrary())
    var (adults, children) = (0, 0)
    for row in try rows() {
      let age = dec(row["age"] ?? "")
      let request = ScoreRequest(
        site: .femoralNeck, bmd: dec(row["fneckbmd"] ?? ""), sex: row["female"] == "1" ? .female : .male, age: age)
      let result = try engine.score(request)
      if age < 20 {
        #expect(result.tScore.score == nil && result.population == .child)
        children += 1
      } else {
        #expect(result.tScore.score != nil)
        adults += 1
      }
    }
    #expect(adults + children == 4890)
    #expect(children > 0)
  }
}

import DXACore
import Testing

@testable import DXABatch

/// What a result says, compared as one value: every output column and every fact a report could show.
private struct ResultFacts: Equatable {
  struct ScoreFacts: Equatable {
    var reported: ExactDecimal
    var exact: Fraction?
    var floatingPoint: Double?
    var bmdOnReferenceScale: Fraction
    var conversion: ScaleConversion?
    var tableID: String
    var point: ReferencePoint
  }

  var columns: RowScore
  var tScore: ScoreFacts?
  var zScore: ScoreFacts?
  var reasons: [ScoreUnavailable?]
  var category: Category?
  var basis: Classification.Basis?
  var categoryReason: UnclassifiedReason?
  var population: Population
  var manufacturer: Manufacturer
  var assumptions: [ScoringAssumption]
  var notes: [ScoringNote]

  init(_ result: ScoreResult) {
    func facts(_ outcome: ScoreOutcome) -> ScoreFacts? {
      guard let score = outcome.score else { return nil }
      var exact: Fraction?
      var floatingPoint: Double?
      switch score.unrounded {
      case .exact(let value): exact = value
      case .floatingPoint(let value): floatingPoint = value
      }
      return ScoreFacts(
        reported: score.reported, exact: exact, floatingPoint: floatingPoint,
        bmdOnReferenceScale: score.bmdOnReferenceScale, conversion: score.conversion,
        tableID: score.reference.tableID, point: score.reference.point)
    }
    columns = RowScore(result)
    tScore = facts(result.tScore)
    zScore = facts(result.zScore)
    reasons = [result.tScore.reason, result.zScore.reason]
    category = result.classification.category
    basis = result.classification.basis
    categoryReason = result.classification.reason
    population = result.population
    manufacturer = result.manufacturer
    assumptions = result.assumptions
    notes = result.notes
  }
}

@Suite("A result rescored at another BMD is the engine's own result there")
struct RescoringTests {
  @Test("20,000 random requests per setup, each rescored at another random BMD, equal ScoringEngine.score there")
  func equalsEngine() throws {
    for (index, setup) in try equalitySetups(usesTemplates: false).enumerated() {
      let engine = setup.engine
      var generator = RequestGenerator(state: UInt64(index) + 101)
      var rescoredCount = 0
      for _ in 0..<20_000 {
        let (request, _) = generator.request()
        // Another request, for its BMD only (sometimes out of range, or with many decimals).
        let bmd = generator.request().0.bmd
        guard let first = try? engine.score(request), let rescored = engine.rescored(first, bmd: bmd) else {
          continue
        }
        rescoredCount += 1
        var moved = request
        moved.bmd = bmd
        let expected = try engine.score(moved)
        #expect(ResultFacts(rescored) == ResultFacts(expected), "setup \(index): \(moved)")
        // The scores alone, as templates read them: the same category, basis and reason.
        let scores = engine.rescoredScores(first, bmd: bmd)
        #expect(scores?.classification.category == expected.classification.category)
        #expect(scores?.classification.basis == expected.classification.basis)
        #expect(scores?.classification.reason == expected.classification.reason)
        #expect(scores?.tScore.score?.reported == expected.tScore.score?.reported)
        #expect(scores?.zScore.score?.reported == expected.zScore.score?.reported)
        if ResultFacts(rescored) != ResultFacts(expected) { return }
      }
      // Most results can be rescored: only out-of-range BMDs and tables whose arithmetic overflowed cannot.
      #expect(rescoredCount > 12_000, "setup \(index): \(rescoredCount) rescored")
    }
  }

  @Test("a BMD outside the plausible range is not rescored: the engine's error decides")
  func invalidBMD() throws {
    let engine = try makeSetup().engine
    let request = ScoreRequest(
      site: .femoralNeck, bmd: ExactDecimal("0.558") ?? 0, sex: .female, age: 67, menopause: .post,
      manufacturer: .hologic, ethnicity: .white)
    let result = try engine.score(request)
    #expect(engine.rescored(result, bmd: ExactDecimal("0.010") ?? 0) == nil)
    // (0.672 − 0.858) / 0.120 = −1.55 → −1.6: low bone mass, against the same young-adult reference.
    let rescored = engine.rescored(result, bmd: ExactDecimal("0.672") ?? 0)
    #expect(rescored?.tScore.score?.reported == ExactDecimal("-1.6"))
    #expect(rescored?.classification.category == .lowBoneMass)
  }
}

import DXACore
import Testing

@testable import DXABatch

/// How a worker's scorer lays out what each row reads: the compiled templates in cache lines, the per-kind table.
@Suite("The scorer's tables: one cache line per template, the wide terms beside it")
struct ScorerLayoutTests {
  @Test("what a row reads of a compiled template is one cache line")
  func compiledTemplateIsOneLine() {
    #expect(MemoryLayout<RowScorer.CompiledTemplate>.size <= RowScorer.CompiledTemplate.lineSize)
    #expect(MemoryLayout<RowScorer.CompiledTemplate>.stride == RowScorer.CompiledTemplate.lineSize)
  }

  @Test("a buffer aligned to a cache line stays aligned as it grows, and keeps its elements", arguments: [1, 8, 64])
  func alignedBuffer(alignment: Int) {
    let buffer = ValueBuffer<RowScorer.CompiledTemplate>(alignment: alignment)
    for index in 0..<100 {
      let terms = AffineScore.NarrowTerms(multiplier: Int64(index), addend: -Int64(index), divisor: 7)
      buffer.append(
        RowScorer.CompiledTemplate(
          tTerms: .narrow(terms), zTerms: index.isMultiple(of: 3) ? .wide : .absent,
          basis: index.isMultiple(of: 2) ? .tScore : nil, tailCount: UInt8(index % 33), tailSlot: Int32(4 * index)))
      let address = Int(bitPattern: UnsafeRawPointer(buffer.base))
      #expect(address.isMultiple(of: max(alignment, MemoryLayout<RowScorer.CompiledTemplate>.alignment)))
    }
    #expect(buffer.count == 100)
    for index in 0..<100 {
      let template = buffer[index]
      guard case .narrow(let terms) = template.tTerms else {
        Issue.record("element \(index) lost its terms")
        return
      }
      #expect(terms.multiplier == Int64(index) && terms.addend == -Int64(index) && terms.divisor == 7)
      if case .wide = template.zTerms {
        #expect(index.isMultiple(of: 3))
      } else {
        #expect(!index.isMultiple(of: 3))
      }
      #expect(template.basis == (index.isMultiple(of: 2) ? .tScore : nil))
      #expect(template.tailCount == UInt8(index % 33) && template.tailSlot == Int32(4 * index))
    }
  }

  @Test("rows whose templates need 128-bit terms (kept apart from the cache line) score as the engine scores")
  func wideTermsEqualEngine() throws {
    var wideRows = 0
    for (index, setup) in try equalitySetups(usesTemplates: true).enumerated() {
      let scorer = RowScorer(setup: setup)
      var generator = RequestGenerator(state: UInt64(index) + 1_201)
      for _ in 0..<4_000 {
        let (request, units) = generator.request()
        guard let units else { continue }
        guard let template = standaloneTemplate(request, units: units, in: setup),
          (template.tScore.map { $0.narrow == nil } ?? false) || (template.zScore.map { $0.narrow == nil } ?? false)
        else { continue }
        let expected = try? RowScore(setup.engine.score(request))
        let score = try? scorer.score(MeasurementInput(request: request, ageUnits: units))
        #expect(score.map(scorer.rowScore(of:)) == expected, "setup \(index): \(request)")
        if let score, score.source >= 0 { wideRows += 1 }
      }
    }
    // The extra tables' many decimals make such terms, and their rows were scored from templates.
    #expect(wideRows > 20, "\(wideRows) rows with wide terms")
  }

  @Test("a scorer past its template limit scores further kinds with the engine, to the same fields")
  func templateLimit() throws {
    let setup = try makeSetup()
    let limited = RowScorer(setup: setup, templateLimit: 5)
    let unlimited = RowScorer(setup: setup)
    var generator = RequestGenerator(state: 1_301)
    // Forty rows met again and again: the kinds of the first templates come back.
    let rows = (0..<40).map { _ in generator.request() }
    var fromTemplates = 0
    for index in 0..<2_000 {
      let (request, units) = rows[index % rows.count]
      let input = MeasurementInput(request: request, ageUnits: units)
      let expected = try? RowScore(setup.engine.score(request))
      let score = try? limited.score(input)
      #expect(score.map(limited.rowScore(of:)) == expected, "\(request)")
      let unlimitedScore = try? unlimited.score(input)
      #expect(unlimitedScore.map(unlimited.rowScore(of:)) == expected, "\(request)")
      // Only the first five templates met are kept.
      if let score, score.source >= 0 {
        #expect(score.source < 5)
        fromTemplates += 1
      }
    }
    #expect(fromTemplates > 100)
    #expect(limited.engineCount > unlimited.engineCount + 500)
  }
}

import DXACSV
import DXACore
import DXASynthetic
import Testing

@testable import DXABatch

@Suite("A template row's constant columns are written as one prepared tail")
struct CompactTailTests {
  @Test("the tail is the compact reference, status ok, an empty error and the compact note, as the general path writes")
  func tailEqualsPieces() throws {
    var longTails = 0
    for (index, setup) in try equalitySetups(usesTemplates: true).enumerated() {
      let scorer = RowScorer(setup: setup)
      var generator = RequestGenerator(state: UInt64(index) + 811)
      var tails = 0
      for _ in 0..<5_000 {
        let (request, units) = generator.request()
        guard let score = try? scorer.score(MeasurementInput(request: request, ageUnits: units)) else { continue }
        let pieces = ByteBuffer()
        scorer.writeCompactReference(score, to: pieces)
        pieces.append(Array(",ok,,".utf8))
        scorer.writeCompactNote(score, to: pieces)
        guard let tail = scorer.compactTail(score) else {
          // Only engine results and tails too long for a slot (many notes) have none: the general path writes them.
          #expect(score.source < 0 || pieces.count > ByteCursor.wordSlotSize, "setup \(index): \(request)")
          if score.source >= 0 { longTails += 1 }
          continue
        }
        let written = ByteBuffer()
        written.write(room: ByteCursor.wordSlotSize) { $0.appendWords(tail.words, keeping: tail.count) }
        #expect(Array(written.bytes) == Array(pieces.bytes), "setup \(index): \(request)")
        tails += 1
      }
      #expect(tails > 1_000, "setup \(index): \(tails) rows had a tail")
    }
    // Both kinds of template row were met.
    #expect(longTails > 0)
  }

  @Test("compact output is byte for byte the same with and without templates, device differences included")
  func sameCompactBytes() throws {
    var archive = SyntheticArchive(seed: 23)
    let input = archive.generate(rows: 4_000)
    for (fast, engine) in zip(try equalitySetups(usesTemplates: true), try equalitySetups(usesTemplates: false)) {
      let fastRun = try runBatch(input, setup: fast) { $0.longNotes = false }
      let engineRun = try runBatch(input, setup: engine) { $0.longNotes = false }
      #expect(fastRun.output == engineRun.output)
      #expect(fastRun.output.contains(",ok,,"))
      #expect(fastRun.summary.rows == 4_000)
      #expect(fastRun.summary.engineScored < engineRun.summary.engineScored)
    }
  }
}

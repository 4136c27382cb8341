import DXACSV
import DXACore

/// `--compare-policy`: the second scoring, the transition counts and the changed rows.
extension RowProcessor {
  func compareRow(
    _ compareScorer: RowScorer, inputs: [MeasurementInput?], isError: Bool, base: UnsafePointer<UInt8>,
    start: Int, end: Int, output: RoundOutput
  ) {
    var changed = false
    compareScores.removeAll(keepingCapacity: true)
    compareScorer.startRow()
    for (index, input) in inputs.enumerated() {
      guard let input, let first = sites.scores[index] else {
        compareScores.append(nil)
        if isError && !layout.isWide {
          output.summary.transitions[BatchSummary.errorSlot * BatchSummary.categorySlots + BatchSummary.errorSlot] += 1
        }
        continue
      }
      // The same request was valid under the first setup, and validation does not depend on the policy.
      let second = try? compareScorer.score(input)
      compareScores.append(second)
      let from = BatchSummary.categoryIndex(first.category)
      let to = second.map { BatchSummary.categoryIndex($0.category) } ?? BatchSummary.errorSlot
      output.summary.transitions[from * BatchSummary.categorySlots + to] += 1
      if first.tTenths != second?.tTenths || first.zTenths != second?.zTenths || first.category != second?.category {
        changed = true
      }
    }
    guard changed else { return }
    output.summary.changedRows += 1
    let buffer = output.changed
    writeRecordAsRead(base, start: start, contentEnd: end, isRewritten: false, to: buffer)
    for index in layout.sites.indices {
      buffer.append(CSVByte.comma)
      writeBlock(sites.scores[index], scorer: scorer, to: buffer)
      buffer.append(CSVByte.comma)
      writeBlock(compareScores[index], scorer: compareScorer, to: buffer)
    }
    buffer.append(CSVByte.newline)
  }
}

import DXACSV

/// `--notes FILE`: what each code of the compact `note` column and each id of the compact `reference` column
/// means, as CSV (`code,meaning`). The same for every run with the same reference options, whatever the input.
public enum NotesLegend {
  public static func csv(setup: ScoringSetup, compare: ScoringSetup? = nil) -> [UInt8] {
    var rows = [["code", "meaning"]]
    rows += NoteCode.allCases.map { [$0.rawValue, $0.meaning] }
    rows += setup.references.enumerated().map { ["r\($0.offset + 1)", $0.element] }
    // A comparison against other tables numbers its own references (the compare_ columns of --changed).
    if let compare, compare.references != setup.references {
      rows += compare.references.enumerated().map { ["compare r\($0.offset + 1)", $0.element] }
    }
    return rows.flatMap { CSVText.record($0, neutralisingFormulas: true) }
  }
}

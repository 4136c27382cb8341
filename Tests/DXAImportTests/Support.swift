import DXABatch
import DXACore
import DXAImport
import DXAReferenceData
import Foundation
import Testing

/// The real APEX training database of the team's shared data folder, beside the repository (`../shared`).
let apexTables = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
  .appending(path: "shared/data/real-dxa/hologic-apex-training/tables")

let hasRealTables = FileManager.default.fileExists(atPath: apexTables.appending(path: "ScanAnalysis.csv").path)

/// Every known table in a folder, read as the command reads them.
func tables(in folder: URL) throws -> [APEXTable: TableFile] {
  var tables: [APEXTable: TableFile] = [:]
  for table in APEXTable.allCases {
    let url = folder.appending(path: table.fileName)
    guard let data = FileManager.default.contents(atPath: url.path) else { continue }
    tables[table] = try TableFile(name: table.fileName, bytes: Array(data))
  }
  return tables
}

/// Hand-made tables from CSV text.
func tables(_ texts: [APEXTable: String]) throws -> [APEXTable: TableFile] {
  var tables: [APEXTable: TableFile] = [:]
  for (table, text) in texts { tables[table] = try TableFile(name: table.fileName, bytes: Array(text.utf8)) }
  return tables
}

func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }

func importOptions(asOf: String = "2026-01-01", skipNames: [String] = []) throws -> APEXImportOptions {
  var options = APEXImportOptions(asOf: try day(asOf))
  options.skipNames = skipNames
  return options
}

/// Runs the batch engine over a CSV in memory: the output text and the summary.
func batch(_ csv: String) throws -> (output: String, summary: BatchSummary) {
  var options = BatchOptions()
  options.writesDiagnoses = true
  let output = MemorySink()
  var sinks = BatchSinks(output: output, errors: MemorySink(), diagnoses: MemorySink(), changed: nil)
  var source = MemorySource(Array(csv.utf8))
  let runner = BatchRunner(
    setup: ScoringSetup(library: try ShippedReferences.library(), policy: .standard), options: options)
  let summary = try runner.run(input: &source, sinks: &sinks)
  return (output.text, summary)
}

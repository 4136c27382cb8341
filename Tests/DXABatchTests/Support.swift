import DXACSV
import DXACore
import DXAReferenceData
import Foundation
import Testing

@testable import DXABatch

/// What one in-memory batch run wrote.
struct BatchRun {
  var output: String
  var errors: String
  var diagnoses: String
  var changed: String
  var summary: BatchSummary

  /// The output's records, parsed back (header first).
  var records: [[String]] { parseCSV(output) }

  /// The output rows as dictionaries from column name to value.
  var rows: [[String: String]] {
    let all = records
    guard let header = all.first else { return [] }
    return all.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
  }
}

let header =
  "patient_id,scan_id,scan_date,birth_date,age,sex,ethnicity,menopause,manufacturer,model,site,side,bmd,bmc,area,t_score_device,z_score_device"

/// A scoring setup over the shipped tables.
func makeSetup(
  policy: ScoringPolicy = .standard, use: [String] = [], usesTemplates: Bool = true
) throws -> ScoringSetup {
  var library = try ShippedReferences.library()
  for id in use { try library.request(id) }
  return ScoringSetup(library: library, policy: policy, usesTemplates: usesTemplates)
}

/// Runs a batch over `input` in memory.
func runBatch(
  _ input: String, setup: ScoringSetup? = nil, compare: ScoringSetup? = nil, jobs: Int = 1,
  bufferSize: Int = 1 << 16, chunkSize: Int = .max, configure: (inout BatchOptions) -> Void = { _ in }
) throws -> BatchRun {
  try runBatch(
    Array(input.utf8), setup: setup, compare: compare, jobs: jobs, bufferSize: bufferSize, chunkSize: chunkSize,
    configure: configure)
}

func runBatch(
  _ input: [UInt8], setup: ScoringSetup? = nil, compare: ScoringSetup? = nil, jobs: Int = 1,
  bufferSize: Int = 1 << 16, chunkSize: Int = .max, configure: (inout BatchOptions) -> Void = { _ in }
) throws -> BatchRun {
  var options = BatchOptions()
  options.jobs = jobs
  options.bufferSize = bufferSize
  options.writesErrors = true
  options.writesDiagnoses = true
  // The wording of references and notes is what most tests check; the compact codes have tests of their own.
  options.longNotes = true
  configure(&options)
  // Diagnoses need rows grouped into scans: an id column, or a wide map.
  let names =
    String(decoding: input.prefix { $0 != CSVByte.newline }, as: UTF8.self)
    + (options.columns?.joined(separator: ",") ?? "")
  if options.map?.sites.isEmpty ?? true, !names.contains("patient_id"), !names.contains("scan_id") {
    options.writesDiagnoses = false
  }
  let output = MemorySink()
  let errors = MemorySink()
  let diagnoses = MemorySink()
  let changed = MemorySink()
  var sinks = BatchSinks(
    output: output, errors: errors, diagnoses: options.writesDiagnoses ? diagnoses : nil,
    changed: compare == nil ? nil : changed)
  var source = MemorySource(input, chunkSize: chunkSize)
  let runner = BatchRunner(setup: try setup ?? makeSetup(), compare: compare, options: options)
  let summary = try runner.run(input: &source, sinks: &sinks)
  return BatchRun(
    output: output.text, errors: errors.text, diagnoses: diagnoses.text, changed: changed.text, summary: summary)
}

/// A small RFC 4180 reader for checking outputs (independent of the engine's scanner).
func parseCSV(_ text: String) -> [[String]] {
  var records: [[String]] = []
  var record: [String] = []
  var field = ""
  var inQuotes = false
  var iterator = Array(text.unicodeScalars).makeIterator()
  var pending: Unicode.Scalar? = nil
  func next() -> Unicode.Scalar? {
    if let scalar = pending {
      pending = nil
      return scalar
    }
    return iterator.next()
  }
  var sawAny = false
  while let scalar = next() {
    sawAny = true
    if inQuotes {
      if scalar == "\"" {
        if let following = next() {
          if following == "\"" {
            field.unicodeScalars.append("\"")
          } else {
            inQuotes = false
            pending = following
          }
        } else {
          inQuotes = false
        }
      } else {
        field.unicodeScalars.append(scalar)
      }
    } else if scalar == "\"" {
      inQuotes = true
    } else if scalar == "," {
      record.append(field)
      field = ""
    } else if scalar == "\n" {
      record.append(field)
      records.append(record)
      record = []
      field = ""
      sawAny = false
    } else if scalar != "\r" {
      field.unicodeScalars.append(scalar)
    }
  }
  if sawAny {
    record.append(field)
    records.append(record)
  }
  return records
}

/// A long-layout row from named values; the rest empty.
func longRow(_ values: [String: String]) -> String {
  header.split(separator: ",").map { values[String($0)] ?? "" }.joined(separator: ",")
}

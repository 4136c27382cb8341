import DXACore
import DXARendering
import Foundation

/// The path an exam takes through `dxa report`, from a read exam to every format the core renders.
public enum ReportPipeline {
  /// Every table and conversion set in reference-data/, as `dxa` ships them.
  public static let library: ReferenceLibrary = {
    do {
      let tables = try files(in: "tables").map { path throws(InputError) in
        try ReferenceTable(json: FuzzInput.repositoryFile(path), file: path)
      }
      let sets = try files(in: "conversions").map { path throws(InputError) in
        try ConversionSet(json: FuzzInput.repositoryFile(path), file: path)
      }
      return try ReferenceLibrary(tables: tables, conversionSets: sets)
    } catch {
      fatalError("fuzz harness: reference-data does not load: \(error)")
    }
  }()

  public static let codes: ReportCodes = {
    do {
      let path = "reference-data/codes/dxa-codes.json"
      return try ReportCodes(json: FuzzInput.repositoryFile(path), file: path)
    } catch {
      fatalError("fuzz harness: reference-data/codes does not load: \(error)")
    }
  }()

  /// The JSON files of a folder of reference-data/, as paths from the repository's root, in a fixed order.
  static func files(in folder: String) -> [String] {
    let directory = FuzzInput.repository.appending(path: "reference-data/\(folder)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map { "reference-data/\(folder)/\($0)" }
  }

  /// Checks the dates, builds the report and renders it as text, JSON, HTML and FHIR; input errors end the path quietly,
  /// as they end `dxa report` with a message. A crash anywhere here is what the fuzzer is looking for.
  public static func run(
    _ exam: Exam, priors: [Exam] = [], facility: Facility? = nil, library: ReferenceLibrary = library
  ) {
    do {
      try exam.checkDates(notAfter: FuzzInput.farFuture)
      for prior in priors { try ReportBuilder.checkPrior(prior, of: exam, field: "prior") }
      let builder = ReportBuilder(library: library, facility: facility)
      let interpretation = PhysicianInterpretation(impression: "Fuzzed.", signedBy: "Dr Fuzz", signedOn: exam.scan.date)
      let report = try builder.build(exam, priors: priors, interpretation: interpretation)
      let text = report.renderedText(version: "fuzz")
      _ = report.json.rendered()
      _ = report.renderedHTML()
      _ = report.fhirBundle(codes: codes, presentedText: text, generatedAt: nil).rendered()
    } catch {
      return
    }
  }
}

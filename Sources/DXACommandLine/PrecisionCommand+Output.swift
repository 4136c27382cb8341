import DXACore
import DXAPlatform
import DXARendering

/// What `-o` wrote: the facility file's text, where, and how many figures it added or replaced.
struct FacilityWrite {
  var path: String
  var isStandardOutput: Bool
  var text: String
  var figures: Int
  var replaced: Int
}

extension PrecisionCommand {
  static let roundingNote =
    "Rounded half away from zero: g/cm² to 4 decimals, % to 2. LSC = 2.77 × the precision as printed, the figure "
    + "the facility file gives 'dxa report'."

  static func text(
    _ study: PrecisionStudy, studyName: String, scanner: String?, facilityName: String?, written: FacilityWrite?
  ) -> String {
    var lines = ["Precision study: \(studyName)"]
    if let facilityName { lines.append("Facility: \(facilityName)") }
    if let scanner { lines.append("Scanner: \(scanner)") }
    for result in study.results {
      lines += ["", result.region.displayName]
      let design =
        result.scansPerPatient.map { "\(result.patients) × \($0) scans (\(result.scans) scans)" }
        ?? "\(result.patients) (\(result.scans) scans, unequal per patient)"
      lines += labelled("Patients", design, column: 22)
      lines += labelled("Degrees of freedom", String(result.degreesOfFreedom), column: 22)
      lines += labelled("RMS-SD", "\(result.rmsSD) g/cm²", column: 22)
      lines += labelled("RMS %CV", "\(result.percentCV)%", column: 22)
      lines += labelled(
        "LSC (95%)", "\(result.leastSignificantChange) g/cm² (\(result.leastSignificantChangePercent)%)", column: 22)
      if let minimum = ISCDMinimumPrecision.percentCV(for: result.region.site),
        let minimumLSC = ISCDMinimumPrecision.leastSignificantChangePercent(for: result.region.site)
      {
        lines += labelled("ISCD minimum", "%CV \(minimum)%, LSC \(minimumLSC)%", column: 22)
      }
      if !result.warnings.isEmpty {
        lines.append("  Warnings:")
        for warning in result.warnings { lines += wrapped("- " + warning.message, indent: 4, hanging: 6) }
      }
    }
    if let written, !written.isStandardOutput {
      let figures = written.figures == 1 ? "1 figure" : "\(written.figures) figures"
      let counts = "\(written.figures - written.replaced) new, \(written.replaced) replaced"
      lines += [""] + wrapped("Facility file: \(written.path) (\(figures) written: \(counts))", indent: 0)
    }
    lines += [""] + wrapped(roundingNote, indent: 0)
    return textOutput(lines)
  }

  static func json(
    _ study: PrecisionStudy, studyName: String, scanner: String?, facilityName: String?, written: FacilityWrite?
  ) -> JSONValue {
    .object([
      ("study", .string(studyName)),
      ("facility_name", .optionalString(facilityName)),
      ("scanner", .optionalString(scanner)),
      ("sites", .array(study.results.map(\.json))),
      (
        "facility_file",
        written.map {
          .object([
            ("path", .string($0.path)), ("figures", .number(String($0.figures))),
            ("replaced", .number(String($0.replaced))),
          ])
        } ?? .null
      ),
      ("rounding", .string(roundingNote)),
    ])
  }

  /// Merges the study into the facility file `target` names (or a new one) and writes it through the one writer
  /// (a temporary file renamed into place), so a failed run never leaves a half-written facility file.
  static func write(
    _ study: PrecisionStudy, to target: OutputTarget, scanner: String?, facilityName: String?,
    readFile: (String) throws -> String
  ) throws -> FacilityWrite {
    let path = target.name
    var facility = Facility()
    // Only a regular file is read back and updated; a FIFO or device gets a new facility file.
    let existing = target.existingFile
    if let existing {
      facility = try Facility(json: try readFile(existing), file: path)
    }
    let isExisting = existing != nil
    if let facilityName { facility.name = facilityName }
    if let scanner, facility.scanner(id: scanner) == nil {
      guard isExisting else {
        throw InputError(
          .usage, field: "--scanner",
          "'\(scanner)' needs a facility file that lists it; create \(path) with its scanners first (see README.md) or leave out --scanner"
        )
      }
      let known =
        facility.scanners.isEmpty ? "it lists none" : "it lists \(facility.scanners.map(\.id).joined(separator: ", "))"
      throw InputError(.usage, field: "--scanner", "'\(scanner)' is not a scanner of \(path); \(known)")
    }
    for result in study.results where result.rmsSD.significand == 0 {
      throw CommandFailure(
        .dataError,
        "\(result.region.nameInSentence): RMS-SD rounds to \(result.rmsSD) g/cm²; a facility file needs a precision above 0"
      )
    }
    let replaced = facility.merge(precision: study.results.map { $0.figure(scanner: scanner) })
    let text = facility.json.rendered() + "\n"
    // Only write what dxa itself can read back.
    _ = try Facility(json: text, file: path)
    let isStandardOutput = target.destination == .descriptor(.standardOutput)
    let written = FacilityWrite(
      path: path, isStandardOutput: isStandardOutput, text: text, figures: study.results.count, replaced: replaced)
    if !isStandardOutput {
      do {
        try OutputFile.write(Array(text.utf8), to: target)
      } catch {
        throw CommandFailure(error)
      }
    }
    return written
  }
}

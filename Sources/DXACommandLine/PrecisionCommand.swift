import DXACSV
import DXACore
import DXAPlatform
import Foundation

/// `dxa precision STUDY.csv`: a facility precision study worked out per site, optionally written to a facility file.
enum PrecisionCommand {
  static let options: [OptionSpec] = [
    OptionSpec(
      name: "scanner", valueName: "id",
      help: "The scanner the study was done on; with -o it must be one of the facility file's scanners."),
    OptionSpec(name: "facility-name", valueName: "name", help: "The facility's name, shown and written with -o."),
    OptionSpec(
      name: "output", valueName: "facility.json",
      help:
        "Write the figures to this facility file. An existing file keeps its scanners, calibrations and other "
        + "figures; figures for the same scanner, site and vertebrae are replaced. '-' writes it to stdout.",
      shortName: "o"),
    .format,
  ]

  static var helpPage: HelpPage {
    HelpPage(
      overview: "Work out a precision study: RMS-SD, %CV, LSC and degrees of freedom.",
      usage:
        "dxa precision <study.csv> [--scanner <id>] [--facility-name <name>]\n"
        + "                     [-o <facility.json>] [--format <format>]",
      arguments: [
        (
          "<study.csv>",
          "One row per scan, header required, columns in any order: patient, site, bmd (g/cm²) and, for "
            + "lumbar-spine rows, optionally vertebrae (such as l2-l4; default l1-l4). '-' reads stdin."
        )
      ],
      options: options,
      discussion: """
        ISCD designs: 15 patients × 3 scans or 30 × 2, repositioned between scans.
        Per site and vertebral set: RMS-SD = √(mean of patient variances, n − 1),
        RMS %CV = √(mean of (SD/mean)²) × 100, degrees of freedom = Σ(n − 1),
        LSC = 2.77 × precision (95% confidence).
        Variances are exact fractions; only the square root is floating point, and
        its rounding is checked exactly. Printed half away from zero: g/cm² to 4
        decimals, % to 2. The LSC is 2.77 × the printed precision, the figure the
        facility file gives 'dxa report'.
        Warned: fewer than 27 degrees of freedom; %CV worse than the ISCD minimum
        (spine 1.9%, total hip 1.8%, femoral neck 2.5%); a design other than 15×3 or
        30×2; a patient with a single scan (it contributes nothing).
        """
    )
  }

  static func run(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    let parsed = try parseArguments(arguments, options: options, maximumPositionals: 1)
    if parsed.isHelpRequested { return helpPage.rendered }
    guard let studyPath = parsed.positionals.first else {
      throw InputError(.usage, field: "<study.csv>", "missing; give the study file (see 'dxa precision --help')")
    }
    let format = try parsed.choice("format", OutputFormat.self) ?? .text
    let scanner = parsed.value("scanner")
    let facilityName = parsed.value("facility-name")
    let studyName = studyPath == "-" ? "standard input" : studyPath
    // Before anything is read: -o may update a facility file, never the study itself.
    let output = try checkPaths(inputs: [("<study.csv>", studyPath)], outputs: parsed.all("output").map { ("-o", $0) })
      .first
    let study: PrecisionStudy
    do {
      study = try PrecisionStudy(scans: try scans(in: table(try readFile(studyPath))))
    } catch let error as InputError {
      throw CommandFailure(ExitCode(error.kind), "\(studyName): \(error.description)")
    }

    var written: FacilityWrite? = nil
    if let output {
      written = try write(study, to: output, scanner: scanner, facilityName: facilityName, readFile: readFile)
      if written?.isStandardOutput == true { return written?.text ?? "" }
    }
    switch format {
    case .text:
      return text(study, studyName: studyName, scanner: scanner, facilityName: facilityName, written: written)
    case .json:
      return json(study, studyName: studyName, scanner: scanner, facilityName: facilityName, written: written)
        .rendered() + "\n"
    }
  }

  static let requiredColumns = ["patient", "site", "bmd"]

  /// The study file read by the one CSV scanner; malformed CSV names its row and column.
  static func table(_ text: String) throws(InputError) -> CSVTable {
    do {
      return try CSVTable(bytes: Array(text.utf8))
    } catch {
      guard let issue = error.issue else {
        throw InputError(.data, field: "header", row: 1, "the file is empty; expected a header row")
      }
      let field = issue.field.map { "column \($0 + 1)" } ?? "row"
      throw InputError(.data, field: field, row: error.row, issue.message(recordLimit: CSVLimits.defaultRecordBytes))
    }
  }

  /// The study's scans, every value checked; an error names the row and column.
  static func scans(in table: CSVTable) throws(InputError) -> [PrecisionScan] {
    if let problem = CSVHeader.duplicateProblem(in: table.header) {
      throw InputError(.usage, field: "header", row: 1, problem)
    }
    let header = table.header.map { $0.lowercased() }
    var columns: [String: Int] = [:]
    for (index, name) in header.enumerated() where (requiredColumns + ["vertebrae"]).contains(name) {
      columns[name] = index
    }
    for name in requiredColumns where columns[name] == nil {
      throw InputError(
        .data, field: name, row: 1,
        "missing column; the header (row 1) must name patient, site and bmd")
    }
    var scans: [PrecisionScan] = []
    for record in table.records {
      guard record.fields.count <= header.count else {
        throw InputError(
          .data, field: "column \(header.count + 1)", row: record.row,
          "the row has \(record.fields.count) fields, the header \(header.count)")
      }
      func value(_ name: String) throws(InputError) -> String? {
        guard let index = columns[name] else { return nil }
        guard index < record.fields.count else {
          throw InputError(
            .data, field: name, row: record.row,
            "missing; the row has \(record.fields.count) fields, the header \(header.count)")
        }
        return record.fields[index].trimmingCharacters(in: .whitespaces)
      }
      scans.append(
        try scan(
          record.row, patient: value("patient"), site: value("site"), bmd: value("bmd"), vertebrae: value("vertebrae")))
    }
    guard !scans.isEmpty else {
      throw InputError(.data, field: "patient", row: 2, "no scans; the file has a header only")
    }
    return scans
  }

  private static func scan(
    _ row: Int, patient: String?, site siteText: String?, bmd bmdText: String?, vertebrae: String?
  )
    throws(InputError) -> PrecisionScan
  {
    guard let patient, !patient.isEmpty else {
      throw InputError(.data, field: "patient", row: row, "empty; every scan needs its patient")
    }
    let siteText = siteText ?? ""
    guard let site = Site(rawValue: siteText.lowercased()) else {
      let allowed = Site.allCases.map(\.rawValue).joined(separator: ", ")
      // Values of a row are not shown (a name may have shifted into this column); a near miss is named.
      throw InputError(
        .data, field: "site", row: row,
        "is not one of: \(allowed)" + Suggestion.didYouMean(siteText, among: Site.allCases.map(\.rawValue)))
    }
    let bmd: ExactDecimal
    let bmdText = bmdText ?? ""
    guard bmdText.isEmpty || MessageValue.mayShow(bmdText) else {
      throw InputError(.data, field: "bmd", row: row, "is not a number")
    }
    do {
      bmd = try parseDecimal(bmdText, field: "bmd")
      try PlausibleRange.checkBMD(bmd)
    } catch {
      throw InputError(.data, field: "bmd", row: row, error.message)
    }
    var set: VertebralSet? = nil
    if let vertebrae, !vertebrae.isEmpty {
      guard site == .lumbarSpine else {
        throw InputError(
          .data, field: "vertebrae", row: row,
          "given for \(site.rawValue); vertebrae apply to lumbar-spine rows only")
      }
      guard let parsed = VertebralSet(label: vertebrae) else {
        throw InputError(
          .data, field: "vertebrae", row: row, "is not a set of L1–L4 (such as l1-l4, l2-l4 or l1,l3)")
      }
      set = parsed
    }
    return PrecisionScan(patient: patient, site: site, vertebrae: set, bmd: bmd, row: row)
  }
}

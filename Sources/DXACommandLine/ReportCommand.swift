import DXACore
import DXAPlatform
import DXAReferenceData
import DXARendering
import Foundation

/// `dxa report`: the interpretation report of one exam, with its priors and the facility's figures.
enum ReportCommand {
  enum Format: String, CaseIterable {
    case text, json, fhir, html
  }

  static let options: [OptionSpec] =
    [
      OptionSpec(
        name: "prior", valueName: "file", help: "An earlier exam of the same patient (same format). Repeatable.",
        isRepeatable: true),
      OptionSpec(
        name: "facility", valueName: "file",
        help: "Facility file: scanners, cross-calibrations and precision (see 'dxa precision')."),
      OptionSpec(
        name: "format", valueName: "format", help: "Output format.", allowedValues: Format.allCases.map(\.rawValue),
        defaultValue: Format.text.rawValue),
      OptionSpec(
        name: "output", valueName: "file",
        help: "Write the report to a file (written whole or not at all) instead of standard output.", shortName: "o"),
      OptionSpec(
        name: "impression", valueName: "text", help: "The interpreting physician's impression, printed apart."),
      OptionSpec(name: "signed-by", valueName: "name", help: "The interpreting physician who signs the report."),
      OptionSpec(
        name: "signed-on", valueName: "date", help: "Date of the signature, YYYY-MM-DD.",
        defaultValue: "the --as-of date"
      ),
      OptionSpec(
        name: "as-of", valueName: "date",
        help: "The report date, YYYY-MM-DD: exam dates after it are refused.", defaultValue: "today"),
      OptionSpec(
        name: "spine-subset-reference", valueName: "rule",
        help:
          "Spine total of fewer than four vertebrae with no printed score and no table for its vertebrae: l1-l4 scores it against L1–L4, marked approximate; none gives no score.",
        allowedValues: ReportOptions.SpineSubsetReference.allCases.map(\.rawValue), defaultValue: "l1-l4"),
      OptionSpec(
        name: "treated-follow-up-months", valueName: "months",
        help: "Months to the next scan for a patient on osteoporosis therapy (facility policy).", defaultValue: "24"),
    ] + OptionSpec.policyOptions + OptionSpec.referenceOptions

  static var helpPage: HelpPage {
    HelpPage(
      overview: "Write the interpretation report of one DXA exam.",
      usage:
        "dxa report <exam.json> [--prior <file> ...] [--facility <file>]\n                  [--format <format>] [-o <file>] [<options>]",
      arguments: [("<exam.json>", "The exam: patient, scan, measurements, history (format in README.md).")],
      options: options,
      discussion: """
        Works out scores per site, the lumbar spine total from the included
        vertebrae, the diagnosis, change against each prior, fracture risk,
        recommendations and billing suggestions. What the engine computed is kept
        apart from the physician's impression and signature; an unsigned report
        says it awaits review.
        Example: dxa report exam.json --prior baseline.json --facility facility.json
        """
    )
  }

  static func run(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    let parsed = try parseArguments(arguments, options: options, maximumPositionals: 1)
    if parsed.isHelpRequested { return helpPage.rendered }
    guard let examPath = parsed.positionals.first else {
      throw InputError(.usage, field: "<exam.json>", "missing; give the exam file")
    }
    let today = try parsed.date("as-of") ?? CalendarDate.today()
    let format = try parsed.choice("format", Format.self) ?? .text
    // Before anything is read: the report never overwrites the exam, a prior, the facility or a reference file.
    let inputs =
      [("<exam.json>", examPath)] + parsed.all("prior").map { ("--prior", $0) }
      + parsed.all("facility").map { ("--facility", $0) } + parsed.all("reference").map { ("--reference", $0) }
    let output = try checkPaths(inputs: inputs, outputs: parsed.all("output").map { ("-o", $0) }).first
    let exam = try Exam(json: try readFile(examPath), file: examPath)
    try prefixed(examPath) { () throws(InputError) in try exam.checkDates(notAfter: today) }
    var priors: [Exam] = []
    for path in parsed.all("prior") {
      let prior = try Exam(json: try readFile(path), file: path)
      try prefixed(path) { () throws(InputError) in try prior.checkDates(notAfter: today) }
      try ReportBuilder.checkPrior(prior, of: exam, field: path)
      priors.append(prior)
    }
    let facility = try parsed.value("facility").map { path in try Facility(json: try readFile(path), file: path) }
    let policy = try parsed.scoringPolicy()
    var reportOptions = ReportOptions(
      spineSubsetReference: try parsed.choice("spine-subset-reference", ReportOptions.SpineSubsetReference.self)
        ?? .l1ToL4)
    if let months = try parsed.decimal("treated-follow-up-months") {
      guard let whole = months.wholeNumber, (1...120).contains(whole) else {
        throw InputError(.data, field: "--treated-follow-up-months", "must be a whole number of months, 1–120")
      }
      reportOptions.treatedFollowUpMonths = Int(whole)
    }
    let signedBy = parsed.value("signed-by")
    if signedBy != nil, let signer = signedBy, signer.trimmingCharacters(in: .whitespaces).isEmpty {
      throw InputError(.usage, field: "--signed-by", "is empty; give the physician's name")
    }
    let signedOn = try parsed.date("signed-on") ?? (signedBy != nil ? today : nil)
    if parsed.value("signed-on") != nil, signedBy == nil {
      throw InputError(.usage, field: "--signed-on", "needs --signed-by")
    }
    if let signedOn, signedOn < exam.scan.date {
      throw InputError(.data, field: "--signed-on", "\(signedOn) is before the scan date \(exam.scan.date)")
    }
    let interpretation = PhysicianInterpretation(
      impression: parsed.value("impression"), signedBy: signedBy, signedOn: signedOn)
    let library = try parsed.referenceLibrary(readFile: readFile)
    let builder = ReportBuilder(library: library, policy: policy, options: reportOptions, facility: facility)
    let report = try builder.build(exam, priors: priors, interpretation: interpretation)
    // What the operator could give to complete the report goes to stderr, never into the report.
    OperatorHints.print(report.operatorHints)
    let rendered: String
    switch format {
    case .text: rendered = report.renderedText(version: DXA.version)
    case .json: rendered = report.json.rendered() + "\n"
    case .fhir:
      // No generation time: the same exam gives the same bundle, byte for byte.
      let bundle = report.fhirBundle(
        codes: try shippedReportCodes(), presentedText: report.renderedText(version: DXA.version), generatedAt: nil)
      rendered = bundle.rendered() + "\n"
    case .html: rendered = report.renderedHTML()
    }
    // Standard output (`-o -` or none) is written by the caller, with the other commands' output.
    guard let output, output.destination != .descriptor(.standardOutput) else { return rendered }
    do {
      try OutputFile.write(Array(rendered.utf8), to: output)
    } catch {
      throw CommandFailure(error)
    }
    return ""
  }

  /// The shipped LOINC and SNOMED CT codes; the tests load them, so a failure is a defect in the build.
  private static func shippedReportCodes() throws -> ReportCodes {
    do {
      return try ShippedReferences.reportCodes()
    } catch {
      throw CommandFailure(.internalError, "shipped report codes are invalid: \(error)")
    }
  }

  /// Errors from checks on a loaded file name the file.
  private static func prefixed(_ file: String, _ check: () throws(InputError) -> Void) throws(InputError) {
    do { try check() } catch { throw InputError(error.kind, field: "\(file): \(error.field)", error.message) }
  }
}

extension ParsedArguments {
  /// A date option, `YYYY-MM-DD`.
  func date(_ name: String) throws(InputError) -> CalendarDate? {
    guard let text = value(name) else { return nil }
    guard let date = CalendarDate(text) else {
      throw InputError(.data, field: "--\(name)", "'\(text)' is not a date written YYYY-MM-DD")
    }
    return date
  }
}

extension CalendarDate {
  /// Today in the machine's time zone: the one place the command line reads the clock.
  static func today() throws -> CalendarDate {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    guard let year = parts.year, let month = parts.month, let day = parts.day,
      let today = CalendarDate(year: year, month: month, day: day)
    else { throw CommandFailure(.internalError, "the system clock gives no usable date; pass --as-of") }
    return today
  }
}

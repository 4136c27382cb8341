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
        name: "signed-on", valueName: "date",
        help: "Date of the signature, YYYY-MM-DD, or date and time YYYY-MM-DDThh:mm[:ss] with Z or ±hh:mm.",
        defaultValue: "the --as-of date"
      ),
      OptionSpec(
        name: "as-of", valueName: "date",
        help:
          "The report date, YYYY-MM-DD (or with time, as --signed-on): exam dates after it are refused; FHIR's issued time when unsigned.",
        defaultValue: "now"),
      OptionSpec(
        name: "spine-subset-reference", valueName: "rule",
        help:
          "Spine total of fewer than four vertebrae with no printed score and no table for its vertebrae: l1-l4 scores it against L1–L4, marked approximate; none gives no score.",
        allowedValues: ReportOptions.SpineSubsetReference.allCases.map(\.rawValue), defaultValue: "l1-l4"),
      OptionSpec(
        name: "treated-follow-up-months", valueName: "months",
        help:
          "Months to the next scan for a patient on osteoporosis therapy (facility policy), over the facility file's treated_follow_up_months.",
        defaultValue: "the facility file's, else 24"),
      OptionSpec(
        name: "payer", valueName: "id",
        help:
          "Check the billing suggestions against this payer's rules instead of the exam's payer: medicare, aetna, bcbs, cigna, uhc, or the id of a payer file given with --reference.",
        defaultValue: "the exam's payer, else medicare"),
      OptionSpec(
        name: "fhir-bundle", valueName: "type",
        help:
          "With --format fhir: collection, or transaction (each entry a request; the Patient created only when its identifier is new, which needs the facility file's patient_identifier_system).",
        allowedValues: FHIRBundleOptions.BundleType.allCases.map(\.rawValue), defaultValue: "collection"),
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
    let asOf = try parsed.time("as-of") ?? ReportTime.now()
    let today = asOf.date
    let format = try parsed.choice("format", Format.self) ?? .text
    let bundleType = try parsed.choice("fhir-bundle", FHIRBundleOptions.BundleType.self)
    if bundleType != nil, format != .fhir {
      throw InputError(.usage, field: "--fhir-bundle", "needs --format fhir")
    }
    let payer = try parsed.value("payer").map { text throws(InputError) in
      guard let payer = PayerID(rawValue: text) else {
        throw InputError(
          .usage, field: "--payer", "'\(text)' is not a payer id (lowercase letters, digits and hyphens, at most 40)")
      }
      return payer
    }
    // Before anything is read: the report never overwrites the exam, a prior, the facility or a reference file.
    let inputs =
      [("<exam.json>", examPath)] + parsed.all("prior").map { ("--prior", $0) }
      + parsed.all("facility").map { ("--facility", $0) } + parsed.all("reference").map { ("--reference", $0) }
    let output = try checkPaths(inputs: inputs, outputs: parsed.all("output").map { ("-o", $0) }).first
    // The library first: the exam's conditions are checked against its conditions list, naming the exam file.
    let library = try parsed.referenceLibrary(readFile: readFile)
    let exam = try Exam(json: try readFile(examPath), file: examPath, conditions: library.conditions)
    try prefixed(examPath) { () throws(InputError) in try exam.checkDates(notAfter: today) }
    var priors: [Exam] = []
    for path in parsed.all("prior") {
      let prior = try Exam(json: try readFile(path), file: path, conditions: library.conditions)
      try prefixed(path) { () throws(InputError) in try prior.checkDates(notAfter: today) }
      try ReportBuilder.checkPrior(prior, of: exam, field: path)
      priors.append(prior)
    }
    let facility = try parsed.value("facility").map { path in try Facility(json: try readFile(path), file: path) }
    let policy = try parsed.scoringPolicy()
    var reportOptions = ReportOptions(
      spineSubsetReference: try parsed.choice("spine-subset-reference", ReportOptions.SpineSubsetReference.self)
        ?? .l1ToL4, payer: payer)
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
    let signedTime = try parsed.time("signed-on") ?? (signedBy != nil ? asOf : nil)
    let signedOn = signedTime?.date
    if parsed.value("signed-on") != nil, signedBy == nil {
      throw InputError(.usage, field: "--signed-on", "needs --signed-by")
    }
    if let signedOn, signedOn < exam.scan.date {
      throw InputError(.data, field: "--signed-on", "is before the scan date")
    }
    let interpretation = PhysicianInterpretation(
      impression: parsed.value("impression"), signedBy: signedBy, signedOn: signedOn)
    if bundleType == .transaction, facility?.patientIdentifierSystem == nil {
      throw InputError(
        .usage, field: "--fhir-bundle transaction",
        "needs --facility with patient_identifier_system: the Patient is created only when no patient has its identifier, and an identifier without its system could match another registry's patient"
      )
    }
    let builder = ReportBuilder(library: library, policy: policy, options: reportOptions, facility: facility)
    let report = try builder.build(exam, priors: priors, interpretation: interpretation)
    // What the operator could give to complete the report goes to stderr, never into the report.
    OperatorHints.print(report.operatorHints)
    let rendered: String
    switch format {
    case .text: rendered = report.renderedText(version: DXA.version)
    case .json: rendered = report.json.rendered() + "\n"
    case .fhir:
      // Issued when signed, else as of the report time: with --as-of given, the same exam gives the same bytes.
      let options = FHIRBundleOptions(
        type: bundleType ?? .collection, presentedText: report.renderedText(version: DXA.version),
        presentedHTML: report.renderedHTML(), issued: (signedTime ?? asOf).instant,
        patientIdentifierSystem: facility?.patientIdentifierSystem)
      rendered = try report.fhirBundle(codes: try shippedReportCodes(), options: options).rendered() + "\n"
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
      throw InputError(.data, field: "--\(name)", "is not a date written YYYY-MM-DD")
    }
    return date
  }

  /// A date or date-time option (see ``ReportTime``), in the machine's time zone for a date alone.
  func time(_ name: String) throws(InputError) -> ReportTime? {
    guard let text = value(name) else { return nil }
    return try ReportTime.parse(text, option: "--\(name)", timeZone: .current)
  }
}

extension CalendarDate {
  /// Today in the machine's time zone.
  static func today() throws -> CalendarDate { try ReportTime.now().date }
}

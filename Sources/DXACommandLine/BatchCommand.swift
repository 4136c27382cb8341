import DXABatch
import DXACSV
import DXACore
import DXAPlatform
import Foundation

/// `dxa batch`: recompute a file of scans, streaming, in parallel, with every input row in the output.
enum BatchCommand {
  static let options: [OptionSpec] =
    [
      OptionSpec(
        name: "output", valueName: "file", help: "Scored rows; - is stdout.", defaultValue: "-", shortName: "o"),
      OptionSpec(name: "errors", valueName: "file", help: "Also write the rows with errors: row, error, record."),
      OptionSpec(
        name: "diagnoses", valueName: "file",
        help: "Write one row per scan with the category of its lowest valid score at a diagnostic site."),
      OptionSpec(
        name: "jobs", valueName: "n",
        help: "Threads that read, score and write buffers in turn; the output is the same for any number.",
        defaultValue: "the number of cores"),
      OptionSpec(
        name: "map", valueName: "file",
        help: "Column map for a wide file (one row per scan) or renamed columns; see the README."),
      OptionSpec(
        name: "columns", valueName: "names",
        help:
          "The input has no header line; these are its column names, written as a CSV header line (quoted names may hold commas), or @FILE for the header line in FILE. A byte-order mark and a CR are dropped."
      ),
      OptionSpec(
        name: "no-header", valueName: nil,
        help: "Write no header line (for shards after the first; the input's own header line, if any, is still read)."),
      OptionSpec(
        name: "skip-header", valueName: nil,
        help:
          "For partitions of one file, each run with the same command: with --columns, a first line that repeats those names (the file's header, in the first partition) is skipped; writes no header line."
      ),
      OptionSpec(
        name: "header-only", valueName: nil,
        help:
          "Write the header line of each output and stop; no row is read (with --columns nothing is read, and <input> may be left out)."
      ),
      OptionSpec(
        name: "row-offset", valueName: "n",
        help:
          "Rows before this input, added to every row number (--errors, the summary): a shard's rows numbered as in the whole file.",
        defaultValue: "0"),
      OptionSpec(
        name: "exit-zero-on-row-errors", valueName: nil,
        help:
          "Exit 0 when the only problem is rows with errors (they are in the output with status=error), so that any other exit code means the run failed: for clusters."
      ),
      OptionSpec(name: "quiet", valueName: nil, help: "No progress line and no summary on stderr."),
      OptionSpec(
        name: "max-record-bytes", valueName: "n",
        help:
          "The longest record read; a longer one, or a quoted field that does not close within it, is a row error.",
        defaultValue: "1048576"),
      OptionSpec(
        name: "formulas", valueName: "rule",
        help:
          "Values starting with = + - @, tab or CR (not plain numbers such as -2.5) get a leading ' in CSV outputs, so spreadsheets show them as text; keep writes them as read.",
        allowedValues: FormulaHandling.allCases.map(\.rawValue), defaultValue: "neutralise"),
      OptionSpec(
        name: "notes-format", valueName: "form",
        help:
          "compact: reference ids (T:r3;Z:r17) and note codes (Z1;A1), explained by --notes and the README; long: the words on every row.",
        allowedValues: ["compact", "long"], defaultValue: "compact"),
      OptionSpec(name: "notes", valueName: "file", help: "Write what each note code and reference id means (CSV)."),
      OptionSpec(
        name: "compare-policy", valueName: "policy",
        help: "Also score under this policy; print the category transitions and write the changed rows.",
        allowedValues: ScoringPolicy.Reference.allCases.map(\.rawValue)),
      OptionSpec(
        name: "compare-reference", valueName: "file",
        help: "Compare with these reference files instead of the --reference ones. Repeatable.", isRepeatable: true),
      OptionSpec(
        name: "compare-use", valueName: "id", help: "Compare with these tables instead of the --use ones. Repeatable.",
        isRepeatable: true),
      OptionSpec(
        name: "changed", valueName: "file",
        help: "With a comparison: the rows whose scores or category changed, with both results."),
    ] + OptionSpec.policyOptions + OptionSpec.referenceOptions

  static var helpPage: HelpPage {
    HelpPage(
      overview: "Recompute T-scores, Z-scores and categories for a CSV file of scans.",
      usage: "dxa batch <input> [-o <file>] [--errors <file>] [--jobs <n>] [<options>]",
      arguments: [("<input>", "CSV file, one row per scan and site (or per scan with --map); - is standard input.")],
      options: options,
      discussion: """
        Every input row comes out, in input order, with t_score, z_score, category,
        reference, status, error and note appended (and t_score_diff, z_score_diff
        where the input has device scores). A bad row is written with status=error
        and the column at fault; it never stops the run. Exit 0 when every row
        scored, 65 when some rows had errors (0 with --exit-zero-on-row-errors),
        79 when the header (or --columns) cannot be used. Scores are exactly those
        of dxa score.
        Example: dxa batch scans.csv -o scored.csv --errors bad-rows.csv
        """
    )
  }

  static func run(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    let parsed = try parseArguments(arguments, options: options, maximumPositionals: 1)
    if parsed.isHelpRequested { return helpPage.rendered }
    // The header alone from --columns reads no input, so none need be named (standard input stands in, unread).
    let readsNoInput = parsed.flag("header-only") && parsed.flag("columns")
    guard let inputPath = parsed.positionals.first ?? (readsNoInput ? "-" : nil) else {
      throw InputError(.usage, field: "<input>", "missing; give a CSV file or - for standard input")
    }
    let columnsFile = parsed.value("columns").flatMap { $0.hasPrefix("@") ? String($0.dropFirst()) : nil }
    // Before anything is read: no output may be an input, and no two outputs one file.
    let inputs =
      [("<input>", inputPath)] + parsed.all("map").map { ("--map", $0) }
      + (columnsFile.map { [("--columns", $0)] } ?? [])
      + parsed.all("reference").map { ("--reference", $0) }
      + parsed.all("compare-reference").map { ("--compare-reference", $0) }
    let outputPaths =
      [("-o", parsed.value("output") ?? "-")]
      + ["errors", "diagnoses", "changed", "notes"].compactMap { name in parsed.value(name).map { ("--\(name)", $0) } }
    let targets = try checkPaths(inputs: inputs, outputs: outputPaths)
    let policy = try parsed.scoringPolicy()
    let library = try parsed.referenceLibrary(readFile: readFile)
    let setup = ScoringSetup(library: library, policy: policy)

    var compare: ScoringSetup?
    let comparePolicy = try parsed.choice("compare-policy", ScoringPolicy.Reference.self)
    if comparePolicy != nil || parsed.flag("compare-reference") || parsed.flag("compare-use") {
      var other = policy
      other.reference = comparePolicy ?? policy.reference
      let files = parsed.flag("compare-reference") ? parsed.all("compare-reference") : parsed.all("reference")
      let ids = parsed.flag("compare-use") ? parsed.all("compare-use") : parsed.all("use")
      let otherLibrary = try loadLibrary(referenceFiles: files, use: ids, readFile: readFile)
      var name = other.reference.rawValue
      if parsed.flag("compare-reference") || parsed.flag("compare-use") {
        name += " with " + (files + ids).joined(separator: ", ")
      }
      compare = ScoringSetup(
        library: otherLibrary, policy: other, name: name == policy.reference.rawValue ? "compared" : name)
    } else if parsed.flag("changed") {
      throw InputError(
        .usage, field: "--changed <file>", "needs --compare-policy, --compare-reference or --compare-use")
    }

    var options = BatchOptions()
    options.jobs = try jobs(parsed.value("jobs"))
    try partitionOptions(parsed, into: &options)
    if let text = parsed.value("columns") {
      options.columns = try columns(text, file: columnsFile, readFile: readFile)
    }
    if let path = parsed.value("map") {
      options.map = try ColumnMap(json: try readFile(path), file: path)
    }
    options.writesErrors = parsed.value("errors") != nil
    options.writesDiagnoses = parsed.value("diagnoses") != nil
    options.recordLimit = try recordLimit(parsed.value("max-record-bytes"))
    options.neutralisesFormulas = try parsed.choice("formulas", FormulaHandling.self) != .keep
    options.longNotes = try parsed.choice("notes-format", NotesFormat.self) == .long

    let quiet = parsed.flag("quiet")
    let input: InputFile
    var outputs: [OutputFile] = []
    do {
      input = try InputFile(path: inputPath)
      for target in targets { outputs.append(try OutputFile(target)) }
    } catch {
      throw CommandFailure(error)
    }
    // Any failure from here on leaves no temporary file behind and every old output as it was.
    defer {
      for output in outputs { output.discard() }
      input.close()
    }
    let sinks = outputs.map { FileSink($0) }
    var outputIndex = 1
    var batchSinks = BatchSinks(output: sinks[0])
    for (option, keyPath) in [("errors", \BatchSinks.errors), ("diagnoses", \.diagnoses), ("changed", \.changed)]
    where parsed.value(option) != nil {
      batchSinks[keyPath: keyPath] = sinks[outputIndex]
      outputIndex += 1
    }

    let runner = BatchRunner(setup: setup, compare: compare, options: options)
    ProcessLifetime.keepUntilExit(setup)
    if let compare { ProcessLifetime.keepUntilExit(compare) }
    let showsProgress = Terminal.showsProgress(
      quiet: quiet, isTerminal: StandardStreams.isErrorTerminal, environment: ProcessInfo.processInfo.environment)
    let progress = showsProgress ? Progress(totalBytes: input.size) : nil
    if let progress { runner.progress = { rows, bytes in progress.update(rows: rows, bytes: bytes) } }
    var source = FileSource(input)
    let summary: BatchSummary
    do {
      summary = try runner.run(input: &source, sinks: &batchSinks)
    } catch {
      progress?.finish()
      switch error {
      case .input(let inputError) where inputError.field.hasPrefix("--"): throw inputError
      case .input(let inputError) where inputError.field == "header":
        throw CommandFailure(.badHeader, "\(inputPath): \(inputError)")
      case .input(let inputError): throw CommandFailure(ExitCode(inputError.kind), "\(inputPath): \(inputError)")
      case .io(let ioError): throw CommandFailure(.ioError, ioError.message)
      case .threads(let message): throw CommandFailure(.osError, message)
      }
    }
    progress?.finish()
    if parsed.value("notes") != nil, let legend = outputs.last {
      do { try legend.write(NotesLegend.csv(setup: setup, compare: compare)) } catch { throw CommandFailure(error) }
    }
    for output in outputs {
      do { try output.commit() } catch { throw CommandFailure(error) }
    }
    if !quiet {
      var text = summary.text(policy: setup.name, comparedWith: compare?.name)
      if !options.longNotes {
        text +=
          "The reference and note columns hold ids and codes (T:r3;Z:r17, Z1;A1): --notes FILE writes what each means, --notes-format long the words.\n"
      }
      // Row messages and file names in it are shown with their control characters escaped.
      StandardStreams.writeError(text.escapedForDisplay(keepingLineBreaks: true))
    }
    if summary.errorRows > 0 {
      let message =
        "\(BatchSummary.grouped(summary.errorRows)) of \(BatchSummary.grouped(summary.rows)) rows had errors; they are in the output with status=error"
      guard parsed.flag("exit-zero-on-row-errors") else { throw CommandFailure(.dataError, message) }
      if !quiet { StandardStreams.writeError("Note: \(message)\n") }
    }
    return ""
  }

  /// `--no-header`, `--skip-header`, `--header-only` and `--row-offset`: how a shard or partition of a larger file
  /// is read and numbered.
  private static func partitionOptions(_ parsed: ParsedArguments, into options: inout BatchOptions) throws(InputError) {
    options.skipsRepeatedHeader = parsed.flag("skip-header")
    options.writesHeaderOnly = parsed.flag("header-only")
    options.writesHeader = !parsed.flag("no-header") && !options.skipsRepeatedHeader
    if options.skipsRepeatedHeader, !parsed.flag("columns") {
      throw InputError(
        .usage, field: "--skip-header",
        "needs --columns; without it the input's first line is always read as its header")
    }
    if options.writesHeaderOnly, !options.writesHeader {
      throw InputError(
        .usage, field: "--header-only",
        "cannot be given with \(parsed.flag("no-header") ? "--no-header" : "--skip-header"): it writes only the header")
    }
    if let text = parsed.value("row-offset") {
      guard let offset = Int(text), offset >= 0 else {
        throw InputError(
          .usage, field: "--row-offset", "the value '\(text)' is invalid; expected a whole number of rows, 0 or more")
      }
      options.rowOffset = offset
    }
  }

  /// The names `--columns` gives: a header line as written (quoted names may hold commas), or `@FILE`'s one line.
  /// A malformed line is a bad header (exit 79), as the header it stands for would be.
  private static func columns(_ text: String, file: String?, readFile: (String) throws -> String) throws -> [String] {
    var line = text
    if let file {
      do {
        line = try readFile(file)
      } catch let error as FileError where error.kind == .notText {
        throw CommandFailure(.badHeader, "--columns: \(error.description)")
      }
    }
    do {
      return try CSVHeader.names(inLine: Array(line.utf8))
    } catch {
      throw CommandFailure(.badHeader, "--columns\(file.map { " \($0)" } ?? ""): \(error.message)")
    }
  }

  /// `--notes-format`: ids and codes, or words, in the `reference` and `note` columns.
  enum NotesFormat: String, CaseIterable {
    case compact, long
  }

  /// `--formulas`: what CSV outputs do with values a spreadsheet would run as a formula.
  enum FormulaHandling: String, CaseIterable {
    case neutralise, keep
  }

  private static func jobs(_ text: String?) throws(InputError) -> Int {
    guard let text else { return max(1, ProcessInfo.processInfo.activeProcessorCount) }
    guard let jobs = Int(text), (1...256).contains(jobs) else {
      throw InputError(.usage, field: "--jobs", "the value '\(text)' is invalid; expected a whole number from 1 to 256")
    }
    return jobs
  }

  static let recordLimits = 1_024...(1 << 30)

  private static func recordLimit(_ text: String?) throws(InputError) -> Int {
    guard let text else { return CSVLimits.defaultRecordBytes }
    guard let limit = Int(text), recordLimits.contains(limit) else {
      throw InputError(
        .usage, field: "--max-record-bytes",
        "the value '\(text)' is invalid; expected a whole number of bytes from 1024 to 1073741824")
    }
    return limit
  }
}

/// The progress line on a terminal: rows, rows per second and, when the input's size is known, the percentage.
final class Progress: @unchecked Sendable {
  private let totalBytes: Int?
  private let start = Date()
  private var lastUpdate = Date.distantPast

  init(totalBytes: Int?) { self.totalBytes = totalBytes }

  func update(rows: Int, bytes: Int) {
    let now = Date()
    guard now.timeIntervalSince(lastUpdate) >= 0.25 else { return }
    lastUpdate = now
    let seconds = max(now.timeIntervalSince(start), 0.001)
    var line = "\r\(BatchSummary.grouped(rows)) rows, \(BatchSummary.grouped(Int(Double(rows) / seconds))) rows/s"
    if let totalBytes, totalBytes > 0 { line += ", \(min(100, bytes * 100 / totalBytes))%" }
    StandardStreams.writeError(line + "   ")
  }

  func finish() {
    guard lastUpdate != .distantPast else { return }
    StandardStreams.writeError("\r\u{1B}[K")
  }
}

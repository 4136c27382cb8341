import DXABatch
import DXACore
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
        name: "jobs", valueName: "n", help: "Pieces scored at once; the output is the same for any number.",
        defaultValue: "the number of cores"),
      OptionSpec(
        name: "map", valueName: "file",
        help: "Column map for a wide file (one row per scan) or renamed columns; see the README."),
      OptionSpec(
        name: "columns", valueName: "names",
        help: "The input has no header line; these are its column names, comma-separated."),
      OptionSpec(name: "no-header", valueName: nil, help: "Write no header line (for shards after the first)."),
      OptionSpec(name: "quiet", valueName: nil, help: "No progress line and no summary on stderr."),
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
        scored, 65 when some rows had errors. Scores are exactly those of dxa score.
        Example: dxa batch scans.csv -o scored.csv --errors bad-rows.csv
        """
    )
  }

  static func run(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    let parsed = try parseArguments(arguments, options: options, maximumPositionals: 1)
    if parsed.isHelpRequested { return helpPage.rendered }
    guard let inputPath = parsed.positionals.first else {
      throw InputError(.usage, field: "<input>", "missing; give a CSV file or - for standard input")
    }
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
    options.writesHeader = !parsed.flag("no-header")
    if let names = parsed.value("columns") {
      options.columns = names.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    if let path = parsed.value("map") {
      options.map = try ColumnMap(json: try readFile(path), file: path)
    }
    options.writesErrors = parsed.value("errors") != nil
    options.writesDiagnoses = parsed.value("diagnoses") != nil

    let quiet = parsed.flag("quiet")
    let input = try openInput(inputPath)
    defer { if input.descriptor != STDIN_FILENO { close(input.descriptor) } }
    var outputs = OutputFiles()
    defer { outputs.discard() }
    var sinks = BatchSinks(output: try outputs.open(parsed.value("output") ?? "-"))
    if let path = parsed.value("errors") { sinks.errors = try outputs.open(path) }
    if let path = parsed.value("diagnoses") { sinks.diagnoses = try outputs.open(path) }
    if let path = parsed.value("changed") { sinks.changed = try outputs.open(path) }

    let runner = BatchRunner(setup: setup, compare: compare, options: options)
    let showsProgress = Terminal.showsProgress(
      quiet: quiet, isTerminal: isatty(STDERR_FILENO) != 0, environment: ProcessInfo.processInfo.environment)
    let progress = showsProgress ? Progress(totalBytes: input.size) : nil
    runner.progress = progress.map { meter in { rows, bytes in meter.update(rows: rows, bytes: bytes) } }
    var source = input.stream
    let summary: BatchSummary
    do {
      summary = try runner.run(input: &source, sinks: &sinks)
    } catch {
      progress?.finish()
      switch error {
      case .input(let inputError) where inputError.kind == .usage: throw inputError
      case .input(let inputError): throw CommandFailure(ExitCode(inputError.kind), "\(inputPath): \(inputError)")
      case .io(let ioError): throw CommandFailure(.ioError, ioError.message)
      }
    }
    progress?.finish()
    try outputs.commit()
    if !quiet {
      let text = summary.text(policy: setup.name, comparedWith: compare?.name)
      // Row messages and file names in it are shown with their control characters escaped.
      FileDescriptorStream.standardError.writeText(text.escapedForDisplay(keepingLineBreaks: true))
    }
    if summary.errorRows > 0 {
      throw CommandFailure(
        .dataError,
        "\(BatchSummary.grouped(summary.errorRows)) of \(BatchSummary.grouped(summary.rows)) rows had errors; they are in the output with status=error"
      )
    }
    return ""
  }

  private static func jobs(_ text: String?) throws(InputError) -> Int {
    guard let text else { return max(1, ProcessInfo.processInfo.activeProcessorCount) }
    guard let jobs = Int(text), (1...256).contains(jobs) else {
      throw InputError(.usage, field: "--jobs", "the value '\(text)' is invalid; expected a whole number from 1 to 256")
    }
    return jobs
  }

  private static func openInput(_ path: String) throws -> (stream: FileDescriptorStream, descriptor: Int32, size: Int?)
  {
    if path == "-" {
      return (FileDescriptorStream(descriptor: STDIN_FILENO, name: "standard input"), STDIN_FILENO, nil)
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      if errno == ENOENT { throw CommandFailure(.noInput, "\(path): no such file") }
      throw CommandFailure(.noInput, "\(path): cannot be opened: \(String(cString: strerror(errno)))")
    }
    var status = stat()
    let size = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
    return (FileDescriptorStream(descriptor: descriptor, name: path), descriptor, size)
  }
}

/// Output files written under a temporary name beside their final path and renamed when the run is complete, so an
/// interrupted run never leaves a file that looks finished. Devices and pipes (`/dev/null`, a FIFO) are written
/// directly: renaming over them would replace them.
struct OutputFiles {
  private var pending: [(temporary: String, final: String, descriptor: Int32)] = []
  private var direct: [Int32] = []

  mutating func open(_ path: String) throws -> FileDescriptorStream {
    if path == "-" { return FileDescriptorStream(descriptor: STDOUT_FILENO, name: "standard output") }
    var status = stat()
    if stat(path, &status) == 0 {
      let type = status.st_mode & S_IFMT
      if type == S_IFDIR { throw CommandFailure(.cannotCreate, "\(path): is a directory") }
      if type != S_IFREG {
        let descriptor = Glibc.open(path, O_WRONLY)
        guard descriptor >= 0 else {
          throw CommandFailure(.cannotCreate, "\(path): cannot be opened: \(String(cString: strerror(errno)))")
        }
        direct.append(descriptor)
        return FileDescriptorStream(descriptor: descriptor, name: path)
      }
    }
    let temporary = "\(path).partial-\(getpid())"
    let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw CommandFailure(.cannotCreate, "\(path): cannot be created: \(String(cString: strerror(errno)))")
    }
    pending.append((temporary, path, descriptor))
    return FileDescriptorStream(descriptor: descriptor, name: path)
  }

  /// Closes and renames every file; a failure is an I/O error (74).
  mutating func commit() throws {
    for descriptor in direct { close(descriptor) }
    direct = []
    for file in pending {
      guard fsync(file.descriptor) == 0 || errno == EINVAL, close(file.descriptor) == 0 else {
        throw CommandFailure(.ioError, "\(file.final): cannot be written: \(String(cString: strerror(errno)))")
      }
      guard rename(file.temporary, file.final) == 0 else {
        throw CommandFailure(
          .ioError, "\(file.final): cannot be renamed into place: \(String(cString: strerror(errno)))")
      }
    }
    pending = []
  }

  /// Removes what was not committed (after a failure).
  mutating func discard() {
    for descriptor in direct { close(descriptor) }
    direct = []
    for file in pending {
      close(file.descriptor)
      unlink(file.temporary)
    }
    pending = []
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
    FileDescriptorStream.standardError.writeText(line + "   ")
  }

  func finish() {
    guard lastUpdate != .distantPast else { return }
    FileDescriptorStream.standardError.writeText("\r\u{1B}[K")
  }
}

extension FileDescriptorStream {
  static var standardError: FileDescriptorStream {
    FileDescriptorStream(descriptor: STDERR_FILENO, name: "standard error")
  }

  /// Best effort: a summary that cannot be shown must not fail the run.
  func writeText(_ text: String) {
    var stream = self
    var bytes = Array(text.utf8)
    bytes.withUnsafeBytes { raw in try? stream.write(raw) }
    bytes.removeAll()
  }
}

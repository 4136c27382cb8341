import DXACore
import DXAPlatform

/// The `dxa` command line: dispatches to a command and turns every failure into one line on stderr and an exit
/// code. `main.swift` only calls ``run(_:)`` and writes what it returns.
public enum DXA {
  public static let version = "0.1.0"

  /// What a command printed and how it ended.
  public struct Outcome: Sendable {
    public var standardOutput = ""
    public var standardError = ""
    public var exitCode: Int32 = 0
  }

  /// Every command, in the order help lists them. Help, the man page and the shell completions are generated from
  /// this table and the option tables it holds, so they cannot disagree with what the parser accepts.
  static let commands: [Command] = [
    Command(
      name: "score", abstract: "Compute the T-score, Z-score and category of one measured site.",
      helpPage: ScoreCommand.helpPage, run: ScoreCommand.run),
    Command(
      name: "report", abstract: "Write the interpretation report of one exam (text, JSON, FHIR R4, HTML).",
      helpPage: ReportCommand.helpPage, positionals: { [.files] }, run: ReportCommand.run),
    Command(
      name: "reference", abstract: "List the reference tables, or show one with its sources.",
      helpPage: ReferenceCommand.helpPage,
      positionals: { [.words(["list", "show"]), .words(shippedIDs, after: "show")] },
      run: ReferenceCommand.run),
    Command(
      name: "precision", abstract: "Work out a facility precision study and write the facility file.",
      helpPage: PrecisionCommand.helpPage, positionals: { [.files] }, run: PrecisionCommand.run),
    Command(
      name: "batch", abstract: "Recompute a CSV file of scans: every row scored, in order, with errors kept.",
      helpPage: BatchCommand.helpPage, positionals: { [.files] }, run: BatchCommand.run),
    Command(
      name: "import",
      abstract: "Turn a scanner database exported as CSV (Hologic APEX) into exam files or a batch CSV.",
      helpPage: ImportCommand.helpPage, positionals: { [.words(["apex"]), .files] }, run: ImportCommand.run),
    Command(
      name: "completions", abstract: "Print the completion script of a shell (bash, zsh, fish).",
      helpPage: CompletionsCommand.helpPage, positionals: { [.words(Shell.allCases.map(\.rawValue))] },
      run: { arguments, _ in try CompletionsCommand.run(arguments) }),
    Command(
      name: "help", abstract: "Show help for a command, or the manual page with --man.",
      helpPage: HelpCommand.helpPage, positionals: { [.words(DXA.commands.map(\.name))] },
      run: { arguments, _ in try HelpCommand.run(arguments) }),
  ]

  static func command(named name: String) -> Command? {
    commands.first { $0.name == name }
  }

  static var helpPage: HelpPage {
    HelpPage(
      overview: "Exact T-scores, Z-scores and WHO/ISCD classification from DXA bone density.",
      usage: "dxa <subcommand>",
      subcommands: commands.map { ($0.name, $0.abstract) }
    )
  }

  /// The ids of the shipped tables and conversion sets, which `dxa reference show` completes.
  static var shippedIDs: [String] {
    guard let library = try? ShippedLibrary.load() else { return [] }
    return library.tables.map(\.id) + library.conversionSets.map(\.id)
  }

  /// Runs `dxa` as the process: temporary files are removed on SIGINT, SIGTERM and SIGHUP, a closed pipe is an
  /// error rather than a silent death, and what the command printed is written with every write checked (a full
  /// disk or a closed standard output is exit 74 with one line, never a crash). Never returns.
  public static func runAsProcess(_ arguments: [String]) -> Never {
    TemporaryFiles.installSignalHandlers()
    ProcessLifetime.startProcess()
    let outcome = run(arguments)
    var status = outcome.exitCode
    var errors = outcome.standardError
    do {
      try StandardStreams.writeOutput(outcome.standardOutput)
    } catch {
      errors += "Error: \(error.description.escapedForDisplay())\n"
      status = ExitCode.ioError.rawValue
    }
    StandardStreams.writeError(errors)
    StandardStreams.exitProcess(status)
  }

  /// Runs `dxa` with `arguments` (without the program name).
  ///
  /// Every message is shown with its control characters escaped (``Swift/StringProtocol/escapedForDisplay(keepingLineBreaks:)``):
  /// a file name or a value read from a file can never start a new line or drive the terminal.
  public static func run(_ arguments: [String], readFile: (String) throws -> String = readTextFile) -> Outcome {
    var outcome = Outcome()
    func fail(_ message: String, _ exitCode: ExitCode) {
      outcome.standardError = "Error: \(message.escapedForDisplay())\n"
      outcome.exitCode = exitCode.rawValue
    }
    do {
      outcome.standardOutput = try dispatch(arguments, readFile: readFile)
    } catch is VersionRequest {
      outcome.standardOutput = version + "\n"
    } catch let failure as CommandFailure {
      fail(failure.message, failure.exitCode)
    } catch let error as InputError {
      fail(error.description, ExitCode(error.kind))
    } catch let error as FileError {
      fail(error.description, ExitCode(error.kind))
    } catch {
      fail("internal error: \(error)", .internalError)
    }
    return outcome
  }

  static func dispatch(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    guard let first = arguments.first else { return helpPage.rendered }
    if first == "-h" || first == "--help" { return helpPage.rendered }
    if first == "--version" { throw VersionRequest() }
    if first.hasPrefix("-") {
      let name = String(first.drop { $0 == "-" }.prefix { $0 != "=" })
      let suggestion = didYouMean(name, among: OptionSpec.standard.map(\.name), prefix: "--")
      throw InputError(
        .usage, field: String(first.prefix { $0 != "=" }),
        "unknown option" + (suggestion.isEmpty ? "; give a command first (see 'dxa --help')" : suggestion))
    }
    guard let command = command(named: first) else { throw unknownCommand(first) }
    return try command.run(Array(arguments.dropFirst()), readFile)
  }

  /// `'scroe': unknown command; commands: score, …; did you mean 'score'?`
  static func unknownCommand(_ name: String) -> InputError {
    let names = commands.map(\.name)
    return InputError(
      .usage, field: "'\(name)'",
      "unknown command; commands: \(names.joined(separator: ", ")) (see 'dxa --help')" + didYouMean(name, among: names))
  }
}

/// One command of `dxa`, as the dispatcher, help, the man page and the completion scripts see it.
struct Command: Sendable {
  /// What a positional argument takes, for the completion scripts.
  enum Completion: Equatable, Sendable {
    case files
    /// One of these words; with `after`, only when the positional before it is that word (`reference show <id>`).
    case words([String], after: String? = nil)
  }

  var name: String
  /// One line, for the command list of `dxa --help` and the man page.
  var abstract: String
  var helpPage: HelpPage
  /// What each positional argument takes, in order; none when the command takes none. Worked out only when a
  /// completion script is written (the reference ids need the shipped tables).
  var positionals: @Sendable () -> [Completion] = { [] }
  var run: @Sendable (_ arguments: [String], _ readFile: (String) throws -> String) throws -> String

  /// Its options, then `--version` and `-h, --help`.
  var options: [OptionSpec] { helpPage.options + OptionSpec.standard }
}

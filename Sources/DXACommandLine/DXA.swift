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

  static let commands: [(name: String, help: String)] = [
    ("score", "Compute the T-score, Z-score and category of one measured site."),
    ("report", "Write the interpretation report of one exam (text, JSON, FHIR R4, HTML)."),
    ("reference", "List the reference tables, or show one with its sources."),
    ("precision", "Work out a facility precision study and write the facility file."),
    ("batch", "Recompute a CSV file of scans: every row scored, in order, with errors kept."),
    ("import", "Turn a scanner database exported as CSV (Hologic APEX) into exam files or a batch CSV."),
    ("help", "Show help for a command."),
  ]

  static var helpPage: HelpPage {
    HelpPage(
      overview: "Exact T-scores, Z-scores and WHO/ISCD classification from DXA bone density.",
      usage: "dxa <subcommand>",
      options: [OptionSpec(name: "version", valueName: nil, help: "Show the version.")],
      subcommands: commands.map { ($0.name, $0.help) }
    )
  }

  /// Runs `dxa` as the process: temporary files are removed on SIGINT, SIGTERM and SIGHUP, a closed pipe is an
  /// error rather than a silent death, and what the command printed is written with every write checked (a full
  /// disk or a closed standard output is exit 74 with one line, never a crash). Never returns.
  public static func runAsProcess(_ arguments: [String]) -> Never {
    TemporaryFiles.installSignalHandlers()
    let outcome = run(arguments)
    var status = outcome.exitCode
    var errors = outcome.standardError
    do {
      try StandardStreams.writeOutput(outcome.standardOutput)
    } catch {
      errors += "Error: \(error.description)\n"
      status = ExitCode.ioError.rawValue
    }
    StandardStreams.writeError(errors)
    StandardStreams.exitProcess(status)
  }

  /// Runs `dxa` with `arguments` (without the program name).
  public static func run(_ arguments: [String], readFile: (String) throws -> String = readTextFile) -> Outcome {
    var outcome = Outcome()
    do {
      outcome.standardOutput = try dispatch(arguments, readFile: readFile)
    } catch let failure as CommandFailure {
      outcome.standardError = "Error: \(failure.message)\n"
      outcome.exitCode = failure.exitCode.rawValue
    } catch let error as InputError {
      outcome.standardError = "Error: \(error.description)\n"
      outcome.exitCode = ExitCode(error.kind).rawValue
    } catch let error as FileError {
      outcome.standardError = "Error: \(error.description)\n"
      outcome.exitCode = ExitCode(error.kind).rawValue
    } catch {
      outcome.standardError = "Error: internal error: \(error)\n"
      outcome.exitCode = ExitCode.internalError.rawValue
    }
    return outcome
  }

  static func dispatch(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    guard let first = arguments.first else { return helpPage.rendered }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "-h", "--help": return helpPage.rendered
    case "--version": return version + "\n"
    case "score": return try ScoreCommand.run(rest, readFile: readFile)
    case "reference": return try ReferenceCommand.run(rest, readFile: readFile)
    case "report": return try ReportCommand.run(rest, readFile: readFile)
    case "precision": return try PrecisionCommand.run(rest, readFile: readFile)
    case "batch": return try BatchCommand.run(rest, readFile: readFile)
    case "import": return try ImportCommand.run(rest, readFile: readFile)
    case "help":
      switch rest.first {
      case nil: return helpPage.rendered
      case "score": return ScoreCommand.helpPage.rendered
      case "reference": return ReferenceCommand.helpPage.rendered
      case "report": return ReportCommand.helpPage.rendered
      case "precision": return PrecisionCommand.helpPage.rendered
      case "batch": return BatchCommand.helpPage.rendered
      case "import": return ImportCommand.helpPage.rendered
      case let other?: throw InputError(.usage, field: other, "unknown command; see 'dxa --help'")
      }
    default:
      let field = first.hasPrefix("-") ? first : "'\(first)'"
      throw InputError(
        .usage, field: field,
        "unknown \(first.hasPrefix("-") ? "option" : "command"); commands: \(commands.map(\.name).joined(separator: ", ")) (see 'dxa --help')"
      )
    }
  }
}

import DXACore

/// Exit codes, following sysexits(3) so scripts can tell bad usage from bad data.
public enum ExitCode: Int32, Sendable, CaseIterable {
  case success = 0
  /// The command was called wrongly.
  case usage = 64
  /// A value is not a valid measurement.
  case dataError = 65
  /// An input file does not exist or cannot be opened.
  case noInput = 66
  /// A defect inside dxa.
  case internalError = 70
  /// The system refused a resource dxa needs (a thread).
  case osError = 71
  /// An output file cannot be created.
  case cannotCreate = 73
  /// Reading or writing failed.
  case ioError = 74
  /// A reference-data or conversion file is malformed.
  case configuration = 78
  /// `dxa batch`: the input's header (or `--columns`) cannot be used, so no row was read. Not a sysexits code: 65
  /// stays "some rows had errors", which a cluster may accept, while this one always fails the task.
  case badHeader = 79

  /// When `dxa` exits with it, for the man page.
  var meaning: String {
    switch self {
    case .success: return "Done; every row scored in a batch (a \"no reference\" result is still a result)."
    case .usage:
      return
        "Usage: an unknown or missing option or command, a value not in the allowed set, an output path that is an "
        + "input."
    case .dataError:
      return
        "Bad data: a value that is not a valid measurement; a batch in which some rows had errors (unless "
        + "--exit-zero-on-row-errors)."
    case .noInput: return "An input file does not exist or cannot be opened."
    case .internalError: return "An internal error (a defect in dxa)."
    case .osError: return "The system refused something dxa needs, such as a thread."
    case .cannotCreate: return "An output file cannot be created."
    case .ioError: return "Reading an input or writing an output failed."
    case .configuration: return "A reference, facility, payer, conditions or map file is malformed."
    case .badHeader: return "dxa batch: the input's header (or --columns) cannot be used, so no row was read."
    }
  }

  init(_ kind: InputError.Kind) {
    switch kind {
    case .usage: self = .usage
    case .data: self = .dataError
    case .reference: self = .configuration
    }
  }
}

/// An error the command line reports as one line on stderr, with its exit code.
struct CommandFailure: Error {
  var exitCode: ExitCode
  var message: String

  init(_ exitCode: ExitCode, _ message: String) {
    self.exitCode = exitCode
    self.message = message
  }

  init(_ error: InputError) {
    self.init(ExitCode(error.kind), error.description)
  }
}

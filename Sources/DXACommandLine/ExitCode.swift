import DXACore

/// Exit codes, following sysexits(3) so scripts can tell bad usage from bad data.
public enum ExitCode: Int32, Sendable {
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

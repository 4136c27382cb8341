import DXACore

/// How a batch run reads its input and what it writes besides the scored rows.
public struct BatchOptions: Sendable {
  /// How many pieces are scored at once.
  public var jobs = 1
  /// Whether the output starts with a header line (`--no-header` turns it off, for shards after the first).
  public var writesHeader = true
  /// The input's column names when it has no header line (`--columns`).
  public var columns: [String]?
  /// A wide layout, or renamed columns (`--map`).
  public var map: ColumnMap?
  public var writesErrors = false
  public var writesDiagnoses = false
  /// Input read per round; the memory a run needs is a small multiple of it, whatever the input's size.
  public var bufferSize = 2 << 20

  public init() {}
}

/// Everything a batch run writes to; only `output` is required.
public struct BatchSinks {
  public var output: any ByteSink
  public var errors: (any ByteSink)?
  public var diagnoses: (any ByteSink)?
  public var changed: (any ByteSink)?

  public init(
    output: any ByteSink, errors: (any ByteSink)? = nil, diagnoses: (any ByteSink)? = nil,
    changed: (any ByteSink)? = nil
  ) {
    self.output = output
    self.errors = errors
    self.diagnoses = diagnoses
    self.changed = changed
  }
}

/// Why a batch run stopped before its end: the input's header cannot be used, or reading or writing failed.
/// Bad rows never stop a run.
public enum BatchFailure: Error, Sendable, CustomStringConvertible {
  case input(InputError)
  case io(BatchIOError)

  public var description: String {
    switch self {
    case .input(let error): return error.description
    case .io(let error): return error.description
    }
  }
}

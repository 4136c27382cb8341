import DXACore

/// How a batch run reads its input and what it writes besides the scored rows.
public struct BatchOptions: Sendable {
  /// How many threads read, score and write rounds of the input in turn.
  public var jobs = 1
  /// Whether the output starts with a header line (`--no-header` turns it off, for shards after the first).
  public var writesHeader = true
  /// The input's column names when it has no header line (`--columns`).
  public var columns: [String]?
  /// With ``columns``: a first record that repeats those names is the header of the file this input was cut from
  /// (the first partition of a split file) and is skipped, not scored and not counted (`--skip-header`).
  public var skipsRepeatedHeader = false
  /// Write the header line of every output and stop, reading no row (`--header-only`).
  public var writesHeaderOnly = false
  /// Rows before this input, added to every row number (`--errors`, the summary): a shard's rows are then numbered
  /// as in the whole file (`--row-offset`).
  public var rowOffset = 0
  /// A wide layout, or renamed columns (`--map`).
  public var map: ColumnMap?
  public var writesErrors = false
  public var writesDiagnoses = false
  /// Input read per round; the memory a run needs is a small multiple of it (and of the record limit), whatever
  /// the input's size.
  public var bufferSize = 1 << 20
  /// The longest record read, in bytes, and how far a quoted field may run before it must close
  /// (`--max-record-bytes`): a longer record is a row error and is skipped without being held in memory.
  public var recordLimit = 1 << 20
  /// Whether fields that would start a spreadsheet formula get a leading `'` in the CSV outputs (`--formulas`).
  public var neutralisesFormulas = true
  /// Whether `reference` and `note` are written in words on every row (`--notes-format long`) rather than as
  /// compact ids and codes (``NoteCode``, ``ScoringSetup/references``).
  public var longNotes = false

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

/// Why a batch run stopped before its end: the input's header cannot be used, reading or writing failed, or a
/// worker thread could not be started. Bad rows never stop a run.
public enum BatchFailure: Error, Sendable, CustomStringConvertible {
  case input(InputError)
  case io(BatchIOError)
  /// The system would not start another thread (out of memory or threads): exit 71.
  case threads(String)

  public var description: String {
    switch self {
    case .input(let error): return error.description
    case .io(let error): return error.description
    case .threads(let message): return message
    }
  }
}

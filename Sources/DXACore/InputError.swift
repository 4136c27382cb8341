/// A problem with what the engine was given, written for the person who has to fix it.
///
/// It always names the field (an option such as `--bmd`, a column, or a path inside a file such as
/// `curves[2].bands[0].sd`) and, for tabular input, the row.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What kind of input was wrong; the command line maps each to its exit code.
  public enum Kind: Sendable, Equatable {
    /// The command was called wrongly: an unknown or missing option, a value not in the allowed set.
    case usage
    /// A value was readable but is not a valid measurement (BMD ≤ 0, age 130, 850 given as g/cm²).
    case data
    /// A reference-data or conversion file is malformed.
    case reference
  }

  public let kind: Kind
  public let field: String
  public let row: Int?
  public let message: String

  public init(_ kind: Kind, field: String, row: Int? = nil, _ message: String) {
    self.kind = kind
    self.field = field
    self.row = row
    self.message = message
  }

  public var description: String {
    if let row { return "row \(row), \(field): \(message)" }
    return "\(field): \(message)"
  }
}

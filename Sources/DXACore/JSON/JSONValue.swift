/// A parsed JSON document that keeps every number exactly as it was written.
///
/// Foundation's JSON readers turn `0.858` into a binary `Double`, which is the very rounding this engine exists to
/// avoid; this small reader hands numbers over as text so they become ``ExactDecimal`` values without loss.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number's text as written, e.g. `"0.120"`.
  case number(String)
  case string(String)
  case array([JSONValue])
  /// Members in document order (reports and diffs stay stable).
  case object([(key: String, value: JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  /// The member named `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// A short name of the value's JSON type, for error messages ("expected a number, found a string").
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

extension JSONValue {
  /// Writes the value as JSON text: two-space indentation, keys in their given order, numbers as their text.
  public func rendered(indent: String = "") -> String {
    switch self {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .number(let text): return text
    case .string(let text): return JSONValue.quoted(text)
    case .array(let elements):
      guard !elements.isEmpty else { return "[]" }
      let inner = indent + "  "
      return "[\n" + elements.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
    case .object(let members):
      guard !members.isEmpty else { return "{}" }
      let inner = indent + "  "
      let lines = members.map { inner + JSONValue.quoted($0.key) + ": " + $0.value.rendered(indent: inner) }
      return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
    }
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}

extension JSONValue {
  /// A JSON number from an exact decimal, written with its scale (`-2.6`, `0.858`).
  public static func decimal(_ value: ExactDecimal) -> JSONValue { .number(value.description) }

  /// A JSON number from an exact decimal, or null when the value is absent.
  public static func optionalDecimal(_ value: ExactDecimal?) -> JSONValue { value.map(JSONValue.decimal) ?? .null }

  /// A JSON string, or null when the value is absent.
  public static func optionalString(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}

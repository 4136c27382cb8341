/// Reads the members of one JSON object, naming the exact path of anything missing or malformed.
///
/// Used for reference-data files: an error reads `curves[2].bands[0].sd: must be greater than 0`.
struct JSONFieldReader {
  let members: [(key: String, value: JSONValue)]
  let path: String
  let errorKind: InputError.Kind

  init(_ value: JSONValue, path: String, errorKind: InputError.Kind) throws(InputError) {
    guard case .object(let members) = value else {
      throw InputError(
        errorKind, field: path.isEmpty ? "(document)" : path, "expected an object, found \(value.typeName)")
    }
    self.members = members
    self.path = path
    self.errorKind = errorKind
  }

  func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  func failure(_ key: String, _ message: String) -> InputError {
    InputError(errorKind, field: fieldPath(key), message)
  }

  /// Refuses members the format does not define, so a typo such as `"mena"` is caught instead of ignored.
  func rejectUnknownKeys(allowed: Set<String>) throws(InputError) {
    if let unknown = members.first(where: { !allowed.contains($0.key) }) {
      let names = allowed.sorted()
      throw failure(
        unknown.key,
        "unknown field; allowed: \(names.joined(separator: ", "))" + Suggestion.didYouMean(unknown.key, among: names))
    }
  }

  func value(_ key: String) -> JSONValue? {
    members.first { $0.key == key }?.value
  }

  func string(_ key: String) throws(InputError) -> String {
    guard let value = try optionalString(key) else { throw failure(key, "missing") }
    return value
  }

  func optionalString(_ key: String) throws(InputError) -> String? {
    switch value(key) {
    case nil, .null?: return nil
    case .string(let text)?:
      guard !text.isBlank else { throw failure(key, "must not be empty") }
      return text
    case let other?: throw failure(key, "expected a string, found \(other.typeName)")
    }
  }

  func decimal(_ key: String) throws(InputError) -> ExactDecimal {
    guard let value = try optionalDecimal(key) else { throw failure(key, "missing") }
    return value
  }

  func optionalDecimal(_ key: String) throws(InputError) -> ExactDecimal? {
    switch value(key) {
    case nil, .null?: return nil
    case .number(let text)?:
      guard let decimal = ExactDecimal(text) else {
        if let problem = ExactDecimal.lengthProblem(text) { throw failure(key, problem) }
        throw failure(key, "'\(text)' is not a plain decimal of at most 18 digits (no exponent)")
      }
      return decimal
    case let other?: throw failure(key, "expected a number, found \(other.typeName)")
    }
  }

  func positiveDecimal(_ key: String) throws(InputError) -> ExactDecimal {
    let value = try decimal(key)
    guard value.significand > 0 else { throw failure(key, "must be greater than 0, found \(value)") }
    return value
  }

  func bool(_ key: String, default defaultValue: Bool) throws(InputError) -> Bool {
    switch value(key) {
    case nil, .null?: return defaultValue
    case .bool(let flag)?: return flag
    case let other?: throw failure(key, "expected true or false, found \(other.typeName)")
    }
  }

  func array(_ key: String) throws(InputError) -> [JSONValue] {
    switch value(key) {
    case .array(let elements)?: return elements
    case nil, .null?: throw failure(key, "missing")
    case let other?: throw failure(key, "expected an array, found \(other.typeName)")
    }
  }

  func optionalArray(_ key: String) throws(InputError) -> [JSONValue] {
    value(key) == nil ? [] : try array(key)
  }

  /// A string member that must be one of an enumeration's raw values.
  func choice<Value: RawRepresentable & CaseIterable>(_ key: String, _: Value.Type) throws(InputError) -> Value
  where Value.RawValue == String {
    guard let value = try optionalChoice(key, Value.self) else { throw failure(key, "missing") }
    return value
  }

  func optionalChoice<Value: RawRepresentable & CaseIterable>(_ key: String, _: Value.Type) throws(InputError)
    -> Value?
  where Value.RawValue == String {
    guard let text = try optionalString(key) else { return nil }
    guard let value = Value(rawValue: text) else {
      let allowed = Value.allCases.map(\.rawValue)
      throw failure(
        key, "'\(text)' is not one of: \(allowed.joined(separator: ", "))" + Suggestion.didYouMean(text, among: allowed)
      )
    }
    return value
  }

  /// An optional array of strings, such as `notes`; an element of another type is named by its index.
  func strings(_ key: String) throws(InputError) -> [String] {
    var texts: [String] = []
    for (index, element) in try optionalArray(key).enumerated() {
      guard case .string(let text) = element else {
        throw InputError(
          errorKind, field: "\(fieldPath(key))[\(index)]", "expected a string, found \(element.typeName)")
      }
      texts.append(text)
    }
    return texts
  }

  /// Checks the document's `format` member against the tag its reader understands.
  func requireFormat(_ tag: String) throws(InputError) {
    guard try string("format") == tag else { throw failure("format", "must be \"\(tag)\"") }
  }

  /// Readers for each object in the array `key`, with paths such as `curves[3]`.
  func objects(_ key: String) throws(InputError) -> [JSONFieldReader] {
    var readers: [JSONFieldReader] = []
    for (index, element) in try array(key).enumerated() {
      readers.append(try JSONFieldReader(element, path: "\(fieldPath(key))[\(index)]", errorKind: errorKind))
    }
    return readers
  }

  /// Like ``objects(_:)``, but an absent member is an empty array.
  func optionalObjects(_ key: String) throws(InputError) -> [JSONFieldReader] {
    value(key) == nil ? [] : try objects(key)
  }
}

extension StringProtocol {
  /// Whether the text is empty or only white space: `trimmingWhitespace.isEmpty`, without building the trimmed text.
  var isBlank: Bool { !unicodeScalars.contains { !$0.properties.isWhitespace } }

  var trimmingWhitespace: String {
    var scalars = Substring(self).unicodeScalars[...]
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(String.UnicodeScalarView(scalars))
  }
}

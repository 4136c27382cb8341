import DXACore

/// The output formats of commands that print a result.
enum OutputFormat: String, CaseIterable {
  case text, json
}

/// One option a command accepts.
struct OptionSpec: Sendable {
  var name: String
  /// The placeholder of its value (`g/cm2`), or nil for a flag.
  var valueName: String?
  var help: String
  var isRepeatable = false
  var isRequired = false
  /// The allowed values, shown in help and checked by ``ParsedArguments/choice(_:_:)``.
  var allowedValues: [String]? = nil
  var defaultValue: String? = nil
  /// A one-letter alias such as `-o` for `--output`.
  var shortName: Character? = nil

  /// `--format text|json`, shared by the commands that print a result.
  static let format = OptionSpec(
    name: "format", valueName: "format", help: "Output format.", allowedValues: OutputFormat.allCases.map(\.rawValue),
    defaultValue: OutputFormat.text.rawValue)

  /// `--bmd <g/cm2>` as help and errors show it.
  var usage: String { valueName.map { "--\(name) <\($0)>" } ?? "--\(name)" }

  /// The label help shows: `-o, --output <file>`.
  var helpLabel: String { shortName.map { "-\($0), \(usage)" } ?? usage }

  /// `values: a, b; default: a`, as help and the man page show them after the help text; empty when neither.
  var details: String {
    var details: [String] = []
    if let allowedValues { details.append("values: \(allowedValues.joined(separator: ", "))") }
    if let defaultValue { details.append("default: \(defaultValue)") }
    return details.joined(separator: "; ")
  }

  /// Whether its value names a file, so shells complete file names for it.
  var takesFile: Bool {
    guard let valueName else { return false }
    return ["file", "path", "dir"].contains(valueName) || valueName.hasSuffix(".json") || valueName.hasSuffix(".csv")
  }

  /// `-h, --help` and `--version`, which every command accepts; help, the man page and completions list them last.
  static let standard: [OptionSpec] = [
    OptionSpec(name: "version", valueName: nil, help: "Show the version."),
    OptionSpec(name: "help", valueName: nil, help: "Show help information.", shortName: "h"),
  ]
}

/// `--version` was given: the command stops and `dxa` prints its version (exit 0), as with `--help`.
struct VersionRequest: Error {}

/// `the value 'jsno' is invalid; expected one of: text, json; did you mean 'json'?`, a usage error.
func invalidValue(_ text: String, for field: String, allowed: [String]) -> InputError {
  InputError(
    .usage, field: field,
    "the value '\(text)' is invalid; expected one of: \(allowed.joined(separator: ", "))"
      + didYouMean(text, among: allowed))
}

/// "; did you mean 'x'?" when `typed` is a near miss of one of `candidates`, else nothing: appended to a message.
func didYouMean(_ typed: String, among candidates: [String], prefix: String = "") -> String {
  Suggestion.didYouMean(typed, among: candidates, prefix: prefix)
}

/// The options and positional arguments of one call, after parsing.
struct ParsedArguments {
  var values: [String: [String]] = [:]
  var positionals: [String] = []
  var isHelpRequested = false

  func value(_ name: String) -> String? { values[name]?.last }
  func all(_ name: String) -> [String] { values[name] ?? [] }
  func flag(_ name: String) -> Bool { values[name] != nil }

  /// The value of an option whose allowed values are an enumeration's raw values.
  func choice<Value: RawRepresentable & CaseIterable>(_ name: String, _: Value.Type) throws(InputError) -> Value?
  where Value.RawValue == String {
    guard let text = value(name) else { return nil }
    guard let parsed = Value(rawValue: text) else {
      throw invalidValue(text, for: "--\(name)", allowed: Value.allCases.map(\.rawValue))
    }
    return parsed
  }

  /// The value of a numeric option as an exact decimal; malformed numbers are data errors naming the option.
  func decimal(_ name: String) throws(InputError) -> ExactDecimal? {
    guard let text = value(name) else { return nil }
    return try parseDecimal(text, field: "--\(name)")
  }
}

/// Reads a decimal typed by a person, explaining what is wrong with it when it is not one.
func parseDecimal(_ text: String, field: String) throws(InputError) -> ExactDecimal {
  try ExactDecimal.parse(text, field: field)
}

/// Parses `--name value`, `--name=value`, flags, `-h`/`--help`, `--version` and `--` (end of options).
///
/// `--help` sets ``ParsedArguments/isHelpRequested``; `--version` throws ``VersionRequest`` once the arguments have
/// been read (help wins when both are given). Neither checks the required options.
func parseArguments(_ arguments: [String], options: [OptionSpec], maximumPositionals: Int) throws
  -> ParsedArguments
{
  var isVersionRequested = false
  var parsed = ParsedArguments()
  var index = 0
  var optionsEnded = false
  while index < arguments.count {
    let argument = arguments[index]
    index += 1
    if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
      guard parsed.positionals.count < maximumPositionals else {
        throw InputError(.usage, field: argument, "unexpected argument")
      }
      parsed.positionals.append(argument)
      continue
    }
    if argument == "--" {
      optionsEnded = true
      continue
    }
    if argument == "-h" || argument == "--help" {
      parsed.isHelpRequested = true
      continue
    }
    if argument == "--version" {
      isVersionRequested = true
      continue
    }
    let body = argument.dropFirst(argument.hasPrefix("--") ? 2 : 1)
    var name = String(body.prefix { $0 != "=" })
    let inlineValue = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
    if !argument.hasPrefix("--"), name.count == 1, let spec = options.first(where: { $0.shortName == name.first }) {
      name = spec.name
    } else if !argument.hasPrefix("--") {
      throw InputError(.usage, field: String(argument.prefix { $0 != "=" }), "unknown option")
    }
    guard let spec = options.first(where: { $0.name == name }) else {
      let known = (options + OptionSpec.standard).map(\.name)
      throw InputError(
        .usage, field: String(argument.prefix { $0 != "=" }),
        "unknown option" + didYouMean(name, among: known, prefix: "--"))
    }
    let value: String
    if spec.valueName == nil {
      if inlineValue != nil { throw InputError(.usage, field: spec.usage, "takes no value") }
      value = ""
    } else if let inlineValue {
      value = inlineValue
    } else {
      guard index < arguments.count, !arguments[index].hasPrefix("--") else {
        throw InputError(.usage, field: spec.usage, "missing value")
      }
      value = arguments[index]
      index += 1
    }
    if !spec.isRepeatable, parsed.values[name] != nil {
      throw InputError(.usage, field: "--\(name)", "given more than once")
    }
    parsed.values[name, default: []].append(value)
  }
  if parsed.isHelpRequested { return parsed }
  if isVersionRequested { throw VersionRequest() }
  for spec in options where spec.isRequired && parsed.values[spec.name] == nil {
    throw InputError(.usage, field: spec.usage, "missing; this option is required")
  }
  return parsed
}

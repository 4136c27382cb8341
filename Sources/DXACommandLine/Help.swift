/// Help text in the layout swift-argument-parser users know: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS;
/// labels indented two spaces, descriptions from column 26, defaults and allowed values in parentheses.
struct HelpPage: Sendable {
  var overview: String
  var usage: String
  var arguments: [(label: String, help: String)] = []
  var options: [OptionSpec] = []
  var subcommands: [(label: String, help: String)] = []
  var discussion: String? = nil

  var rendered: String {
    var lines = ["OVERVIEW: \(overview)", "", "USAGE: \(usage)"]
    if let discussion { lines += ["", discussion] }
    if !arguments.isEmpty {
      lines += ["", "ARGUMENTS:"] + arguments.flatMap { Self.row($0.label, $0.help) }
    }
    lines += ["", "OPTIONS:"]
    for option in options + OptionSpec.standard {
      var help = option.help
      if !option.details.isEmpty { help += " (\(option.details))" }
      lines += Self.row(option.helpLabel, help)
    }
    if !subcommands.isEmpty {
      lines += ["", "SUBCOMMANDS:"] + subcommands.flatMap { Self.row($0.label, $0.help) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One label and its help, wrapped to 80 columns with the help starting at column 26.
  static func row(_ label: String, _ help: String) -> [String] {
    let indent = String(repeating: " ", count: 26)
    var lines: [String] = []
    var current = "  " + label
    if current.count >= 25 {
      lines.append(current)
      current = indent
    } else {
      current += String(repeating: " ", count: 26 - current.count)
    }
    var hasWord = false
    for word in help.split(separator: " ") {
      if hasWord && current.count + 1 + word.count > 80 {
        lines.append(current)
        current = indent + word
      } else {
        current += (hasWord ? " " : "") + word
      }
      hasWord = true
    }
    lines.append(current)
    return lines
  }
}

import DXACore

/// `dxa help [<command>]` and `dxa help --man`.
enum HelpCommand {
  static let options = [
    OptionSpec(
      name: "man", valueName: nil,
      help: "Print the manual page of dxa and all its commands (roff, for man): dxa help --man > dxa.1")
  ]

  static var helpPage: HelpPage {
    HelpPage(
      overview: "Show help for a command, or the manual page.",
      usage: "dxa help [<command>]\n       dxa help --man",
      arguments: [("<command>", "The command to show help for; none shows the list of commands.")],
      options: options)
  }

  static func run(_ arguments: [String]) throws -> String {
    let parsed = try parseArguments(arguments, options: options, maximumPositionals: 1)
    if parsed.isHelpRequested { return helpPage.rendered }
    if parsed.flag("man") {
      if let command = parsed.positionals.first {
        throw InputError(.usage, field: "'\(command)'", "--man prints the page of every command; give no command")
      }
      return ManPage.rendered
    }
    guard let name = parsed.positionals.first else { return DXA.helpPage.rendered }
    guard let command = DXA.command(named: name) else { throw DXA.unknownCommand(name) }
    return command.helpPage.rendered
  }
}

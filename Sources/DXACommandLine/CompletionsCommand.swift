import DXACore

/// The shells `dxa completions` writes a script for.
enum Shell: String, CaseIterable {
  case bash, zsh, fish
}

/// `dxa completions bash|zsh|fish`: the completion script of a shell, generated from the command and option tables.
enum CompletionsCommand {
  static var helpPage: HelpPage {
    HelpPage(
      overview: "Print the completion script of a shell, made from dxa's option tables.",
      usage: "dxa completions <shell>",
      arguments: [("<shell>", "bash, zsh or fish.")],
      discussion: """
        Install it where the shell looks for completions, for example:
          dxa completions bash > ~/.local/share/bash-completion/completions/dxa
          dxa completions zsh > ~/.zfunc/_dxa   (with ~/.zfunc in $fpath)
          dxa completions fish > ~/.config/fish/completions/dxa.fish
        """)
  }

  static func run(_ arguments: [String]) throws -> String {
    let parsed = try parseArguments(arguments, options: [], maximumPositionals: 1)
    if parsed.isHelpRequested { return helpPage.rendered }
    guard let name = parsed.positionals.first else {
      throw InputError(.usage, field: "<shell>", "missing; expected one of: bash, zsh, fish")
    }
    guard let shell = Shell(rawValue: name) else {
      throw invalidValue(name, for: "<shell>", allowed: Shell.allCases.map(\.rawValue))
    }
    switch shell {
    case .bash: return ShellCompletions.bash
    case .zsh: return ShellCompletions.zsh
    case .fish: return ShellCompletions.fish
    }
  }
}

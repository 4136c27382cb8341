import DXATestSupport
import Foundation
import Testing

@testable import DXACommandLine

/// Every command of `dxa`, as its table lists them.
let commandNames = DXA.commands.map(\.name)

/// Runs `dxa` in-process (no binary, no files): what stdout and stderr get and the exit code.
func dxaInProcess(_ arguments: String...) -> DXA.Outcome {
  DXA.run(arguments)
}

@Suite("Command-line conventions, as swift-argument-parser tools behave")
struct CommandLineConventionTests {
  @Test("--version prints the bare version on every command, before any other check", arguments: commandNames)
  func version(command: String) {
    let outcome = dxaInProcess(command, "--version")
    #expect(outcome.exitCode == 0)
    #expect(outcome.standardOutput == "0.1.0\n")
    #expect(outcome.standardError.isEmpty)
    // Listed in the command's help, beside -h, --help.
    let help = dxaInProcess(command, "--help").standardOutput
    #expect(
      help.contains("\n  --version               Show the version.\n  -h, --help              Show help information.\n")
    )
  }

  @Test("--version needs none of the required options and wins over other options; --help wins over --version")
  func versionPrecedence() {
    #expect(dxaInProcess("score", "--site", "femoral-neck", "--version").standardOutput == "0.1.0\n")
    #expect(dxaInProcess("reference", "show", "--version").standardOutput == "0.1.0\n")
    #expect(dxaInProcess("score", "--version", "--help").standardOutput.hasPrefix("OVERVIEW: Compute the T-score"))
    #expect(dxaInProcess("--version").standardOutput == "0.1.0\n")
    // A value that happens to read --version is still a value (after =) or a file name (after --).
    let impression = dxaInProcess("report", "--impression=--version")
    #expect(impression.exitCode == 64)
    #expect(impression.standardError == "Error: <exam.json>: missing; give the exam file\n")
  }

  @Test(
    "a mistyped option: did you mean the option it is close to",
    arguments: [
      (["score", "--fromat", "json"], "Error: --fromat: unknown option; did you mean '--format'?"),
      (["report", "x.json", "--facilty", "f.json"], "Error: --facilty: unknown option; did you mean '--facility'?"),
      (["batch", "in.csv", "--job=2"], "Error: --job: unknown option; did you mean '--jobs'?"),
      (["precision", "s.csv", "--Scanner", "a"], "Error: --Scanner: unknown option; did you mean '--scanner'?"),
      (["reference", "list", "--verison"], "Error: --verison: unknown option; did you mean '--version'?"),
      (["--verison"], "Error: --verison: unknown option; did you mean '--version'?"),
      (["help", "--mna"], "Error: --mna: unknown option; did you mean '--man'?"),
      (["score", "--weight", "70"], "Error: --weight: unknown option"),
      (["--format", "json"], "Error: --format: unknown option; give a command first (see 'dxa --help')"),
    ])
  func mistypedOption(arguments: [String], message: String) {
    let outcome = DXA.run(arguments)
    #expect(outcome.exitCode == 64)
    #expect(outcome.standardOutput.isEmpty)
    #expect(outcome.standardError == message + "\n")
  }

  @Test(
    "a mistyped value: did you mean the allowed value it is close to",
    arguments: [
      (
        ["score", "--site", "femoral-nek", "--bmd", "0.7", "--sex", "female", "--age", "60"],
        "Error: --site: the value 'femoral-nek' is invalid; expected one of: lumbar-spine, l1, l2, l3, l4, "
          + "femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33; "
          + "did you mean 'femoral-neck'?"
      ),
      (
        ["score", "--site", "femoral-neck", "--bmd", "0.7", "--sex", "femal", "--age", "60"],
        "Error: --sex: the value 'femal' is invalid; expected one of: female, male; did you mean 'female'?"
      ),
      (
        ["reference", "list", "--format", "jsno"],
        "Error: --format: the value 'jsno' is invalid; expected one of: text, json; did you mean 'json'?"
      ),
      (
        ["report", "exam.json", "--format", "htm"],
        "Error: --format: the value 'htm' is invalid; expected one of: text, json, fhir, html; did you mean 'html'?"
      ),
      (
        ["completions", "zhs"],
        "Error: <shell>: the value 'zhs' is invalid; expected one of: bash, zsh, fish; did you mean 'zsh'?"
      ),
      (
        ["score", "--site", "femoral-neck", "--bmd", "0.7", "--sex", "female", "--age", "60", "--use", "xue-2021"],
        "Error: --use: no reference table 'xue-2021'; known: hologic-spine-young-women, "
          + "looker-1998-femoral-neck-women, nhanes-2005-2008-spine-hip, nhanes3-hip-young-adult, "
          + "nhanes3-hip-young-men, nhanes3-total-hip-women-sbmd, xue-2021-young-women"
      ),
    ])
  func mistypedValue(arguments: [String], message: String) {
    let outcome = DXA.run(arguments, readFile: { _ in "" })
    #expect(outcome.exitCode == 64)
    #expect(outcome.standardError == message + "\n")
  }

  @Test(
    "a mistyped command or subcommand: did you mean the command it is close to",
    arguments: [
      (
        ["scroe"],
        "'scroe': unknown command; commands: \(commandNames.joined(separator: ", ")) (see 'dxa --help'); did you mean 'score'?"
      ),
      (
        ["reprot", "x.json"],
        "'reprot': unknown command; commands: \(commandNames.joined(separator: ", ")) (see 'dxa --help'); did you mean 'report'?"
      ),
      (
        ["help", "bacth"],
        "'bacth': unknown command; commands: \(commandNames.joined(separator: ", ")) (see 'dxa --help'); did you mean 'batch'?"
      ),
      (
        ["frobnicate"],
        "'frobnicate': unknown command; commands: \(commandNames.joined(separator: ", ")) (see 'dxa --help')"
      ),
      (["reference", "lsit"], "'lsit': unknown subcommand; expected list or show; did you mean 'list'?"),
      (
        ["reference", "show", "sbmd-hp"],
        "<id>: no table or conversion set 'sbmd-hp'; known: hologic-spine-young-women, looker-1998-femoral-neck-women, "
          + "nhanes-2005-2008-spine-hip, nhanes3-hip-young-adult, nhanes3-hip-young-men, "
          + "nhanes3-total-hip-women-sbmd, xue-2021-young-women, sbmd-hip, spine-genant-1994; did you mean 'sbmd-hip'?"
      ),
    ])
  func mistypedCommand(arguments: [String], message: String) {
    let outcome = DXA.run(arguments)
    #expect(outcome.exitCode == 64)
    #expect(outcome.standardError == "Error: " + message + "\n")
  }

  @Test("the batch progress line: only on a terminal whose TERM is set and not dumb, never with --quiet")
  func progressLine() {
    let xterm = ["TERM": "xterm-256color"]
    #expect(Terminal.showsProgress(quiet: false, isTerminal: true, environment: xterm))
    #expect(Terminal.showsProgress(quiet: false, isTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": "1"]))
    #expect(!Terminal.showsProgress(quiet: false, isTerminal: true, environment: ["TERM": "dumb"]))
    #expect(!Terminal.showsProgress(quiet: false, isTerminal: true, environment: ["TERM": ""]))
    #expect(!Terminal.showsProgress(quiet: false, isTerminal: true, environment: [:]))
    #expect(!Terminal.showsProgress(quiet: false, isTerminal: false, environment: xterm))
    #expect(!Terminal.showsProgress(quiet: true, isTerminal: true, environment: xterm))
  }

  @Test(
    "dxa batch with stderr on a terminal: the progress line for TERM=xterm, none for TERM=dumb or --quiet",
    arguments: [
      (["TERM": "xterm"], [String](), true), (["TERM": "dumb"], [], false), (["TERM": "xterm"], ["--quiet"], false),
    ]
  )
  func progressOnTerminal(environment: [String: String], extra: [String], showsProgress: Bool) throws {
    let directory = try emptyDirectory()
    let input = directory.appending(path: "in.csv")
    try "site,sex,age,bmd\nfemoral-neck,female,67,0.558\n".write(to: input, atomically: true, encoding: .utf8)
    // A pseudo-terminal made for this test: dxa gets only its descriptor as stderr, never a path to write to.
    let (controller, terminal) = try pseudoTerminal()
    defer { close(controller) }
    let process = Process()
    process.executableURL = try dxaExecutable()
    process.arguments = ["batch", input.path, "-o", directory.appending(path: "out.csv").path] + extra
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardError = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
    try process.run()
    close(terminal)
    var shown: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(controller, &buffer, buffer.count)
      if count <= 0 { break }  // EIO once dxa has exited and closed the terminal
      shown += buffer[..<count]
    }
    process.waitUntilExit()
    let text = String(decoding: shown, as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("rows/s") == showsProgress, "\(text)")
    #expect(text.contains("\u{1B}[K") == showsProgress)
    #expect(text.contains("1 rows in, 1 rows out") == !extra.contains("--quiet"))
  }

  @Test("no output of dxa holds a terminal escape (NO_COLOR holds whatever the terminal)")
  func noColour() throws {
    let exam = examplesFolder.appending(path: "exam-follow-up.json").path
    var texts: [String] = []
    for arguments in [
      ["--help"], ["score", "--help"], ["help", "--man"], ["reference", "list"],
      ["score", "--site", "femoral-neck", "--bmd", "0.560", "--sex", "female", "--age", "68"],
      ["report", exam, "--as-of", "2025-05-01"], ["score", "--bogus"],
    ] {
      let outcome = DXA.run(arguments)
      texts += [outcome.standardOutput, outcome.standardError]
    }
    #expect(texts.allSatisfy { !$0.contains("\u{1B}") })
  }
}

@Suite("Shell completions and the man page, generated from the option tables")
struct CompletionAndManualTests {
  /// The block of a completion script that completes one command.
  static func block(of command: String, in script: String, shell: Shell) -> String {
    switch shell {
    case .bash:
      let start = script.components(separatedBy: "\n    \(command))\n").dropFirst().first ?? ""
      return start.components(separatedBy: "\n      ;;\n").first ?? ""
    case .zsh:
      let start = script.components(separatedBy: "\n_dxa_\(command)() {\n").dropFirst().first ?? ""
      return start.components(separatedBy: "\n}\n").first ?? ""
    case .fish:
      return script.split(separator: "\n").filter { $0.contains("'__fish_seen_subcommand_from \(command)") }
        .joined(separator: "\n")
    }
  }

  @Test("each shell's script completes every option of every command, with its values", arguments: Shell.allCases)
  func everyOption(shell: Shell) {
    let outcome = dxaInProcess("completions", shell.rawValue)
    #expect(outcome.exitCode == 0)
    let script = outcome.standardOutput
    var checked = 0
    for command in DXA.commands {
      let block = Self.block(of: command.name, in: script, shell: shell)
      #expect(!block.isEmpty, "\(shell) has no block for \(command.name)")
      for option in command.options {
        let takesValue = option.valueName != nil
        let spelled: String
        switch (shell, option.shortName) {
        case (.bash, nil): spelled = "--\(option.name)"
        case (.bash, let short?): spelled = "--\(option.name) -\(short)"
        case (.zsh, nil): spelled = "--\(option.name)" + (takesValue ? "=[" : "[")
        case (.zsh, let short?):
          spelled = takesValue ? "{-\(short)+,--\(option.name)=}'[" : "{-\(short),--\(option.name)}'["
        case (.fish, nil): spelled = "-l \(option.name) "
        case (.fish, let short?): spelled = "-s \(short) -l \(option.name) "
        }
        #expect(block.contains(spelled), "\(shell): \(command.name) lacks \(spelled)")
        if let values = option.allowedValues {
          let list = values.joined(separator: " ")
          #expect(block.contains(list), "\(shell): \(command.name) --\(option.name) values")
        }
        checked += 1
      }
      #expect(script.contains(command.name))
    }
    // Every option of the tables (50 and more), each command with its --version and --help.
    #expect(checked == DXA.commands.map(\.options.count).reduce(0, +))
    #expect(checked >= 50 + 2 * DXA.commands.count)
  }

  @Test("the bash script completes commands, options, values after a space or '=', files and table ids")
  func bashCompletes() throws {
    let script = try temporaryFile(dxaInProcess("completions", "bash").standardOutput, name: "dxa.bash")
    let directory = URL(fileURLWithPath: script).deletingLastPathComponent()
    try "".write(to: directory.appending(path: "scans.csv"), atomically: true, encoding: .utf8)
    let cases: [(words: [String], expected: String)] = [
      (["dxa", "sc"], "score"),
      (["dxa", ""], (commandNames + ["--version", "--help", "-h"]).joined(separator: " ")),
      (["dxa", "score", "--fo"], "--format"),
      (["dxa", "score", "--format", ""], "text json"),
      (["dxa", "report", "--format", "=", "f"], "fhir"),
      (["dxa", "report", "--spine-subset-reference", "l"], "l1-l4"),
      (["dxa", "score", "--bmd", ""], ""),
      (["dxa", "reference", ""], "list show"),
      (["dxa", "reference", "--format", "json", "show", "sbmd"], "sbmd-hip"),
      (["dxa", "reference", "list", ""], ""),
      (["dxa", "batch", "--jobs", "2", "sc"], "scans.csv"),
      (["dxa", "batch", "-o", "sc"], "scans.csv"),
      (["dxa", "completions", "f"], "fish"),
      (["dxa", "help", "re"], "report reference"),
    ]
    var lines = ["source \(script)"]
    for (words, _) in cases {
      let array = words.map { "'\($0)'" }.joined(separator: " ")
      lines.append(
        "COMP_WORDS=(\(array)); COMP_CWORD=\(words.count - 1); COMPREPLY=(); _dxa; echo \"${COMPREPLY[*]}\"")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", lines.joined(separator: "\n")]
    process.currentDirectoryURL = directory
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let results = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(process.terminationStatus == 0)
    for (index, testCase) in cases.enumerated() {
      let got = index < results.count ? String(results[index]) : "(nothing)"
      #expect(got == testCase.expected, "\(testCase.words)")
    }
  }

  @Test(
    "the zsh and fish scripts are valid for the shell that reads them",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh")),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish")))
  func otherShellsParse() throws {
    for (shell, path) in [(Shell.zsh, "/usr/bin/zsh"), (.fish, "/usr/bin/fish")] {
      let script = try temporaryFile(dxaInProcess("completions", shell.rawValue).standardOutput, name: "dxa-completion")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: path)
      process.arguments = ["-n", script]
      let errors = Pipe()
      process.standardError = errors
      try process.run()
      let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(shell): \(message)")
    }
  }

  @Test("dxa help --man equals the committed Tests/Snapshots/dxa.1 and documents every option of every command")
  func manPage() throws {
    let outcome = dxaInProcess("help", "--man")
    #expect(outcome.exitCode == 0)
    let page = outcome.standardOutput
    // Compared only, never rewritten: after a change of options, regenerate the file by hand and review the diff.
    let committed = try String(contentsOf: snapshotsFolder.appending(path: "dxa.1"), encoding: .utf8)
    #expect(page == committed, "Tests/Snapshots/dxa.1 differs: swift run dxa help --man > Tests/Snapshots/dxa.1")
    #expect(page.hasPrefix(#".\" The manual page of dxa"#))
    #expect(page.unicodeScalars.allSatisfy { $0.isASCII })
    for command in DXA.commands {
      #expect(page.contains(".SS \"dxa \(command.name.replacing("-", with: "\\-"))\""))
      for option in command.options {
        #expect(page.contains("\\fB\\-\\-\(option.name.replacing("-", with: "\\-"))\\fR"), "\(command.name)")
      }
    }
    for code in ExitCode.allCases { #expect(page.contains("\\fB\(code.rawValue)\\fR")) }
  }

  @Test(
    "the man page renders without a warning from groff",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff")))
  func manPageRenders() throws {
    let page = try temporaryFile(dxaInProcess("help", "--man").standardOutput, name: "dxa.1")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
    process.arguments = ["-man", "-Tutf8", "-ww", "-z", page]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(warnings.isEmpty, "\(warnings)")
  }

  @Test("help --man takes no command")
  func manWithCommand() {
    let outcome = dxaInProcess("help", "score", "--man")
    #expect(outcome.exitCode == 64)
    #expect(outcome.standardError == "Error: 'score': --man prints the page of every command; give no command\n")
  }
}

/// A new pseudo-terminal: the controller's descriptor and the terminal's. The C functions are looked up by name:
/// Swift's Glibc module leaves out posix_openpt, grantpt, unlockpt and ptsname.
func pseudoTerminal() throws -> (controller: Int32, terminal: Int32) {
  struct Unavailable: Error { var call: String }
  typealias Call = @convention(c) (CInt) -> CInt
  typealias Name = @convention(c) (CInt) -> UnsafeMutablePointer<CChar>?
  func libc<T>(_ name: String, as type: T.Type) throws -> T {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { throw Unavailable(call: name) }
    return unsafeBitCast(symbol, to: type)
  }
  let controller = try libc("posix_openpt", as: Call.self)(O_RDWR | O_NOCTTY)
  guard controller >= 0 else { throw Unavailable(call: "posix_openpt") }
  guard try libc("grantpt", as: Call.self)(controller) == 0, try libc("unlockpt", as: Call.self)(controller) == 0,
    let name = try libc("ptsname", as: Name.self)(controller)
  else { throw Unavailable(call: "grantpt, unlockpt or ptsname") }
  let terminal = open(String(cString: name), O_RDWR | O_NOCTTY)
  guard terminal >= 0 else { throw Unavailable(call: "open") }
  return (controller, terminal)
}

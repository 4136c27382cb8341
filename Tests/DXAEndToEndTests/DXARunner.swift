import Foundation
import Testing

/// What one run of the built `dxa` binary printed and how it exited.
struct Run {
  var stdout: String
  var stderr: String
  var status: Int32

  /// Standard error without the `Hint:` lines `dxa report` and `dxa score` print for the operator.
  var errors: String {
    stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Hint: ") }
      .joined(separator: "\n")
  }

  /// The `Hint:` lines.
  var hints: [String] { stderr.split(separator: "\n").filter { $0.hasPrefix("Hint: ") }.map(String.init) }
}

/// The `dxa` executable that `swift build` put beside the test bundle.
func dxaExecutable() throws -> URL {
  let candidates = [
    Bundle.main.bundleURL.appending(path: "dxa"),
    Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "dxa"),
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "dxa"),
  ]
  guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
  }
  return found
}

/// Runs `dxa` with `arguments` in `directory` (a fresh empty one by default, so nothing beside the binary helps it).
func dxa(_ arguments: [String], in directory: URL? = nil) throws -> Run {
  let process = Process()
  process.executableURL = try dxaExecutable()
  process.arguments = arguments
  process.currentDirectoryURL = try directory ?? emptyDirectory()
  return try run(process)
}

/// Starts `process` with its output and error on pipes and `input` (if any) on a third, and returns what it
/// printed. Both pipes are read before waiting, so a large output cannot fill a pipe and block the child.
func run(_ process: Process, input: Data? = nil) throws -> Run {
  let stdout = Pipe()
  let stderr = Pipe()
  let stdin = Pipe()
  process.standardOutput = stdout
  process.standardError = stderr
  process.standardInput = input == nil ? FileHandle.nullDevice : stdin
  try process.run()
  let group = DispatchGroup()
  nonisolated(unsafe) var errorData = Data()
  DispatchQueue.global().async(group: group) { errorData = stderr.fileHandleForReading.readDataToEndOfFile() }
  if let input {
    // dxa may exit before reading its input (a usage error): ignore the broken pipe rather than die of SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    DispatchQueue.global().async(group: group) {
      try? stdin.fileHandleForWriting.write(contentsOf: input)
      try? stdin.fileHandleForWriting.close()
    }
  }
  let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return Run(
    stdout: String(decoding: outputData, as: UTF8.self), stderr: String(decoding: errorData, as: UTF8.self),
    status: process.terminationStatus)
}

func dxa(_ arguments: String...) throws -> Run {
  try dxa(arguments)
}

/// A new empty directory under the system's temporary directory.
func emptyDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appending(path: "dxa-e2e-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Writes `text` to a new file and returns its path.
func temporaryFile(_ text: String, name: String = "table.json") throws -> String {
  let url = try emptyDirectory().appending(path: name)
  try text.write(to: url, atomically: true, encoding: .utf8)
  return url.path
}

/// The `reference-data/` folder of this checkout.
let referenceDataFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appending(path: "reference-data")

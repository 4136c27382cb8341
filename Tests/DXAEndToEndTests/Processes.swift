import Foundation
import Testing

/// Runs `/bin/sh -c script` with `dxa` as `$0` and `arguments` as `$@`, in `directory`: for what only a shell sets
/// up (a closed descriptor, a file-size limit, an ignored signal).
func shell(_ script: String, _ arguments: [String], in directory: URL) throws -> Run {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", script, try dxaExecutable().path] + arguments
  process.currentDirectoryURL = directory
  return try run(process)
}

/// Runs `dxa` with standard output a pipe nobody reads: its read end is closed before `dxa` starts, so the first
/// write gets EPIPE.
func dxaWithClosedReader(_ arguments: [String], in directory: URL) throws -> Run {
  signal(SIGPIPE, SIG_IGN)
  let process = Process()
  process.executableURL = try dxaExecutable()
  process.arguments = arguments
  process.currentDirectoryURL = directory
  let stdout = Pipe()
  let stderr = Pipe()
  try stdout.fileHandleForReading.close()
  process.standardOutput = stdout
  process.standardError = stderr
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let errorData = stderr.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(stdout: "", stderr: String(decoding: errorData, as: UTF8.self), status: process.terminationStatus)
}

/// Makes a FIFO at `url`.
func makeFIFO(_ url: URL) throws {
  guard mkfifo(url.path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
}

/// Whether `url` is a FIFO (not a file put in its place).
func isFIFO(_ url: URL) -> Bool {
  var status = stat()
  return lstat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
}

/// Runs `body` on a thread of its own (a FIFO's other end blocks in `open` until `dxa` opens its end).
func onThread(_ body: @escaping @Sendable () throws -> Void) -> () -> Void {
  let done = DispatchSemaphore(value: 0)
  Thread {
    try? body()
    done.signal()
  }.start()
  return { done.wait() }
}

/// A copy of an example exam (or any file) in `directory`: tests that point outputs at inputs never touch the
/// repository's own files.
func copyExample(_ name: String, to directory: URL, as newName: String? = nil) throws -> URL {
  let copy = directory.appending(path: newName ?? name)
  try FileManager.default.copyItem(at: examplesFolder.appending(path: name), to: copy)
  return copy
}

func contents(_ url: URL) throws -> Data { try Data(contentsOf: url) }

func names(in directory: URL) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

/// The type of the file at `url` itself (a link is a link).
func fileType(_ url: URL) throws -> FileAttributeType? {
  try FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
}

/// A batch input of `rows` good rows.
func batchInput(rows: Int) -> String {
  "patient_id,site,sex,age,menopause,bmd\n"
    + (0..<rows).map { "P\($0),femoral-neck,female,67,post,0.558\n" }.joined()
}

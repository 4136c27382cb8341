import Foundation

@testable import DXAPlatform

/// A new empty folder under the system's temporary directory: every file these tests write is in one of these,
/// never a real `/dev` entry.
func temporaryFolder() throws -> String {
  let path = FileManager.default.temporaryDirectory.appending(path: "dxa-platform-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func write(_ text: String, to path: String) throws {
  try text.write(toFile: path, atomically: false, encoding: .utf8)
}

func contents(_ path: String) throws -> String {
  try String(contentsOfFile: path, encoding: .utf8)
}

/// The names in `folder`, sorted.
func names(in folder: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
}

/// Makes a FIFO at `path`.
func makeFIFO(_ path: String) throws {
  guard mkfifo(path, 0o600) == 0 else { throw Errno.current }
}

func kind(_ path: String) throws -> FileStatus.Kind {
  try FileStatus.of(path, followingLinks: false).kind
}

/// Runs `body` on a thread of its own (not the test's task pool, which a blocking FIFO open would starve) and
/// returns a way to wait for its result.
func onThread<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) throws -> () throws -> Result {
  let box = ResultBox<Result>()
  let thread = try PlatformThread.start {
    do { box.set(.success(try body())) } catch { box.set(.failure(error)) }
  }
  return {
    thread.join()
    return try box.get()
  }
}

private final class ResultBox<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Swift.Result<Value, any Error>?
  func set(_ result: Swift.Result<Value, any Error>) { lock.withLock { self.result = result } }
  func get() throws -> Value {
    guard let result = lock.withLock({ self.result }) else { throw Errno.invalidArgument }
    return try result.get()
  }
}

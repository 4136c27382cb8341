import DXACore
import Foundation

/// What every target shares: the fuzzer's bytes as the text a reader gets, and the repository's example files.
public enum FuzzInput {
  /// The bytes as text. `dxa` refuses a file that is not UTF-8 before any reader sees it, so invalid sequences are
  /// repaired (U+FFFD) rather than skipped: every input still reaches the reader.
  public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  }

  public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// The repository's root, found from this file's path (the targets run from the build folder).
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A file of the repository, such as `Tests/Examples/exam-follow-up.json`; a missing one stops the run at once,
  /// as the harness itself is broken.
  public static func repositoryFile(_ path: String) -> String {
    guard let text = try? String(contentsOf: repository.appending(path: path), encoding: .utf8) else {
      fatalError("fuzz harness: cannot read \(path) under \(repository.path)")
    }
    return text
  }

  /// An example exam of the repository, read as `dxa report` reads it.
  public static func exampleExam(_ name: String) -> Exam {
    do {
      return try Exam(json: repositoryFile("Tests/Examples/\(name)"), file: name)
    } catch {
      fatalError("fuzz harness: Tests/Examples/\(name) does not read: \(error)")
    }
  }

  /// A date after every valid exam date, for the future-date check `dxa report` makes with today's date.
  public static let farFuture: CalendarDate = {
    guard let date = CalendarDate(year: 2999, month: 12, day: 31) else { fatalError("fuzz harness: 2999-12-31") }
    return date
  }()
}

import Glibc

/// Standard output and standard error, written through ``FileDescriptor`` with every write checked.
package enum StandardStreams {
  /// Writes `text` to standard output; a closed pipe or a full disk is a ``FileError/Kind/io``.
  package static func writeOutput(_ text: String) throws(FileError) {
    guard !text.isEmpty else { return }
    var failure: Errno?
    Array(text.utf8).withUnsafeBytes { raw in
      do throws(Errno) { try FileDescriptor.standardOutput.writeAll(raw) } catch { failure = error }
    }
    if let failure { throw FileError(.io, "standard output", "cannot be written: \(failure)") }
  }

  /// Writes `text` to standard error. Best effort: there is nowhere left to report a failure to.
  package static func writeError(_ text: String) {
    guard !text.isEmpty else { return }
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { raw in try? FileDescriptor.standardError.writeAll(raw) }
  }

  /// Whether standard error is a terminal (for a progress line).
  package static var isErrorTerminal: Bool { FileDescriptor.standardError.isTerminal }

  /// Ends the process with `status` (`exit(3)`).
  package static func exitProcess(_ status: Int32) -> Never {
    exit(status)
  }
}

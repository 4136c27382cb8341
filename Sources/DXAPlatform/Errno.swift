import Glibc

/// An error number a system call set, with the system's wording (`No space left on device`).
package struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
  package let rawValue: Int32

  package init(rawValue: Int32) { self.rawValue = rawValue }

  /// The calling thread's `errno`, read right after the call that failed.
  package static var current: Errno { Errno(rawValue: errno) }

  package static let noSuchFile = Errno(rawValue: ENOENT)
  package static let interrupted = Errno(rawValue: EINTR)
  package static let fileExists = Errno(rawValue: EEXIST)
  package static let invalidArgument = Errno(rawValue: EINVAL)
  package static let isDirectory = Errno(rawValue: EISDIR)
  package static let tooManyLinks = Errno(rawValue: ELOOP)

  package var description: String { String(cString: strerror(rawValue)) }
}

/// Runs a system call until it is not interrupted by a signal; -1 becomes the `errno` it set.
@inline(__always)
func retryingOnInterrupt<Result: BinaryInteger>(_ call: () -> Result) throws(Errno) -> Result {
  while true {
    let result = call()
    if result != -1 { return result }
    let error = Errno.current
    if error != .interrupted { throw error }
  }
}

import Glibc

/// An open file descriptor: the one type through which DXA reads and writes (swift-system's `FileDescriptor`,
/// cut to what DXA needs). Every call is retried when a signal interrupts it and reports failure as ``Errno``.
package struct FileDescriptor: RawRepresentable, Hashable, Sendable {
  package let rawValue: Int32

  package init(rawValue: Int32) { self.rawValue = rawValue }

  package static let standardInput = FileDescriptor(rawValue: STDIN_FILENO)
  package static let standardOutput = FileDescriptor(rawValue: STDOUT_FILENO)
  package static let standardError = FileDescriptor(rawValue: STDERR_FILENO)

  /// `open(2)` with close-on-exec.
  package static func open(_ path: String, _ flags: Int32, permissions: mode_t = 0o666) throws(Errno)
    -> FileDescriptor
  {
    let descriptor = try retryingOnInterrupt { Glibc.open(path, flags | O_CLOEXEC, permissions) }
    return FileDescriptor(rawValue: descriptor)
  }

  /// `read(2)`: up to `buffer.count` bytes; 0 at the end of the input.
  package func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    try retryingOnInterrupt { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
  }

  /// `write(2)` until every byte is written; a short write is continued, never dropped.
  package func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
    var offset = 0
    while offset < bytes.count {
      let remaining = bytes.count - offset
      offset += try retryingOnInterrupt { Glibc.write(rawValue, bytes.baseAddress.map { $0 + offset }, remaining) }
    }
  }

  /// `fsync(2)`. Descriptors that cannot be synchronised (pipes, terminals) are not an error.
  package func synchronize() throws(Errno) {
    do {
      _ = try retryingOnInterrupt { fsync(rawValue) }
    } catch  where error == .invalidArgument || error.rawValue == EROFS {
      return
    }
  }

  /// Starts writing `count` bytes from `offset` to the disk without waiting for them (`sync_file_range(2)` with
  /// `SYNC_FILE_RANGE_WRITE`), so that a later `fsync` has little left to do. Only a hint: it guarantees nothing,
  /// and where the call is missing or refused nothing happens.
  package func startWriteback(offset: Int, count: Int) {
    _ = Self.syncFileRange?(rawValue, Int64(offset), Int64(count), 2)
  }

  /// Whether ``startWriteback(offset:count:)`` reaches the system (glibc has `sync_file_range`).
  package static var canStartWriteback: Bool { syncFileRange != nil }

  /// glibc's `sync_file_range`, which the Glibc module does not export; looked up once by name.
  private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
    guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
  }()

  /// `close(2)`. Not retried after EINTR: on Linux the descriptor is closed whatever close returns.
  package func close() throws(Errno) {
    if Glibc.close(rawValue) == -1 {
      let error = Errno.current
      if error != .interrupted { throw error }
    }
  }

  /// `fstat(2)`.
  package func status() throws(Errno) -> FileStatus {
    var status = stat()
    _ = try retryingOnInterrupt { fstat(rawValue, &status) }
    return FileStatus(status)
  }

  /// Whether the descriptor is a terminal (`isatty(3)`).
  package var isTerminal: Bool { isatty(rawValue) == 1 }
}

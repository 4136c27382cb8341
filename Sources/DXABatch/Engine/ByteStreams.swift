import DXAPlatform

/// Where a batch reads its input from.
public protocol ByteSource {
  /// Reads up to `buffer.count` bytes; 0 at the end of the input.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(BatchIOError) -> Int
}

/// Where a batch writes an output.
public protocol ByteSink {
  mutating func write(_ bytes: UnsafeRawBufferPointer) throws(BatchIOError)
}

/// Reading or writing failed (exit 74).
public struct BatchIOError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A file, a pipe or standard input, read through the platform's one input reader.
public struct FileSource: ByteSource {
  let file: InputFile

  package init(_ file: InputFile) { self.file = file }

  /// Opens `path` (`-` is standard input).
  public init(path: String) throws(BatchIOError) {
    do {
      file = try InputFile(path: path)
    } catch {
      throw BatchIOError(error.description)
    }
  }

  /// The size of a regular file (for progress), nil for a pipe.
  public var size: Int? { file.size }

  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(BatchIOError) -> Int {
    do {
      return try file.read(into: buffer)
    } catch {
      throw BatchIOError(error.description)
    }
  }
}

/// An output written through the platform's one writer (temporary file, `fsync`, rename; devices and pipes in
/// place).
package struct FileSink: ByteSink {
  package let file: OutputFile

  package init(_ file: OutputFile) { self.file = file }

  package func write(_ bytes: UnsafeRawBufferPointer) throws(BatchIOError) {
    do {
      try file.write(bytes)
    } catch {
      throw BatchIOError(error.description)
    }
  }
}

/// Bytes in memory, for tests and the benchmark: a source that hands them out in pieces of `chunkSize`.
public struct MemorySource: ByteSource {
  public let bytes: [UInt8]
  public var chunkSize: Int
  private var offset = 0

  public init(_ bytes: [UInt8], chunkSize: Int = .max) {
    self.bytes = bytes
    self.chunkSize = chunkSize
  }

  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(BatchIOError) -> Int {
    let count = min(buffer.count, bytes.count - offset, chunkSize)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      if let from = source.baseAddress { buffer.baseAddress?.copyMemory(from: from + offset, byteCount: count) }
    }
    offset += count
    return count
  }
}

/// A sink that keeps what is written, for tests.
public final class MemorySink: ByteSink {
  public private(set) var bytes: [UInt8] = []
  public init() {}
  public var text: String { String(decoding: bytes, as: UTF8.self) }
  public func write(_ bytes: UnsafeRawBufferPointer) throws(BatchIOError) {
    self.bytes.append(contentsOf: bytes)
  }
}

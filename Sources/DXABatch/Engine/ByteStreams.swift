import Glibc

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

/// A file descriptor: a file, a pipe, standard input or output.
public struct FileDescriptorStream: ByteSource, ByteSink {
  public let descriptor: Int32
  /// How errors name it: the path, or `standard input`.
  public let name: String

  public init(descriptor: Int32, name: String) {
    self.descriptor = descriptor
    self.name = name
  }

  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(BatchIOError) -> Int {
    while true {
      let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw BatchIOError("\(name): cannot be read: \(String(cString: strerror(errno)))")
    }
  }

  public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(BatchIOError) {
    var offset = 0
    while offset < bytes.count {
      let count = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        throw BatchIOError("\(name): cannot be written: \(String(cString: strerror(errno)))")
      }
      offset += count
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

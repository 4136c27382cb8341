import Glibc

/// A file opened for reading: the one input reader of DXA. `-` is standard input; `/dev/stdin` and `/dev/fd/N`
/// (process substitution) read the descriptor the process has; pipes and FIFOs are read as they come, so every
/// file option takes them.
package final class InputFile: @unchecked Sendable {
  /// The file as the user named it, or `standard input`.
  package let name: String
  package let descriptor: FileDescriptor
  /// The size of a regular file (for progress); nil for pipes, FIFOs and devices.
  package let size: Int?
  private let isOwned: Bool
  private var isClosed = false

  /// Opens `path` (`-` for standard input). A missing file is ``FileError/Kind/missing``; one that cannot be
  /// opened, or a directory, ``FileError/Kind/cannotOpen``.
  package init(path: String) throws(FileError) {
    if path == "-" || PathNames.descriptor(named: path) != nil {
      descriptor = PathNames.descriptor(named: path) ?? .standardInput
      name = path == "-" || descriptor == .standardInput ? "standard input" : path
      isOwned = false
    } else {
      name = path
      do {
        descriptor = try FileDescriptor.open(path, O_RDONLY)
      } catch {
        if error == .noSuchFile { throw FileError(.missing, path, "no such file") }
        throw FileError(.cannotOpen, path, "cannot be opened: \(error)")
      }
      isOwned = true
    }
    let status: FileStatus
    do {
      status = try descriptor.status()
    } catch {
      if isOwned { try? descriptor.close() }
      throw FileError(.cannotOpen, name, "cannot be opened: \(error)")
    }
    if status.kind == .directory {
      if isOwned { try? descriptor.close() }
      throw FileError(.cannotOpen, name, "is a directory")
    }
    size = status.kind == .regular ? status.size : nil
  }

  deinit { close() }

  /// Up to `buffer.count` bytes; 0 at the end.
  package func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
    do {
      return try descriptor.read(into: buffer)
    } catch {
      throw FileError(.io, name, "cannot be read: \(error)")
    }
  }

  /// Everything up to the end of the input.
  package func readAll() throws(FileError) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity((size ?? 0) + 1)
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { chunk.deallocate() }
    while true {
      let count = try read(into: chunk)
      if count == 0 { return bytes }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
    }
  }

  /// Closes a file DXA opened; the standard streams stay open.
  package func close() {
    guard isOwned, !isClosed else { return }
    isClosed = true
    try? descriptor.close()
  }
}

/// Text files (exams, facility files, maps, reference tables, precision studies): read whole and checked to be
/// UTF-8, so a Latin-1 name is refused with its line rather than turned into U+FFFD.
package enum TextFile {
  package static func read(_ path: String) throws(FileError) -> String {
    let file = try InputFile(path: path)
    defer { file.close() }
    return try decode(file.readAll(), name: file.name)
  }

  /// `bytes` as a string; bytes that are not UTF-8 are ``FileError/Kind/notText`` naming the line.
  package static func decode(_ bytes: [UInt8], name: String) throws(FileError) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    let offset = UTF8Check.firstInvalidByte(in: bytes) ?? 0
    let line = bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    throw FileError(.notText, name, "line \(line): not UTF-8 text; save the file as UTF-8")
  }
}

/// Finding where text stops being UTF-8.
///
/// Public for its inlinable ``isValid(_:)``, which the batch calls for every record (see ``Bytes``).
public enum UTF8Check {
  /// Whether `bytes` are UTF-8: 32 then eight ASCII bytes at a time, and the full check from the first byte above
  /// ASCII (a batch row is nearly always ASCII, so its check costs a few instructions per 32 bytes).
  @inlinable @inline(__always)
  public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var index = 0
    while index &+ 32 <= bytes.count, isASCII32(base + index) { index &+= 32 }
    // Fewer than 32 bytes left, of 32 or more: the last 32 at once (they overlap bytes already seen, all ASCII);
    // when they are ASCII too, so is the rest.
    if index < bytes.count, bytes.count >= 32, bytes.count &- index < 32, isASCII32(base + (bytes.count &- 32)) {
      return true
    }
    while index &+ 8 <= bytes.count,
      UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
    {
      index &+= 8
    }
    // Fewer than eight bytes left: the last eight at once (they overlap bytes already seen, all ASCII); when they are
    // ASCII too, so is the rest.
    if index < bytes.count, bytes.count &- index < 8, bytes.count >= 8,
      UnsafeRawPointer(base + (bytes.count &- 8)).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
    {
      index = bytes.count
    }
    while index < bytes.count, base[index] < 0x80 { index &+= 1 }
    return index == bytes.count || firstInvalidByte(in: UnsafeBufferPointer(rebasing: bytes[index...])) == nil
  }

  /// Whether the 32 bytes at `start` are all ASCII.
  @inlinable @inline(__always)
  static func isASCII32(_ start: UnsafePointer<UInt8>) -> Bool {
    let raw = UnsafeRawPointer(start)
    let first = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    let second =
      raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    return (first | second) & 0x8080_8080_8080_8080 == 0
  }

  /// The offset of the first byte that does not start or continue a valid UTF-8 sequence; nil when all are valid.
  public static func firstInvalidByte(in bytes: some Sequence<UInt8>) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }
}

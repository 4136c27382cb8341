import Glibc

/// Where an output goes, worked out before anything is read or written: the one place that decides how DXA may
/// touch a path it writes.
///
/// - `-`, `/dev/stdout`, `/dev/fd/N`: written in place through the descriptor the process has.
/// - A device, FIFO or socket: opened and written in place; never replaced, never truncated by a rename.
/// - A regular file, or a path that does not exist yet: written to a temporary file in the same folder and renamed
///   over it when complete (``OutputFile``), so the old file stays whole until the new one is.
/// - A symbolic link: followed to the file it names, which is replaced; the link stays a link.
/// - A directory: refused.
package struct OutputTarget: Sendable {
  package enum Destination: Sendable, Equatable {
    /// A descriptor the process already has (standard output, `/dev/fd/N`): written in place, never closed.
    case descriptor(FileDescriptor)
    /// A device, FIFO or socket, opened and written in place.
    case inPlace(path: String)
    /// A regular file (or a new one) replaced through a temporary file beside it.
    case replace(path: String, existing: FileStatus?)
  }

  /// The output as the user named it, or `standard output`.
  package let name: String
  package let destination: Destination

  /// Resolves `path` (`-` for standard output). Throws ``FileError/Kind/cannotCreate`` for a directory, a missing
  /// folder, a link loop or a path that cannot be examined.
  package static func resolve(_ path: String) throws(FileError) -> OutputTarget {
    if path == "-" { return OutputTarget(name: "standard output", destination: .descriptor(.standardOutput)) }
    if let descriptor = PathNames.descriptor(named: path) {
      return OutputTarget(name: path, destination: .descriptor(descriptor))
    }
    var current = path
    for _ in 0..<40 {
      let status: FileStatus
      do {
        status = try FileStatus.of(current, followingLinks: false)
      } catch  where error == .noSuchFile {
        return OutputTarget(name: path, destination: .replace(path: try newFile(current, for: path), existing: nil))
      } catch {
        throw FileError(.cannotCreate, path, "cannot be created: \(error)")
      }
      switch status.kind {
      case .symbolicLink:
        current = PathNames.resolve(try linkTarget(current, for: path), relativeTo: current)
      case .directory:
        throw FileError(.cannotCreate, path, "is a directory")
      case .regular:
        return OutputTarget(name: path, destination: .replace(path: current, existing: status))
      default:
        return OutputTarget(name: path, destination: .inPlace(path: current))
      }
    }
    throw FileError(.cannotCreate, path, "cannot be created: \(Errno.tooManyLinks)")
  }

  /// The file an existing regular output holds now (for a command that updates it, such as `dxa precision -o`).
  package var existingFile: String? {
    if case .replace(let path, let existing?) = destination, existing.kind == .regular { return path }
    return nil
  }

  /// A path that does not exist yet: its folder must.
  private static func newFile(_ path: String, for given: String) throws(FileError) -> String {
    let (folder, name) = PathNames.split(path)
    guard !name.isEmpty else { throw FileError(.cannotCreate, given, "is a directory") }
    let status: FileStatus
    do {
      status = try FileStatus.of(folder)
    } catch {
      throw FileError(.cannotCreate, given, "cannot be created: \(error)")
    }
    guard status.kind == .directory else {
      throw FileError(.cannotCreate, given, "cannot be created: \(Errno(rawValue: ENOTDIR))")
    }
    return path
  }

  private static func linkTarget(_ link: String, for given: String) throws(FileError) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(link, &buffer, buffer.count - 1)
    guard count >= 0 else { throw FileError(.cannotCreate, given, "cannot be created: \(Errno.current)") }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

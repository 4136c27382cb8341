import Glibc

/// Folders: the names one holds, and making one for outputs.
package enum Folder {
  /// The names in the folder at `path` (without `.` and `..`), sorted. A missing path is
  /// ``FileError/Kind/missing``; a file, or a folder that cannot be read, ``FileError/Kind/cannotOpen``.
  package static func names(in path: String) throws(FileError) -> [String] {
    let status: FileStatus
    do {
      status = try FileStatus.of(path)
    } catch {
      if error == .noSuchFile { throw FileError(.missing, path, "no such folder") }
      throw FileError(.cannotOpen, path, "cannot be opened: \(error)")
    }
    guard status.kind == .directory else { throw FileError(.cannotOpen, path, "not a folder") }
    guard let folder = opendir(path) else { throw FileError(.cannotOpen, path, "cannot be opened: \(Errno.current)") }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Makes the folder `path` unless it is one already; its parent must exist. Anything else in its place is
  /// ``FileError/Kind/cannotCreate``.
  package static func make(_ path: String) throws(FileError) {
    if let status = try? FileStatus.of(path) {
      guard status.kind == .directory else { throw FileError(.cannotCreate, path, "is not a folder") }
      return
    }
    guard mkdir(path, 0o777) == 0 else { throw FileError(.cannotCreate, path, "cannot be created: \(Errno.current)") }
  }

  /// `name` in `folder`.
  package static func path(_ name: String, in folder: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}

/// Paths as the command line sees them: `-`, the names of the standard streams, and the folder and name of a path.
package enum PathNames {
  /// The descriptor a path names without being a file of its own: `/dev/stdin`, `/dev/stdout`, `/dev/stderr`,
  /// `/dev/fd/N` and `/proc/self/fd/N` (what `<(…)` and `>(…)` give). These are read and written in place through
  /// the descriptor the process already has, so a redirection keeps its offset and mode.
  package static func descriptor(named path: String) -> FileDescriptor? {
    switch path {
    case "/dev/stdin": return .standardInput
    case "/dev/stdout": return .standardOutput
    case "/dev/stderr": return .standardError
    default:
      for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
        guard let number = Int32(path.dropFirst(prefix.count)), number >= 0 else { return nil }
        return FileDescriptor(rawValue: number)
      }
      return nil
    }
  }

  /// The folder holding `path` and the name within it (`a/b.csv` → `a`, `b.csv`; `b.csv` → `.`, `b.csv`).
  package static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
  }

  /// `target` read relative to the folder of the link that holds it.
  static func resolve(_ target: String, relativeTo link: String) -> String {
    if target.hasPrefix("/") { return target }
    let folder = split(link).folder
    return folder == "/" ? "/" + target : folder + "/" + target
  }
}

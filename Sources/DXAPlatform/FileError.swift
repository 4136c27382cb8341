/// A file that could not be read or written, named as the user gave it, with what went wrong. Messages name the
/// file and, for text, the line; they never quote what the file holds.
package struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong; the command line gives each its exit code.
  package enum Kind: Sendable, Equatable {
    /// An input does not exist (66).
    case missing
    /// An input exists but cannot be opened, or is a directory (66).
    case cannotOpen
    /// An input is not UTF-8 text (65).
    case notText
    /// An output cannot be created: its folder is missing or read-only, it is a directory, a link loop (73).
    case cannotCreate
    /// Reading, writing, synchronising or renaming failed part way (74).
    case io
    /// The paths of one command clash: an output is an input, two outputs are one file, standard input is read
    /// twice (64). Found before anything is read or written.
    case conflict
  }

  package let kind: Kind
  /// The file as the user named it, or `standard input` / `standard output`.
  package let name: String
  package let reason: String

  package init(_ kind: Kind, _ name: String, _ reason: String) {
    self.kind = kind
    self.name = name
    self.reason = reason
  }

  package var description: String { "\(name): \(reason)" }
}

import DXACore
import DXAPlatform

/// Reads a text file through the platform's one reader: `-` is standard input, pipes, FIFOs and `/dev/fd/N`
/// work; a missing file is exit 66, one that is not UTF-8 exit 65 (naming the line), a failed read 74.
public func readTextFile(_ path: String) throws -> String {
  try TextFile.read(path)
}

extension ExitCode {
  init(_ kind: FileError.Kind) {
    switch kind {
    case .missing, .cannotOpen: self = .noInput
    case .notText: self = .dataError
    case .cannotCreate: self = .cannotCreate
    case .io: self = .ioError
    case .conflict: self = .usage
    }
  }
}

extension CommandFailure {
  init(_ error: FileError) {
    self.init(ExitCode(error.kind), error.description)
  }
}

/// Checks the files a command reads and writes against each other before anything is read (an output that is an
/// input, two outputs on one file, standard input read twice: exit 64) and resolves the outputs (a directory, a
/// missing folder: exit 73). The options are named as the user gave them.
func checkPaths(inputs: [(option: String, path: String)], outputs: [(option: String, path: String)]) throws
  -> [OutputTarget]
{
  do {
    return try PathConflicts.check(
      inputs: inputs.map { PathConflicts.Named($0.option, $0.path) },
      outputs: outputs.map { PathConflicts.Named($0.option, $0.path) })
  } catch {
    throw CommandFailure(error)
  }
}

/// The shipped library plus the files given with `--reference` (tables or conversion sets, told apart by their
/// `format`), with the tables named by `--use` requested.
func loadLibrary(referenceFiles: [String], use: [String], readFile: (String) throws -> String) throws
  -> ReferenceLibrary
{
  var library = try ShippedLibrary.load()
  for path in referenceFiles {
    let text = try readFile(path)
    if text.contains("\"\(ConversionSet.formatTag)\"") {
      try library.add(try ConversionSet(json: text, file: path))
    } else {
      try library.add(try ReferenceTable(json: text, file: path), requested: true)
    }
  }
  for id in use { try library.request(id) }
  return library
}

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

/// The shipped library plus the files given with `--reference`, told apart by their `format`: tables, conversion
/// sets, conditions files (`dxa-conditions/1`) and payer files (`dxa-payer/1`); the tables named by `--use` are
/// requested. Errors name the file.
func loadLibrary(referenceFiles: [String], use: [String], readFile: (String) throws -> String) throws
  -> ReferenceLibrary
{
  var library = try ShippedLibrary.load()
  for path in referenceFiles {
    let text = try readFile(path)
    do {
      switch referenceFormat(of: text) {
      case ConversionSet.formatTag: try library.add(try ConversionSet(json: text, file: path))
      case ConditionCatalog.formatTag: try library.add(try ConditionCatalog(json: text, file: path))
      case PayerRules.formatTag: try library.add(try PayerRules(json: text, file: path))
      default: try library.add(try ReferenceTable(json: text, file: path), requested: true)
      }
    } catch {
      // Reading errors already name the file; a clash found while adding names only the id.
      throw error.field.hasPrefix(path)
        ? error : InputError(error.kind, field: "\(path): \(error.field)", error.message)
    }
  }
  for id in use { try library.request(id) }
  return library
}

/// The `format` member of a JSON document, when it is an object with one; the reader of that format (a table's,
/// when there is none) reports every other problem.
func referenceFormat(of text: String) -> String? {
  guard case .object(let members)? = try? JSONValue.parse(text),
    case .string(let format)? = members.first(where: { $0.key == "format" })?.value
  else { return nil }
  return format
}

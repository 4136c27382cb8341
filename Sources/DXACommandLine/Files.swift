import DXACore
import Foundation

/// Reads a UTF-8 text file; a missing file is exit 66, an unreadable one 74.
public func readTextFile(_ path: String) throws -> String {
  guard FileManager.default.fileExists(atPath: path) else {
    throw CommandFailure(.noInput, "\(path): no such file")
  }
  guard let data = FileManager.default.contents(atPath: path) else {
    throw CommandFailure(.ioError, "\(path): cannot be read")
  }
  guard let text = String(data: data, encoding: .utf8) else {
    throw CommandFailure(.configuration, "\(path): not UTF-8 text")
  }
  return text
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

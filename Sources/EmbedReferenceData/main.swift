// Writes a Swift source file that holds the text of each reference-data file as a string literal.
// Usage: EmbedReferenceData OUTPUT.swift ROOT FILE...
// ROOT is the reference-data folder; each FILE is recorded by its path relative to ROOT.
import Foundation

func swiftLiteral(_ text: String) -> String {
  var literal = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": literal += "\\\\"
    case "\"": literal += "\\\""
    case "\n": literal += "\\n"
    case "\r": literal += "\\r"
    case "\t": literal += "\\t"
    case _ where scalar.value < 0x20 || scalar.value == 0x7F:
      literal += "\\u{\(String(scalar.value, radix: 16))}"
    default: literal.unicodeScalars.append(scalar)
    }
  }
  return literal + "\""
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  FileHandle.standardError.write(Data("usage: EmbedReferenceData OUTPUT.swift ROOT FILE...\n".utf8))
  exit(64)
}
let output = URL(fileURLWithPath: arguments[1])
let root = URL(fileURLWithPath: arguments[2]).standardizedFileURL.path
var entries: [String] = []
for path in arguments.dropFirst(3).sorted() {
  let url = URL(fileURLWithPath: path).standardizedFileURL
  guard let data = FileManager.default.contents(atPath: url.path),
    let text = String(data: data, encoding: .utf8)
  else {
    FileHandle.standardError.write(Data("EmbedReferenceData: cannot read \(path) as UTF-8\n".utf8))
    exit(74)
  }
  let relative = url.path.hasPrefix(root + "/") ? String(url.path.dropFirst(root.count + 1)) : url.lastPathComponent
  entries.append("    (path: \(swiftLiteral(relative)), text: \(swiftLiteral(text))),")
}
let source = """
  // Generated at build time from reference-data/ by EmbedReferenceData. Do not edit: edit reference-data/.
  enum EmbeddedReferenceFiles {
    static let all: [(path: String, text: String)] = [
  \(entries.joined(separator: "\n"))
    ]
  }

  """
do {
  try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
  FileHandle.standardError.write(Data("EmbedReferenceData: cannot write \(output.path): \(error)\n".utf8))
  exit(73)
}

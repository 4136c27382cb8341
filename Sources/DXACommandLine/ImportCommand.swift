import DXABatch
import DXACore
import DXAImport
import Foundation

/// `dxa import apex DIR`: a Hologic APEX database exported as CSV, turned into exam files or the batch long layout.
enum ImportCommand {
  enum Format: String, CaseIterable {
    case exam, csv
  }

  static let options: [OptionSpec] = [
    OptionSpec(
      name: "format", valueName: "format", help: "exam: one dxa-exam/1 file per visit; csv: the dxa batch long layout.",
      allowedValues: Format.allCases.map(\.rawValue), defaultValue: Format.exam.rawValue),
    OptionSpec(
      name: "output", valueName: "path",
      help: "The folder for exam files (created if missing; needed with --format exam), or the CSV file (- is stdout).",
      defaultValue: "- for csv", shortName: "o"),
    OptionSpec(name: "skipped", valueName: "file", help: "Write the skipped scans with their reasons (CSV)."),
    OptionSpec(
      name: "skip-name", valueName: "pattern",
      help:
        "Skip scans of patients whose name holds PATTERN (ignoring case; * matches anything): phantoms and test entries. Repeatable.",
      isRepeatable: true),
    OptionSpec(name: "with-names", valueName: nil, help: "Copy patient names into the exams (left out by default)."),
    OptionSpec(
      name: "ethnicity-code", valueName: "letter=group",
      help:
        "Read an APEX ETHNICITY letter as a group (white, black, hispanic, asian, mexican-american, other, none). Repeatable.",
      isRepeatable: true),
    OptionSpec(
      name: "as-of", valueName: "date",
      help: "Today for the date rules, YYYY-MM-DD: two-digit scan years resolve on or before it.", defaultValue: "today"
    ),
    OptionSpec(name: "quiet", valueName: nil, help: "No summary on stderr."),
  ]

  static var helpPage: HelpPage {
    HelpPage(
      overview: "Import scans from a scanner database exported as CSV.",
      usage: "dxa import apex <dir> [-o <dir>] [--format exam|csv] [--skipped <file>] [<options>]",
      arguments: [
        ("apex", "The source: a Hologic APEX PatScan database."),
        ("<dir>", "The folder of tables exported with 'mdb-export PatScan.mdb TABLE > TABLE.csv'."),
      ],
      options: options,
      discussion: """
        Reads PATIENT, ScanAnalysis, Hip, Spine, Forearm, Wbody and ReferenceResults
        (.csv; others are ignored, result tables may be missing). The scans of one
        patient on one date and scanner form one exam. Every scan is accounted for:
        the summary counts the skipped ones by reason and --skipped lists them.
        Exit 0 when the import ran; 65 when some scans had unreadable values.
        Example: dxa import apex tables/ -o exams/ --skip-name 'METAL HIP' --skipped skipped.csv
        """
    )
  }

  static func run(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    let parsed = try parseArguments(arguments, options: options, maximumPositionals: 2)
    if parsed.isHelpRequested { return helpPage.rendered }
    guard let source = parsed.positionals.first else {
      throw InputError(.usage, field: "<source>", "missing; give the source, apex, and the folder of tables")
    }
    guard source == "apex" else {
      throw InputError(.usage, field: "'\(source)'", "unknown source; sources: apex")
    }
    guard parsed.positionals.count == 2 else {
      throw InputError(.usage, field: "<dir>", "missing; give the folder of tables exported with mdb-export")
    }
    let directory = parsed.positionals[1]
    let format = try parsed.choice("format", Format.self) ?? .exam
    var importOptions = APEXImportOptions(asOf: try parsed.date("as-of") ?? CalendarDate.today())
    importOptions.skipNames = parsed.all("skip-name")
    if importOptions.skipNames.contains(where: { $0.filter { $0 != "*" }.isEmpty }) {
      throw InputError(.usage, field: "--skip-name", "is empty; give part of a name, such as 'METAL HIP'")
    }
    importOptions.withNames = parsed.flag("with-names")
    for code in parsed.all("ethnicity-code") {
      try importOptions.ethnicityCodes.add(code, option: "--ethnicity-code")
    }
    let output = parsed.value("output") ?? (format == .csv ? "-" : nil)
    guard let output else {
      throw InputError(.usage, field: "-o <dir>", "missing; --format exam writes one file per visit into a folder")
    }
    if format == .exam, output == "-" {
      throw InputError(.usage, field: "-o <dir>", "exam files go into a folder; use --format csv for standard output")
    }

    let (tables, paths) = try readTables(in: directory)
    for path in [format == .csv ? output : nil, parsed.value("skipped")].compactMap({ $0 }) where path != "-" {
      if paths.contains(where: { samePath($0, path) }) {
        throw InputError(.usage, field: path, "is one of the input tables; choose another output")
      }
    }
    let result = try APEXImport(tables: tables, options: importOptions)

    var standardOutput = ""
    switch format {
    case .exam:
      try writeExams(result.exams, into: output)
    case .csv:
      let text = result.csv(withNames: importOptions.withNames)
      if output == "-" { standardOutput = text } else { try write(text, to: output) }
    }
    if let path = parsed.value("skipped") {
      if path == "-" { standardOutput += result.skippedCSV } else { try write(result.skippedCSV, to: path) }
    }
    if !parsed.flag("quiet") {
      let destination = output == "-" ? "standard output" : output
      FileDescriptorStream.standardError.writeText(result.summary(tables: tables, destination: destination))
    }
    if result.dataProblemCount > 0 {
      throw CommandFailure(
        .dataError,
        "\(result.dataProblemCount) scans had unreadable or inconsistent values; they are skipped (see --skipped)")
    }
    return standardOutput
  }

  /// The known tables found in `directory` (file names matched without regard to case), read whole.
  private static func readTables(in directory: String) throws -> ([APEXTable: TableFile], [String]) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
      throw CommandFailure(.noInput, "\(directory): no such folder")
    }
    guard isDirectory.boolValue else {
      throw CommandFailure(.noInput, "\(directory): not a folder; give the folder of exported tables")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var tables: [APEXTable: TableFile] = [:]
    var paths: [String] = []
    for table in APEXTable.allCases {
      guard let entry = entries.first(where: { $0.lowercased() == table.fileName.lowercased() }) else {
        if table.isRequired {
          throw CommandFailure(
            .noInput,
            "\((directory as NSString).appendingPathComponent(table.fileName)): no such file; export it with 'mdb-export PatScan.mdb \(table.rawValue) > \(table.fileName)'"
          )
        }
        continue
      }
      let path = (directory as NSString).appendingPathComponent(entry)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure(.ioError, "\(path): cannot be read")
      }
      tables[table] = try TableFile(name: entry, bytes: Array(data))
      paths.append(path)
    }
    return (tables, paths)
  }

  /// One file per exam in `folder` (made if missing, its parent must exist), each written whole or not at all.
  private static func writeExams(_ exams: [APEXImportedExam], into folder: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw CommandFailure(.cannotCreate, "\(folder): is not a folder") }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
      } catch {
        throw CommandFailure(.cannotCreate, "\(folder): cannot be created")
      }
    }
    for imported in exams {
      try write(
        imported.exam.examFile.rendered() + "\n", to: (folder as NSString).appendingPathComponent(imported.fileName))
    }
  }

  /// Writes through the batch's output files: a temporary file renamed into place when complete.
  private static func write(_ text: String, to path: String) throws {
    var files = OutputFiles()
    defer { files.discard() }
    var stream = try files.open(path)
    var bytes = Array(text.utf8)
    do {
      try bytes.withUnsafeBytes { try stream.write($0) }
    } catch let error as BatchIOError {
      throw CommandFailure(.ioError, error.message)
    }
    bytes.removeAll()
    try files.commit()
  }

  private static func samePath(_ a: String, _ b: String) -> Bool {
    URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
      == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
  }
}

import DXACore
import DXAImport
import DXAPlatform

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
      throw InputError(
        .usage, field: "'\(source)'", "unknown source; sources: apex" + didYouMean(source, among: ["apex"]))
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

    // Before anything is read: no output may be one of the tables, and the two outputs not one file.
    let files = try tableFiles(in: directory)
    let outputs = [("-o", format == .csv ? output : nil), ("--skipped", parsed.value("skipped"))]
      .compactMap { option, path in path.map { (option, $0) } }
    let targets = try checkPaths(inputs: files.map { ("table \($0.name)", $0.path) }, outputs: outputs)
    let tables = try readTables(files)
    let result = try APEXImport(tables: tables, options: importOptions)

    var standardOutput = ""
    var targetIndex = 0
    func emit(_ text: String) throws {
      let target = targets[targetIndex]
      targetIndex += 1
      if target.destination == .descriptor(.standardOutput) {
        standardOutput += text
      } else {
        do { try OutputFile.write(Array(text.utf8), to: target) } catch { throw CommandFailure(error) }
      }
    }
    switch format {
    case .exam:
      try writeExams(result.exams, into: output)
    case .csv:
      try emit(result.csv(withNames: importOptions.withNames))
    }
    if parsed.value("skipped") != nil { try emit(result.skippedCSV) }
    if !parsed.flag("quiet") {
      let destination = output == "-" ? "standard output" : output
      let summary = result.summary(tables: tables, destination: destination)
      StandardStreams.writeError(summary.escapedForDisplay(keepingLineBreaks: true))
    }
    if result.dataProblemCount > 0 {
      throw CommandFailure(
        .dataError,
        "\(result.dataProblemCount) scans had unreadable or inconsistent values; they are skipped (see --skipped)")
    }
    return standardOutput
  }

  /// The known tables found in `directory` (file names matched without regard to case).
  private static func tableFiles(in directory: String) throws -> [(table: APEXTable, name: String, path: String)] {
    let entries: [String]
    do {
      entries = try Folder.names(in: directory)
    } catch {
      guard error.kind == .cannotOpen else { throw CommandFailure(error) }
      throw CommandFailure(.noInput, "\(directory): not a folder; give the folder of exported tables")
    }
    var files: [(table: APEXTable, name: String, path: String)] = []
    for table in APEXTable.allCases {
      guard let entry = entries.first(where: { $0.lowercased() == table.fileName.lowercased() }) else {
        if table.isRequired {
          throw CommandFailure(
            .noInput,
            "\(Folder.path(table.fileName, in: directory)): no such file; export it with 'mdb-export PatScan.mdb \(table.rawValue) > \(table.fileName)'"
          )
        }
        continue
      }
      files.append((table, entry, Folder.path(entry, in: directory)))
    }
    return files
  }

  /// The tables read whole, through the one reader.
  private static func readTables(_ files: [(table: APEXTable, name: String, path: String)]) throws
    -> [APEXTable: TableFile]
  {
    var tables: [APEXTable: TableFile] = [:]
    for file in files {
      let bytes: [UInt8]
      do {
        bytes = try InputFile(path: file.path).readAll()
      } catch {
        throw CommandFailure(error)
      }
      tables[file.table] = try TableFile(name: file.name, bytes: bytes)
    }
    return tables
  }

  /// One file per exam in `folder` (made if missing, its parent must exist), each written whole or not at all.
  private static func writeExams(_ exams: [APEXImportedExam], into folder: String) throws {
    do {
      try Folder.make(folder)
      for imported in exams {
        let target = try OutputTarget.resolve(Folder.path(imported.fileName, in: folder))
        try OutputFile.write(Array((imported.exam.examFile.rendered() + "\n").utf8), to: target)
      }
    } catch {
      throw CommandFailure(error)
    }
  }
}

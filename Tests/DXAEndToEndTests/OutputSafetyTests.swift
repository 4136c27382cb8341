import Foundation
import Testing

/// Output paths, as issue 9 found them destroyed: each case in a temporary directory with FIFOs and links made
/// there, never a real `/dev` entry. A full disk is stood in for by a FIFO whose reader closes early (EPIPE) and by
/// a file-size limit (`ulimit -f`, EFBIG), which need no root.
@Suite("Output safety: nothing at an output path is lost, end to end")
struct OutputSafetyTests {
  static let report = ["--prior", example("exam-baseline.json"), "--as-of", "2025-05-01"]

  @Test("an existing file is replaced whole, keeps its permissions, and nothing else is left")
  func existingFile() throws {
    let directory = try emptyDirectory()
    let output = directory.appending(path: "report.txt")
    try "an older report".write(to: output, atomically: false, encoding: .utf8)
    chmod(output.path, 0o640)
    let run = try dxa(["report", example("exam-follow-up.json")] + Self.report + ["-o", "report.txt"], in: directory)
    #expect(run.status == 0)
    #expect(run.errors.isEmpty)
    let expected = try dxa(["report", example("exam-follow-up.json")] + Self.report).stdout
    #expect(String(decoding: try contents(output), as: UTF8.self) == expected)
    #expect(try names(in: directory) == ["report.txt"])
    let permissions = try FileManager.default.attributesOfItem(atPath: output.path)[.posixPermissions] as? Int
    #expect(permissions == 0o640)
  }

  @Test("an output that is an input is refused with exit 64 before anything is read or written")
  func outputIsInput() throws {
    let directory = try emptyDirectory()
    let exam = try copyExample("exam-follow-up.json", to: directory)
    let facility = try copyExample("facility.json", to: directory)
    try FileManager.default.createSymbolicLink(
      at: directory.appending(path: "link.json"), withDestinationURL: exam)
    try FileManager.default.linkItem(at: exam, to: directory.appending(path: "hard.json"))
    let study = directory.appending(path: "study.csv")
    try workedStudyCSV.write(to: study, atomically: false, encoding: .utf8)
    let batch = directory.appending(path: "in.csv")
    try batchInput(rows: 3).write(to: batch, atomically: false, encoding: .utf8)
    let before = try [exam, facility, study, batch].map(contents)
    let cases: [([String], String)] = [
      (
        ["report", "exam-follow-up.json", "-o", "exam-follow-up.json"],
        "exam-follow-up.json: -o names the same file as the input <exam.json>"
      ),
      (
        ["report", "exam-follow-up.json", "-o", "./exam-follow-up.json"],
        "./exam-follow-up.json: -o names the same file as the input <exam.json>"
      ),
      (
        ["report", "exam-follow-up.json", "-o", "link.json"],
        "link.json: -o names the same file as the input <exam.json>"
      ),
      (
        ["report", "exam-follow-up.json", "-o", "hard.json"],
        "hard.json: -o names the same file as the input <exam.json>"
      ),
      (
        ["report", "exam-follow-up.json", "--facility", "facility.json", "-o", "facility.json"],
        "facility.json: -o names the same file as the input --facility"
      ),
      (["precision", "study.csv", "-o", "study.csv"], "study.csv: -o names the same file as the input <study.csv>"),
      (["batch", "in.csv", "--errors", "in.csv"], "in.csv: --errors names the same file as the input <input>"),
      (
        ["batch", "in.csv", "-o", "out.csv", "--diagnoses", "./out.csv"],
        "./out.csv: given for both -o and --diagnoses; each output needs its own file"
      ),
    ]
    for (arguments, message) in cases {
      let run = try dxa(arguments, in: directory)
      #expect(run.status == 64, "\(arguments)")
      #expect(run.stderr.hasPrefix("Error: \(message)"), "\(arguments): \(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
    // Standard output appended to the input file is the input file too.
    let appended = try shell(#"exec "$0" batch in.csv --quiet >> in.csv"#, [], in: directory)
    #expect(appended.status == 64)
    #expect(
      appended.stderr
        == "Error: standard output: -o names the same file as the input <input>; write the output elsewhere\n")
    #expect(try [exam, facility, study, batch].map(contents) == before)
    #expect(
      try names(in: directory) == [
        "exam-follow-up.json", "facility.json", "hard.json", "in.csv", "link.json", "study.csv",
      ])
  }

  @Test("a directory is refused (73) and left as it was, with or without a trailing slash")
  func directory() throws {
    let directory = try emptyDirectory()
    let folder = directory.appending(path: "reports")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    try "keep".write(to: folder.appending(path: "old.txt"), atomically: false, encoding: .utf8)
    for path in ["reports", "reports/"] {
      let run = try dxa(["report", example("exam-follow-up.json"), "-o", path], in: directory)
      #expect(run.status == 73)
      #expect(run.stderr == "Error: \(path): is a directory\n")
      let batch = try dxa(["batch", "-", "--quiet", "-o", path], input: batchInput(rows: 1), in: directory)
      #expect(batch.status == 73)
    }
    #expect(try names(in: folder) == ["old.txt"])
    #expect(try String(contentsOf: folder.appending(path: "old.txt"), encoding: .utf8) == "keep")
  }

  @Test("a symbolic link stays a link; the file it names gets the output")
  func symbolicLink() throws {
    let directory = try emptyDirectory()
    let target = directory.appending(path: "target.csv")
    try "old".write(to: target, atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: directory.appending(path: "link.csv").path, withDestinationPath: "target.csv")
    let run = try dxa(["batch", "-", "--quiet", "-o", "link.csv"], input: batchInput(rows: 2), in: directory)
    #expect(run.status == 0)
    #expect(try fileType(directory.appending(path: "link.csv")) == .typeSymbolicLink)
    #expect(String(decoding: try contents(target), as: UTF8.self).split(separator: "\n").count == 3)
    #expect(try names(in: directory) == ["link.csv", "target.csv"])
  }

  @Test("a FIFO is written in place and stays a FIFO")
  func fifo() throws {
    let directory = try emptyDirectory()
    let fifo = directory.appending(path: "report.fifo")
    try makeFIFO(fifo)
    nonisolated(unsafe) var received = Data()
    let reader = onThread { received = try FileHandle(forReadingFrom: fifo).readToEnd() ?? Data() }
    let run = try dxa(["report", example("exam-follow-up.json")] + Self.report + ["-o", "report.fifo"], in: directory)
    reader()
    #expect(run.status == 0)
    #expect(
      String(decoding: received, as: UTF8.self)
        == (try dxa(["report", example("exam-follow-up.json")] + Self.report).stdout))
    #expect(isFIFO(fifo))
    #expect(try names(in: directory) == ["report.fifo"])
  }

  @Test("-o - writes to standard output for every command that writes a file")
  func dash() throws {
    let report = try dxa(["report", example("exam-follow-up.json")] + Self.report + ["-o", "-"])
    #expect(report.status == 0)
    #expect(report.stdout == (try dxa(["report", example("exam-follow-up.json")] + Self.report).stdout))
    let study = try temporaryFile(workedStudyCSV, name: "study.csv")
    let precision = try dxa("precision", study, "-o", "-")
    #expect(precision.status == 0)
    #expect(precision.stdout.hasPrefix("{\n  \"format\": \"dxa-facility/1\""))
    let batch = try dxa(["batch", "-", "--quiet", "-o", "-"], input: batchInput(rows: 2))
    #expect(batch.stdout.split(separator: "\n").count == 3)
  }

  @Test(
    "a closed pipe on standard output is exit 74 with one line, for every command (no crash, no backtrace)",
    arguments: [
      ["score", "--site", "femoral-neck", "--bmd", "0.560", "--sex", "female", "--age", "68"],
      ["report", example("exam-follow-up.json"), "--as-of", "2025-05-01"],
      ["reference", "list"],
      ["batch", "--columns", "site,sex,age,bmd", "--quiet", "-"],
      ["--help"],
    ])
  func brokenPipe(arguments: [String]) throws {
    let directory = try emptyDirectory()
    let run = try dxaWithClosedReader(arguments, in: directory)
    #expect(run.status == 74)
    #expect(run.errors == "Error: standard output: cannot be written: Broken pipe\n")
  }

  @Test("standard output closed altogether is exit 74 (EBADF)")
  func closedStandardOutput() throws {
    let directory = try emptyDirectory()
    let run = try shell(#"exec "$0" "$@" >&-"#, ["reference", "list"], in: directory)
    #expect(run.status == 74)
    #expect(run.stderr == "Error: standard output: cannot be written: Bad file descriptor\n")
  }

  @Test("a FIFO whose reader closes early: exit 74 naming it, and no temporary file of the other outputs left")
  func readerClosesEarly() throws {
    let directory = try emptyDirectory()
    let fifo = directory.appending(path: "out.fifo")
    try makeFIFO(fifo)
    let reader = onThread {
      let handle = try FileHandle(forReadingFrom: fifo)
      _ = try handle.read(upToCount: 100)
      try handle.close()
    }
    let run = try dxa(
      ["batch", "-", "--quiet", "-o", "out.fifo", "--errors", "errors.csv"], input: batchInput(rows: 50_000),
      in: directory)
    reader()
    #expect(run.status == 74)
    #expect(run.stderr == "Error: out.fifo: cannot be written: Broken pipe\n")
    #expect(try names(in: directory) == ["out.fifo"])
  }

  @Test("a write that fails part way (a file-size limit standing in for a full disk): exit 74, the old file whole")
  func fullDisk() throws {
    let directory = try emptyDirectory()
    let output = directory.appending(path: "out.csv")
    try "the previous run's output".write(to: output, atomically: false, encoding: .utf8)
    try batchInput(rows: 50_000).write(to: directory.appending(path: "in.csv"), atomically: false, encoding: .utf8)
    // SIGXFSZ ignored, so the write returns EFBIG; 64 blocks is far less than the output.
    let run = try shell(
      #"trap "" XFSZ; ulimit -f 64; exec "$0" "$@""#, ["batch", "in.csv", "-o", "out.csv", "--quiet"], in: directory)
    #expect(run.status == 74)
    #expect(run.stderr == "Error: out.csv: cannot be written: File too large\n")
    #expect(try String(contentsOf: output, encoding: .utf8) == "the previous run's output")
    #expect(try names(in: directory) == ["in.csv", "out.csv"])
  }

  @Test(
    "SIGINT, SIGTERM or SIGHUP mid-batch: no .partial file left, old outputs whole",
    arguments: [SIGINT, SIGTERM, SIGHUP])
  func signals(signal: Int32) throws {
    let directory = try emptyDirectory()
    let input = directory.appending(path: "in.fifo")
    try makeFIFO(input)
    try "old output".write(to: directory.appending(path: "out.csv"), atomically: false, encoding: .utf8)
    let process = Process()
    process.executableURL = try dxaExecutable()
    process.arguments = ["batch", "in.fifo", "-o", "out.csv", "--errors", "errors.csv", "--quiet"]
    process.currentDirectoryURL = directory
    process.standardInput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // The writer keeps the FIFO open: dxa is mid-run, waiting for more rows.
    let writer = try FileHandle(forWritingTo: input)
    try writer.write(contentsOf: Data(batchInput(rows: 1_000).utf8))
    var waited = 0
    while try names(in: directory).filter({ $0.contains(".partial-") }).count < 2, waited < 500 {
      usleep(10_000)
      waited += 1
    }
    #expect(try names(in: directory).filter { $0.contains(".partial-") }.count == 2)
    kill(process.processIdentifier, signal)
    // Never hang the suite: a process that outlives the signal by 20 s fails the test and is killed.
    var polls = 0
    while process.isRunning, polls < 2_000 {
      usleep(10_000)
      polls += 1
    }
    if process.isRunning {
      Issue.record("dxa did not end on signal \(signal)")
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    try writer.close()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == signal)
    #expect(try names(in: directory) == ["in.fifo", "out.csv"])
    #expect(try String(contentsOf: directory.appending(path: "out.csv"), encoding: .utf8) == "old output")
  }
}

import Foundation
import Testing

@Suite("Inputs: -, pipes, FIFOs and process substitution wherever a file is read; UTF-8 checked everywhere")
struct InputSourceTests {
  static let reportOptions = ["--as-of", "2025-05-01"]

  @Test("dxa report - reads the exam from a pipe and gives the report the file gives")
  func examOnStandardInput() throws {
    let exam = try String(contentsOfFile: example("exam-follow-up.json"), encoding: .utf8)
    let piped = try dxa(["report", "-"] + Self.reportOptions, input: exam)
    #expect(piped.status == 0)
    #expect(piped.stdout == (try dxa(["report", example("exam-follow-up.json")] + Self.reportOptions)).stdout)
  }

  @Test("priors, facility, reference and map files from FIFOs, as <(…) gives them")
  func fifos() throws {
    let directory = try emptyDirectory()
    let prior = directory.appending(path: "prior.fifo")
    let facility = directory.appending(path: "facility.fifo")
    try makeFIFO(prior)
    try makeFIFO(facility)
    let feeders = [(prior, "exam-baseline.json"), (facility, "facility.json")].map { fifo, name in
      onThread {
        let handle = try FileHandle(forWritingTo: fifo)
        try handle.write(contentsOf: try Data(contentsOf: examplesFolder.appending(path: name)))
        try handle.close()
      }
    }
    let run = try dxa(
      ["report", example("exam-follow-up.json"), "--prior", prior.path, "--facility", facility.path]
        + Self.reportOptions)
    for feeder in feeders { feeder() }
    #expect(run.status == 0)
    let expected = try dxa(
      [
        "report", example("exam-follow-up.json"), "--prior", example("exam-baseline.json"), "--facility",
        example("facility.json"),
      ]
        + Self.reportOptions)
    #expect(run.stdout == expected.stdout)
  }

  @Test("process substitution (/dev/fd/N, read in place) works for a file option")
  func processSubstitution() throws {
    let directory = try emptyDirectory()
    try FileManager.default.copyItem(
      at: examplesFolder.appending(path: "exam-baseline.json"), to: directory.appending(path: "prior.json"))
    let run = try shell(
      #"exec bash -c 'exec "$0" "$@" --prior <(cat prior.json)' "$0" "$@""#,
      ["report", example("exam-follow-up.json"), "--as-of", "2025-05-01"], in: directory)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout
        == (try dxa(
          ["report", example("exam-follow-up.json"), "--prior", example("exam-baseline.json")] + Self.reportOptions))
        .stdout)
  }

  @Test("precision - reads the study from standard input")
  func precisionOnStandardInput() throws {
    let run = try dxa(["precision", "-", "--format", "json"], input: workedStudyCSV)
    #expect(run.status == 0)
    #expect(run.stdout.contains("\"study\": \"standard input\""))
    #expect(run.stdout.contains("\"rms_sd\": 0.0119,"))
  }

  @Test("standard input named twice is a usage error")
  func standardInputTwice() throws {
    let run = try dxa(["report", "-", "--prior", "-"], input: "{}")
    #expect(run.status == 64)
    #expect(run.stderr == "Error: standard input: given for both <exam.json> and --prior; it can be read only once\n")
  }

  @Test(
    "text that is not UTF-8 is exit 65 naming the file and line, wherever it is read",
    arguments: ["report", "precision", "precision-stdin", "score-reference", "batch-map"])
  func notUTF8(command: String) throws {
    let directory = try emptyDirectory()
    // "José" in Latin-1: two patients that U+FFFD would merge into one.
    let latin1Study =
      Data("patient,site,bmd\nJos".utf8) + Data([0xE9]) + Data(",total-hip,0.90\nJos".utf8)
      + Data([0xC9]) + Data(",total-hip,0.91\n".utf8)
    let file = directory.appending(path: "input")
    let run: Run
    switch command {
    case "report":
      try (Data("{\n\"patient\": \"".utf8) + Data([0xE9]) + Data("\"}".utf8)).write(to: file)
      run = try dxa(["report", file.path])
    case "precision":
      try latin1Study.write(to: file)
      run = try dxa(["precision", file.path])
    case "precision-stdin":
      run = try dxa(["precision", "-"], input: String(decoding: Data(), as: UTF8.self), latin1: latin1Study)
    case "score-reference":
      try (Data("{\"title\": \"".utf8) + Data([0xFF]) + Data("\"}".utf8)).write(to: file)
      run = try dxa(["score"] + ErrorTests.valid + ["--reference", file.path])
    default:
      try (Data("{\"notes\": [\"".utf8) + Data([0xFF]) + Data("\"]}".utf8)).write(to: file)
      run = try dxa(["batch", "-", "--map", file.path], input: "site,sex,age,bmd\n")
    }
    #expect(run.status == 65, "\(command): \(run.stderr)")
    let name = command == "precision-stdin" ? "standard input" : file.path
    let line = command.hasPrefix("precision") ? 2 : command == "report" ? 2 : 1
    #expect(run.stderr == "Error: \(name): line \(line): not UTF-8 text; save the file as UTF-8\n")
    #expect(run.stdout.isEmpty)
  }
}

/// Runs `dxa` with raw bytes on its standard input.
func dxa(_ arguments: [String], input: String, latin1 bytes: Data) throws -> Run {
  let process = Process()
  process.executableURL = try dxaExecutable()
  process.arguments = arguments
  process.currentDirectoryURL = try emptyDirectory()
  return try run(process, input: Data(input.utf8) + bytes)
}

// Glibc first, so that `stdout` and `environ` are read with @preconcurrency (Foundation imports Glibc without it).
// swift-format-ignore: OrderedImports
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
// swift-format-ignore: OrderedImports
import DXABatch
// swift-format-ignore: OrderedImports
import Foundation

// `dxa-bench --peers`: the built `dxa batch` beside DuckDB, polars and pandas doing the computation of
// Benchmarks/peers/computation.py on the same file, with `cat` and `cp` as the read and read+write limits. Each tool
// runs as a child process: wall time from spawn to exit; peak memory is that child's maximum resident set as GNU
// time (`/usr/bin/time`, Debian package `time`) reports it. wait4's ru_maxrss cannot be used from here: a child
// spawned by this process carries this process's own peak past exec (Linux keeps the larger), so `cat` would show
// this benchmark's memory.

/// One tool's command line; `{in}` and `{out}` stand for the archive and the tool's output file.
struct PeerTool {
  var name: String
  var command: [String]
  /// Whether its output is written through standard output (`cat`), to /dev/null.
  var discardsOutput = false
  /// Whether its standard output is the output file (`dxa batch … > out.csv`: no fsync, as the peers write).
  var writesStandardOutput = false
  /// Whether it keeps the input's row order (the comparison with dxa's output needs it).
  var keepsOrder = true
}

/// What one run of a child process took.
struct ChildRun {
  var seconds: Double
  var peakKiB: Int
  var status: Int32
}

/// Runs `arguments` under GNU time and waits for it, with standard output to `standardOutput` when given.
func runMeasured(_ arguments: [String], standardOutput: String? = nil) -> ChildRun {
  let report = FileManager.default.temporaryDirectory.appending(path: "dxa-bench-time-\(getpid()).txt").path
  defer { try? FileManager.default.removeItem(atPath: report) }
  var run = runChild(["/usr/bin/time", "-f", "%M", "-o", report] + arguments, standardOutput: standardOutput)
  let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
  run.peakKiB = text.split(separator: "\n").last.flatMap { Int($0) } ?? 0
  return run
}

/// Runs `arguments` (found on PATH) and waits for it, with standard output to `standardOutput` when given.
func runChild(_ arguments: [String], standardOutput: String? = nil) -> ChildRun {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  if let standardOutput {
    posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  }
  let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  defer { for argument in argv { free(argument) } }
  var pid = pid_t()
  fflush(stdout)  // what this process printed comes before what the child prints
  let start = DispatchTime.now()
  guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else {
    return ChildRun(seconds: 0, peakKiB: 0, status: 127)
  }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
  let elapsed = seconds(start)
  let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  return ChildRun(seconds: elapsed, peakKiB: Int(usage.ru_maxrss), status: exitStatus)
}

/// The one-minute load average, read before each run: the machine may be shared.
func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
}

/// Line ends in a file: its records, header included, when no field holds a line break (true of the benchmark's
/// archive and of every tool's output of it).
func countLines(_ path: String) -> Int {
  guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
  defer { try? handle.close() }
  var lines = 0
  while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
    lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }
  return lines
}

func fileSize(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }

/// Installs the peers' pinned packages (Benchmarks/peers/requirements.txt) into .build/peers-venv and returns its
/// python.
func peersPython(root: URL) -> String? {
  let process = Process()
  let output = Pipe()
  process.executableURL = root.appending(path: "Benchmarks/setup-venv.sh")
  process.arguments = ["peers"]
  process.standardOutput = output
  guard (try? process.run()) != nil else { return nil }
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { return nil }
  return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Runs every tool `rounds` times, interleaved, on `path`; prints one table and checks the peers' outputs against
/// dxa's. Returns false when a tool failed or lost rows.
func runPeers(path: String, rounds: Int, root: URL) -> Bool {
  let rows = countLines(path) - 1
  let dxa = root.appending(path: ".build/release/dxa").path
  guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
    print("dxa-bench: /usr/bin/time is missing (it measures each tool's peak memory): apt-get install time")
    return false
  }
  guard FileManager.default.isExecutableFile(atPath: dxa) else {
    print("dxa-bench: \(dxa) is missing; build it first: swift build -c release")
    return false
  }
  print("installing DuckDB, polars and pandas into .build/peers-venv (Benchmarks/peers/requirements.txt) ...")
  guard let python = peersPython(root: root) else {
    print("dxa-bench: Benchmarks/setup-venv.sh peers failed")
    return false
  }
  let peers = root.appending(path: "Benchmarks/peers").path
  let dxaOptions = ["--quiet", "--exit-zero-on-row-errors"]
  let tools = [
    PeerTool(name: "cat (read limit)", command: ["cat", "{in}"], discardsOutput: true),
    PeerTool(name: "cp (read+write limit)", command: ["cp", "{in}", "{out}"]),
    PeerTool(
      name: "dxa batch --jobs 2", command: [dxa, "batch", "{in}", "--jobs", "2"] + dxaOptions,
      writesStandardOutput: true),
    PeerTool(
      name: "dxa batch --jobs 1", command: [dxa, "batch", "{in}", "--jobs", "1"] + dxaOptions,
      writesStandardOutput: true),
    PeerTool(
      name: "dxa batch -j2 -o (fsync)", command: [dxa, "batch", "{in}", "--jobs", "2", "-o", "{out}"] + dxaOptions),
    PeerTool(name: "DuckDB, row order kept", command: [python, "\(peers)/duckdb_batch.py", "{in}", "{out}"]),
    PeerTool(
      name: "DuckDB, any order", command: [python, "\(peers)/duckdb_batch.py", "{in}", "{out}", "--unordered"],
      keepsOrder: false),
    PeerTool(name: "polars, row order kept", command: [python, "\(peers)/polars_batch.py", "{in}", "{out}"]),
    PeerTool(
      name: "polars, any order", command: [python, "\(peers)/polars_batch.py", "{in}", "{out}", "--unordered"],
      keepsOrder: false),
    PeerTool(name: "pandas", command: [python, "\(peers)/pandas_batch.py", "{in}", "{out}"]),
  ]
  let outputFolder = URL(fileURLWithPath: path).deletingLastPathComponent().appending(path: "dxa-bench-peers").path
  try? FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
  let inputBytes = fileSize(path)
  struct Figures {
    var best = Double.infinity
    var peakKiB = 0
    var outputBytes = 0
    var rowsOut = 0
    var loads: [String] = []
    var failed = false
  }
  var figures = [Figures](repeating: Figures(), count: tools.count)
  for round in 1...rounds {
    for (index, tool) in tools.enumerated() {
      let output = "\(outputFolder)/\(index).csv"
      let command = tool.command.map { $0 == "{in}" ? path : $0 == "{out}" ? output : $0 }
      // Every tool starts on equal terms: its previous output is removed (truncating or replacing a file of 150 MB
      // makes the run free its pages) and what the tools before it wrote is flushed to disk, so the kernel's
      // write-back of one tool's output takes no CPU from the next one's run on a 2-core machine.
      // The input is read once more just before (`cat` to /dev/null): a long benchmark gives the kernel time to
      // evict it (this machine runs DAMON's proactive reclaim), and every tool should find it in the page cache.
      try? FileManager.default.removeItem(atPath: output)
      sync()
      _ = runChild(["cat", path], standardOutput: "/dev/null")
      let load = loadAverage()
      let run = runMeasured(
        command, standardOutput: tool.discardsOutput ? "/dev/null" : tool.writesStandardOutput ? output : nil)
      print("round \(round): \(tool.name): \(format(run.seconds, 3)) s, exit \(run.status), load \(load)")
      figures[index].loads.append(load)
      figures[index].failed = figures[index].failed || run.status != 0
      figures[index].best = min(figures[index].best, run.seconds)
      figures[index].peakKiB = max(figures[index].peakKiB, run.peakKiB)
      if !tool.discardsOutput {
        figures[index].outputBytes = fileSize(output)
        figures[index].rowsOut = countLines(output) - 1
      }
    }
  }

  let reference = figures[2].best
  print(
    "\n\(rows) rows, \(format(Double(inputBytes) / 1e6, 1)) MB; best of \(rounds) interleaved run(s) each; "
      + "the machine is shared (1-minute load average before each run in the last column)")
  let header = ["tool", "wall s", "× dxa -j2", "rows/s", "MB/s in", "peak RSS", "output MB", "rows out", "load"]
  let widths = [24, 8, 10, 10, 8, 10, 10, 10, 16]
  func line(_ cells: [String]) -> String {
    zip(cells, widths).enumerated().map { index, pair in
      let padding = String(repeating: " ", count: max(1, pair.1 - pair.0.count))
      return index == 0 ? pair.0 + padding : padding + pair.0
    }.joined()
  }
  print(line(header))
  var ok = true
  for (index, tool) in tools.enumerated() {
    let figure = figures[index]
    let isCopy = index < 2
    let rowsOut = tool.discardsOutput ? "—" : isCopy ? "(copy)" : BatchSummary.grouped(figure.rowsOut)
    if figure.failed || (!isCopy && figure.rowsOut != rows) { ok = false }
    print(
      line([
        tool.name + (figure.failed ? " FAILED" : ""), format(figure.best, 2), format(figure.best / reference, 2) + "×",
        format(Double(rows) / figure.best / 1e6, 2) + " M", format(Double(inputBytes) / figure.best / 1e6, 0),
        format(Double(figure.peakKiB) / 1024, 1) + " MiB",
        tool.discardsOutput ? "—" : format(Double(figure.outputBytes) / 1e6, 1), rowsOut,
        figure.loads.joined(separator: " "),
      ]))
  }
  let fastestPeer = zip(tools, figures).dropFirst(5).min { $0.1.best < $1.1.best }
  if let (tool, figure) = fastestPeer {
    print(
      "the fastest peer (\(tool.name)) took \(format(figure.best / reference, 2))× the time of dxa batch --jobs 2; "
        + "dxa batch --jobs 2 took \(format(reference / figures[1].best, 1))× the time of cp")
  }
  // The peers' numbers beside dxa's, row by row (ordered outputs only).
  for (index, tool) in tools.enumerated() where index > 4 && tool.keepsOrder {
    let compare = runChild(
      [python, "\(peers)/agreement.py", "\(outputFolder)/2.csv", "\(outputFolder)/\(index).csv", tool.name])
    if compare.status != 0 { ok = false }
  }
  for index in tools.indices { try? FileManager.default.removeItem(atPath: "\(outputFolder)/\(index).csv") }
  print(ok ? "every tool wrote every row" : "A TOOL FAILED OR LOST ROWS")
  return ok
}

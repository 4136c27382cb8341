import Foundation
import Testing

/// `dxa import apex`, run as a site would: tables in, exam files or a batch CSV out, then `dxa report`.
@Suite("dxa import apex")
struct ImportCommandTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Fixtures/apex-visit").path

  @Test("from APEX tables to a report: import into a folder, then dxa report on an exam file")
  func tablesToReport() throws {
    let folder = try emptyDirectory()
    let exams = folder.appending(path: "exams").path
    let imported = try dxa(
      [
        "import", "apex", Self.fixture, "-o", exams, "--skip-name", "PHANTOM", "--skipped", "skipped.csv",
        "--as-of", "2026-01-01",
      ], in: folder)
    #expect(imported.status == 0)
    #expect(imported.stdout.isEmpty)
    #expect(imported.stderr.contains("dxa import apex: 6 scans in ScanAnalysis.csv"))
    #expect(imported.stderr.contains("exams written: 2 (from 4 scans)"))
    #expect(!imported.stderr.contains("DOE") && !imported.stderr.contains("1001_9000"))
    let files = try FileManager.default.contentsOfDirectory(atPath: exams).sorted()
    #expect(files == ["1001_9000_2012-05-02.json", "1003_9000_2011-06-01.json"])
    let skipped = try String(contentsOfFile: folder.appending(path: "skipped.csv").path, encoding: .utf8)
    #expect(skipped.split(separator: "\n").count == 3)
    let report = try dxa(["report", "\(exams)/1001_9000_2012-05-02.json", "--as-of", "2026-01-01"], in: folder)
    #expect(report.status == 0)
    #expect(report.stdout.contains("Lumbar spine (L1–L2, L4)"))
  }

  @Test("--format csv writes the batch long layout to standard output")
  func csvToStandardOutput() throws {
    let run = try dxa(["import", "apex", Self.fixture, "--format", "csv", "--quiet", "--as-of", "2026-01-01"])
    #expect(run.status == 0 && run.stderr.isEmpty)
    #expect(run.stdout.hasPrefix("patient_id,scan_id,scan_date,birth_date,sex,"))
    #expect(
      run.stdout.contains(
        "1001_9000,A0001+A0002+A0003,2012-05-02,1948-03-15,female,white,hologic,90001,13.4,femoral-neck,left,,,0.6321400420314608,"
      ))
  }

  @Test(
    "usage and missing input: exit 64 and 66, one line naming what is wrong",
    arguments: [
      (["import"], Int32(64), "Error: <source>: missing"),
      (["import", "dicom", "x"], 64, "Error: 'dicom': unknown source; sources: apex"),
      (["import", "apex", "no-such-folder", "-o", "out"], 66, "Error: no-such-folder: no such folder"),
      (
        ["import", "apex", "FIXTURE"], 64,
        "Error: -o <dir>: missing; --format exam writes one file per visit into a folder"
      ),
      (
        ["import", "apex", "FIXTURE", "--format", "csv", "-o", "FIXTURE/Hip.csv"], 64,
        "Hip.csv: -o names the same file as the input table Hip.csv; write the output elsewhere"
      ),
    ])
  func errors(arguments: [String], status: Int32, message: String) throws {
    // A copy of the fixture: a defect in the clash check must never overwrite the repository's tables.
    let copy = try emptyDirectory().appending(path: "apex-visit")
    try FileManager.default.copyItem(atPath: Self.fixture, toPath: copy.path)
    let run = try dxa(arguments.map { $0.replacing("FIXTURE", with: copy.path) })
    #expect(run.status == status)
    #expect(run.stderr.contains(message))
    #expect(run.stdout.isEmpty)
  }

  @Test("a folder without ScanAnalysis.csv: exit 66, saying how to export it")
  func missingTable() throws {
    let folder = try emptyDirectory()
    try "PATIENT_KEY,BIRTHDATE,SEX\n".write(
      to: folder.appending(path: "PATIENT.csv"), atomically: true, encoding: .utf8)
    let run = try dxa(["import", "apex", folder.path, "-o", "out"])
    #expect(run.status == 66)
    #expect(
      run.stderr.contains(
        "ScanAnalysis.csv: no such file; export it with 'mdb-export PatScan.mdb ScanAnalysis > ScanAnalysis.csv'"))
  }
}

import DXACore
import DXASynthetic
import Testing

@testable import DXABatch

@Suite("The same bytes out for any number of jobs, buffer size and sharding")
struct DeterminismTests {
  static let archive: [UInt8] = {
    var archive = SyntheticArchive(seed: 2024)
    return archive.generate(rows: 6_000)
  }()

  @Test("jobs 1, 2, 3 and 8, large and tiny buffers, reads of any size: identical output, errors and diagnoses")
  func jobsAndBuffers() throws {
    let reference = try runBatch(Self.archive, jobs: 1, bufferSize: 4 << 20)
    #expect(reference.summary.rows == 6_000)
    #expect(reference.records.count == 6_001)
    for (jobs, bufferSize, chunkSize) in [
      (2, 4 << 20, Int.max), (3, 1 << 12, 977), (8, 1 << 16, 65_536), (2, 1 << 10, 1),
    ] {
      let run = try runBatch(Self.archive, jobs: jobs, bufferSize: bufferSize, chunkSize: chunkSize)
      #expect(run.output == reference.output, "jobs \(jobs), buffer \(bufferSize)")
      #expect(run.errors == reference.errors)
      #expect(run.diagnoses == reference.diagnoses)
      #expect(run.summary == reference.summary)
    }
  }

  @Test("a comparison gives the same transitions and changed rows for any number of jobs")
  func comparisonAcrossJobs() throws {
    let compare = { try makeSetup(policy: ScoringPolicy(reference: .pre2013), use: ["nhanes3-hip-young-men"]) }
    let one = try runBatch(Self.archive, compare: try compare(), jobs: 1)
    let three = try runBatch(Self.archive, compare: try compare(), jobs: 3, bufferSize: 1 << 12)
    #expect(one.changed == three.changed)
    #expect(one.summary == three.summary)
    #expect(one.summary.changedRows > 100)
    #expect(one.summary.transitions.reduce(0, +) == one.summary.measurements + one.summary.errorRows)
  }

  @Test("shards scored separately and concatenated (--columns, --no-header after the first) equal the whole run")
  func shards() throws {
    let text = String(decoding: Self.archive, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let header = lines.removeFirst()
    let whole = try runBatch(Self.archive, jobs: 2)
    let columns = header.split(separator: ",").map(String.init)
    let shardSize = 1_700
    var concatenated = ""
    for start in stride(from: 0, to: lines.count, by: shardSize) {
      let shard = lines[start..<min(start + shardSize, lines.count)].joined(separator: "\n") + "\n"
      let run = try runBatch(shard, jobs: start % 2 + 1) { options in
        options.columns = columns
        options.writesHeader = start == 0
      }
      concatenated += run.output
    }
    #expect(concatenated == whole.output)
  }

  @Test("the header alone comes from an empty shard, so a pipeline can write it once")
  func headerOnly() throws {
    let run = try runBatch("") { $0.columns = ["site", "sex", "age", "bmd"] }
    #expect(run.output == "site,sex,age,bmd,t_score,z_score,category,reference,status,error,note\n")
    #expect(run.summary.rows == 0)
  }
}

@Suite("The benchmark's synthetic archive")
struct SyntheticArchiveTests {
  @Test("the same seed gives the same bytes; another seed does not")
  func deterministic() {
    var first = SyntheticArchive(seed: 7)
    var second = SyntheticArchive(seed: 7)
    var other = SyntheticArchive(seed: 8)
    let bytes = first.generate(rows: 20_000)
    #expect(bytes == second.generate(rows: 20_000))
    #expect(bytes != other.generate(rows: 20_000))
    var streamed: [UInt8] = []
    var third = SyntheticArchive(seed: 7)
    third.write(rows: 20_000) { streamed += $0 }
    #expect(streamed == bytes)
  }

  @Test("it looks like a practice: long layout, mostly women, three makers, some bad rows, all of them kept")
  func shape() throws {
    var archive = SyntheticArchive(seed: 1)
    let run = try runBatch(archive.generate(rows: 20_000), jobs: 2)
    let rows = run.rows
    #expect(rows.count == 20_000)
    let women = rows.filter { $0["sex"] == "female" }.count
    #expect(women > 14_000 && women < 18_500)
    let makers = Set(rows.compactMap { $0["manufacturer"] })
    #expect(makers == ["hologic", "ge-lunar", "norland", ""])
    #expect(Set(rows.compactMap { $0["site"] }).isSuperset(of: ["lumbar-spine", "femoral-neck", "total-hip"]))
    #expect(run.summary.errorRows > 5 && run.summary.errorRows < 60)
    #expect(run.summary.reconciliation.values.reduce(0) { $0 + $1.tCompared } > 10_000)
    #expect(rows.contains { $0["model"] == "QDR 4500A, fan beam" })
  }
}

import Foundation
import Testing

@testable import DXAPlatform

@Suite("The one writer: a temporary file renamed into place, devices and FIFOs in place, never a link or folder")
struct OutputFileTests {
  @Test("an existing file is replaced whole, keeps its permissions, and no temporary file is left")
  func replacesExisting() throws {
    let folder = try temporaryFolder()
    let path = folder + "/out.txt"
    try write("old contents", to: path)
    chmod(path, 0o640)
    let output = try OutputFile(path: path)
    try output.write("new")
    // Until the commit the old file is whole, and the new one waits under a temporary name beside it.
    #expect(try contents(path) == "old contents")
    #expect(try names(in: folder) == ["out.txt", "out.txt.partial-\(getpid())"])
    try output.commit()
    #expect(try contents(path) == "new")
    #expect(try names(in: folder) == ["out.txt"])
    #expect(try FileStatus.of(path).permissions == 0o640)
  }

  @Test("a discarded output leaves the old file as it was and removes the temporary file")
  func discardKeepsOld() throws {
    let folder = try temporaryFolder()
    let path = folder + "/out.txt"
    try write("old", to: path)
    do {
      let output = try OutputFile(path: path)
      try output.write("half a rep")
    }
    #expect(try contents(path) == "old")
    #expect(try names(in: folder) == ["out.txt"])
  }

  @Test("a symbolic link is followed: its target is replaced and the link stays a link")
  func followsLinks() throws {
    let folder = try temporaryFolder()
    try write("old", to: folder + "/target.txt")
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.txt", withDestinationPath: "target.txt")
    try OutputFile.write(Array("new".utf8), to: OutputTarget.resolve(folder + "/link.txt"))
    #expect(try kind(folder + "/link.txt") == .symbolicLink)
    #expect(try contents(folder + "/target.txt") == "new")
    // A link to a file that does not exist yet creates the file, not a file in place of the link.
    try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: "created.txt")
    try OutputFile.write(Array("made".utf8), to: OutputTarget.resolve(folder + "/dangling"))
    #expect(try kind(folder + "/dangling") == .symbolicLink)
    #expect(try contents(folder + "/created.txt") == "made")
  }

  @Test("a directory, a missing folder and a link loop are refused before anything is written")
  func refusals() throws {
    let folder = try temporaryFolder()
    try write("keep", to: folder + "/inside.txt")
    #expect(throws: FileError(.cannotCreate, folder, "is a directory")) { try OutputTarget.resolve(folder) }
    #expect(throws: FileError(.cannotCreate, folder + "/", "is a directory")) { try OutputTarget.resolve(folder + "/") }
    #expect(try contents(folder + "/inside.txt") == "keep")
    let missing = folder + "/no/such/out.txt"
    #expect(throws: FileError(.cannotCreate, missing, "cannot be created: No such file or directory")) {
      try OutputTarget.resolve(missing)
    }
    try FileManager.default.createSymbolicLink(atPath: folder + "/a", withDestinationPath: "b")
    try FileManager.default.createSymbolicLink(atPath: folder + "/b", withDestinationPath: "a")
    #expect(throws: FileError(.cannotCreate, folder + "/a", "cannot be created: Too many levels of symbolic links")) {
      try OutputTarget.resolve(folder + "/a")
    }
  }

  @Test("a FIFO is written in place and stays a FIFO")
  func fifoInPlace() throws {
    let folder = try temporaryFolder()
    let fifo = folder + "/pipe"
    try makeFIFO(fifo)
    let target = try OutputTarget.resolve(fifo)
    #expect(target.destination == .inPlace(path: fifo))
    let reader = try onThread { try InputFile(path: fifo).readAll() }
    try OutputFile.write(Array("through the pipe".utf8), to: target)
    #expect(try reader() == Array("through the pipe".utf8))
    #expect(try kind(fifo) == .fifo)
    #expect(try names(in: folder) == ["pipe"])
  }

  @Test("a large file is handed to the disk in 8 MiB steps as it is written, and is whole after the commit")
  func writebackInSteps() throws {
    #expect(FileDescriptor.canStartWriteback)
    #expect(OutputFile.writebackStep == 8 << 20)
    let folder = try temporaryFolder()
    let path = folder + "/big.csv"
    // Seven pieces of 3 MiB, each of its own letter, so a lost or reordered piece shows.
    let pieces = (0..<7).map { [UInt8](repeating: UInt8(ascii: "a") + UInt8($0), count: 3 << 20) }
    let output = try OutputFile(path: path)
    var handed: [Int] = []
    for piece in pieces {
      try output.write(piece)
      handed.append(output.handedToDisk >> 20)
    }
    // 3, 6, 9 (a step: 9 MiB handed), 12, 15, 18 (a step: 9 more), 21 MiB written.
    #expect(handed == [0, 0, 9, 9, 9, 18, 18])
    try output.commit()
    let written = try InputFile(path: path).readAll()
    #expect(written.count == 21 << 20)
    for (index, piece) in pieces.enumerated() {
      let start = index * piece.count
      // memcmp: an element-by-element compare of 21 MiB takes seconds in a debug build.
      let same = written.withUnsafeBytes { all in
        piece.withUnsafeBytes { memcmp(all.baseAddress! + start, $0.baseAddress!, piece.count) == 0 }
      }
      #expect(same, "piece \(index)")
    }
    #expect(try names(in: folder) == ["big.csv"])
  }

  @Test("a FIFO is never asked to write back: only a temporary file is")
  func noWritebackInPlace() throws {
    let folder = try temporaryFolder()
    let fifo = folder + "/pipe"
    try makeFIFO(fifo)
    let reader = try onThread { try InputFile(path: fifo).readAll().count }
    let output = try OutputFile(path: fifo)
    let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    for _ in 0..<9 { try output.write(chunk) }
    #expect(output.handedToDisk == 0)
    try output.commit()
    #expect(try reader() == 9 << 20)
  }

  @Test("a reader that closes early gives EPIPE: an I/O error naming the output, not a crash")
  func brokenPipe() throws {
    signal(SIGPIPE, SIG_IGN)
    let folder = try temporaryFolder()
    let fifo = folder + "/pipe"
    try makeFIFO(fifo)
    let reader = try onThread {
      let file = try InputFile(path: fifo)
      var byte: UInt8 = 0
      _ = try withUnsafeMutableBytes(of: &byte) { try file.read(into: $0) }
      file.close()
    }
    let output = try OutputFile(path: fifo)
    let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 16)
    var failure: FileError?
    for _ in 0..<64 where failure == nil {
      do { try output.write(chunk) } catch { failure = error }
    }
    try reader()
    #expect(failure == FileError(.io, fifo, "cannot be written: Broken pipe"))
  }

  @Test("names of the standard streams map to descriptors (a table of names; no device is opened)")
  func streamNames() {
    #expect(PathNames.descriptor(named: "/dev/stdout") == .standardOutput)
    #expect(PathNames.descriptor(named: "/dev/stdin") == .standardInput)
    #expect(PathNames.descriptor(named: "/dev/fd/63") == FileDescriptor(rawValue: 63))
    #expect(PathNames.descriptor(named: "/proc/self/fd/5") == FileDescriptor(rawValue: 5))
    #expect(PathNames.descriptor(named: "/dev/fd/x") == nil)
    #expect(PathNames.descriptor(named: "out.csv") == nil)
  }
}

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

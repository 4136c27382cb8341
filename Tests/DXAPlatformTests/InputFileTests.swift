import Foundation
import Testing

@testable import DXAPlatform

@Suite("The one reader: files, FIFOs and standard input; UTF-8 checked; clashing paths refused")
struct InputFileTests {
  @Test("a missing file, a directory, and text that is not UTF-8 (named by its line)")
  func errors() throws {
    let folder = try temporaryFolder()
    #expect(throws: FileError(.missing, folder + "/none.json", "no such file")) {
      try TextFile.read(folder + "/none.json")
    }
    #expect(throws: FileError(.cannotOpen, folder, "is a directory")) { try TextFile.read(folder) }
    let latin1 = folder + "/latin1.csv"
    _ = FileManager.default.createFile(atPath: latin1, contents: Data([0x61, 0x0A, 0x62, 0x0A, 0x4A, 0xE9, 0x0A]))
    #expect(throws: FileError(.notText, latin1, "line 3: not UTF-8 text; save the file as UTF-8")) {
      try TextFile.read(latin1)
    }
    #expect(UTF8Check.firstInvalidByte(in: Array("é".utf8)) == nil)
    #expect(UTF8Check.firstInvalidByte(in: [0x61, 0xC3]) == 1)
  }

  @Test(
    "UTF8Check.isValid: ASCII is skipped 32 and 8 bytes at a time and the rest checked in full, at every position",
    arguments: 0...70)
  func validUTF8(asciiPrefix: Int) {
    func valid(_ tail: [UInt8]) -> Bool {
      let bytes = Array(repeating: UInt8(ascii: "a"), count: asciiPrefix) + tail
      return bytes.withUnsafeBufferPointer(UTF8Check.isValid)
    }
    #expect(valid([]))
    #expect(valid(Array("é,Zoë".utf8)))
    #expect(valid(Array("😀x".utf8)))
    #expect(!valid([0xE9]))  // Latin-1 é
    #expect(!valid([0xC3]))  // a sequence cut short at the end
    #expect(!valid([0xC3, 0x41]))  // a lead byte without its continuation
    #expect(!valid([0x80]))  // a lone continuation byte
    #expect(!valid(Array("é".utf8) + [0xFF]))
  }

  @Test("UTF8Check.isValid: one non-ASCII sequence at every position of every length agrees with the full check")
  func validUTF8EveryPosition() {
    let sequences: [[UInt8]] = [[0xE9], [0xC3, 0xA9], [0xC3], [0x80], Array("😀".utf8)]
    for length in 0...80 {
      for position in 0...length {
        for sequence in sequences {
          var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
          bytes.insert(contentsOf: sequence, at: position)
          let expected = UTF8Check.firstInvalidByte(in: bytes) == nil
          #expect(bytes.withUnsafeBufferPointer(UTF8Check.isValid) == expected, "\(bytes)")
        }
      }
    }
  }

  @Test("a FIFO is read to its end")
  func fifo() throws {
    let folder = try temporaryFolder()
    let fifo = folder + "/in"
    try makeFIFO(fifo)
    let writer = try onThread { try OutputFile.write(Array("a,b\n1,2\n".utf8), to: OutputTarget.resolve(fifo)) }
    #expect(try TextFile.read(fifo) == "a,b\n1,2\n")
    try writer()
  }

  @Test("an output that is an input is refused, however it is named: ./, a link, a hard link")
  func outputIsInput() throws {
    let folder = try temporaryFolder()
    let exam = folder + "/exam.json"
    try write("{}", to: exam)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.json", withDestinationPath: "exam.json")
    link(exam, folder + "/hard.json")
    for name in [exam, folder + "/./exam.json", folder + "/link.json", folder + "/hard.json"] {
      #expect(
        throws: FileError(.conflict, name, "-o names the same file as the input <exam>; write the output elsewhere")
      ) {
        try PathConflicts.check(inputs: [.init("<exam>", exam)], outputs: [.init("-o", name)])
      }
    }
    #expect(try contents(exam) == "{}")
    // A new file named twice is a clash too, before either exists.
    #expect(throws: FileError(.conflict, "./x.csv", "given for both -o and --errors; each output needs its own file")) {
      try PathConflicts.check(inputs: [], outputs: [.init("-o", "x.csv"), .init("--errors", "./x.csv")])
    }
    #expect(
      throws: FileError(.conflict, "standard input", "given for both <exam> and --prior; it can be read only once")
    ) {
      try PathConflicts.check(inputs: [.init("<exam>", "-"), .init("--prior", "-")], outputs: [])
    }
    let targets = try PathConflicts.check(inputs: [.init("<exam>", exam)], outputs: [.init("-o", folder + "/out")])
    #expect(targets.map(\.destination) == [.replace(path: folder + "/out", existing: nil)])
  }

  @Test("a thread that cannot start is reported, not waited for")
  func threads() throws {
    let counter = Counter()
    let thread = try PlatformThread.start { counter.add() }
    thread.join()
    #expect(counter.value == 1)
    #expect(throws: Errno.self) {
      // A stack larger than the address space cannot be mapped.
      _ = try PlatformThread.start(stackSize: Int.max / 2) {}
    }
  }
}

private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func add() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}

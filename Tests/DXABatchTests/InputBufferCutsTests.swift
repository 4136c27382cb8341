import DXACSV
import Testing

@testable import DXABatch

/// The end of a buffer's last whole record is found by jumping to its last line end; the walk record by record from
/// the start is the reference.
@Suite("The last whole record of a buffer")
struct InputBufferCutsTests {
  /// Pieces of CSV that stress the rules: quoted line ends, CR alone and CRLF, stray and doubled quotes.
  private static let pieces = [
    "abc", ",", "1.25", "\n", "\r\n", "\r", "\"", "\"a,b\"", "\"x\ny\"", "\"say \"\"hi\"\"\"", "a\"b", "\"\r\"",
  ]

  /// The reference: every record start from the buffer's start, one after another.
  private func walkedEnd(_ buffer: InputBuffer) -> Int? {
    var boundaries = RecordBoundaries(buffer.window)
    var last: Int?
    while case .recordStart(let next) = boundaries.recordStart(after: last ?? 0, from: last ?? 0) { last = next }
    return last
  }

  private func buffer(seed: UInt64, bytes: Int, capacity: Int) throws -> InputBuffer {
    var state = seed
    var text: [UInt8] = []
    while text.count < bytes {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      text += Array(Self.pieces[Int(state >> 33) % Self.pieces.count].utf8)
    }
    var source = MemorySource(text)
    var buffer = InputBuffer(capacity: capacity, recordLimit: 1 << 20)
    try buffer.fill(from: &source)
    return buffer
  }

  @Test("random buffers, with and without the 64 KiB tail jump: the same end as the walk", arguments: 0..<60)
  func randomBuffers(seed: Int) throws {
    for capacity in [300, 5_000, 70_000] {
      let buffer = try buffer(seed: UInt64(seed), bytes: capacity + 100, capacity: capacity)
      defer { buffer.deallocate() }
      #expect(!buffer.isAtEnd)
      #expect(buffer.wholeRecordsEnd() == walkedEnd(buffer))
    }
  }

  @Test("a quoted field holding the buffer's last line end: the record before it")
  func lastLineEndQuoted() throws {
    var source = MemorySource(Array("a,b\nc,\"d\ne".utf8) + Array(repeating: UInt8(ascii: "x"), count: 50))
    var buffer = InputBuffer(capacity: 11, recordLimit: 1 << 20)
    defer { buffer.deallocate() }
    try buffer.fill(from: &source)
    // The quote opened at 6 does not close within the limit in the bytes read so far: undecided past 4.
    #expect(buffer.wholeRecordsEnd() == walkedEnd(buffer))
    #expect(walkedEnd(buffer) == 4)
  }

  @Test("a CR last in the buffer may start a CRLF: the record before it")
  func carriageReturnLast() throws {
    var source = MemorySource(Array("a,b\r\nc,d\r\ne".utf8))
    var buffer = InputBuffer(capacity: 9, recordLimit: 1 << 20)
    defer { buffer.deallocate() }
    try buffer.fill(from: &source)
    #expect(buffer.wholeRecordsEnd() == 5)
  }
}

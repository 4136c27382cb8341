import DXACore
import Testing

@testable import DXABatch

/// The compact row's scores are written from ``ShortTenths`` without a branch on their sign or on whether they are
/// there (``ByteCursor/appendTenths(ifPresent:_:)``); they must be the bytes of the general formatter.
@Suite("Scores below 10 written from a table, present or not")
struct ShortTenthsTests {
  private let table = ShortTenths.shared

  /// What `body` writes, followed by `>`: the byte after shows where the position was left.
  private func written(_ body: (inout ByteCursor) -> Void) -> String {
    let buffer = ByteBuffer(capacity: 8)
    buffer.write(room: 64) { cursor in
      body(&cursor)
      cursor.append(UInt8(ascii: ">"))
    }
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  @Test("every value from −15.0 to 15.0, both signs and one or two digits: the general formatter's bytes")
  func everyShortAndNearValue() {
    for value in Int64(-150)...150 {
      let general = written { $0.appendDecimal(value, scale: 1) }
      #expect(written { $0.appendTenths(ifPresent: value, table) } == general, "\(value)")
      #expect(written { $0.appendTenths(value) } == general, "\(value)")
    }
  }

  @Test("worked values", arguments: [(Int64(-28), "-2.8"), (0, "0.0"), (-5, "-0.5"), (99, "9.9"), (-99, "-9.9")])
  func workedValues(tenths: Int64, text: String) {
    #expect(written { $0.appendTenths(ifPresent: tenths, table) } == text + ">")
  }

  @Test(
    "values outside the table take the general path",
    arguments: [Int64(100), -100, 123_456, -123_456, Int64.max, Int64.min, Int64.min + 1, Int64.max - 98])
  func longValues(tenths: Int64) {
    #expect(!ShortTenths.holds(tenths))
    #expect(written { $0.appendTenths(ifPresent: tenths, table) } == written { $0.appendDecimal(tenths, scale: 1) })
  }

  @Test("a missing score writes nothing")
  func missing() {
    #expect(written { $0.appendTenths(ifPresent: nil, table) } == ">")
  }

  @Test("a value not kept leaves the position where it was, whatever its sign")
  func notKept() {
    for value in Int64(-99)...99 {
      #expect(written { $0.appendShortTenths(value, keeping: false, table) } == ">", "\(value)")
      #expect(written { $0.appendShortTenths(value, keeping: true, table) } == written { $0.appendTenths(value) })
    }
  }

  @Test("differences with one-decimal device scores, from the table or not: the exact path's bytes and counts")
  func differences() {
    // Differences from −30.0 to 30.0: both signs, one and two digits, and zero.
    for tenths in stride(from: Int64(-150), through: 150, by: 3) {
      for device in stride(from: Int64(-150), through: 150, by: 5) {
        let value = ExactDecimal(significand: device, scale: 1)
        var count = DifferenceCount()
        let text = written { count = RowProcessor.writeCountedDifference(tenths, value, table, to: &$0) }
        var exact: RowProcessor.Difference?
        let expected = written { cursor in
          cursor.append(UInt8(ascii: ","))
          exact = RowProcessor.writeExactDifference(tenths, value, to: &cursor)
        }
        #expect(text == expected, "\(tenths) − \(device)")
        #expect(count == DifferenceCount(exact), "\(tenths) − \(device)")
      }
    }
  }

  @Test("the table holds exactly −99…99 tenths")
  func bounds() {
    #expect((Int64(-99)...99).allSatisfy(ShortTenths.holds))
    #expect(![Int64(-100), 100, Int64.min, Int64.max].contains(where: ShortTenths.holds))
  }

  @Test("an optional's stored bits are its value when it has one", arguments: [Int64.min, -1, 0, 1, 99, Int64.max])
  func storedBits(value: Int64) {
    #expect(Int64?.some(value).storedBits == value)
  }
}

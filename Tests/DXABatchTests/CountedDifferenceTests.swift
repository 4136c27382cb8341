import DXACore
import Testing

@testable import DXABatch

/// The compact row's differences with the device are written and counted in tenths when the device score has one
/// decimal (``RowProcessor/writeCountedDifference(_:_:to:)``); they must be the bytes and counts of the exact path.
@Suite("Differences with the device, written and counted in tenths")
struct CountedDifferenceTests {
  private func written(_ body: (inout ByteCursor) -> Void) -> String {
    let buffer = ByteBuffer(capacity: 8)
    buffer.write(room: 64, body)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  /// The bytes and count of the tenths path.
  private func counted(_ tenths: Int64?, _ device: ExactDecimal?) -> (text: String, count: DifferenceCount) {
    var count = DifferenceCount()
    let text = written { count = RowProcessor.writeCountedDifference(tenths, device, to: &$0) }
    return (text, count)
  }

  /// The bytes and count of the general path (``RowProcessor/writeDifference(_:_:to:)``, ``RowProcessor/exceeds(_:)``).
  private func general(_ tenths: Int64, _ device: ExactDecimal) -> (text: String, count: DifferenceCount) {
    var difference: RowProcessor.Difference?
    let text = written { cursor in
      cursor.append(UInt8(ascii: ","))
      difference = RowProcessor.writeExactDifference(tenths, device, to: &cursor)
    }
    let exact = RowProcessor.exactDifference(tenths, device)
    #expect(difference?.significand == exact?.significand && difference?.scale == exact?.scale)
    return (text, DifferenceCount(exact))
  }

  @Test(
    "worked values: −2.8 against the device's −2.9, 1.3 against 1.0, −1.3 against 0.9",
    arguments: [
      (Int64(-28), Int64(-29), ",0.1", DifferenceCount(compared: 1, over01: 0, over02: 0)),
      (13, 10, ",0.3", DifferenceCount(compared: 1, over01: 1, over02: 1)),
      (-13, 9, ",-2.2", DifferenceCount(compared: 1, over01: 1, over02: 1)),
      (5, 3, ",0.2", DifferenceCount(compared: 1, over01: 1, over02: 0)),
      (-5, -3, ",-0.2", DifferenceCount(compared: 1, over01: 1, over02: 0)),
      (0, 0, ",0.0", DifferenceCount(compared: 1, over01: 0, over02: 0)),
      (-40, 60, ",-10.0", DifferenceCount(compared: 1, over01: 1, over02: 1)),
    ])
  func workedValues(tenths: Int64, device: Int64, text: String, count: DifferenceCount) {
    let result = counted(tenths, ExactDecimal(significand: device, scale: 1))
    #expect(result.text == text)
    #expect(result.count == count)
  }

  @Test("every score and one-decimal device score from −15.0 to 15.0: the bytes and counts of the exact path")
  func agreesWithExactPath() {
    for tenths in Int64(-150)...150 {
      for device in stride(from: Int64(-150), through: 150, by: 7) {
        let value = ExactDecimal(significand: device, scale: 1)
        let (fast, slow) = (counted(tenths, value), general(tenths, value))
        #expect(fast.text == slow.text && fast.count == slow.count)
      }
    }
  }

  @Test(
    "other device scales and the 64-bit limits take the exact path, as before",
    arguments: [
      (Int64(-13), "-2.85"), (25, "3"), (0, "0.000000000000000000000001"), (-13, "999999999999999999"),
      (Int64.min, "0.1"), (Int64.max, "-0.1"), (Int64.min + 1, "0.0"),
    ])
  func exactPath(tenths: Int64, device: String) throws {
    let value = try #require(ExactDecimal(device))
    let (fast, slow) = (counted(tenths, value), general(tenths, value))
    #expect(fast.text == slow.text)
    #expect(fast.count == slow.count)
    #expect(fast.count.compared == 1)
  }

  @Test("a missing score or device score: a comma, not counted")
  func missing() {
    for (tenths, device) in [(Int64?.none, ExactDecimal(significand: 3, scale: 1)), (5, nil), (nil, nil)] {
      let result = counted(tenths, device)
      #expect(result.text == ",")
      #expect(result.count == DifferenceCount())
    }
  }
}

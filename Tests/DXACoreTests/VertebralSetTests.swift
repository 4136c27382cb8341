import DXACore
import Testing

@Suite("Vertebral sets")
struct VertebralSetTests {
  @Test(
    "labels name contiguous runs with a dash and gaps with a comma",
    arguments: [
      ([Site.l1, .l2, .l3, .l4], "L1–L4", "l1-l4"),
      ([.l2, .l3, .l4], "L2–L4", "l2-l4"),
      ([.l3, .l1], "L1, L3", "l1,l3"),
      ([.l4, .l1, .l2], "L1–L2, L4", "l1-l2,l4"),
      ([.l2], "L2", "l2"),
    ])
  func labels(vertebrae: [Site], label: String, identifier: String) throws {
    let set = try #require(VertebralSet(vertebrae))
    #expect(set.label == label)
    #expect(set.identifier == identifier)
    #expect(VertebralSet(label: label) == set)
    #expect(VertebralSet(label: identifier) == set)
  }

  @Test("anything but L1–L4 is refused", arguments: ["", "l5", "l4-l1", "l1-l2-l3", "hip", "l1,,l2"])
  func refused(label: String) {
    #expect(VertebralSet(label: label) == nil)
  }

  @Test("only vertebrae make a set")
  func onlyVertebrae() {
    #expect(VertebralSet([.l1, .femoralNeck]) == nil)
    #expect(VertebralSet([]) == nil)
    #expect(VertebralSet([.l1, .l1, .l2])?.members == [.l1, .l2])
  }
}

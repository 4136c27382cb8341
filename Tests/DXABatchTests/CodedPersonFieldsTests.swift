import DXACore
import Testing

@testable import DXABatch

@Suite("Coded person fields read once per span of bytes: the same values and errors as reading them every time")
struct CodedPersonFieldsTests {
  /// A small deterministic generator (64-bit LCG, high bits): the same rows on every run.
  struct Generator {
    var state: UInt64
    mutating func below(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
  }

  /// `bytes` packed from memory holding exactly them (a byte past the span would be outside the allocation).
  static func packed(_ bytes: [UInt8]) -> PackedSpan? {
    let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
    defer { memory.deallocate() }
    memory.initialize(from: bytes, count: bytes.count)
    return PackedSpan(memory, count: bytes.count)
  }

  @Test("PackedSpan: equal bytes of equal count pack equal, and a change of any one byte changes the packing")
  func packedSpan() {
    var generator = Generator(state: 7)
    for count in 0...PackedSpan.capacity {
      for _ in 0..<20 {
        let bytes = (0..<count).map { _ in UInt8(generator.below(256)) }
        let packed = Self.packed(bytes)
        #expect(packed != nil && packed != PackedSpan.none)
        #expect(packed == Self.packed(Array(bytes)))
        #expect((0..<256).contains(packed?.hash(bits: 8) ?? -1))
        for position in 0..<count {
          var changed = bytes
          changed[position] ^= UInt8(1 + generator.below(255))
          #expect(Self.packed(changed) != packed, "count \(count), byte \(position)")
        }
        // One byte more or less is another span, whatever the bytes.
        if count > 0 { #expect(Self.packed(Array(bytes.dropLast())) != packed) }
      }
    }
    #expect(Self.packed([UInt8](repeating: 0x61, count: PackedSpan.capacity + 1)) == nil)
  }

  /// Rows whose sex, menopause, maker and ethnicity come from a few combinations (valid, differently written and
  /// invalid), with dates that change on every row, so that the person is read each time and its coded fields
  /// come from the table whenever their bytes were read before.
  static func rows(count: Int, seed: UInt64) -> [String] {
    var generator = Generator(state: seed)
    let sexes = ["female", "male", "Female", "F", "m", " female ", "\"female\"", "x", ""]
    let statuses = ["", "post", "pre", "peri", "Post", "postmenopausal", "after"]
    let makers = ["hologic", "ge-lunar", "GE_Lunar", "ge lunar", "norland", "", "siemens", "lunar"]
    let ethnicities = ["white", "black", "", "asian", "Mexican American", "martian", "hispanic"]
    let combinations = (0..<14).map { _ in
      [
        "sex": generator.pick(sexes), "menopause": generator.pick(statuses),
        "manufacturer": generator.pick(makers), "ethnicity": generator.pick(ethnicities),
      ]
    }
    let sites = ["femoral-neck", "total-hip", "lumbar-spine", "radius-33"]
    return (0..<count).map { index in
      var values = generator.pick(combinations)
      values["patient_id"] = "P\(index)"
      values["site"] = generator.pick(sites)
      values["bmd"] = "0.\(400 + generator.below(600))"
      switch generator.below(10) {
      case 0: values["age"] = "\(20 + generator.below(70))"
      case 1: values["birth_date"] = "19\(10 + generator.below(80))-02-30"
      default: values["birth_date"] = "19\(10 + generator.below(80))-0\(1 + generator.below(9))-1\(generator.below(10))"
      }
      values["scan_date"] = "20\(10 + generator.below(15))-1\(generator.below(3))-2\(generator.below(9))"
      return longRow(values)
    }
  }

  @Test("each row in a file scores and fails as it does alone", arguments: [UInt64(1), 2, 3])
  func sameAsAlone(seed: UInt64) throws {
    let setup = try makeSetup()
    let rows = Self.rows(count: 160, seed: seed)
    let together = try runBatch("\(header)\n" + rows.joined(separator: "\n") + "\n", setup: setup)
    let lines = together.output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == rows.count + 2)
    var statuses: [String: Int] = [:]
    for (index, row) in rows.enumerated() {
      let alone = try runBatch("\(header)\n\(row)\n", setup: setup)
      let aloneLines = alone.output.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines[index + 1] == aloneLines[1], "row \(index + 1)")
      statuses[alone.rows.first?["status"] ?? "", default: 0] += 1
    }
    // Both kinds of row occur: scored ones (their coded fields kept and read back) and errors.
    #expect(statuses["ok", default: 0] > 20 && statuses["error", default: 0] > 20, "\(statuses)")
  }

  @Test("a kept combination is not taken for one that differs in one byte or in length")
  func nearMisses() throws {
    let base = ["patient_id": "P1", "site": "femoral-neck", "bmd": "0.700", "birth_date": "1950-01-01"]
    func row(_ sex: String, _ status: String, _ maker: String, _ scan: String) -> String {
      longRow(
        base.merging(["sex": sex, "menopause": status, "manufacturer": maker, "scan_date": scan, "ethnicity": "white"])
        {
          _, new in new
        })
    }
    let input = [
      header,
      row("female", "post", "hologic", "2020-01-01"),
      row("female", "post", "norland", "2020-01-02"),
      row("female", "pre", "hologic", "2020-01-03"),
      row("female", "post", "hologic", "2020-01-04"),
      row("male", "", "hologic", "2020-01-05"),
      row("male", "post", "hologic", "2020-01-06"),
      row("female", "post", "hologix", "2020-01-07"),
    ].joined(separator: "\n")
    let run = try runBatch(input + "\n")
    let rows = run.rows
    #expect(rows.map { $0["status"] } == ["ok", "ok", "ok", "ok", "ok", "error", "error"])
    #expect(rows[5]["error"] == "menopause: 'post' was given for a man; it applies to women only")
    #expect(rows[6]["error"] == "manufacturer: is not one of: hologic, ge-lunar, norland; did you mean 'hologic'?")
    // Norland and Hologic spines and hips differ, so the same BMD scores differently.
    #expect(rows[0]["t_score"] == rows[3]["t_score"])
    #expect(rows[0]["t_score"] != rows[1]["t_score"])
  }
}

import DXACSV
import DXACore

/// The appended columns of a row: scores, status, error, note and differences with the device.
extension RowProcessor {
  /// The appended columns of a row and its line break, from `scores` and `inputs`. Read here rather than passed:
  /// passing an array retained and released it for every row.
  func writeScores(to buffer: ByteBuffer, error: String?, status: StaticBytes) {
    guard !layout.isWide else {
      writeWideScores(to: buffer, error: error, status: status)
      return
    }
    // `,t_score,z_score,category,reference,status,error,note[,t_score_diff,z_score_diff]`: the short pieces through a
    // cursor, the texts as they are.
    // Read through the buffer: `first` called the array's count out of line.
    let score = sites.count > 0 ? sites.scores[0] : nil
    if error == nil, !options.longNotes, status.base == constants.ok.base, let score,
      let tail = scorer.compactTail(score)
    {
      // A row scored from a template, as nearly all are: everything from its reference to its note is the
      // template's and kept in one slot of words, so the whole of it goes through one cursor, with one capacity
      // check, and the constant texts are copied as whole words.
      // Only the device's scores of the input: copying the whole input was most of the rest of this path.
      let device: (t: ExactDecimal?, z: ExactDecimal?) =
        sites.count > 0 && sites.isMeasured[0]
        ? (sites.inputs[0].deviceTScore, sites.inputs[0].deviceZScore) : (nil, nil)
      let reconciles = reconciles
      // Read once: a static is a call each time.
      let shortTenths = ShortTenths.shared
      var counted = (t: DifferenceCount(), z: DifferenceCount())
      // A sum of small constants: wrapping additions, without overflow checks.
      let room = constants.numbersRoom &+ CategoryText.slotSize &+ ByteCursor.wordSlotSize
      buffer.write(room: room &+ 2 &* Self.differenceRoom &+ 1) { cursor in
        cursor.append(CSVByte.comma)
        cursor.appendTenths(ifPresent: score.tTenths, shortTenths)
        cursor.append(CSVByte.comma)
        cursor.appendTenths(ifPresent: score.zTenths, shortTenths)
        cursor.append(CSVByte.comma)
        // The category and its comma as one slot of words (room for a whole slot is reserved above).
        if let category = score.category {
          constants.categories.appendSlot(category, to: &cursor)
        } else {
          cursor.append(CSVByte.comma)
        }
        cursor.appendWords(tail.words, keeping: tail.count)
        if reconciles {
          // `RowProcessor.`, not `Self.`: with `Self` in it, this closure was no longer inlined (30 million
          // instructions more at 400,000 rows).
          counted.t = RowProcessor.writeCountedDifference(score.tTenths, device.t, shortTenths, to: &cursor)
          counted.z = RowProcessor.writeCountedDifference(score.zTenths, device.z, shortTenths, to: &cursor)
        }
        cursor.append(CSVByte.newline)
      }
      // The differences just written are the ones reconciliation counts (a score and a device score).
      if reconciles, counted.t.compared | counted.z.compared != 0 {
        count(counted.t, counted.z, site: sites.inputs[0].site, manufacturer: sites.inputs[0].manufacturer)
      }
      return
    }
    buffer.write(room: constants.numbersRoom) { cursor in
      cursor.append(CSVByte.comma)
      writeNumbers(score, to: &cursor)
    }
    if let score { writeReference(score, scorer: scorer, to: buffer) }
    if let error {
      buffer.write(room: status.count + 2) { cursor in
        cursor.append(CSVByte.comma)
        cursor.append(status.buffer)
        cursor.append(CSVByte.comma)
      }
      buffer.appendField(error, neutralisingFormulas: options.neutralisesFormulas)
      buffer.append(CSVByte.comma)
    } else {
      buffer.write(room: status.count + 3) { cursor in
        cursor.append(CSVByte.comma)
        cursor.append(status.buffer)
        cursor.append(CSVByte.comma)
        cursor.append(CSVByte.comma)
      }
    }
    if let score { writeNote(score, scorer: scorer, to: buffer) }
    let input = sites.count > 0 ? sites.input(0) : nil
    let reconciles = reconciles
    buffer.write(room: 2 * Self.differenceRoom + 1) { cursor in
      if reconciles { writeDifferences(score, input, to: &cursor) }
      cursor.append(CSVByte.newline)
    }
    if reconciles, let score, input != nil { reconcile(score, sites.inputs) }
  }

  /// A recomputed score minus the device's, exactly: a significand and its number of decimals (128 bits: a device
  /// score too long for the 64-bit arithmetic still has its difference, ``wideDifference(_:_:)``).
  typealias Difference = (significand: Int128, scale: Int)

  /// The most bytes ``writeDifference(_:_:to:)`` writes: a comma and a decimal.
  private static var differenceRoom: Int { 1 + 48 }

  private func writeWideScores(to buffer: ByteBuffer, error: String?, status: StaticBytes) {
    for index in layout.sites.indices {
      buffer.append(CSVByte.comma)
      writeBlock(sites.scores[index], scorer: scorer, to: buffer)
      if sitesReconcile[index] {
        let (score, input) = (sites.scores[index], sites.input(index))
        buffer.write(room: 2 * Self.differenceRoom) { writeDifferences(score, input, to: &$0) }
      }
    }
    buffer.append(CSVByte.comma)
    buffer.append(status)
    buffer.append(CSVByte.comma)
    if let error { buffer.appendField(error, neutralisingFormulas: options.neutralisesFormulas) }
    buffer.append(CSVByte.newline)
  }

  /// `t_score,z_score,category,reference,note` of one measurement (all empty when there is none).
  func writeBlock(_ score: MeasurementScore?, scorer: RowScorer, to buffer: ByteBuffer) {
    buffer.write(room: constants.numbersRoom) { writeNumbers(score, to: &$0) }
    if let score { writeReference(score, scorer: scorer, to: buffer) }
    buffer.append(CSVByte.comma)
    if let score { writeNote(score, scorer: scorer, to: buffer) }
  }

  /// `t_score,z_score,category,`: the reference follows.
  @inline(__always)
  func writeNumbers(_ score: MeasurementScore?, to cursor: inout ByteCursor) {
    guard let score else {
      cursor.append(constants.threeCommas.buffer)
      return
    }
    if let tenths = score.tTenths { cursor.appendTenths(tenths) }
    cursor.append(CSVByte.comma)
    if let tenths = score.zTenths { cursor.appendTenths(tenths) }
    cursor.append(CSVByte.comma)
    if let category = score.category { constants.categories.append(category, to: &cursor) }
    cursor.append(CSVByte.comma)
  }

  @inline(__always)
  func writeReference(_ score: MeasurementScore, scorer: RowScorer, to buffer: ByteBuffer) {
    if options.longNotes {
      scorer.writeLongReference(score, to: buffer)
    } else {
      scorer.writeCompactReference(score, to: buffer)
    }
  }

  @inline(__always)
  func writeNote(_ score: MeasurementScore, scorer: RowScorer, to buffer: ByteBuffer) {
    if options.longNotes {
      scorer.writeLongNote(score, to: buffer)
    } else {
      scorer.writeCompactNote(score, to: buffer)
    }
  }

  /// `,t_score_diff,z_score_diff`: recomputed minus device, exactly.
  @inline(__always)
  func writeDifferences(_ score: MeasurementScore?, _ input: MeasurementInput?, to cursor: inout ByteCursor) {
    writeDifference(score?.tTenths, input?.deviceTScore, to: &cursor)
    writeDifference(score?.zTenths, input?.deviceZScore, to: &cursor)
  }

  @inline(__always) @discardableResult
  func writeDifference(_ tenths: Int64?, _ device: ExactDecimal?, to cursor: inout ByteCursor) -> Difference? {
    cursor.append(CSVByte.comma)
    guard let tenths, let device else { return nil }
    return Self.writeExactDifference(tenths, device, to: &cursor)
  }

  /// `,difference` as ``writeDifference(_:_:to:)`` writes it, and how the reconciliation counts it. A one-decimal
  /// device score, as nearly all are, is subtracted and counted in tenths, without the exact path's 128-bit value.
  @inline(__always)
  static func writeCountedDifference(
    _ tenths: Int64?, _ device: ExactDecimal?, _ table: ShortTenths = .shared, to cursor: inout ByteCursor
  ) -> DifferenceCount {
    cursor.append(CSVByte.comma)
    guard let tenths, let device else { return DifferenceCount() }
    if device.scale == 1 {
      let (difference, overflow) = tenths.subtractingReportingOverflow(device.significand)
      if !overflow {
        // Below 10.0, as nearly every difference: from the table, without a branch on the sign.
        cursor.appendTenths(ifPresent: difference, table)
        return DifferenceCount(tenths: difference)
      }
    }
    return DifferenceCount(writeExactDifference(tenths, device, to: &cursor))
  }

  /// tenths/10 − device, exactly, without the comma before it. Out of line: the rare path, kept out of the row
  /// loop's code.
  @inline(never)
  static func writeExactDifference(_ tenths: Int64, _ device: ExactDecimal, to cursor: inout ByteCursor) -> Difference?
  {
    if let difference = Self.difference(tenths, device) {
      if difference.scale == 1 {
        // The same bytes as appendDecimal with one decimal, without its loops.
        cursor.appendTenths(difference.significand)
      } else {
        cursor.appendDecimal(difference.significand, scale: difference.scale)
      }
      return (Int128(difference.significand), difference.scale)
    }
    guard let difference = Self.wideDifference(tenths, device) else { return nil }
    cursor.appendDecimal(difference.significand, scale: difference.scale)
    return difference
  }

  /// tenths/10 − device, exactly, in 64 bits when it fits, else in 128.
  static func exactDifference(_ tenths: Int64, _ device: ExactDecimal) -> Difference? {
    if let difference = difference(tenths, device) { return (Int128(difference.significand), difference.scale) }
    return wideDifference(tenths, device)
  }

  /// tenths/10 − device, exactly, with as many decimals as the longer of the two; nil when it does not fit 64 bits
  /// (``wideDifference(_:_:)`` then gives it).
  @inline(__always)
  static func difference(_ tenths: Int64, _ device: ExactDecimal) -> (significand: Int64, scale: Int)? {
    // Devices print one decimal: both are then in tenths, and the general form below multiplies by 10^0.
    if device.scale == 1 {
      let (difference, overflow) = tenths.subtractingReportingOverflow(device.significand)
      return overflow ? nil : (difference, 1)
    }
    let scale = max(1, device.scale)
    // 10^17 is the largest power of ten below the 64-bit limit used here.
    guard scale <= 18 else { return nil }
    var power: Int64 = 1
    for _ in 0..<(scale - 1) { power *= 10 }
    var devicePower: Int64 = 1
    for _ in 0..<(scale - device.scale) { devicePower *= 10 }
    let (recomputed, overflowA) = tenths.multipliedReportingOverflow(by: power)
    let (given, overflowB) = device.significand.multipliedReportingOverflow(by: devicePower)
    let (difference, overflowC) = recomputed.subtractingReportingOverflow(given)
    guard !overflowA, !overflowB, !overflowC else { return nil }
    return (difference, scale)
  }

  /// tenths/10 − device in 128 bits, for a device score too long for 64 (`999999999999999999` needs 10^19 tenths;
  /// `0.0000000000000000000012` has 22 decimals). The device side is multiplied by at most 10 and the recomputed side
  /// by at most 10^23 (24 decimals): that fits for any score below 10^14, so for every score of a plausible BMD; nil
  /// only past that.
  static func wideDifference(_ tenths: Int64, _ device: ExactDecimal) -> Difference? {
    let scale = max(1, device.scale)
    var power: Int128 = 1
    for _ in 0..<(scale - 1) { power *= 10 }
    let (recomputed, overflow) = Int128(tenths).multipliedReportingOverflow(by: power)
    guard !overflow else { return nil }
    let given = Int128(device.significand) * (device.scale == 0 ? 10 : 1)
    return (recomputed - given, scale)
  }

  /// Counts the differences of a measurement's scores from the device's; the measurement is read in place.
  func reconcile(_ score: MeasurementScore, _ input: UnsafePointer<MeasurementInput>) {
    // Only the fields used are read: a copy of the whole input was most of the cost.
    let (deviceT, deviceZ) = (input.pointee.deviceTScore, input.pointee.deviceZScore)
    guard deviceT != nil || deviceZ != nil else { return }
    let t = score.tTenths.flatMap { tenths in deviceT.flatMap { Self.exactDifference(tenths, $0) } }
    let z = score.zTenths.flatMap { tenths in deviceZ.flatMap { Self.exactDifference(tenths, $0) } }
    count(DifferenceCount(t), DifferenceCount(z), site: input.pointee.site, manufacturer: input.pointee.manufacturer)
  }

  /// Adds a measurement's counted differences from the device in the piece's reconciliation.
  @inline(__always)
  func count(_ t: DifferenceCount, _ z: DifferenceCount, site: Site, manufacturer: Manufacturer?) {
    let counts = reconciliation.base + Self.reconciliationSlot(site, manufacturer)
    // Counts of one piece's rows: wrapping additions of 0 or 1, without overflow checks or branches.
    counts.pointee.tCompared &+= t.compared
    counts.pointee.tOver01 &+= t.over01
    counts.pointee.tOver02 &+= t.over02
    counts.pointee.zCompared &+= z.compared
    counts.pointee.zOver01 &+= z.over01
    counts.pointee.zOver02 &+= z.over02
  }

  /// Whether |difference| > 0.1 and > 0.2.
  @inline(__always)
  static func exceeds(_ difference: Difference) -> (Bool, Bool) {
    let magnitude = difference.significand.magnitude
    // In tenths: 0.1 is 1.
    if difference.scale == 1 { return (magnitude > 1, magnitude > 2) }
    var tenth: UInt128 = 1
    for _ in 0..<(difference.scale - 1) { tenth *= 10 }
    return (magnitude > tenth, magnitude > 2 * tenth)
  }
}

/// How one difference from the device counts in the reconciliation: each field 0 or 1, all 0 when a score or the
/// device's is missing (or the difference does not fit, which no plausible score reaches).
struct DifferenceCount: Equatable {
  var compared = 0
  /// |difference| > 0.1.
  var over01 = 0
  /// |difference| > 0.2.
  var over02 = 0

  init() {}

  init(compared: Int, over01: Int, over02: Int) {
    (self.compared, self.over01, self.over02) = (compared, over01, over02)
  }

  /// A difference in tenths: 0.1 is 1.
  @inline(__always)
  init(tenths difference: Int64) {
    let magnitude = difference.magnitude
    compared = 1
    over01 = magnitude > 1 ? 1 : 0
    over02 = magnitude > 2 ? 1 : 0
  }

  /// An exact difference, of any scale (``RowProcessor/exceeds(_:)``).
  init(_ difference: RowProcessor.Difference?) {
    guard let difference else { return }
    let (exceeds01, exceeds02) = RowProcessor.exceeds(difference)
    compared = 1
    over01 = exceeds01 ? 1 : 0
    over02 = exceeds02 ? 1 : 0
  }
}

/// Category names as output bytes, in one block of memory: written without touching an array of arrays.
struct CategoryText: @unchecked Sendable {
  private let block: StaticBytes
  private let starts: [Int]
  private let counts: [Int]
  /// Each name followed by a comma, in a slot of ``slotSize`` bytes (four words), and the length of each.
  private let slots: UnsafePointer<UInt64>
  private let slotCounts: UnsafePointer<Int>
  /// The longest name's length in bytes.
  static let longest = Category.allCases.map(\.rawValue.utf8.count).max() ?? 0
  /// The bytes ``appendSlot(_:to:)`` writes, whatever the name: the longest name and its comma fit.
  static var slotSize: Int { ByteCursor.wordSlotSize }

  init() {
    let names = Category.allCases.map { Array($0.rawValue.utf8) }
    block = StaticBytes(names.flatMap { $0 })
    starts = names.indices.map { names[..<$0].reduce(0) { $0 + $1.count } }
    counts = names.map(\.count)
    precondition(Self.longest < Self.slotSize)
    let words = Self.slotSize / 8
    let slotStorage = UnsafeMutablePointer<UInt64>.allocate(capacity: names.count * words)
    slotStorage.initialize(repeating: 0, count: names.count * words)
    let countStorage = UnsafeMutablePointer<Int>.allocate(capacity: names.count)
    for (index, name) in names.enumerated() {
      let slot = UnsafeMutableRawPointer(slotStorage + index * words)
      slot.copyMemory(from: name, byteCount: name.count)
      slot.storeBytes(of: CSVByte.comma, toByteOffset: name.count, as: UInt8.self)
      countStorage[index] = name.count + 1
    }
    slots = UnsafePointer(slotStorage)
    slotCounts = UnsafePointer(countStorage)
  }

  /// The name of `category` and a comma, written as four whole words (aligned loads, no length tests): the cursor
  /// must have ``slotSize`` bytes of room, of which it keeps the name and the comma.
  @inline(__always)
  func appendSlot(_ category: Category, to cursor: inout ByteCursor) {
    let index = caseIndex(category)
    cursor.appendWords(slots + index * (Self.slotSize / 8), keeping: slotCounts[index])
  }

  @inline(__always)
  func append(_ category: Category, to cursor: inout ByteCursor) {
    let index = caseIndex(category)
    cursor.append(UnsafeBufferPointer(start: block.base + starts[index], count: counts[index]))
  }
}

/// Constant bytes kept for the life of the process, written by pointer: no array is touched per row.
struct StaticBytes: @unchecked Sendable {
  let base: UnsafePointer<UInt8>
  let count: Int

  init(_ text: String) { self.init(Array(text.utf8)) }

  init(_ bytes: [UInt8]) {
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    storage.initialize(from: bytes, count: bytes.count)
    base = UnsafePointer(storage)
    count = bytes.count
  }

  var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

extension ByteBuffer {
  @inline(__always)
  func append(_ bytes: StaticBytes) { append(bytes.buffer) }
}

import DXACSV
import DXACore

/// A scored measurement: the reported scores and category, and where its reference and note texts come from.
///
/// A plain value, with no reference to an object: rows are scored, kept and written without reference counting.
struct MeasurementScore {
  var tTenths: Int64? = nil
  var zTenths: Int64? = nil
  var category: Category? = nil
  /// Where the texts are, in the ``RowScorer`` that scored it: template `source` when ≥ 0, else the current row's
  /// result `−1 − source` (an engine result, or a site not scored and its note).
  var source: Int32
  /// The row's age, which a long note may quote.
  var age: ExactDecimal
}

/// Scores measurements for one worker: from a template when the row's kind has one, else with the engine.
///
/// Keeps its own table of the templates it has met, so the shared store's lock is taken once per kind of row. The
/// numbers of each template and its compact texts are kept in flat memory; the per-row path touches no object.
final class RowScorer {
  let setup: ScoringSetup
  private let classCount: Int
  private let ethnicitySlots = ScoringSetup.ethnicitySlots
  private let categoryRule = CategoryRule()
  /// The setup's age classes, held here: read through the shared setup, its three arrays were retained and
  /// released for every measurement.
  private let ageClasses: AgeClasses
  /// Per kind and age class: 0 not yet known, −1 engine only, n > 0 the template `n − 1`. 16-bit: the table
  /// (2,912 kinds × 23 classes with the shipped tables: 131 KiB) is read at random, one entry a row. A scorer that
  /// has met `templateLimit` templates scores the rows of any further kind with the engine.
  // One worker's own state: no dynamic exclusivity checks in the hot path.
  @exclusivity(unchecked) private var slots: [Int16]
  private let templateLimit: Int
  /// The templates met so far (for their long texts), and their numbers and compact texts as plain values: what
  /// every row reads in one cache line each, the rest beside it.
  @exclusivity(unchecked) private var templates: [ScoreTemplate] = []
  private let compiled = ValueBuffer<CompiledTemplate>(alignment: CompiledTemplate.lineSize)
  private let compiledRest = ValueBuffer<CompiledRest>()
  /// The compact tails of the templates (``compactTail(_:)``), each padded to a slot of four words when it fits one:
  /// written as whole words, without a test of its length.
  private let textSlots = ValueBuffer<UInt64>()
  /// The status of a row scored without an error, which a template's compact tail holds, and the commas around it.
  private let okStatus = RowProcessor.ConstantBytes.shared.ok.buffer
  private let commas = RowProcessor.ConstantBytes.shared.threeCommas.buffer
  private let texts = ByteBuffer(capacity: 1 << 12)
  /// The current row's results that have no template: engine results and sites not scored.
  @exclusivity(unchecked) private var rowResults: [RowScore] = []
  /// How many measurements went through the engine rather than a template (for the benchmark's report).
  @exclusivity(unchecked) private(set) var engineCount = 0

  /// What a row scored from a template reads of it (``score(_:)``, ``compactTail(_:)``): its scores' terms, its
  /// category rule and where its compact tail is. One cache line: `compiled` aligns its elements to 64 bytes, and a
  /// row touches one line of the template where the whole of it (240 bytes) took three or four.
  struct CompiledTemplate {
    /// How T and Z are computed. Read first: copying a whole ``AffineScore`` (or only to see that there is none)
    /// was a `memcpy` per row.
    var tTerms: Terms
    var zTerms: Terms
    var basis: Classification.Basis?
    /// The length of the template's compact tail when it fits a slot (at most ``ByteCursor/wordSlotSize``).
    var tailCount: UInt8
    /// Where the slot of the template's compact tail starts in `textSlots`, or −1 when the tail is too long for a
    /// slot.
    var tailSlot: Int32

    /// The size of a cache line, and of this value.
    static let lineSize = 64
  }

  /// The rest of a compiled template, read off the common path: the terms of scores too large for 64-bit
  /// arithmetic, and where the template's compact texts are in `texts`.
  struct CompiledRest {
    /// Read for ``Terms/wide`` only.
    var tWide: AffineScore.WideTerms?
    var zWide: AffineScore.WideTerms?
    var reference: Range<Int>
    var note: Range<Int>
  }

  /// How a template gives a score: not at all, with 64-bit terms, or with its whole ``AffineScore``.
  enum Terms {
    case absent
    case narrow(AffineScore.NarrowTerms)
    case wide

    init(_ score: AffineScore?) {
      guard let score else {
        self = .absent
        return
      }
      self = score.narrow.map(Terms.narrow) ?? .wide
    }
  }

  convenience init(setup: ScoringSetup) {
    self.init(setup: setup, templateLimit: Int(Int16.max))
  }

  /// A scorer that keeps at most `templateLimit` templates (`Int16.max`; tests lower it).
  init(setup: ScoringSetup, templateLimit: Int) {
    self.setup = setup
    classCount = setup.ageClasses.count
    ageClasses = setup.ageClasses
    slots = [Int16](repeating: 0, count: ScoringSetup.kindCount * classCount)
    self.templateLimit = min(templateLimit, Int(Int16.max))
  }

  /// Forgets the previous row's results; call before scoring a row.
  @inline(__always)
  func startRow() {
    if !rowResults.isEmpty { rowResults.removeAll(keepingCapacity: true) }
  }

  /// The scores of one measurement; throws the core's validation error (fields `bmd`, `age`, `menopause`).
  func score(_ input: MeasurementInput) throws(InputError) -> MeasurementScore {
    var result: MeasurementScore?
    try withUnsafePointer(to: input) { input throws(InputError) in try score(at: input, into: &result) }
    return result.unsafelyUnwrapped
  }

  /// The same, read in place and written in place: the row loop's slots. Passed as a value, the measurement (113
  /// bytes) was copied for every row from the stores that had just written it, and the score read back the same
  /// way; the processor waited on both (perf: a third of the row driver's samples).
  @inline(__always)
  func score(at input: UnsafePointer<MeasurementInput>, into result: UnsafeMutablePointer<MeasurementScore?>)
    throws(InputError)
  {
    // The template's arithmetic is written here rather than in a method of its own, which was not inlined: its call,
    // frame and optional result cost a tenth of a row's scoring. A score out of range goes to the engine.
    fromTemplate: if setup.usesTemplates, let ageUnits = input.pointee.ageUnits,
      Self.isPlainlyValid(input, ageUnits: ageUnits), let index = template(input, ageUnits: ageUnits)
    {
      let template = compiled.base + index
      let bmd = input.pointee.bmd
      // The BMD passed ``isPlainlyValid(_:ageUnits:)``: at most six decimals, below 10^7.
      let power = AffineScore.power(bmd.scale)
      var tTenths: Int64?
      var zTenths: Int64?
      switch template.pointee.tTerms {
      case .narrow(let terms):
        let tenths = terms.tenths(significand: bmd.significand, power: power)
        guard tenths.magnitude < 1_000_000 else { break fromTemplate }
        tTenths = tenths
      case .wide:
        guard let tenths = compiledRest[index].tWide?.tenths(significand: bmd.significand, power: power),
          tenths.magnitude < 1_000_000
        else { break fromTemplate }
        tTenths = tenths
      case .absent:
        break
      }
      switch template.pointee.zTerms {
      case .narrow(let terms):
        let tenths = terms.tenths(significand: bmd.significand, power: power)
        guard tenths.magnitude < 1_000_000 else { break fromTemplate }
        zTenths = tenths
      case .wide:
        guard let tenths = compiledRest[index].zWide?.tenths(significand: bmd.significand, power: power),
          tenths.magnitude < 1_000_000
        else { break fromTemplate }
        zTenths = tenths
      case .absent:
        break
      }
      let category: Category?
      switch template.pointee.basis {
      case .tScore?: category = tTenths.map(categoryRule.who)
      case .zScore?: category = zTenths.map(categoryRule.zStatement)
      case nil: category = nil
      }
      result.pointee = MeasurementScore(
        tTenths: tTenths, zTenths: zTenths, category: category, source: Int32(index), age: input.pointee.age)
      return
    }
    result.pointee = try scoreWithEngine(input.pointee)
  }

  /// Kept out of line: inlined, the engine's values made the template path's frame kilobytes large.
  @inline(never)
  private func scoreWithEngine(_ input: MeasurementInput) throws(InputError) -> MeasurementScore {
    engineCount += 1
    let result = try setup.engine.score(input.request)
    return add(RowScore(result), age: input.age)
  }

  /// A site that is not scored, with its note (excluded, or a spine total while a vertebra is excluded).
  func unscored(note: String, code: NoteCode) -> MeasurementScore {
    add(RowScore(tTenths: nil, zTenths: nil, category: nil, reference: "", note: note, noteCodes: [code]), age: 0)
  }

  private func add(_ fields: RowScore, age: ExactDecimal) -> MeasurementScore {
    rowResults.append(fields)
    return MeasurementScore(
      tTenths: fields.tTenths, zTenths: fields.zTenths, category: fields.category,
      source: -Int32(rowResults.count), age: age)
  }

  /// The output fields of a score, as one value (for comparing the fast path with the engine).
  func rowScore(of score: MeasurementScore) -> RowScore {
    guard score.source >= 0 else { return rowResults[Int(-1 - score.source)] }
    let template = templates[Int(score.source)]
    return RowScore(
      tTenths: score.tTenths, zTenths: score.zTenths, category: score.category, reference: template.reference,
      note: template.note(age: score.age), noteCodes: template.noteCodes, tReference: template.tReference,
      zReference: template.zReference)
  }

  // MARK: Writing the texts

  /// The columns from `reference` to `note` of a row scored from a template without an error, all constant for the
  /// template: `T:r3,ok,,Z1`, the compact reference, the status `ok`, an empty error and the compact note. A slot of
  /// four words and the length to keep of it (``ByteCursor/appendWords(_:keeping:)``); nil for an engine result or a
  /// tail too long for a slot. Valid until the scorer meets its next template.
  @inline(__always)
  func compactTail(_ score: MeasurementScore) -> (words: UnsafePointer<UInt64>, count: Int)? {
    guard score.source >= 0 else { return nil }
    let template = compiled.base + Int(score.source)
    let slot = Int(template.pointee.tailSlot)
    guard slot >= 0 else { return nil }
    return (UnsafePointer(textSlots.base) + slot, Int(template.pointee.tailCount))
  }

  /// The compact tail of a template (``compactTail(_:)``) in a new slot of four words in `textSlots`, zero-padded,
  /// and its length; slot −1 when it does not fit one.
  private func tailSlot(reference: UnsafeBufferPointer<UInt8>, note: UnsafeBufferPointer<UInt8>) -> (
    slot: Int, count: Int
  ) {
    // `reference,ok,,note`.
    let pieces = [
      reference, UnsafeBufferPointer(rebasing: commas[..<1]), okStatus, UnsafeBufferPointer(rebasing: commas[..<2]),
      note,
    ]
    let count = pieces.reduce(0) { $0 + $1.count }
    guard count <= ByteCursor.wordSlotSize else { return (-1, count) }
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    withUnsafeMutableBytes(of: &words) { slot in
      var position = 0
      for piece in pieces {
        UnsafeMutableRawBufferPointer(rebasing: slot[position...]).copyMemory(from: UnsafeRawBufferPointer(piece))
        position += piece.count
      }
    }
    let start = textSlots.count
    for word in [words.0, words.1, words.2, words.3] { textSlots.append(word) }
    return (start, count)
  }

  /// The compact `reference` field (`T:r3;Z:r17`).
  @inline(__always)
  func writeCompactReference(_ score: MeasurementScore, to buffer: ByteBuffer) {
    if score.source >= 0 {
      // A few bytes: copied by the cursor rather than by a call to memcpy.
      let bytes = texts.bytes(compiledRest[Int(score.source)].reference)
      buffer.write(room: bytes.count) { $0.append(bytes) }
    } else {
      writeResultReference(Int(-1 - score.source), to: buffer)
    }
  }

  /// The compact `reference` field of an engine result. Out of line: the row loop writes template texts.
  @inline(never)
  private func writeResultReference(_ index: Int, to buffer: ByteBuffer) {
    let fields = rowResults[index]
    buffer.append(setup.compactReference(t: fields.tReference, z: fields.zReference))
  }

  /// The compact `note` field (`Z1;A1`).
  @inline(__always)
  func writeCompactNote(_ score: MeasurementScore, to buffer: ByteBuffer) {
    if score.source >= 0 {
      let bytes = texts.bytes(compiledRest[Int(score.source)].note)
      buffer.write(room: bytes.count) { $0.append(bytes) }
    } else {
      writeResultNote(Int(-1 - score.source), to: buffer)
    }
  }

  /// The compact `note` field of an engine result or a site not scored. Out of line, as above.
  @inline(never)
  private func writeResultNote(_ index: Int, to buffer: ByteBuffer) {
    buffer.append(NoteCode.field(rowResults[index].noteCodes))
  }

  /// The long `reference` field, in words.
  func writeLongReference(_ score: MeasurementScore, to buffer: ByteBuffer) {
    if score.source >= 0 {
      buffer.append(templates[Int(score.source)].referenceField)
    } else {
      buffer.appendWords(rowResults[Int(-1 - score.source)].reference)
    }
  }

  /// The long `note` field, in words.
  func writeLongNote(_ score: MeasurementScore, to buffer: ByteBuffer) {
    if score.source >= 0 {
      templates[Int(score.source)].writeNote(age: score.age, to: buffer)
    } else {
      buffer.appendWords(rowResults[Int(-1 - score.source)].note)
    }
  }

  // MARK: Templates

  @inline(__always)
  private func template(_ input: UnsafePointer<MeasurementInput>, ageUnits: Int64) -> Int? {
    let ageClass = ageClasses.index(ofUnits: ageUnits, site: input.pointee.site, sex: input.pointee.sex)
    let key = ScoringSetup.kind(input, ethnicitySlots: ethnicitySlots) &* classCount &+ ageClass
    let slot = slots[key]
    if slot > 0 { return Int(slot) - 1 }
    if slot < 0 { return nil }
    return learnTemplate(key: key, input: input.pointee, ageUnits: ageUnits)
  }

  /// The first row of a kind in this worker: its template from the shared setup, compiled into this scorer.
  @inline(never)
  private func learnTemplate(key: Int, input: MeasurementInput, ageUnits: Int64) -> Int? {
    switch setup.template(key: key, request: input.request, ageUnits: ageUnits) {
    case .template where templates.count >= templateLimit:
      slots[key] = -1
      return nil
    case .template(let template):
      templates.append(template)
      let reference = texts.appendRange(template.compactReference)
      let note = texts.appendRange(template.compactNote)
      let tail = tailSlot(reference: texts.bytes(reference), note: texts.bytes(note))
      compiled.append(
        CompiledTemplate(
          tTerms: Terms(template.tScore), zTerms: Terms(template.zScore), basis: template.basis,
          tailCount: tail.slot >= 0 ? UInt8(tail.count) : 0, tailSlot: Int32(tail.slot)))
      compiledRest.append(
        CompiledRest(
          tWide: template.tScore?.wide, zWide: template.zScore?.wide, reference: reference, note: note))
      slots[key] = Int16(templates.count)
      return templates.count - 1
    case .engineOnly:
      slots[key] = -1
      return nil
    }
  }

  /// Rows whose values are plainly inside every limit the core checks; anything else goes to the engine, which
  /// gives the exact error (or scores a value the quick check could not judge).
  @inline(__always)
  private static func isPlainlyValid(_ request: UnsafePointer<MeasurementInput>, ageUnits: Int64) -> Bool {
    let bmd = request.pointee.bmd
    guard bmd.scale >= 0, bmd.scale <= AffineScore.maximumScale, bmd.significand > 0, bmd.significand < 10_000_000
    else {
      return false
    }
    // BMD within 0.050–2.500 g/cm², in millionths.
    let micro = bmd.significand &* AffineScore.power(AffineScore.maximumScale - bmd.scale)
    guard micro >= 50_000, micro <= 2_500_000 else { return false }
    guard ageUnits >= 0, ageUnits <= 120 * AgeClasses.unitsPerYear else { return false }
    return !(request.pointee.sex == .male && request.pointee.menopause != nil)
  }
}

/// A growable array of plain values in raw memory: read on the hot path without uniqueness checks or reference
/// counting. Each worker owns its own.
final class ValueBuffer<Element> {
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Element>
  @exclusivity(unchecked) private(set) var count = 0
  @exclusivity(unchecked) private var capacity = 16
  /// The alignment of the storage: the element's own, or more (a cache line, so that an element of that size sits in
  /// one).
  private let alignment: Int

  init(alignment: Int = MemoryLayout<Element>.alignment) {
    self.alignment = max(alignment, MemoryLayout<Element>.alignment)
    base = Self.allocate(capacity: capacity, alignment: self.alignment)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  private static func allocate(capacity: Int, alignment: Int) -> UnsafeMutablePointer<Element> {
    UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Element>.stride, alignment: alignment)
      .bindMemory(to: Element.self, capacity: capacity)
  }

  subscript(index: Int) -> Element { base[index] }

  func append(_ element: Element) {
    if count == capacity {
      let grown = Self.allocate(capacity: capacity * 2, alignment: alignment)
      grown.moveInitialize(from: base, count: count)
      base.deallocate()
      base = grown
      capacity *= 2
    }
    (base + count).initialize(to: element)
    count += 1
  }
}

/// The core's category rules, looked up by reported score in tenths. The rules themselves stay in DXACore
/// (``Category/who(reportedTScore:)``); these tables only remember their answers for the usual range.
///
/// Each scorer keeps its own tables: a `static let` costs a call per read in the row loop.
struct CategoryRule {
  private let range: ClosedRange<Int64> = -200...200
  private let whoTable: [Category]
  private let zTable: [Category]

  init() {
    whoTable = range.map { Category.who(reportedTScore: ExactDecimal(significand: $0, scale: 1)) }
    zTable = range.map { Category.zStatement(reportedZScore: ExactDecimal(significand: $0, scale: 1)) }
  }

  @inline(__always)
  func who(_ tenths: Int64) -> Category {
    range.contains(tenths)
      ? whoTable[Int(tenths - range.lowerBound)]
      : Category.who(reportedTScore: ExactDecimal(significand: tenths, scale: 1))
  }

  @inline(__always)
  func zStatement(_ tenths: Int64) -> Category {
    range.contains(tenths)
      ? zTable[Int(tenths - range.lowerBound)]
      : Category.zStatement(reportedZScore: ExactDecimal(significand: tenths, scale: 1))
  }
}

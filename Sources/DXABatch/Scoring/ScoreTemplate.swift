import DXACSV
import DXACore
import DXAPlatform

/// Everything about the scores of one kind of row that does not depend on its BMD: which reference, which
/// category rule, what the note says. Built from the engine's own results, then applied to each row's BMD with
/// integer arithmetic (``AffineScore``).
///
/// A kind of row is a site, sex, menopausal status, maker and ethnicity, and an age class (see
/// ``AgeClasses``): within one class the engine picks the same references and rules for every age.
final class ScoreTemplate: Sendable {
  /// T and Z as functions of the BMD, or nil when the engine gives no such score for this kind of row.
  let tScore: AffineScore?
  let zScore: AffineScore?
  /// The score the category is read from; nil when there is no category (its reason is in the note).
  let basis: Classification.Basis?
  let reference: String
  /// The note, split where it quotes the person's age ("no reference at age 85"), to be joined with each row's age.
  let noteSegments: [String]
  /// The reference as a CSV field, ready to copy into the output.
  let referenceField: [UInt8]
  /// The note's segments as bytes, quotes doubled, and whether the field needs quoting (the age never does).
  let noteSegmentBytes: [[UInt8]]
  let noteNeedsQuotes: Bool
  /// The note as codes, and the T and Z references alone (for the compact columns).
  let noteCodes: [NoteCode]
  let tReference: String?
  let zReference: String?
  /// The compact `reference` and `note` fields (``ScoringSetup/compactReference(t:z:)``, ``NoteCode/field(_:)``):
  /// made once here, where every worker that meets the template made its own.
  let compactReference: [UInt8]
  let compactNote: [UInt8]
  /// The engine's result at BMD 1.000 this template was built from; when the scores at 2.000 were derived from it
  /// and the note quotes no age (`isShared`), another age class whose result is the same has this template
  /// (``isTemplate(of:)``). When the note quotes the age, another class whose results have the same scores and
  /// read as this note at two of its ages has it (``holds(for:age:references:)``).
  private let source: ScoreResult
  let isShared: Bool
  /// Whether the scores at 2.000 were derived from `source` (``DXACore/ScoringEngine/rescoredScores(_:bmd:)``).
  let isDerived: Bool

  /// Whether another age class of the kind whose results read as this note may have this template
  /// (``holds(for:age:references:)``): the note quotes the age and was checked at two ages of its class, and the
  /// scores were derived from the result.
  var isSharedByWords: Bool { isDerived && noteSegments.count > 1 }
  /// Whether another age class of the kind may have this template: the same result (``isShared``), or the same scores
  /// and words (``isSharedByWords``).
  var mayServeOtherClasses: Bool { isShared || isSharedByWords }

  init(
    tScore: AffineScore?, zScore: AffineScore?, basis: Classification.Basis?, fields: RowScore,
    noteSegments: [String], source: consuming ScoreResult, isShared: Bool, isDerived: Bool, compactReference: [UInt8]
  ) {
    self.compactReference = compactReference
    compactNote = NoteCode.field(fields.noteCodes)
    self.source = consume source
    self.isShared = isShared
    self.isDerived = isDerived
    self.tScore = tScore
    self.zScore = zScore
    self.basis = basis
    reference = fields.reference
    noteCodes = fields.noteCodes
    tReference = fields.tReference
    zReference = fields.zReference
    self.noteSegments = noteSegments
    // The engine's own words, never a formula: written as they are whatever --formulas says.
    referenceField = CSVText.field(reference, neutralisingFormulas: false)
    noteNeedsQuotes = noteSegments.contains(where: CSVText.needsQuotes)
    noteSegmentBytes = noteSegments.map { segment in
      // On the contiguous bytes: walking a string's UTF-8 view costs tens of instructions a byte.
      var segment = segment
      return segment.withUTF8 { bytes in
        // Most notes hold no quote: their bytes as they are, copied at once.
        guard bytes.contains(CSVByte.quote) else { return Array(bytes) }
        var doubled: [UInt8] = []
        doubled.reserveCapacity(bytes.count + 2)
        for byte in bytes {
          doubled.append(byte)
          if byte == CSVByte.quote { doubled.append(CSVByte.quote) }
        }
        return doubled
      }
    }
  }

  /// The note for a row of this age.
  func note(age: ExactDecimal) -> String {
    noteSegments.count == 1 ? noteSegments[0] : noteSegments.joined(separator: Self.ageToken(age))
  }

  /// Writes the note of a row of this age as a CSV field; the same bytes as `ByteBuffer.appendWords(note(age:))`.
  @inline(__always)
  func writeNote(age: ExactDecimal, to buffer: ByteBuffer) {
    if noteNeedsQuotes { buffer.append(CSVByte.quote) }
    for (index, segment) in noteSegmentBytes.enumerated() {
      if index > 0 {
        buffer.append(Self.agePrefix)
        buffer.appendDecimal(age.significand, scale: age.scale)
      }
      buffer.append(segment)
    }
    if noteNeedsQuotes { buffer.append(CSVByte.quote) }
  }

  /// Whether `note`, the engine's note at `age`, is this template's note joined with `age` as ``writeNote(age:to:)``
  /// writes it (the same segments and digits; the quoting follows from the bytes). Compared as bytes: joining the
  /// segments as a string and comparing strings cost more.
  func isNote(_ note: String, age: ExactDecimal) -> Bool {
    // A whole-number age written with a negative scale has no fixed-decimal form here (the batch reads none).
    guard age.scale >= 0 else { return false }
    let joined = ByteBuffer(capacity: 256)
    for (index, segment) in noteSegments.enumerated() {
      if index > 0 {
        joined.append(Self.agePrefix)
        joined.appendDecimal(age.significand, scale: age.scale)
      }
      joined.append(segment)
    }
    var note = note
    return note.withUTF8 { bytes in
      guard bytes.count == joined.count, let base = bytes.baseAddress else { return bytes.count == joined.count }
      return Bytes.equal(base, joined.base, count: bytes.count)
    }
  }

  private static let agePrefix: [UInt8] = Array("age ".utf8)

  static func ageToken(_ age: ExactDecimal) -> String { "age \(age)" }
}

extension ScoreTemplate {
  /// Builds the template for `request`'s kind of row from the engine's results at BMD 1.000 and 2.000. Nil when
  /// the result is not an exact affine function of the BMD (LMS curves with L ≠ 1, interpolated points, numbers too
  /// large for 128-bit arithmetic): such rows go to the engine. When the note quotes the age, the template is also
  /// checked against the engine at `otherAge`, another age of the class.
  ///
  /// `siblings` are templates of other age classes of the same kind of row: when one was built from the same result
  /// as this class's, or quotes the age and reads as this class's results at its two ages, it is this class's
  /// template too, and the rest of the work is saved. `references` words the references and gives their ids
  /// (``ScoringSetup/referenceWords``).
  static func build(
    engine: ScoringEngine, request: ScoreRequest, otherAge: ExactDecimal, siblings: [ScoreTemplate] = [],
    references: ReferenceWords
  ) -> ScoreTemplate? {
    guard let one = try? engine.score(probe(request, age: request.age, bmd: 1000)) else { return nil }
    if let sibling = siblings.first(where: { $0.isTemplate(of: one) }) { return sibling }
    // A note that quotes the age is the same words at two ages of this class, as it was at two of its own: the age
    // is all that differs. (One age is not enough: at a class that is one age, 50, a note quoting a fixed "age 50"
    // reads as the person's age.)
    let quoting = siblings.filter { $0.isSharedByWords && sameScores(one, $0.source) }
    if !quoting.isEmpty {
      let words = RowScore(one) { _, used in references.entry(of: used).text }
      if let sibling = quoting.first(where: { $0.reads(words, age: request.age) }),
        let otherOne = try? engine.score(probe(request, age: otherAge, bmd: 1000)),
        sibling.holds(for: otherOne, age: otherAge, references: references)
      {
        return sibling
      }
    }
    guard let analysis = analyse(engine: engine, one: one, references: references) else { return nil }
    let fields = analysis.fields
    // A note without "age " quotes no age: it is one segment, and the age need not be worded to look for it.
    let quotesAge = mayQuoteAge(fields.note)
    let compactReference = ReferenceWords.compactReference(t: analysis.tEntry, z: analysis.zEntry)
    // The result moved into the template, not copied.
    let template = ScoreTemplate(
      tScore: analysis.tScore, zScore: analysis.zScore, basis: analysis.basis, fields: fields,
      noteSegments: quotesAge ? split(fields.note, at: ageToken(request.age)) : [fields.note], source: consume one,
      isShared: analysis.isDerived && !quotesAge, isDerived: analysis.isDerived, compactReference: compactReference)
    guard template.noteSegments.count > 1 else { return template }
    // The other age's note is compared whole, as the bytes its rows get: cut where it quotes that age and joined
    // again with it, it is itself.
    guard let otherOne = try? engine.score(probe(request, age: otherAge, bmd: 1000)),
      template.holds(for: otherOne, age: otherAge, references: references)
    else { return nil }
    return template
  }

  /// Whether `result`, the engine's result at BMD 1.000 of a request of this template's kind at `age`, gives the rows
  /// at that age what this template gives them: the same scores as lines of the BMD (``sameScores(_:_:)``) and the
  /// same `reference`, `note` (joined with `age`, compared as bytes) and note codes.
  func holds(for result: ScoreResult, age: ExactDecimal, references: ReferenceWords) -> Bool {
    Self.sameScores(result, source) && reads(RowScore(result) { _, used in references.entry(of: used).text }, age: age)
  }

  /// Whether `fields`, the words of a result at `age`, are this template's words at that age.
  private func reads(_ fields: RowScore, age: ExactDecimal) -> Bool {
    fields.reference == reference && fields.noteCodes == noteCodes && isNote(fields.note, age: age)
  }

  /// `request` at `age` and BMD `significand` thousandths.
  private static func probe(_ request: ScoreRequest, age: ExactDecimal, bmd significand: Int64) -> ScoreRequest {
    var probe = request
    probe.age = age
    probe.bmd = ExactDecimal(significand: significand, scale: 3)
    return probe
  }

  /// What a template is made of: its scores as lines, its category rule and its columns' words.
  private struct Analysis {
    var tScore: AffineScore?
    var zScore: AffineScore?
    var basis: Classification.Basis?
    var fields: RowScore
    /// The words and ids of the T and Z references (nil without a score), for the compact `reference` column.
    var tEntry: ReferenceWords.Entry?
    var zEntry: ReferenceWords.Entry?
    /// Whether the scores at BMD 2.000 were derived from the result at 1.000
    /// (``DXACore/ScoringEngine/rescoredScores(_:bmd:)``).
    var isDerived: Bool
  }

  /// The analysis of `one`, the engine's result at BMD 1.000, with the result at 2.000. Nil when no template can
  /// stand for the engine.
  private static func analyse(engine: ScoringEngine, one: ScoreResult, references: ReferenceWords) -> Analysis? {
    // The scores at 2.000 derived from the result at 1.000 when the engine can (half the engine's work), else asked.
    let two: (tScore: ScoreOutcome, zScore: ScoreOutcome, classification: Classification)
    var asked: ScoreResult?
    // Bound once and moved into `two`: kept as an optional to test later, it was copied.
    if let derived = engine.rescoredScores(one, bmd: ExactDecimal(significand: 2000, scale: 3)) {
      two = derived
    } else {
      guard let result = try? engine.score(probe(one.request, age: one.request.age, bmd: 2000)) else { return nil }
      two = (result.tScore, result.zScore, result.classification)
      asked = result
    }
    // Every mean/SD score is affine in the BMD: two values fix the line.
    // One outcome matched, then the other: matching the pair as a tuple copied both (scores and all).
    func affine(_ first: ScoreOutcome, _ second: ScoreOutcome) -> AffineScore?? {
      switch first {
      case .unavailable(let a):
        guard case .unavailable(let b) = second, a == b else { return nil }
        return .some(nil)
      case .scored(let a):
        guard case .scored(let b) = second, case .exact(let atOne) = a.unrounded, case .exact(let atTwo) = b.unrounded,
          !a.reference.point.isInterpolated, a.reference.point.l == .one,
          let coefficient = try? atTwo - atOne, let offset = try? atOne - coefficient,
          let score = AffineScore(coefficient: coefficient, offset: offset)
        else { return nil }
        return .some(score)
      }
    }
    guard case .some(let tScore) = affine(one.tScore, two.tScore),
      case .some(let zScore) = affine(one.zScore, two.zScore)
    else { return nil }
    // Each reference looked up once: its words for the long column, the entry kept for the compact one.
    var tEntry: ReferenceWords.Entry?
    var zEntry: ReferenceWords.Entry?
    let fields = RowScore(one) { kind, used in
      let entry = references.entry(of: used)
      if kind == .t { tEntry = entry } else { zEntry = entry }
      return entry.text
    }
    let basis = one.classification.basis
    guard basis == two.classification.basis, basis != nil || one.classification.category == nil else { return nil }
    // Derived scores are against the same references, or missing for the same reasons, as at 1.000, with the same
    // assumptions: they word alike. Asked ones are compared.
    if let asked, !wordedAlike(one, asked), !fields.hasSameWords(as: RowScore(asked)) { return nil }
    // Derived exactly when the engine was not asked (asked, or nil returned, otherwise).
    return Analysis(
      tScore: tScore, zScore: zScore, basis: basis, fields: fields, tEntry: tEntry, zEntry: zEntry,
      isDerived: asked == nil)
  }

  /// Whether this template is the one a class whose result at BMD 1.000 is `result` would build.
  func isTemplate(of result: ScoreResult) -> Bool {
    isShared && Self.makesSameTemplate(result, source)
  }

  /// Whether two results at BMD 1.000, of requests of one kind at two ages, make the same template: everything
  /// ``analyse(engine:one:references:)`` reads of them is equal, the scores at 2.000 included, which
  /// ``DXACore/ScoringEngine/rescoredScores(_:bmd:)`` derives from exactly these values (scores against equal reference
  /// points on equal scales after equal conversions, or none for equal reasons; equal notes, so tables passed over
  /// alike; the same population, category and assumptions). Only the age differs, and the template's note quotes no
  /// age (``isShared``).
  static func makesSameTemplate(_ one: ScoreResult, _ other: ScoreResult) -> Bool {
    sameScores(one, other) && one.policy == other.policy
      && one.classification.reason == other.classification.reason && one.notes == other.notes
      && sameMissingScores(one.tScore, other.tScore) && sameMissingScores(one.zScore, other.zScore)
  }

  /// Whether two results at BMD 1.000, of requests of one kind, give the same scores at every BMD and the same
  /// category rule: their scores are against equal reference points on equal scales after equal conversions, with
  /// equal values at 1.000 (the lines ``analyse(engine:one:references:)`` fits are then equal), or both missing; and
  /// the same population, maker, site, category, basis and assumptions. Why a score is missing, which may quote the
  /// age, is not compared: the caller compares those words, or ``makesSameTemplate(_:_:)`` the reasons.
  static func sameScores(_ one: ScoreResult, _ other: ScoreResult) -> Bool {
    // Read on the outcomes in place, as in ``wordedAlike(_:_:)``: matching a pair of them copied both scores.
    func same(_ first: ScoreOutcome, _ second: ScoreOutcome) -> Bool {
      switch first {
      case .scored(let a):
        guard case .scored(let b) = second, a.reported == b.reported, a.reference.point == b.reference.point,
          a.reference.scale == b.reference.scale, a.reference.tableID == b.reference.tableID,
          a.reference.tableVersion == b.reference.tableVersion, a.reference.ethnicity == b.reference.ethnicity,
          a.reference.sex == b.reference.sex, a.bmdOnReferenceScale == b.bmdOnReferenceScale,
          a.conversion == b.conversion
        else { return false }
        if case .exact(let x) = a.unrounded, case .exact(let y) = b.unrounded { return x == y }
        if case .floatingPoint(let x) = a.unrounded, case .floatingPoint(let y) = b.unrounded { return x == y }
        return false
      case .unavailable:
        guard case .unavailable = second else { return false }
        return true
      }
    }
    return one.population == other.population && one.manufacturer == other.manufacturer
      && one.request.site == other.request.site && one.classification.basis == other.classification.basis
      && same(one.zScore, other.zScore) && same(one.tScore, other.tScore)
      && one.classification.category == other.classification.category && one.assumptions == other.assumptions
  }

  /// Whether two outcomes are missing for the same reason, or both scored.
  private static func sameMissingScores(_ first: ScoreOutcome, _ second: ScoreOutcome) -> Bool {
    guard case .unavailable(let a) = first else { return true }
    guard case .unavailable(let b) = second else { return false }
    return a == b
  }

  /// Whether `text` holds `age ` (every ``ageToken(_:)`` starts so), on its bytes in place.
  static func mayQuoteAge(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard bytes.count >= 4 else { return false }
      for index in 0...(bytes.count - 4)
      where bytes[index] == UInt8(ascii: "a") && bytes[index + 1] == UInt8(ascii: "g")
        && bytes[index + 2] == UInt8(ascii: "e") && bytes[index + 3] == UInt8(ascii: " ")
      {
        return true
      }
      return false
    }
  }

  /// Whether two results surely word their `reference` and `note` columns alike, compared as values: wording both to
  /// compare the texts was a quarter of the cost of building a template. Values that differ may still word alike; the
  /// caller compares the texts then.
  private static func wordedAlike(_ one: ScoreResult, _ two: ScoreResult) -> Bool {
    // Two scores against the same reference, or no score for the same reason. Read on the outcomes themselves:
    // `score?.reference` and `reason` copied each score's reference (strings and fractions) or reason.
    func sameWords(_ first: ScoreOutcome, _ second: ScoreOutcome) -> Bool {
      switch first {
      case .scored(let one):
        guard case .scored(let two) = second else { return false }
        return one.reference.tableID == two.reference.tableID
          && one.reference.tableVersion == two.reference.tableVersion
          && one.reference.ethnicity == two.reference.ethnicity && one.reference.sex == two.reference.sex
          && one.reference.point.label == two.reference.point.label
      case .unavailable(let one):
        guard case .unavailable(let two) = second else { return false }
        return one == two
      }
    }
    return sameWords(one.tScore, two.tScore) && sameWords(one.zScore, two.zScore)
      && one.classification.reason == two.classification.reason && one.assumptions == two.assumptions
  }

  /// `text` cut wherever `separator` occurs (empty pieces kept): the standard library's `split(separator:)` on
  /// strings was most of the cost of building a template. Compares the UTF-8 bytes in place.
  static func split(_ text: String, at separator: String) -> [String] {
    // `withUTF8` takes mutable strings (it may make one contiguous first).
    var contiguousText = text
    var contiguousSeparator = separator
    return contiguousText.withUTF8 { bytes in
      contiguousSeparator.withUTF8 { pattern in
        guard let first = pattern.first, bytes.count >= pattern.count, let base = bytes.baseAddress,
          let patternBase = pattern.baseAddress
        else { return [text] }
        var pieces: [String] = []
        var start = 0
        var index = 0
        while index + pattern.count <= bytes.count {
          // The first byte, then the rest at once.
          if bytes[index] == first, Bytes.equal(base + index + 1, patternBase + 1, count: pattern.count - 1) {
            pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            index += pattern.count
            start = index
          } else {
            index += 1
          }
        }
        pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        return pieces
      }
    }
  }
}

import DXACore
import DXARendering

/// What the output columns of one scored measurement hold: `t_score`, `z_score`, `category`, `reference`, `note`.
///
/// The fast path and the engine both produce it, so "the fast path equals the engine" is a comparison of two
/// values of this type.
public struct RowScore: Sendable, Equatable {
  /// The reported T-score in tenths (−25 is −2.5), or nil when there is none.
  public var tTenths: Int64?
  public var zTenths: Int64?
  public var category: Category?
  /// Which reference values gave T and Z: `T nhanes3-hip-young-adult v1 White female young adult; Z …`.
  public var reference: String
  /// Why a score or the category is missing, and what was assumed, joined by `; `.
  public var note: String
  /// The note's parts as codes (the compact `note` column).
  public var noteCodes: [NoteCode]
  /// The references of T and Z alone (`nhanes3-hip-young-adult v1 White female young adult`), for reference ids.
  public var tReference: String?
  public var zReference: String?

  public init(
    tTenths: Int64?, zTenths: Int64?, category: Category?, reference: String, note: String,
    noteCodes: [NoteCode] = [], tReference: String? = nil, zReference: String? = nil
  ) {
    self.tTenths = tTenths
    self.zTenths = zTenths
    self.category = category
    self.reference = reference
    self.note = note
    self.noteCodes = noteCodes
    self.tReference = tReference
    self.zReference = zReference
  }

  /// The output columns of an engine result. Borrowed: an initialiser's argument is otherwise its own, and each
  /// template's result was copied to be read here.
  public init(_ result: borrowing ScoreResult) {
    self.init(result) { _, used in Self.text(of: used) }
  }

  /// The same, with each reference worded by `referenceText`, which words it as ``text(of:)`` does and is told
  /// whether it is T's or Z's: a setup looks the references of its library up (``ReferenceWords``) rather than word
  /// them again for every template, and keeps what it found for the compact column.
  init(_ result: borrowing ScoreResult, referenceText: (ScoreKind, ReferenceUsed) -> String) {
    var tStatement: String?
    var zStatement: String?
    var codes: [NoteCode] = []
    // Each outcome read in place, once: its `score` and `reason` copied it for each read.
    switch result.tScore {
    case .scored(let score):
      tTenths = Self.tenths(score.reported)
      tReference = referenceText(.t, score.reference)
    case .unavailable(let reason):
      tStatement = reason.statement(.t)
      codes.append(.ofMissingTScore(reason))
    }
    switch result.zScore {
    case .scored(let score):
      zTenths = Self.tenths(score.reported)
      zReference = referenceText(.z, score.reference)
    case .unavailable(let reason):
      zStatement = reason.statement(.z)
      codes.append(.ofMissingZScore(reason))
    }
    category = result.classification.category
    // `T …; Z …`, grown in one string rather than joined from an array of optional parts.
    var reference = ""
    if let tReference {
      reference += "T "
      reference += tReference
    }
    if let zReference {
      if !reference.isEmpty { reference += "; " }
      reference += "Z "
      reference += zReference
    }
    self.reference = reference
    // The note's parts joined by `; ` as they come, in one string rather than an array joined at the end.
    var note = tStatement ?? ""
    var partCount = tStatement == nil ? 0 : 1
    if let zStatement {
      if partCount > 0 { note += "; " }
      note += zStatement
      partCount += 1
    }
    // A missing score is the usual reason for a missing category, and is then already said: the category's reason is
    // then the same statement of the same value, and is not worded again to find that out.
    if let reason = result.classification.reason, !Self.isSaid(reason, in: result) {
      let text = reason.text
      // Not a part already said.
      if text != tStatement, text != zStatement {
        if partCount > 0 { note += "; " }
        note += text
        partCount += 1
        codes.append(.ofCategoryReason(reason))
      }
    }
    for assumption in result.assumptions {
      if partCount > 0 { note += "; " }
      note += assumption.text
      partCount += 1
      codes.append(.ofAssumption(assumption))
    }
    self.note = note
    noteCodes = codes
  }

  /// Whether `reason` is the missing score of `result` that its note states first: the same
  /// ``DXARendering/ScoreUnavailable/statement(_:)``.
  private static func isSaid(_ reason: UnclassifiedReason, in result: ScoreResult) -> Bool {
    guard case .noEngineScore(let kind, let missing) = reason else { return false }
    return (kind == .t ? result.tScore.reason : result.zScore.reason) == missing
  }

  /// A reference as the `reference` column words it (`nhanes3-hip-young-adult v1 White female young adult`), put
  /// together as bytes: interpolated, its parts cost a tenth more of a template's wording.
  static func text(of used: ReferenceUsed) -> String {
    text(
      tableID: used.tableID, tableVersion: used.tableVersion, ethnicity: used.ethnicity, sex: used.sex,
      label: used.point.label)
  }

  /// The words of ``text(of:)`` from their parts.
  static func text(tableID: String, tableVersion: String, ethnicity: Ethnicity, sex: Sex, label: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(96)
    bytes.append(contentsOf: tableID.utf8)
    bytes.append(contentsOf: " v".utf8)
    bytes.append(contentsOf: tableVersion.utf8)
    bytes.append(UInt8(ascii: " "))
    bytes.append(contentsOf: ethnicity.displayName.utf8)
    bytes.append(UInt8(ascii: " "))
    bytes.append(contentsOf: sex.rawValue.utf8)
    bytes.append(UInt8(ascii: " "))
    bytes.append(contentsOf: label.utf8)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether the `reference` and `note` columns read the same.
  func hasSameWords(as other: RowScore) -> Bool {
    reference == other.reference && note == other.note
  }

  /// A reported score (one decimal) in tenths.
  static func tenths(_ reported: ExactDecimal) -> Int64 {
    var value = reported.significand
    var scale = reported.scale
    while scale > 1 {
      value /= 10
      scale -= 1
    }
    while scale < 1 {
      value *= 10
      scale += 1
    }
    return value
  }
}

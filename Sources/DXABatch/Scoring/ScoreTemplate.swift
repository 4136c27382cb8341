import DXACore

/// Everything about the scores of one kind of row that does not depend on its BMD: which reference, which
/// category rule, what the note says. Built from the engine's own results, then applied to each row's BMD with
/// integer arithmetic (``AffineScore``).
///
/// A kind of row is a site, sex, menopausal status, maker and ethnicity, and an age class (see
/// ``AgeClasses``): within one class the engine picks the same references and rules for every age.
struct ScoreTemplate: Sendable {
  /// T and Z as functions of the BMD, or nil when the engine gives no such score for this kind of row.
  let tScore: AffineScore?
  let zScore: AffineScore?
  /// The score the category is read from; nil when there is no category (its reason is in the note).
  let basis: Classification.Basis?
  let reference: String
  /// The note, split where it quotes the person's age ("no reference at age 85"), to be joined with each row's age.
  let noteSegments: [String]
  /// The reference and (when it does not quote the age) the note as CSV fields, ready to copy into the output.
  let referenceField: [UInt8]
  let noteField: [UInt8]?

  init(
    tScore: AffineScore?, zScore: AffineScore?, basis: Classification.Basis?, reference: String,
    noteSegments: [String]
  ) {
    self.tScore = tScore
    self.zScore = zScore
    self.basis = basis
    self.reference = reference
    self.noteSegments = noteSegments
    referenceField = CSVText.field(reference)
    noteField = noteSegments.count == 1 ? CSVText.field(noteSegments[0]) : nil
  }

  /// The note for a row of this age.
  func note(age: ExactDecimal) -> String {
    noteSegments.count == 1 ? noteSegments[0] : noteSegments.joined(separator: Self.ageToken(age))
  }

  static func ageToken(_ age: ExactDecimal) -> String { "age \(age)" }
}

extension ScoreTemplate {
  /// Builds the template for `request`'s kind of row by scoring it with the engine at three BMD values, and checks
  /// it against the engine at `otherAge` (another age of the same class). Nil when the engine's result is not an
  /// exact affine function of the BMD (LMS curves, interpolation) or the check fails: such rows go to the engine.
  static func build(engine: ScoringEngine, request: ScoreRequest, otherAge: ExactDecimal) -> ScoreTemplate? {
    guard let template = analyse(engine: engine, request: request),
      let other = analyse(engine: engine, request: request, age: otherAge),
      other.tScore == template.tScore, other.zScore == template.zScore, other.basis == template.basis,
      other.reference == template.reference,
      other.note(age: otherAge) == template.note(age: otherAge)
    else { return nil }
    return template
  }

  /// The template read from the engine's results at BMD 1.000 and 2.000, checked at 0.500.
  private static func analyse(engine: ScoringEngine, request: ScoreRequest, age: ExactDecimal? = nil)
    -> ScoreTemplate?
  {
    var probe = request
    probe.age = age ?? request.age
    func result(_ significand: Int64) -> ScoreResult? {
      probe.bmd = ExactDecimal(significand: significand, scale: 3)
      return try? engine.score(probe)
    }
    guard let one = result(1000), let two = result(2000), let half = result(500) else { return nil }
    func affine(_ first: ScoreOutcome, _ second: ScoreOutcome, _ check: ScoreOutcome) -> AffineScore?? {
      switch (first, second, check) {
      case (.unavailable(let a), .unavailable(let b), .unavailable(let c)) where a == b && b == c:
        return .some(nil)
      case (.scored(let a), .scored(let b), .scored(let c)):
        guard case .exact(let atOne) = a.unrounded, case .exact(let atTwo) = b.unrounded,
          case .exact(let atHalf) = c.unrounded, !a.reference.point.isInterpolated,
          let coefficient = try? atTwo - atOne, let offset = try? atOne - coefficient,
          let score = AffineScore(coefficient: coefficient, offset: offset),
          (try? score.exact(ExactDecimal(significand: 5, scale: 1))) == atHalf
        else { return nil }
        return .some(score)
      default:
        return nil
      }
    }
    guard case .some(let tScore) = affine(one.tScore, two.tScore, half.tScore),
      case .some(let zScore) = affine(one.zScore, two.zScore, half.zScore)
    else { return nil }
    let fields = RowScore(one)
    let basis = one.classification.basis
    guard fields.reference == RowScore(two).reference, fields.note == RowScore(two).note,
      basis == two.classification.basis, basis != nil || one.classification.category == nil
    else { return nil }
    return ScoreTemplate(
      tScore: tScore, zScore: zScore, basis: basis, reference: fields.reference,
      noteSegments: fields.note.components(separatedBy: ageToken(probe.age)))
  }
}

extension String {
  /// The parts of the string between occurrences of `separator` (all of it when there is none).
  fileprivate func components(separatedBy separator: String) -> [String] {
    split(separator: separator, omittingEmptySubsequences: false).map(String.init)
  }
}

import DXACore

/// A scored measurement: the reported scores and category, and where its reference and note texts come from.
struct MeasurementScore {
  var tTenths: Int64? = nil
  var zTenths: Int64? = nil
  var category: Category? = nil
  var text: Text

  enum Text {
    /// From a template: its texts, with the note completed by the row's age when it quotes it.
    case template(ScoreTemplate, age: ExactDecimal)
    /// From the engine.
    case computed(reference: String, note: String)
  }

  var reference: String {
    switch text {
    case .template(let template, _): return template.reference
    case .computed(let reference, _): return reference
    }
  }

  var note: String {
    switch text {
    case .template(let template, let age): return template.note(age: age)
    case .computed(_, let note): return note
    }
  }

  /// The output fields as one value, for comparing the fast path with the engine.
  var rowScore: RowScore {
    RowScore(tTenths: tTenths, zTenths: zTenths, category: category, reference: reference, note: note)
  }
}

/// Scores measurements for one worker: from a template when the row's kind has one, else with the engine.
///
/// Keeps its own table of the templates it has met, so the shared store's lock is taken once per kind of row.
final class RowScorer {
  let setup: ScoringSetup
  private let classCount: Int
  /// Per kind and age class: 0 not yet known, −1 engine only, n > 0 the template `templates[n − 1]`.
  // One worker's own state: no dynamic exclusivity checks in the hot path.
  @exclusivity(unchecked) private var slots: [Int32]
  @exclusivity(unchecked) private var templates: [ScoreTemplate] = []
  /// How many measurements went through the engine rather than a template (for the benchmark's report).
  @exclusivity(unchecked) private(set) var engineCount = 0

  init(setup: ScoringSetup) {
    self.setup = setup
    classCount = setup.ageClasses.count
    slots = [Int32](repeating: 0, count: ScoringSetup.kindCount * classCount)
  }

  /// The scores of one measurement; throws the core's validation error (fields `bmd`, `age`, `menopause`).
  @inline(__always)
  func score(_ input: MeasurementInput) throws(InputError) -> MeasurementScore {
    let request = input.request
    if setup.usesTemplates, let ageUnits = input.ageUnits, Self.isPlainlyValid(request, ageUnits: ageUnits),
      let template = template(request, ageUnits: ageUnits),
      let scored = Self.apply(template, to: request)
    {
      return scored
    }
    engineCount += 1
    let result = try setup.engine.score(request)
    let fields = RowScore(result)
    return MeasurementScore(
      tTenths: fields.tTenths, zTenths: fields.zTenths, category: fields.category,
      text: .computed(reference: fields.reference, note: fields.note))
  }

  @inline(__always)
  private func template(_ request: ScoreRequest, ageUnits: Int64) -> ScoreTemplate? {
    let key = ScoringSetup.kind(request) * classCount + setup.ageClasses.index(ofUnits: ageUnits, site: request.site)
    let slot = slots[key]
    if slot > 0 { return templates[Int(slot) - 1] }
    if slot < 0 { return nil }
    switch setup.template(key: key, request: request, ageUnits: ageUnits) {
    case .template(let template):
      templates.append(template)
      slots[key] = Int32(templates.count)
      return template
    case .engineOnly:
      slots[key] = -1
      return nil
    }
  }

  /// Rows whose values are plainly inside every limit the core checks; anything else goes to the engine, which
  /// gives the exact error (or scores a value the quick check could not judge).
  @inline(__always)
  private static func isPlainlyValid(_ request: ScoreRequest, ageUnits: Int64) -> Bool {
    let bmd = request.bmd
    guard bmd.scale <= AffineScore.maximumScale, bmd.significand > 0, bmd.significand < 10_000_000 else {
      return false
    }
    // BMD within 0.050–2.500 g/cm², in millionths.
    let micro = bmd.significand * pow10Table[AffineScore.maximumScale - bmd.scale]
    guard micro >= 50_000, micro <= 2_500_000 else { return false }
    guard ageUnits >= 0, ageUnits <= 120 * AgeClasses.unitsPerYear else { return false }
    return !(request.sex == .male && request.menopause != nil)
  }

  private static let pow10Table: [Int64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

  @inline(__always)
  private static func apply(_ template: ScoreTemplate, to request: ScoreRequest) -> MeasurementScore? {
    let bmd = request.bmd
    var tTenths: Int64?
    var zTenths: Int64?
    if let tScore = template.tScore {
      guard let tenths = tScore.tenths(significand: bmd.significand, scale: bmd.scale), tenths.magnitude < 1_000_000
      else { return nil }
      tTenths = tenths
    }
    if let zScore = template.zScore {
      guard let tenths = zScore.tenths(significand: bmd.significand, scale: bmd.scale), tenths.magnitude < 1_000_000
      else { return nil }
      zTenths = tenths
    }
    let category: Category?
    switch template.basis {
    case .tScore?: category = tTenths.map(CategoryRule.who)
    case .zScore?: category = zTenths.map(CategoryRule.zStatement)
    case nil: category = nil
    }
    return MeasurementScore(
      tTenths: tTenths, zTenths: zTenths, category: category, text: .template(template, age: request.age))
  }
}

/// The core's category rules, looked up by reported score in tenths. The rules themselves stay in DXACore
/// (``Category/who(reportedTScore:)``); these tables only remember their answers for the usual range.
enum CategoryRule {
  private static let range: ClosedRange<Int64> = -200...200
  private static let whoTable: [Category] = range.map {
    Category.who(reportedTScore: ExactDecimal(significand: $0, scale: 1))
  }
  private static let zTable: [Category] = range.map {
    Category.zStatement(reportedZScore: ExactDecimal(significand: $0, scale: 1))
  }

  @inline(__always)
  static func who(_ tenths: Int64) -> Category {
    range.contains(tenths)
      ? whoTable[Int(tenths - range.lowerBound)]
      : Category.who(reportedTScore: ExactDecimal(significand: tenths, scale: 1))
  }

  @inline(__always)
  static func zStatement(_ tenths: Int64) -> Category {
    range.contains(tenths)
      ? zTable[Int(tenths - range.lowerBound)]
      : Category.zStatement(reportedZScore: ExactDecimal(significand: tenths, scale: 1))
  }
}

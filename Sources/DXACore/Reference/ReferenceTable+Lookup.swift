/// The reference values at one age: the mean (M), the SD and, for LMS curves, the skewness L.
///
/// Band and young-adult values have L = 1, where the LMS formula is plain `(X − M) / SD`.
public struct ReferencePoint: Sendable, Equatable {
  public var m: Fraction
  public var sd: Fraction
  public var l: Fraction
  /// The age group or point as a person would name it: `20–29`, `age 52.5 (interpolated 50–55)`, `young adult`.
  public var label: String
  public var status: ConfirmationStatus
  /// True when M, SD and L were interpolated between two age points.
  public var isInterpolated: Bool
  /// The mean and SD exactly as printed in the table (`0.120`, not `0.12`), when not interpolated.
  public var publishedMean: ExactDecimal? = nil
  public var publishedSD: ExactDecimal? = nil

  /// The mean as the table prints it, or the interpolated value.
  public var meanText: String { publishedMean?.description ?? m.description }
  public var sdText: String { publishedSD?.description ?? sd.description }
}

extension ReferenceCurve {
  /// The reference at `age`, or nil when the curve does not cover it. Never extrapolates: an age below the first
  /// band or point, or above the last, has no reference.
  public func point(atAge age: ExactDecimal) throws(ArithmeticOverflow) -> ReferencePoint? {
    switch values {
    case .youngAdult(let mean, let sd):
      return ReferencePoint(
        m: Fraction(mean), sd: Fraction(sd), l: .one, label: "young adult", status: status, isInterpolated: false,
        publishedMean: mean, publishedSD: sd)
    case .bands(let bands):
      // By index: `first(where:)` would copy every band it passes (each holds a label).
      guard let index = bands.firstIndex(where: { $0.contains(age: age) }) else { return nil }
      let band = bands[index]
      return ReferencePoint(
        m: Fraction(band.mean), sd: Fraction(band.sd), l: .one, label: band.label, status: band.status,
        isInterpolated: false, publishedMean: band.mean, publishedSD: band.sd)
    case .lms(let points):
      return try Self.interpolate(points, at: age, status: status)
    }
  }

  /// The ages the curve covers, for "no reference" messages: `20–29 … 80+`, `ages 21 to 80`.
  public var coverage: String {
    switch values {
    case .youngAdult: return "young adults"
    case .bands(let bands):
      guard let first = bands.first, let last = bands.last else { return "no ages" }
      return bands.count == 1 ? "ages \(first.label)" : "ages \(first.label) … \(last.label)"
    case .lms(let points):
      guard let first = points.first, let last = points.last else { return "no ages" }
      return "ages \(first.age) to \(last.age)"
    }
  }

  private static func interpolate(_ points: [LMSPoint], at age: ExactDecimal, status: ConfirmationStatus)
    throws(ArithmeticOverflow) -> ReferencePoint?
  {
    guard let upperIndex = points.firstIndex(where: { $0.age >= age }) else { return nil }
    let upper = points[upperIndex]
    if upper.age == age {
      return ReferencePoint(
        m: Fraction(upper.m), sd: Fraction(upper.sd), l: Fraction(upper.l), label: "age \(upper.age)",
        status: status, isInterpolated: false, publishedMean: upper.m, publishedSD: upper.sd)
    }
    guard upperIndex > 0 else { return nil }
    let lower = points[upperIndex - 1]
    // weight = (age − a0) / (a1 − a0); value = v0 + (v1 − v0) × weight, all exact.
    let weight = try (Fraction(age) - Fraction(lower.age)) / (Fraction(upper.age) - Fraction(lower.age))
    func between(_ v0: ExactDecimal, _ v1: ExactDecimal) throws(ArithmeticOverflow) -> Fraction {
      try Fraction(v0) + (try (try Fraction(v1) - Fraction(v0)) * weight)
    }
    return ReferencePoint(
      m: try between(lower.m, upper.m), sd: try between(lower.sd, upper.sd), l: try between(lower.l, upper.l),
      label: "age \(age) (interpolated \(lower.age)–\(upper.age))", status: status, isInterpolated: true)
  }
}

extension ReferenceTable {
  /// The curve for a site, sex and ethnicity, if the table has one; for the lumbar spine, the curve of the
  /// vertebral combination `vertebrae` (nil or L1–L4: the L1–L4 curve).
  public func curve(site: Site, sex: Sex, ethnicity: Ethnicity, vertebrae: VertebralSet? = nil) -> ReferenceCurve? {
    Self.curveIndex(in: curves, site: site, sex: sex, ethnicity: ethnicity, vertebrae: vertebrae).map { curves[$0] }
  }

  /// The position in `curves` of the curve for a site, sex, ethnicity and vertebral combination (as
  /// ``curve(site:sex:ethnicity:vertebrae:)``). Takes the curves alone so that the engine, which looks in every
  /// candidate table, need not copy a table to look; reads each curve's fields in place (`firstIndex(where:)` copied
  /// every curve it passed).
  static func curveIndex(
    in curves: [ReferenceCurve], site: Site, sex: Sex, ethnicity: Ethnicity, vertebrae: VertebralSet?
  ) -> Int? {
    let combination = vertebrae == .all ? nil : vertebrae
    return curves.withUnsafeBufferPointer { curves in
      for index in curves.indices
      where curves[index].site == site && curves[index].sex == sex && curves[index].ethnicity == ethnicity
        && curves[index].vertebrae == combination
      {
        return index
      }
      return nil
    }
  }

  /// Whether the table can give T-scores: a young-adult table, or one that names its young-adult age.
  public var givesTScores: Bool { kind == .youngAdult || youngAdultAge != nil }

  /// Whether the table can give Z-scores: age-band and LMS tables.
  public var givesZScores: Bool { kind != .youngAdult }

  /// The young-adult reference of a curve, for T-scores; nil when the table does not define one.
  public func youngAdultPoint(of curve: ReferenceCurve) throws(ArithmeticOverflow) -> ReferencePoint? {
    try Self.youngAdultPoint(of: curve, kind: kind, youngAdultAge: youngAdultAge)
  }

  /// The young-adult reference of a curve of a table of this kind and young-adult age (the engine reads the two
  /// from the table in place).
  static func youngAdultPoint(of curve: ReferenceCurve, kind: Kind, youngAdultAge: ExactDecimal?)
    throws(ArithmeticOverflow) -> ReferencePoint?
  {
    switch kind {
    case .youngAdult: return try curve.point(atAge: 0)
    case .ageBands, .lms:
      guard let youngAdultAge else { return nil }
      return try curve.point(atAge: youngAdultAge)
    }
  }
}

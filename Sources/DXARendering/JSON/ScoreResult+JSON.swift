import DXACore

extension ScoreResult {
  /// The result as one JSON object: the rounded scores and category at the top, then everything needed to audit
  /// them (references with version and status, unrounded values, conversions, policy, assumptions).
  public var json: JSONValue {
    .object([
      ("site", .string(request.site.rawValue)),
      ("bmd", .decimal(request.bmd.reportedBMD)),
      ("bmdAsMeasured", .decimal(request.bmd)),
      ("units", .string("g/cm2")),
      ("sex", .string(request.sex.rawValue)),
      ("age", .decimal(request.age)),
      ("menopause", .optionalString(request.menopause?.rawValue)),
      ("manufacturer", .string(manufacturer.rawValue)),
      ("ethnicity", .optionalString(request.ethnicity?.rawValue)),
      ("genderIdentity", .optionalString(request.genderIdentity?.rawValue)),
      ("tScore", tScore.score.map { .decimal($0.reported) } ?? .null),
      ("zScore", zScore.score.map { .decimal($0.reported) } ?? .null),
      ("category", .optionalString(classification.category?.rawValue)),
      ("categoryReason", .optionalString(classification.reason?.text)),
      ("classifiedOn", .optionalString(classification.basis?.rawValue)),
      ("wording", .optionalString(classification.category?.name(for: population))),
      ("population", .string(population.rawValue)),
      ("siteUse", .string(request.site.diagnosticUseName)),
      ("t", tScore.json),
      ("z", zScore.json),
      ("policy", policy.json),
      ("assumptions", .array(assumptions.map { .string($0.text) })),
      ("notes", .array(notes.map { .string($0.text) })),
    ])
  }
}

extension ScoreOutcome {
  var json: JSONValue {
    switch self {
    case .unavailable(let reason):
      return .object([("score", .null), ("reason", .string(reason.text))])
    case .scored(let score):
      let (unrounded, isExact, arithmetic): (JSONValue, Bool, String)
      switch score.unrounded {
      case .exact(let fraction):
        (unrounded, isExact, arithmetic) = (.number(fraction.description), fraction.isExact(places: 6), "exact")
      case .floatingPoint(let value):
        (unrounded, isExact, arithmetic) = (.number(Fraction.roundedText(value, places: 6)), false, "floating-point")
      }
      return .object([
        ("score", .decimal(score.reported)),
        ("unrounded", unrounded),
        ("unroundedIsExact", .bool(isExact)),
        ("arithmetic", .string(arithmetic)),
        ("bmdOnReferenceScale", .number(score.bmdOnReferenceScale.description)),
        ("reference", score.reference.json),
        ("conversion", score.conversion?.json ?? .null),
      ])
    }
  }
}

extension ReferenceUsed {
  var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("id", .string(tableID)),
      ("version", .string(tableVersion)),
      ("title", .string(tableTitle)),
      ("citation", .string(citation)),
      ("status", .string(point.status.rawValue)),
      ("scale", .string(scale.rawValue)),
      ("units", .string(units)),
      ("site", .string(site.rawValue)),
      ("sex", .string(sex.rawValue)),
      ("ethnicity", .string(ethnicity.rawValue)),
      ("ageGroup", .string(point.label)),
      ("mean", .number(point.meanText)),
      ("sd", .number(point.sdText)),
    ]
    if point.l != .one { members.append(("l", .number(point.l.description))) }
    return .object(members)
  }
}

extension ScaleConversion {
  var json: JSONValue {
    .object([
      ("from", .string(from.rawValue)),
      ("to", .string(to.rawValue)),
      ("set", .string(setID)),
      ("version", .string(setVersion)),
      ("equation", .string(equation)),
      ("approximate", .bool(isApproximate)),
      ("status", .string(status.rawValue)),
    ])
  }
}

extension ScoringPolicy {
  public var json: JSONValue {
    .object([
      ("reference", .string(reference.rawValue)),
      ("ethnicityFallback", .string(ethnicityFallback.rawValue)),
      ("unknownMenopause", .string(unknownMenopause.rawValue)),
      ("spineReference", .string(spineReference.rawValue)),
      ("tScoreEthnicity", .string(tScoreEthnicity.rawValue)),
    ])
  }
}

extension Site {
  /// `diagnostic`, `conditional`, `single-vertebra` or `non-diagnostic`.
  public var diagnosticUseName: String {
    switch diagnosticUse {
    case .diagnostic: return "diagnostic"
    case .conditional: return "conditional"
    case .singleVertebra: return "single-vertebra"
    case .nonDiagnostic: return "non-diagnostic"
    }
  }
}

extension Fraction {
  /// A floating-point value as decimal text with up to `places` decimals, trailing zeros dropped.
  public static func roundedText(_ value: Double, places: Int) -> String {
    let scaled = (value * pow10Double(places)).rounded(.toNearestOrAwayFromZero)
    guard let fraction = try? Fraction(Int128(scaled), pow10(places)) else { return "0" }
    return fraction.description
  }
}

/// Clinical risk factors the exam records (ISCD report content; the FRAX inputs besides BMD, age, sex, weight,
/// height, prior fracture and glucocorticoids, which live elsewhere in the exam). Every answer is optional: nil is
/// "not recorded", never "no".
public struct RiskFactors: Sendable, Equatable {
  /// A parent had a hip fracture (FRAX).
  public var parentalHipFracture: Bool?
  /// Current smoking (FRAX).
  public var currentSmoking: Bool?
  /// Three or more units of alcohol a day (FRAX).
  public var alcoholThreeOrMoreUnitsPerDay: Bool?
  /// Rheumatoid arthritis (FRAX).
  public var rheumatoidArthritis: Bool?
  /// Historical height loss in cm (ISCD: more than 4 cm is one of the VFA indications).
  public var heightLossCentimetres: ExactDecimal?
  /// Falls in the past 12 months.
  public var fallsInPast12Months: Int?
  /// A vertebral fracture the patient reports that no record documents (ISCD: a VFA indication).
  public var selfReportedVertebralFracture: Bool?
  /// Conditions and therapies that affect bone, by their code in the conditions file
  /// (`reference-data/conditions/`, extensible by a site's own file).
  public var conditions: [ConditionCode]

  public init(
    parentalHipFracture: Bool? = nil, currentSmoking: Bool? = nil, alcoholThreeOrMoreUnitsPerDay: Bool? = nil,
    rheumatoidArthritis: Bool? = nil, heightLossCentimetres: ExactDecimal? = nil, fallsInPast12Months: Int? = nil,
    selfReportedVertebralFracture: Bool? = nil, conditions: [ConditionCode] = []
  ) {
    self.parentalHipFracture = parentalHipFracture
    self.currentSmoking = currentSmoking
    self.alcoholThreeOrMoreUnitsPerDay = alcoholThreeOrMoreUnitsPerDay
    self.rheumatoidArthritis = rheumatoidArthritis
    self.heightLossCentimetres = heightLossCentimetres
    self.fallsInPast12Months = fallsInPast12Months
    self.selfReportedVertebralFracture = selfReportedVertebralFracture
    self.conditions = conditions
  }

  /// Whether the patient has the condition.
  public func has(_ condition: ConditionCode) -> Bool { conditions.contains(condition) }
}

/// The code of a condition in a conditions file: lowercase letters, digits and hyphens, starting with a letter
/// (`primary-hyperparathyroidism`, `celiac-disease`).
public struct ConditionCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: String

  /// Nil unless `rawValue` is a well-formed code (at most 60 characters).
  public init?(rawValue: String) {
    guard isIdentifier(rawValue, maximumLength: 60) else { return nil }
    self.rawValue = rawValue
  }

  public var description: String { rawValue }
}

/// A lowercase identifier: letters, digits and single hyphens between them, starting with a letter.
func isIdentifier(_ text: String, maximumLength: Int) -> Bool {
  let scalars = Array(text.unicodeScalars)
  guard let first = scalars.first, let last = scalars.last, scalars.count <= maximumLength,
    ("a"..."z").contains(first), last != "-"
  else { return false }
  var previous: Unicode.Scalar = first
  for scalar in scalars.dropFirst() {
    guard ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" else { return false }
    if scalar == "-", previous == "-" { return false }
    previous = scalar
  }
  return true
}

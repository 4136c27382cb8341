/// What vertebral fracture assessment (VFA, lateral spine imaging by DXA) found. A vertebral fracture found on
/// VFA is a vertebral fracture for the diagnosis and for treatment (ISCD, NOF/BHOF), whether or not it was known.
///
/// Whether VFA was performed is `scan.vertebral_fracture_assessment` (the exam file's `vfa.performed`, when given,
/// must agree with it).
public struct VFAFindings: Sendable, Equatable {
  /// The vertebrae the images let the reader assess, such as T4–L4; nil when the exam does not say.
  public var vertebraeAssessed: VertebralRange?
  /// The reader found no vertebral fracture (`"no_fracture": true`): a finding, unlike an empty list.
  public var isFractureFree: Bool
  public var vertebralFractures: [VertebralFractureFinding]

  public init(
    vertebraeAssessed: VertebralRange? = nil, isFractureFree: Bool = false,
    vertebralFractures: [VertebralFractureFinding] = []
  ) {
    self.vertebraeAssessed = vertebraeAssessed
    self.isFractureFree = isFractureFree
    self.vertebralFractures = vertebralFractures
  }

  /// The exam records what VFA found: a fracture, or explicitly none (CPT 77085 needs recorded findings).
  public var hasFindings: Bool { isFractureFree || !vertebralFractures.isEmpty }
}

/// One fractured vertebra on VFA, graded by Genant's semiquantitative method.
public struct VertebralFractureFinding: Sendable, Equatable {
  /// "T12", "L1".
  public var vertebra: VertebralLevel
  public var grade: GenantGrade

  public init(vertebra: VertebralLevel, grade: GenantGrade) {
    self.vertebra = vertebra
    self.grade = grade
  }
}

/// A vertebra of the thoracic or lumbar spine, as VFA names it (T1–T12, L1–L5), ordered from the top.
public struct VertebralLevel: Sendable, Hashable, Comparable, CustomStringConvertible {
  public enum Region: String, Sendable {
    case thoracic = "T"
    case lumbar = "L"
  }
  public var region: Region
  public var number: Int

  /// Reads "T12", "t12", "L1"; nil outside T1–T12 and L1–L5.
  public init?(_ text: String) {
    guard let first = text.first, let region = Region(rawValue: first.uppercased()),
      let number = Int(text.dropFirst()), String(number) == text.dropFirst()
    else { return nil }
    guard (1...(region == .thoracic ? 12 : 5)).contains(number) else { return nil }
    self.region = region
    self.number = number
  }

  public var description: String { region.rawValue + String(number) }

  /// T1 is 1, T12 is 12, L1 is 13, L5 is 17.
  public var position: Int { region == .thoracic ? number : 12 + number }

  public static func < (lhs: VertebralLevel, rhs: VertebralLevel) -> Bool { lhs.position < rhs.position }
}

/// A run of vertebrae from one level to another, both included: "T4–L4".
public struct VertebralRange: Sendable, Equatable, CustomStringConvertible {
  public var first: VertebralLevel
  public var last: VertebralLevel

  /// Nil when `first` is below `last`.
  public init?(first: VertebralLevel, last: VertebralLevel) {
    guard first <= last else { return nil }
    self.first = first
    self.last = last
  }

  /// Reads "t4-l4", "T4–L4" or a single "T12"; nil for anything else or a range that runs upwards.
  public init?(text: String) {
    let bounds = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" })
      .map { $0.trimmingWhitespace }
    guard (1...2).contains(bounds.count), let from = bounds.first.flatMap(VertebralLevel.init),
      let to = bounds.last.flatMap(VertebralLevel.init)
    else { return nil }
    self.init(first: from, last: to)
  }

  public func contains(_ level: VertebralLevel) -> Bool { first <= level && level <= last }

  /// "T4–L4", or "T12" for one vertebra.
  public var description: String { first == last ? "\(first)" : "\(first)–\(last)" }

  /// "t4-l4", as the exam file writes it.
  public var identifier: String { (first == last ? "\(first)" : "\(first)-\(last)").lowercased() }
}

/// Genant's semiquantitative grade of a vertebral fracture: the loss of vertebral height.
public enum GenantGrade: Int, CaseIterable, Sendable {
  /// 20–25% height loss.
  case mild = 1
  /// 25–40%.
  case moderate = 2
  /// More than 40%.
  case severe = 3

  public var displayName: String {
    switch self {
    case .mild: return "grade 1 (mild)"
    case .moderate: return "grade 2 (moderate)"
    case .severe: return "grade 3 (severe)"
    }
  }
}

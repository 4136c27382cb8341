/// The conditions an exam's `risk_factors.conditions` may name, read from a conditions file (`dxa-conditions/1`):
/// the shipped `reference-data/conditions/dxa-conditions.json`, plus any a site adds. Each condition has a code, a
/// label and, where the project's billing notes give one, its ICD-10-CM code with source and status.
public struct ConditionCatalog: Sendable {
  public var id: String
  public var version: String
  public var title: String
  public var citation: String
  public var notes: [String]
  public private(set) var conditions: [ConditionDefinition]

  public init(
    id: String, version: String, title: String, citation: String, notes: [String] = [],
    conditions: [ConditionDefinition]
  ) {
    self.id = id
    self.version = version
    self.title = title
    self.citation = citation
    self.notes = notes
    self.conditions = conditions
  }

  /// No conditions: what a library without a conditions file knows.
  public static let empty = ConditionCatalog(
    id: "none", version: "0", title: "no conditions", citation: "", conditions: [])

  public subscript(code: ConditionCode) -> ConditionDefinition? { conditions.first { $0.code == code } }

  public var codes: [ConditionCode] { conditions.map(\.code) }

  /// Adds a site's conditions. A code already defined is refused: a site extends the list, it never redefines an
  /// entry (change the shipped file for that).
  public mutating func add(_ other: ConditionCatalog) throws(InputError) {
    for condition in other.conditions {
      guard self[condition.code] == nil else {
        throw InputError(
          .reference, field: "\(other.id): conditions", "\(condition.code) is already defined by \(id)")
      }
      conditions.append(condition)
    }
  }
}

/// One condition of a conditions file.
public struct ConditionDefinition: Sendable, Equatable {
  public var code: ConditionCode
  /// How a report names it: "primary hyperparathyroidism".
  public var label: String
  /// The ICD-10-CM code that documents it, when one is given.
  public var icd10cm: DiagnosisCodeReference?
  /// Why the condition is on the list (the guideline or payer rule that names it).
  public var source: String
  /// A known cause of bone loss (secondary osteoporosis): the report calls for it to be addressed among the
  /// secondary causes (`causes_bone_loss`). A family history, say, raises risk without being one.
  public var causesBoneLoss: Bool

  public init(
    code: ConditionCode, label: String, icd10cm: DiagnosisCodeReference? = nil, source: String,
    causesBoneLoss: Bool = false
  ) {
    self.code = code
    self.label = label
    self.icd10cm = icd10cm
    self.source = source
    self.causesBoneLoss = causesBoneLoss
  }
}

/// An ICD-10-CM code with its description, where it was read and how well it is confirmed.
public struct DiagnosisCodeReference: Sendable, Equatable {
  /// "E21.0", or "E05.-" when the coder completes the code.
  public var code: String
  public var description: String
  /// The code applies to this sex only (E29.1 testicular hypofunction), when it does.
  public var sex: Sex?
  public var status: ConfirmationStatus
  public var source: String

  public init(code: String, description: String, sex: Sex? = nil, status: ConfirmationStatus, source: String) {
    self.code = code
    self.description = description
    self.sex = sex
    self.status = status
    self.source = source
  }
}

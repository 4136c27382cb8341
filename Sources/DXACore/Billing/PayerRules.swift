/// One payer's rules for bone density studies, read from a payer file (`dxa-payer/1`, `reference-data/payers/`):
/// whom the payer covers, how often, and which notice and modifiers flag a claim whose denial is expected.
///
/// Data, not code: payer rules differ by plan and contractor and change yearly. The engine states what the rules say
/// about an exam; it never decides coverage.
public struct PayerRules: Sendable, Equatable {
  public var id: PayerID
  /// How a report names the payer: "Medicare".
  public var name: String
  public var version: String
  /// The weakest status of the rules. `unconfirmed` marks a template a site has not completed: it is never applied.
  public var status: ConfirmationStatus
  public var citation: String
  public var notes: [String]
  /// The groups the payer covers; an exam must document at least one. Empty: the rules list none, so none is checked.
  public var coveredIndications: [CoverageRule]
  /// How often the payer pays; nil when the rules state no limit.
  public var frequencyLimit: FrequencyLimit?
  /// The advance notice and modifiers for a claim whose denial is expected; nil when the rules name none.
  public var modifiers: PayerModifiers?

  public init(
    id: PayerID, name: String, version: String, status: ConfirmationStatus, citation: String, notes: [String] = [],
    coveredIndications: [CoverageRule] = [], frequencyLimit: FrequencyLimit? = nil, modifiers: PayerModifiers? = nil
  ) {
    self.id = id
    self.name = name
    self.version = version
    self.status = status
    self.citation = citation
    self.notes = notes
    self.coveredIndications = coveredIndications
    self.frequencyLimit = frequencyLimit
    self.modifiers = modifiers
  }

  /// A template a site has not completed (status `unconfirmed`): its rules are not applied.
  public var isTemplate: Bool { status == .unconfirmed }

  /// Every condition code the rules name, with the path of the rule that names it.
  public var conditionCodes: [(path: String, code: ConditionCode)] {
    var codes: [(path: String, code: ConditionCode)] = []
    for (index, rule) in coveredIndications.enumerated() {
      codes += rule.conditionCodes.map { ("covered_indications[\(index)].any", $0) }
    }
    for (index, rule) in (frequencyLimit?.exceptions ?? []).enumerated() {
      codes += rule.conditionCodes.map { ("frequency_limit.exceptions[\(index)].any", $0) }
    }
    return codes
  }
}

/// A covered indication or a frequency exception: it holds when any of its alternatives does, and an alternative
/// holds when the exam documents every fact it names.
public struct CoverageRule: Sendable, Equatable {
  /// Unique within its list: `primary-hyperparathyroidism`.
  public var id: String
  /// How a report names it: "primary hyperparathyroidism".
  public var label: String
  public var alternatives: [PayerCriteria]
  /// What the coder should know besides (a dose not checked, a technique required).
  public var note: String?
  public var source: String
  public var status: ConfirmationStatus

  public init(
    id: String, label: String, alternatives: [PayerCriteria], note: String? = nil, source: String,
    status: ConfirmationStatus
  ) {
    self.id = id
    self.label = label
    self.alternatives = alternatives
    self.note = note
    self.source = source
    self.status = status
  }

  var conditionCodes: [ConditionCode] { alternatives.compactMap(\.condition) }
}

/// Facts an exam must all document for a rule's alternative to hold. Each is optional; at least one is given.
public struct PayerCriteria: Sendable, Equatable {
  public var sex: Sex?
  /// The menopausal status the exam records.
  public var menopause: MenopausalStatus?
  /// Age at the scan, years, at least.
  public var minimumAge: ExactDecimal?
  /// One of the exam's indications (`scan.indications`).
  public var indication: Indication?
  /// One of the exam's conditions (`risk_factors.conditions`).
  public var condition: ConditionCode?
  /// Current systemic glucocorticoids for longer than a number of months, at a dose when one is named.
  public var glucocorticoids: GlucocorticoidCriterion?
  /// On an osteoporosis drug (`history.therapy`).
  public var isOnOsteoporosisTherapy: Bool
  /// A fragility fracture in the history.
  public var hasFragilityFracture: Bool

  public init(
    sex: Sex? = nil, menopause: MenopausalStatus? = nil, minimumAge: ExactDecimal? = nil,
    indication: Indication? = nil, condition: ConditionCode? = nil, glucocorticoids: GlucocorticoidCriterion? = nil,
    isOnOsteoporosisTherapy: Bool = false, hasFragilityFracture: Bool = false
  ) {
    self.sex = sex
    self.menopause = menopause
    self.minimumAge = minimumAge
    self.indication = indication
    self.condition = condition
    self.glucocorticoids = glucocorticoids
    self.isOnOsteoporosisTherapy = isOnOsteoporosisTherapy
    self.hasFragilityFracture = hasFragilityFracture
  }

  /// No fact named: such an alternative would hold for everyone, so a payer file may not give one.
  var isEmpty: Bool { self == PayerCriteria() }
}

/// Current systemic glucocorticoids for more than `moreThanMonths` months, at `minimumMilligramsPerDay`
/// prednisone-equivalent or more when the rule names a dose.
public struct GlucocorticoidCriterion: Sendable, Equatable {
  public var moreThanMonths: Int
  public var minimumMilligramsPerDay: ExactDecimal?

  public init(moreThanMonths: Int, minimumMilligramsPerDay: ExactDecimal? = nil) {
    self.moreThanMonths = moreThanMonths
    self.minimumMilligramsPerDay = minimumMilligramsPerDay
  }
}

/// At most one covered measurement in a number of months, counted from the month of the last covered one, unless an
/// exception is documented.
public struct FrequencyLimit: Sendable, Equatable {
  /// Months that must pass after the month of the last covered measurement (Medicare: 23).
  public var months: Int
  public var exceptions: [CoverageRule]
  public var source: String
  public var status: ConfirmationStatus

  public init(months: Int, exceptions: [CoverageRule] = [], source: String, status: ConfirmationStatus) {
    self.months = months
    self.exceptions = exceptions
    self.source = source
    self.status = status
  }
}

/// The advance notice a payer asks for before a service it is expected to deny, and the claim modifiers that go
/// with it (Medicare: the ABN, GA when it is on file, GZ when none was obtained).
public struct PayerModifiers: Sendable, Equatable {
  /// "Advance Beneficiary Notice of Noncoverage (ABN)".
  public var notice: String
  /// The modifier when the notice is on file: "GA".
  public var noticeOnFile: String
  /// The modifier when a denial is expected and no notice was obtained: "GZ"; nil when the rules name none.
  public var noNotice: String?
  public var source: String
  public var status: ConfirmationStatus

  public init(notice: String, noticeOnFile: String, noNotice: String? = nil, source: String, status: ConfirmationStatus)
  {
    self.notice = notice
    self.noticeOnFile = noticeOnFile
    self.noNotice = noNotice
    self.source = source
    self.status = status
  }
}

/// Billing facts that go with the exam. All of it is a suggestion for the coder; nothing here decides coverage.
public struct BillingSuggestions: Sendable {
  public var procedures: [ProcedureCode]
  public var diagnoses: [DiagnosisCode]
  /// Which payer's rules the exam was checked against, and what they say.
  public var coverage: PayerCoverage
  public var notes: [BillingNote]

  public init(
    procedures: [ProcedureCode], diagnoses: [DiagnosisCode], coverage: PayerCoverage, notes: [BillingNote] = []
  ) {
    self.procedures = procedures
    self.diagnoses = diagnoses
    self.coverage = coverage
    self.notes = notes
  }
}

public struct ProcedureCode: Sendable, Equatable {
  public var code: String
  public var modifiers: [String]
  /// The code's short descriptor, from the billing code file.
  public var description: String
  /// Why the code is suggested, and what each modifier needs.
  public var reasons: [ProcedureReason]

  public init(code: String, modifiers: [String] = [], description: String, reasons: [ProcedureReason]) {
    self.code = code
    self.modifiers = modifiers
    self.description = description
    self.reasons = reasons
  }
}

public struct DiagnosisCode: Sendable, Equatable {
  /// "M81.0"; ending in `-` where the coder completes the code ("M80.08X-", "M85.8-").
  public var code: String
  /// The code's description, from the billing code file or the conditions file.
  public var description: String
  public var reason: DiagnosisCodeReason
  public var status: ConfirmationStatus

  public init(code: String, description: String, reason: DiagnosisCodeReason, status: ConfirmationStatus) {
    self.code = code
    self.description = description
    self.reason = reason
    self.status = status
  }

  /// The coder adds characters (site, side or encounter) before the code can be billed.
  public var needsCompletion: Bool { code.hasSuffix("-") }
}

/// Which payer's rules an exam was checked against, and what they say about it.
public struct PayerCoverage: Sendable, Equatable {
  /// Where the payer came from.
  public enum Selection: String, Sendable {
    /// The exam's `payer`.
    case exam
    /// Chosen for this report (the command line's payer option), over the exam's.
    case report
    /// Neither said: Medicare, the shipped default (billing.md: Medicare's rules are the one shipped default).
    case shippedDefault = "default"
  }

  public var payer: PayerID
  public var selection: Selection
  /// The rules found for the payer (applied, or a template that was not); nil when no file gives rules for it.
  public var rules: PayerRulesSummary?
  /// What the rules say about the exam; nil when no rules were applied (none for the payer, or a template).
  public var findings: CoverageFindings?

  public init(
    payer: PayerID, selection: Selection, rules: PayerRulesSummary? = nil, findings: CoverageFindings? = nil
  ) {
    self.payer = payer
    self.selection = selection
    self.rules = rules
    self.findings = findings
  }

  /// An advance notice (and its modifier) is advised: coverage is not expected and the rules name a notice.
  public var isNoticeAdvised: Bool { findings?.isNoticeAdvised ?? false }
}

/// The payer file a check used, as a report cites it.
public struct PayerRulesSummary: Sendable, Equatable {
  public var id: PayerID
  public var name: String
  public var version: String
  public var status: ConfirmationStatus
  public var citation: String
  /// From a site's file rather than the shipped one.
  public var isSiteFile: Bool

  public init(
    id: PayerID, name: String, version: String, status: ConfirmationStatus, citation: String, isSiteFile: Bool
  ) {
    self.id = id
    self.name = name
    self.version = version
    self.status = status
    self.citation = citation
    self.isSiteFile = isSiteFile
  }

  /// A template a site has not completed: not applied.
  public var isTemplate: Bool { status == .unconfirmed }
}

/// What a payer's rules say about one exam.
public struct CoverageFindings: Sendable, Equatable {
  /// The covered indications the exam documents; nil when the rules list none.
  public var coveredIndications: CoveredIndicationsCheck?
  /// The frequency check; nil when the rules state no limit.
  public var frequency: FrequencyCheck?
  /// Why coverage is not expected; empty when nothing says so.
  public var nonCoverage: [NonCoverageReason]
  /// The notice and modifiers the rules name for an expected denial.
  public var modifiers: PayerModifiers?

  public init(
    coveredIndications: CoveredIndicationsCheck?, frequency: FrequencyCheck?, nonCoverage: [NonCoverageReason],
    modifiers: PayerModifiers?
  ) {
    self.coveredIndications = coveredIndications
    self.frequency = frequency
    self.nonCoverage = nonCoverage
    self.modifiers = modifiers
  }

  public var isNoticeAdvised: Bool { !nonCoverage.isEmpty && modifiers != nil }
}

/// A covered indication or frequency exception that the exam documents.
public struct MatchedRule: Sendable, Equatable {
  public var id: String
  public var label: String
  public var note: String?

  public init(id: String, label: String, note: String? = nil) {
    self.id = id
    self.label = label
    self.note = note
  }
}

/// Which of the payer's covered indications the exam documents.
public enum CoveredIndicationsCheck: Sendable, Equatable {
  /// At least one; each with the rule's label.
  case documented([MatchedRule])
  /// None of these (the rules' labels).
  case noneDocumented([String])
}

/// Why a payer is not expected to cover the study.
public enum NonCoverageReason: Sendable, Equatable {
  /// The exam documents none of the payer's covered indications.
  case noCoveredIndication
  /// Too soon after the last covered measurement, and no exception is documented.
  case frequencyLimitNotMet(months: Int, limit: Int, eligibleFrom: CalendarDate)
}

/// A payer's frequency limit applied to the exam: at least `limitMonths` months after the month of the last covered
/// measurement.
public struct FrequencyCheck: Sendable, Equatable {
  public enum Status: String, Sendable {
    case met
    case notMet = "not-met"
    /// Within the limit, but the exam documents an exception that allows it.
    case exceptionMayApply = "exception-may-apply"
    /// The exam gives no date of the last covered measurement: not checked.
    case unknown
  }

  public var status: Status
  public var limitMonths: Int
  public var lastCoveredScan: CalendarDate?
  public var eligibleFrom: CalendarDate?
  public var monthsSinceLastCovered: Int?
  /// Exceptions the exam documents (they allow a scan within the limit when the documentation supports them).
  public var exceptions: [MatchedRule]

  public init(
    status: Status, limitMonths: Int, lastCoveredScan: CalendarDate? = nil, eligibleFrom: CalendarDate? = nil,
    monthsSinceLastCovered: Int? = nil, exceptions: [MatchedRule] = []
  ) {
    self.status = status
    self.limitMonths = limitMonths
    self.lastCoveredScan = lastCoveredScan
    self.eligibleFrom = eligibleFrom
    self.monthsSinceLastCovered = monthsSinceLastCovered
    self.exceptions = exceptions
  }
}

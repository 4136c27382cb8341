import DXACore

extension ProcedureCode {
  /// Why the code is suggested, and what each modifier needs: "axial sites measured: lumbar spine, femoral neck".
  public var reasonText: String { reasons.map(\.text).joined(separator: "; ") }
}

extension ProcedureReason {
  public var text: String {
    switch self {
    case .axialWithVFA(let sites):
      return "\(Self.sitesText(sites)) with VFA findings recorded in the same session (77085, not 77080 + 77086)"
    case .axialSites(let sites): return Self.sitesText(sites)
    case .vfaWithoutAxial: return "VFA findings recorded without a valid axial bone density measurement"
    case .forearm: return "forearm (1/3 radius) measured"
    case .tbs:
      return "TBS reported; use 77090–77092 instead when preparation, calculation and interpretation are billed apart"
    case .professionalComponent:
      return "professional component (interpretation): the facility bills components separately"
    case .technicalComponent: return "technical component: the facility bills components separately"
    case .noticeOnFile(let modifier, let notice):
      return "\(modifier) only with the \(notice.shortNoticeName) on file (a denial is expected)"
    }
  }

  /// "axial sites with a valid measurement: lumbar spine, femoral neck".
  private static func sitesText(_ sites: [Site]) -> String {
    var names: [String] = []
    for site in sites {
      let name = site.isSpine ? "lumbar spine" : site.nameInSentence
      if !names.contains(name) { names.append(name) }
    }
    return "axial sites with a valid measurement: \(names.joined(separator: ", "))"
  }
}

extension DiagnosisCodeReason {
  public var text: String {
    switch self {
    case .osteoporosisByTScore: return "osteoporosis by T-score"
    case .osteoporosisPersisting: return "osteoporosis diagnosed earlier, persisting"
    case .clinicalOsteoporosis(let fractures, let otherwise):
      let alternative = otherwise.map { "; if not, \($0.code) for the low bone mass" } ?? ""
      return
        "osteoporosis may be diagnosed clinically from the \(FractureEvidence.listText(fractures)); the physician confirms it\(alternative)"
    case .currentFracture(let fractures):
      let list = FractureEvidence.listText(fractures.map(FractureEvidence.history))
      let completion =
        fractures.allSatisfy { $0.site == .vertebra }
        ? "the coder adds the 7th character (encounter)" : "the coder adds the fracture site and the 7th character"
      return "osteoporosis with a current \(list) (under active treatment): \(completion)"
    case .lowBoneMass(let site): return "low bone mass by T-score\(site.text)"
    case .pediatricOsteoporosis: return "osteoporosis by the ISCD pediatric rule"
    case .lowBMDForAge(let site): return "low bone mineral density for chronological age\(site.text)"
    case .fragilityFractureHistory(let fractures):
      return
        "healed fragility fracture in the history: \(fractures.map(FractureEvidence.history).map(\.text).joined(separator: ", "))"
    case .screening:
      return "screening encounter: the reason for the visit; a finding is coded in addition"
    case .estrogenDeficiencyPostmenopausal: return "estrogen deficiency, postmenopausal"
    case .indication(let indication): return "indication: \(indication.nameInSentence)"
    case .condition(let label): return "condition recorded: \(label)"
    case .glucocorticoidHistory: return "glucocorticoid therapy in the history"
    case .glucocorticoidIndication: return "glucocorticoid therapy indication"
    case .glucocorticoidsInThePast: return "systemic glucocorticoids taken in the past, not now"
    case .therapy(let drug): return "on \(drug)"
    }
  }
}

extension LowDensitySite {
  /// " at femoral neck (left), total hip (left)", then what the coder completes, if anything.
  var text: String {
    var text = sites.isEmpty ? "" : " at \(sites.map(\.lowercasedFirstWord).joined(separator: ", "))"
    switch completion {
    case .sideNotRecorded?: text += "; the coder adds the site character (the side is not recorded)"
    case .siteCodeNotListed?:
      text += "; the coder adds the site character (this site's code is not among those the billing notes name)"
    case .siteNotKnown?: text += "; the coder adds the site character"
    case nil: break
    }
    return text
  }
}

extension Indication {
  /// "primary hyperparathyroidism", "vertebral abnormality on imaging".
  public var nameInSentence: String {
    switch self {
    case .screening: return "screening"
    case .estrogenDeficiency: return "estrogen deficiency"
    case .vertebralAbnormality: return "vertebral abnormality on imaging"
    case .glucocorticoidTherapy: return "glucocorticoid therapy"
    case .primaryHyperparathyroidism: return "primary hyperparathyroidism"
    case .monitoringTherapy: return "monitoring therapy"
    case .fragilityFracture: return "fragility fracture"
    case .confirmBaseline: return "confirming a baseline"
    case .other: return "other"
    }
  }
}

extension BillingNote {
  public var text: String {
    switch self {
    case .suggestionsOnly:
      return
        "suggestions only: the coder confirms codes against the payer's current policy (e.g. the contractor's billing article)"
    case .forearmWithAxial(let axial) where axial == BillingCode.axialDXA:
      return
        "77081 with 77080 on the same date hits the CMS NCCI edit (column 1 77081, column 2 77080, modifier indicator 1): modifier 59 or XS only when both studies are reasonable, necessary and documented"
    case .forearmWithAxial(let axial):
      return
        "77081 with \(axial) on the same date: the NCCI edit for this pair is not in the project's billing notes; check the current NCCI table (77081 with 77080 is a mutually exclusive pair)"
    case .vfaFractureCode(let vertebrae):
      return
        "VFA found a vertebral fracture (\(vertebrae.map(\.description).joined(separator: ", "))): M80.08X- (age-related osteoporosis with current pathological fracture, vertebra) replaces M81.0 when the physician judges the fracture current"
    case .vfaWithoutFindings(let withAxial):
      return withAxial
        ? "VFA was performed but its findings are not recorded: 77085 needs the VFA reading in the report; until then 77080 is suggested"
        : "VFA was performed but its findings are not recorded: 77086 needs the VFA reading in the report"
    case .noValidAxialMeasurement:
      return
        "no axial site gave a valid measurement (a single evaluable vertebra or no BMD): no axial code is suggested"
    }
  }
}

extension PayerCoverage {
  /// The payer a report was checked against, where the choice came from, and which rules: "Medicare, from the exam
  /// (payer file medicare v1, secondary)".
  public var payerText: String {
    let name = rules?.name ?? "'\(payer)'"
    let from: String
    switch selection {
    case .exam: from = "from the exam"
    case .report: from = "chosen for this report"
    case .shippedDefault: from = "the shipped default, as the exam names no payer"
    }
    guard let rules else { return "\(name), \(from)" }
    let file = rules.isSiteFile ? "the site's payer file" : "payer file"
    return "\(name), \(from) (\(file) \(rules.id) v\(rules.version), \(rules.status.rawValue))"
  }

  /// Why no rules were applied, when none were.
  public var notAppliedText: String? {
    guard findings == nil else { return nil }
    guard let rules else { return "no payer rules were applied: no payer file gives rules for '\(payer)'" }
    return "no payer rules were applied: the \(rules.name) file is a template the site has not completed"
  }

  /// One line about the payer: what it is about, its label and its words.
  public struct Line: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case payer, rulesNotApplied, coveredIndications, frequency, coverage }
    public var kind: Kind
    public var text: String

    /// "Payer", "Payer rules", "Covered indication", "Frequency", "Coverage".
    public var label: String {
      switch kind {
      case .payer: return "Payer"
      case .rulesNotApplied: return "Payer rules"
      case .coveredIndications: return "Covered indication"
      case .frequency: return "Frequency"
      case .coverage: return "Coverage"
      }
    }
  }

  /// Every line about the payer, in the order a coder reads them: which payer, its covered indications, the
  /// frequency check, and the advance-notice advice with its reasons.
  public var lines: [Line] {
    var lines = [Line(kind: .payer, text: payerText)]
    if let notApplied = notAppliedText { lines.append(Line(kind: .rulesNotApplied, text: notApplied)) }
    guard let findings else { return lines }
    let name = rules?.name ?? payer.rawValue
    if let covered = findings.coveredIndications {
      lines.append(Line(kind: .coveredIndications, text: covered.text(payer: name)))
    }
    if let frequency = findings.frequency {
      lines.append(Line(kind: .frequency, text: frequency.statement(payer: name, modifiers: findings.modifiers)))
    }
    if let notice = findings.noticeText(payer: name) { lines.append(Line(kind: .coverage, text: notice)) }
    return lines
  }
}

extension MatchedRule {
  /// The rule's label, with its note for the coder in brackets.
  public var text: String { note.map { "\(label) (\($0))" } ?? label }
}

extension CoveredIndicationsCheck {
  public func text(payer: String) -> String {
    switch self {
    case .documented(let rules):
      return rules.map(\.text).joined(separator: "; ")
    case .noneDocumented(let labels):
      return "none documented; \(payer)'s are: \(labels.joined(separator: "; "))"
    }
  }
}

extension NonCoverageReason {
  public func text(payer: String) -> String {
    switch self {
    case .noCoveredIndication: return "the exam documents none of \(payer)'s covered indications"
    case .frequencyLimitNotMet(let months, let limit, let eligible):
      return
        "the \(limit)-month frequency limit is not met (\(months) months; eligible from \(eligible)) and no exception is documented"
    }
  }
}

extension CoverageFindings {
  /// The advice when coverage is not expected, with its reasons: the notice and modifiers the rules name, or, when
  /// they name none, that the plan decides.
  public func noticeText(payer: String) -> String? {
    guard !nonCoverage.isEmpty else { return nil }
    let reasons = nonCoverage.map { $0.text(payer: payer) }.joined(separator: "; ")
    guard let modifiers else {
      return
        "not expected: \(reasons). \(payer)'s rules name no advance notice or modifier: ask the plan how the patient accepts the cost before the scan"
    }
    let without = modifiers.noNotice.map { " (\($0) when none was obtained)" } ?? ""
    return
      "\(modifiers.notice.shortNoticeName) advised before the scan: \(reasons). Bill with modifier \(modifiers.noticeOnFile) when it is on file\(without)"
  }
}

extension FrequencyCheck {
  /// The frequency check in one sentence: how long since the last covered scan, and what follows.
  public func statement(payer: String, modifiers: PayerModifiers?) -> String {
    let since =
      "\(monthsSinceLastCovered.map(String.init) ?? "?") months after the month of the last covered scan (\(lastCoveredScan?.description ?? "not given"))"
    let eligible = eligibleFrom?.description ?? "not known"
    switch status {
    case .unknown:
      return "the exam gives no date of the last covered scan: the \(limitMonths)-month limit was not checked"
    case .met: return "\(since): the \(limitMonths)-month limit is met"
    case .exceptionMayApply:
      let notice =
        modifiers.map {
          " Without that documentation, the \($0.notice.shortNoticeName) and modifier \($0.noticeOnFile)"
        }
        ?? ""
      return
        "only \(since); eligible from \(eligible) unless the exception is documented: \(exceptions.map(\.text).joined(separator: "; ")).\(notice)"
    case .notMet: return "only \(since); \(payer) pays again from \(eligible)"
    }
  }
}

extension String {
  /// "Advance Beneficiary Notice of Noncoverage (ABN)" → "ABN": the abbreviation in brackets, when there is one.
  var shortNoticeName: String {
    guard hasSuffix(")"), let open = lastIndex(of: "(") else { return self }
    return String(self[index(after: open)..<index(before: endIndex)])
  }
}

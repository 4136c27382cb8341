import DXACore

extension ProcedureCode {
  /// Why the code is suggested, and what each modifier needs: "axial sites measured: lumbar spine, femoral neck".
  public var reasonText: String { reasons.map(\.text).joined(separator: "; ") }
}

extension ProcedureReason {
  public var text: String {
    switch self {
    case .axialWithVFA: return "axial sites with VFA in the same session (77085, not 77080 + 77086)"
    case .axialSites(let sites):
      var names: [String] = []
      for site in sites {
        let name = site.isSpine ? "lumbar spine" : site.nameInSentence
        if !names.contains(name) { names.append(name) }
      }
      return "axial sites measured: \(names.joined(separator: ", "))"
    case .vfaWithoutAxial: return "VFA without an axial bone density study"
    case .forearm: return "forearm (1/3 radius) measured"
    case .tbs:
      return "TBS reported; use 77090–77092 instead when preparation, calculation and interpretation are billed apart"
    case .professionalComponent:
      return "professional component (interpretation): the facility bills components separately"
    case .technicalComponent: return "technical component: the facility bills components separately"
    case .abnOnFileForGA: return "GA only if an ABN is on file (frequency limit not met)"
    }
  }
}

extension DiagnosisCodeReason {
  public var text: String {
    switch self {
    case .osteoporosisByTScore: return "osteoporosis by T-score"
    case .osteoporosisPersisting: return "osteoporosis diagnosed earlier, persisting"
    case .clinicalOsteoporosisFromFracture(let fractures):
      return
        "osteoporosis may be diagnosed clinically from the \(FractureEvidence.listText(fractures)); the physician confirms it"
    case .lowBoneMassByTScore: return "low bone mass by T-score"
    case .pediatricOsteoporosis: return "osteoporosis by the ISCD pediatric rule"
    case .lowBMDForAge: return "low bone mineral density for chronological age"
    case .fragilityFractureHistory(let fractures):
      return
        "fragility fracture in the history: \(fractures.map(FractureEvidence.history).map(\.text).joined(separator: ", "))"
    case .screening: return "screening indication"
    case .estrogenDeficiencyPostmenopausal: return "estrogen deficiency, postmenopausal"
    case .indication: return "indication"
    case .glucocorticoidHistory: return "glucocorticoid therapy in the history"
    case .glucocorticoidIndication: return "glucocorticoid therapy indication"
    case .therapy(let drug): return "on \(drug)"
    }
  }
}

extension BillingNote {
  public var text: String {
    switch self {
    case .suggestionsOnly:
      return
        "suggestions only: the coder confirms codes against the payer's current policy (e.g. the contractor's billing article)"
    case .forearmWithAxialNCCI:
      return
        "77081 with an axial code on the same date hits the CMS NCCI edit (column 1 77081, column 2 77080, modifier indicator 1): modifier 59 or XS only when both studies are reasonable, necessary and documented"
    case .vfaFractureCode(let vertebrae):
      return
        "VFA found a vertebral fracture (\(vertebrae.map(\.description).joined(separator: ", "))): M80.08- (age-related osteoporosis with current pathological fracture, vertebra) replaces M81.0 when the physician judges the fracture current"
    }
  }
}

extension FrequencyException {
  public var text: String {
    switch self {
    case .longTermGlucocorticoids: return "monitoring long-term glucocorticoid therapy (more than 3 months)"
    case .monitoringDrugTherapy: return "monitoring response to an FDA-approved osteoporosis drug (axial DXA)"
    case .confirmingBaseline:
      return "confirming a baseline to permit future monitoring (not covered when the first study was axial DXA)"
    }
  }
}

extension FrequencyCheck {
  /// The frequency check in one sentence: how long since the last covered scan, and what follows.
  public var statement: String {
    let since =
      "\(monthsSinceLastCovered.map(String.init) ?? "?") months after the month of the last covered scan (\(lastCoveredScan?.description ?? "not given"))"
    let eligible = eligibleFrom?.description ?? "not known"
    switch status {
    case .unknown:
      return
        "no date of the last covered scan given: the frequency limit was not checked"
    case .met: return "\(since): the 23-month limit is met"
    case .exceptionMayApply:
      return
        "only \(since); eligible from \(eligible) unless an exception is documented: \(exceptions.map(\.text).joined(separator: "; ")). Without that documentation an ABN is needed (modifier GA)"
    case .notMet:
      return
        "only \(since); Medicare pays again from \(eligible). An ABN is needed before the scan; bill with modifier GA when it is on file"
    }
  }
}

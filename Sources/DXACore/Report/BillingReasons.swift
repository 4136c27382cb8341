/// Why a CPT code (and each of its modifiers) is suggested. A value; the renderers word it.
public enum ProcedureReason: Sendable, Equatable {
  /// Axial sites with VFA in the same session: 77085, not 77080 + 77086.
  case axialWithVFA
  /// The axial sites measured (exam order of ``Site/allCases``).
  case axialSites([Site])
  case vfaWithoutAxial
  /// The 1/3 radius measured.
  case forearm
  case tbs
  /// Modifier 26: the facility bills components separately.
  case professionalComponent
  /// Modifier TC: the facility bills components separately.
  case technicalComponent
  /// Modifier GA: only with an ABN on file (frequency limit not met).
  case abnOnFileForGA
}

/// Why an ICD-10-CM code is suggested. A value; the renderers word it.
public enum DiagnosisCodeReason: Sendable, Equatable {
  case osteoporosisByTScore
  case osteoporosisPersisting
  /// A hip or vertebral fragility fracture: osteoporosis may be diagnosed clinically; the physician confirms it.
  case clinicalOsteoporosisFromFracture([FractureEvidence])
  case lowBoneMassByTScore
  case pediatricOsteoporosis
  case lowBMDForAge
  case fragilityFractureHistory([Fracture])
  case screening
  case estrogenDeficiencyPostmenopausal
  /// The exam's indication names the condition.
  case indication
  case glucocorticoidHistory
  case glucocorticoidIndication
  case therapy(drug: String)
}

/// A note for the coder. A value; the renderers word it.
public enum BillingNote: Sendable, Equatable {
  /// Every line is a suggestion; the coder confirms codes against the payer's current policy.
  case suggestionsOnly
  /// 77081 with an axial code on the same date hits the CMS NCCI edit.
  case forearmWithAxialNCCI
  /// VFA found vertebral fractures: M80.08- replaces M81.0 when the physician judges the fracture current.
  case vfaFractureCode([VertebralLevel])
}

/// A medical-necessity exception to the Medicare frequency limit (Benefit Policy Manual ch. 15 §80.5).
public enum FrequencyException: String, Sendable, CaseIterable {
  /// Monitoring long-term glucocorticoid therapy (more than 3 months).
  case longTermGlucocorticoids = "long-term-glucocorticoids"
  /// Monitoring response to an FDA-approved osteoporosis drug (axial DXA).
  case monitoringDrugTherapy = "monitoring-drug-therapy"
  /// Confirming a baseline to permit future monitoring (not covered when the first study was axial DXA).
  case confirmingBaseline = "confirming-baseline"
}

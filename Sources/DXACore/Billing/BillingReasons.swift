/// Why a CPT code (and each of its modifiers) is suggested. A value; the renderers word it.
public enum ProcedureReason: Sendable, Equatable {
  /// Axial sites with a valid measurement and recorded VFA findings in the same session: 77085, not 77080 + 77086.
  case axialWithVFA([Site])
  /// The axial sites that produced a valid measurement (in ``Site/allCases`` order).
  case axialSites([Site])
  /// VFA findings recorded without a valid axial measurement.
  case vfaWithoutAxial
  /// The 1/3 radius measured.
  case forearm
  case tbs
  /// Modifier 26: the facility bills components separately.
  case professionalComponent
  /// Modifier TC: the facility bills components separately.
  case technicalComponent
  /// The payer's modifier for a claim whose denial is expected, only with the notice on file (Medicare: GA, ABN).
  case noticeOnFile(modifier: String, notice: String)
}

/// Why an ICD-10-CM code is suggested. A value; the renderers word it.
public enum DiagnosisCodeReason: Sendable, Equatable {
  case osteoporosisByTScore
  case osteoporosisPersisting
  /// A fragility fracture makes a clinical diagnosis of osteoporosis possible (hip or vertebral whatever the BMD;
  /// proximal humerus, pelvis or distal forearm with low bone mass); the physician confirms it. With low bone mass by
  /// T-score, `otherwise` is the low-bone-mass code that applies if the physician does not.
  case clinicalOsteoporosis([FractureEvidence], otherwise: LowDensitySite?)
  /// Osteoporosis with fragility fractures still under active treatment: M80.0-, the coder adds the site and
  /// encounter characters.
  case currentFracture([Fracture])
  /// Low bone mass by T-score, at these sites.
  case lowBoneMass(LowDensitySite)
  case pediatricOsteoporosis
  /// Low bone mineral density for chronological age (under 20), at these sites.
  case lowBMDForAge(LowDensitySite)
  /// Healed fragility fractures in the history, with osteoporosis.
  case fragilityFractureHistory([Fracture])
  /// The exam is a screening encounter: the reason for the visit; findings are coded in addition.
  case screening
  case estrogenDeficiencyPostmenopausal
  /// The exam's indication names the condition.
  case indication(Indication)
  /// A condition of the exam's risk factors (its label), coded as the conditions file gives it.
  case condition(String)
  case glucocorticoidHistory
  case glucocorticoidIndication
  /// Systemic glucocorticoids in the history, no longer taken.
  case glucocorticoidsInThePast
  case therapy(drug: String)
}

/// A note for the coder. A value; the renderers word it.
public enum BillingNote: Sendable, Equatable {
  /// Every line is a suggestion; the coder confirms codes against the payer's current policy.
  case suggestionsOnly
  /// 77081 with an axial code on the same date: the CMS NCCI edit (77080), or a pair the notes do not give (77085).
  case forearmWithAxial(axialCode: String)
  /// VFA found vertebral fractures: M80.08X- replaces M81.0 when the physician judges the fracture current.
  case vfaFractureCode([VertebralLevel])
  /// VFA was performed but its findings are not recorded: 77085 (or 77086) needs them.
  case vfaWithoutFindings(withAxial: Bool)
  /// Axial sites were measured but none gave a valid measurement (a single evaluable vertebra, no BMD): no 77080.
  case noValidAxialMeasurement
}

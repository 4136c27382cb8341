/// A fracture that counts in the rules: one in the history, or a vertebral fracture found on VFA.
public enum FractureEvidence: Sendable, Equatable {
  case history(Fracture)
  case vfa(VertebralFractureFinding)

  /// A hip or vertebral fracture: the ones that indicate treatment and a clinical diagnosis whatever the BMD.
  public var isHipOrVertebral: Bool {
    switch self {
    case .history(let fracture): return fracture.site == .hip || fracture.site == .vertebra
    case .vfa: return true
    }
  }
}

extension Exam {
  /// Fragility fractures of the history and vertebral fractures found on VFA (clinical-rules.md §12: a VFA finding
  /// is a vertebral fracture for the diagnosis and for treatment).
  public var fragilityFractureEvidence: [FractureEvidence] {
    history.fragilityFractures.map(FractureEvidence.history)
      + (vfa?.vertebralFractures ?? []).map(FractureEvidence.vfa)
  }

  /// Hip or vertebral fractures of any cause in the history, and vertebral fractures found on VFA: Gourlay 2012
  /// followed women without them.
  public var hipOrVertebralFractureEvidence: [FractureEvidence] {
    history.fractures.filter { $0.site == .hip || $0.site == .vertebra }.map(FractureEvidence.history)
      + (vfa?.vertebralFractures ?? []).map(FractureEvidence.vfa)
  }
}

/// Why treatment is indicated (NOF/BHOF, clinical-rules.md §12).
public enum TreatmentIndication: Sendable, Equatable {
  /// A hip or vertebral fragility fracture (clinical, or found on imaging), whatever the BMD or FRAX.
  case hipOrVertebralFracture([FractureEvidence])
  /// T ≤ −2.5 at the femoral neck, total hip or spine.
  case osteoporosisByBMD(site: String, tScore: ExactDecimal)
  /// Low bone mass with a 10-year hip fracture probability ≥ 3% or major osteoporotic ≥ 20%.
  case lowBoneMassWithFRAX(hip: ExactDecimal, major: ExactDecimal)
}

extension Exam {
  /// Who a Z-score statement is about (ISCD 2019: by the sex recorded at birth, worded by gender identity).
  public var zScoreGroup: ZScoreGroup {
    switch (patient.sex, patient.genderIdentity) {
    case (.female, nil), (.female, .female?): return .premenopausalWoman
    case (.male, nil), (.male, .male?): return .manUnder50
    case (let sex, let identity?):
      let reference: Sex = identity == .nonconforming ? sex : (identity == .female ? .female : .male)
      return .byRecordedSex(recorded: sex, identity: identity, zReference: reference)
    }
  }
}

/// Who a Z-score statement is about, worded by the person's gender identity (ISCD 2019).
public enum ZScoreGroup: Sendable, Equatable {
  case premenopausalWoman
  case manUnder50
  /// A transgender or gender non-conforming person classified by the sex recorded at birth (premenopausal, or a
  /// man's age rule under 50), their Z-score against the reference of `zReference`.
  case byRecordedSex(recorded: Sex, identity: GenderIdentity, zReference: Sex)
}

/// A clinical statement that goes with the diagnosis. A value here; the renderers word it
/// (`Sources/DXARendering/Wording/`).
public enum DiagnosisStatement: Sendable, Equatable {
  /// Osteoporosis by BMD with a fragility fracture: severe (established) osteoporosis (WHO).
  case severe([FractureEvidence])
  /// A hip or vertebral fragility fracture: osteoporosis may be diagnosed clinically whatever the BMD (AACE/ACE
  /// 2020), and treatment is indicated whatever the BMD or FRAX (NOF/BHOF).
  case clinicalFromHipOrVertebralFracture([FractureEvidence])
  /// A hip or vertebral fragility fracture alongside osteoporosis by BMD: treatment is indicated (NOF/BHOF).
  case treatmentIndicatedByFracture([FractureEvidence])
  /// Low bone mass with a fragility fracture of the proximal humerus, pelvis or distal forearm (AACE/ACE 2020).
  case clinicalFromPeripheralFracture([Fracture])
  /// Osteoporosis diagnosed earlier persists although today's scores would not make it (AACE/ACE 2020).
  case persists(PersistingDiagnosis, lowestTScore: ExactDecimal?, site: String?)
  /// WHO categories do not apply; for men under 50 osteoporosis is never diagnosed on BMD alone (ISCD).
  case zScorePopulation(ZScoreGroup)
  /// The lumbar spine has a single evaluable vertebra: never used for diagnosis; the other sites decide (ISCD).
  case singleVertebra(Site?)
  /// The deciding spine score is against the L1–L4 reference for a combination without its own: approximate.
  case approximateSpine(VertebralSet)
  /// Pediatric: a vertebral compression fracture establishes osteoporosis whatever the BMD (ISCD 2013).
  case pediatricVertebralFracture([FractureEvidence])
  /// Pediatric: a low Z-score with a clinically significant fracture history (two or more long-bone fractures by
  /// age 10, or three or more by 19).
  case pediatricFractureHistory(byAge10: Int, byAge19: Int)
  /// Pediatric: the Z-score is low but the fracture history does not meet the rule.
  case pediatricFracturesBelowRule(byAge10: Int, byAge19: Int)
  /// Pediatric: long-bone fractures without a date or age cannot be counted by age.
  case pediatricFracturesWithoutAge(Int)
  /// Pediatric: osteoporosis is never diagnosed on a child's BMD alone.
  case pediatricNotOnBMDAlone
}

/// What establishes osteoporosis under 20 (ISCD 2013 pediatric positions).
public enum PediatricOsteoporosis: Sendable, Equatable {
  /// A low-trauma vertebral compression fracture, whatever the BMD.
  case vertebralCompressionFracture
  /// Z ≤ −2.0 with a clinically significant fracture history.
  case lowDensityWithFractureHistory
}

/// Why an exam has no diagnosis.
public enum NoDiagnosisReason: Sendable, Equatable {
  /// A woman's menopausal status is not given and the policy `require` needs it.
  case menopauseRequired
  /// No valid diagnostic site was measured (the pediatric sites under 20).
  case noDiagnosticSite(pediatric: Bool)
  /// Diagnostic sites were measured, but none has a reported score of `kind`; each with why.
  case noScore(ScoreKind, [UnscoredSite])
}

/// A diagnostic region without a reported score, and why.
public struct UnscoredSite: Sendable, Equatable {
  public var label: String
  public var missing: MissingScore?

  public init(label: String, missing: MissingScore?) {
    self.label = label
    self.missing = missing
  }
}

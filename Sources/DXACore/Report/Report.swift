/// The interpretation report of one exam: everything the engine works out, kept apart from what the interpreting
/// physician writes and signs. Built by ``ReportBuilder``; rendered as text, JSON, FHIR R4 and HTML.
public struct Report: Sendable {
  public var exam: Exam
  public var priors: [Exam]
  /// Age at the scan in years (exact; see ``Exam/age``).
  public var age: ExactDecimal
  public var policy: ScoringPolicy
  public var population: Population
  /// Every measured region in exam order, the spine total first among the spine rows.
  public var sites: [SiteResult]
  public var spine: SpineAnalysis?
  public var diagnosis: Diagnosis
  public var comparisons: [PriorComparison]
  public var fractureRisk: FractureRisk
  public var recommendations: [Recommendation]
  public var billing: BillingSuggestions
  /// One chart per diagnostic site that has a reference: the data behind the HTML BMD-versus-age figure.
  public var charts: [SiteChart]
  /// Diagnostic sites left without a chart, and why.
  public var chartOmissions: [ChartOmission] = []
  public var interpretation: PhysicianInterpretation
  /// What the engine took for granted because the exam did not say.
  public var assumptions: [ScoringAssumption]
  /// Facts about how the report was computed that a reader should know.
  public var notes: [ReportNote]
  /// The facility that performed the scan, from the facility file.
  public var facilityName: String? = nil
  /// Regions where the scanner's and the engine's scores disagree; the report opens with them.
  public var discrepancies: [ScoreDiscrepancy] = []
  /// The facility's follow-up intervals (therapy, glucocorticoids) and where each comes from.
  public var followUp = FollowUpPolicy(options: .standard, facility: nil)
  /// The conditions the exam records, as the conditions list defines them (label, code), in the exam's order.
  public var conditions: [ConditionDefinition] = []
}

/// How a region may be used in this exam.
public enum SiteRole: Sendable, Equatable {
  /// Counts towards the diagnosis.
  case diagnostic
  /// The 1/3 radius, used because the exam gives an ISCD reason.
  case diagnosticBecause(RadiusReason)
  /// Reported for information; `reason` says why it is not used for the diagnosis.
  case notDiagnostic(NonDiagnosticReason)

  public var isDiagnostic: Bool {
    if case .notDiagnostic = self { return false }
    return true
  }
}

/// One measured region with its scores.
public struct SiteResult: Sendable {
  /// The row as measured (for the spine total: the sum of the included vertebrae, see ``SpineAnalysis``).
  public var measurement: Measurement
  /// "Lumbar spine (L2–L4)", "Total hip (left)".
  public var label: String
  /// For the spine total: the vertebrae it is made of.
  public var vertebrae: VertebralSet?
  /// The BMD that was scored, g/cm² (3 decimals when recomputed from BMC and area).
  public var bmd: ExactDecimal?
  public var bmdSource: BMDSource
  /// The engine's scores, with everything needed to audit them; nil when there was no BMD to score.
  public var result: ScoreResult?
  /// The T- and Z-score the report gives, each with its source (recomputed or scanner) and why.
  public var t: SiteScore
  public var z: SiteScore
  /// The region's category, read from the reported scores (``t``, ``z``) under the role and population.
  public var classification: Classification
  public var role: SiteRole
  /// Recomputed minus device score, when the exam carries the device's values.
  public var tScoreDifference: ExactDecimal?
  public var zScoreDifference: ExactDecimal?
  public var notes: [SiteNote]

  public enum BMDSource: String, Sendable {
    case measured
    /// ΣBMC / Σarea of the included vertebrae (or BMC / area of one vertebra), rounded to 3 decimals.
    case recomputed = "recomputed-from-bmc-and-area"
    case missing
  }

  /// The engine's recomputed T-score (which may or may not be the one reported: see ``t``).
  public var tScore: Score? { result?.tScore.score }
  /// The engine's recomputed Z-score (see ``z``).
  public var zScore: Score? { result?.zScore.score }

  /// The reported score of a kind.
  public func score(_ kind: ScoreKind) -> SiteScore { kind == .t ? t : z }
}

/// The lumbar spine: vertebrae, the exclusion screen and the total of the included ones.
public struct SpineAnalysis: Sendable {
  public var vertebrae: [VertebraResult]
  /// The vertebrae the total is made of; nil when none is included.
  public var included: VertebralSet?
  public var totalBMC: ExactDecimal?
  public var totalArea: ExactDecimal?
  /// ΣBMC / Σarea, exact.
  public var exactBMD: Fraction?
  /// Where the T-scores used by the exclusion screen came from, or why the screen was not done.
  public var screen: Screen
  /// Vertebrae whose T-score differs by more than 1.0 from a neighbour: candidates for the interpreter, never
  /// excluded by the engine.
  public var exclusionCandidates: [ExclusionCandidate]
  /// At least two evaluable vertebrae are included (ISCD: never diagnose on one vertebra).
  public var isUsableForDiagnosis: Bool
  public var notes: [SpineNote]

  public enum Screen: Sendable, Equatable {
    /// On T-scores computed against a loaded per-vertebra reference.
    case computed
    /// On the per-vertebra T-scores the scanner printed.
    case deviceScores
    /// No per-vertebra reference is loaded and the exam does not give every vertebra's printed T-score.
    case notPerformed
  }
}

public struct VertebraResult: Sendable {
  public var measurement: Measurement
  /// BMD as measured or BMC / area.
  public var bmd: ExactDecimal?
  /// The T-score the exclusion screen used: computed against a loaded per-vertebra reference, else the device's.
  public var tScore: ExactDecimal?
  public var isIncluded: Bool { measurement.isIncluded }
}

public struct ExclusionCandidate: Sendable, Equatable {
  public var vertebra: Site
  public var neighbour: Site
  /// |T(vertebra) − T(neighbour)|, > 1.0.
  public var difference: ExactDecimal
  /// Whether the technologist already excluded it.
  public var isExcluded: Bool
}

/// The diagnosis of the exam.
public struct Diagnosis: Sendable {
  public var population: Population
  /// The category of the lowest score among diagnostic sites (or the persisting one); nil with ``reason``.
  public var category: Category?
  /// Osteoporosis by BMD together with a fragility fracture.
  public var isSevere: Bool
  /// Under 20: what establishes osteoporosis (ISCD 2013 pediatric), when it is established.
  public var pediatricOsteoporosis: PediatricOsteoporosis? = nil
  /// The site the category comes from and its reported score.
  public var basisLabel: String?
  public var basis: Classification.Basis?
  public var basisScore: ExactDecimal?
  /// Where the deciding score comes from, and why that source.
  public var basisSource: ScoreSource?
  public var basisChoice: SourceChoice?
  /// The deciding score is the L1–L4 reference standing in for this vertebral combination: approximate.
  public var approximateFor: VertebralSet?
  /// A prior diagnosis of osteoporosis that this exam's better scores do not undo (AACE 2020).
  public var persistsFrom: PersistingDiagnosis?
  /// Why there is no diagnosis, when there is none.
  public var reason: NoDiagnosisReason?
  /// Clinical statements that go with the diagnosis (e.g. a clinical diagnosis from a fracture).
  public var statements: [DiagnosisStatement]
}

public struct PersistingDiagnosis: Sendable, Equatable {
  /// When osteoporosis was diagnosed.
  public var date: CalendarDate
  public var source: Source

  public enum Source: Sendable, Equatable {
    /// The exam's `history.prior_osteoporosis_diagnosis`.
    case history
    /// A prior exam whose lowest reported T-score, at `site` (its label), was −2.5 or lower.
    case priorExam(scanID: String, site: String, tScore: ExactDecimal)
  }

  public init(date: CalendarDate, source: Source) {
    self.date = date
    self.source = source
  }
}

/// Serial change against one earlier exam.
public struct PriorComparison: Sendable {
  public var priorScanID: String
  public var priorDate: CalendarDate
  /// Years between the two scans, days / 365.25.
  public var years: Fraction
  public var isSameScanner: Bool
  public var changes: [SiteChange]
}

/// The change of one region between two exams.
public struct SiteChange: Sendable {
  public var label: String
  public var site: Site
  public var side: Side?
  public var vertebrae: VertebralSet?
  public var currentBMD: ExactDecimal
  public var priorBMD: ExactDecimal
  public var outcome: Outcome
  public var notes: [ComparisonNote]

  public enum Outcome: Sendable {
    case compared(Change)
    case notComparable(NotComparableReason)
  }

  public struct Change: Sendable {
    /// The prior BMD on the current scanner's scale (differs from ``priorBMD`` after a cross-calibration).
    public var priorOnCurrentScale: Fraction
    /// Current − prior, g/cm².
    public var grams: Fraction
    /// Change as a percentage of the prior value.
    public var percent: Fraction
    /// Percent per year; nil when the scans share a date.
    public var percentPerYear: Fraction?
    public var leastSignificantChange: LeastSignificantChange
    /// |change| ≥ LSC; nil when no LSC is available.
    public var isSignificant: Bool?
    /// Area change in %, when both exams give the area.
    public var areaChangePercent: Fraction?

    /// Bone area changed by more than 2% between the studies: a sign of a region-of-interest problem
    /// (J Clin Densitom 2006).
    public var hasAreaWarning: Bool {
      guard let area = areaChangePercent else { return false }
      return Fraction(2) < area.magnitude
    }
  }
}

/// The LSC a change was judged against.
public enum LeastSignificantChange: Sendable {
  /// 2.77 × the facility's precision for this site (or vertebral set), g/cm².
  case facility(grams: ExactDecimal, precision: ExactDecimal)
  /// No facility figure: the LSC implied by the ISCD minimum acceptable precision, % of the prior BMD.
  case iscdMinimum(percent: ExactDecimal)
  /// No facility precision for the region and no ISCD minimum for the site: significance is not judged.
  case unavailable
}

public struct FractureRisk: Sendable {
  public var frax: FRAXResult?
  /// The femoral-neck T-score on the NHANES III White female reference, the one FRAX takes; with its site label.
  public var femoralNeckTForFRAX: Score?
  /// For people classified on the Z-score, who get no T-score: the femoral-neck BMD FRAX can take with the make.
  public var femoralNeckBMDForFRAX: ExactDecimal? = nil
  public var femoralNeckLabel: String?
  /// Whether the US (NOF/BHOF) treatment threshold is met, when it can be judged.
  public var meetsTreatmentThreshold: Bool?
  public var statements: [FractureRiskStatement]
  public var tbs: TBSResult?
  /// Why treatment is indicated (NOF/BHOF), when it is: a hip or vertebral fracture, osteoporosis by BMD, or low
  /// bone mass above the FRAX thresholds.
  public var treatmentIndications: [TreatmentIndication] = []
  /// FRAX and its thresholds are for adults: false under 20, where the section is left out.
  public var applies: Bool = true
  /// The treatment statement by the US rules, with or without FRAX (adults).
  public var assessment: TreatmentAssessment = .cannotBeJudged
}

/// The data behind one BMD-versus-age chart, on the scale the results table shows (the scanner's).
public struct SiteChart: Sendable {
  public var label: String
  public var site: Site
  /// The scanner's scale, on which the results table gives the BMD: the reference's, unless ``conversion`` says the
  /// reference was moved to it.
  public var scale: MeasurementScale
  public var units: String
  /// The young-adult mean and SD that place the T-score bands (see ``tScoreBandEdges``), on the chart's scale.
  public var youngAdultMean: Fraction
  public var youngAdultSD: Fraction
  public var youngAdultTableID: String
  /// The age-matched reference (mean per age group) for the person's sex and ethnicity, when one exists.
  public var ageCurve: [AgeCurvePoint]
  public var ageCurveTableID: String?
  public var points: [ChartPoint]
  /// The reference is on another scale and was converted to the scanner's for the chart; nil when it is on the
  /// scanner's own.
  public var conversion: ChartConversion? = nil
}

/// How a chart's reference was moved to the scanner's scale: reference = slope × scanner + intercept, inverted.
public struct ChartConversion: Sendable {
  public var referenceScale: MeasurementScale
  public var referenceUnits: String
  public var setID: String
  /// The equation the score used, as a person checks it.
  public var equation: String
  public var slope: Fraction
  public var intercept: Fraction
}

/// A diagnostic site without a chart: the score that classifies it is not the engine's against the chart's reference
/// (a printed score that differs), so the patient's point could sit in another band than the reported category.
public struct ChartOmission: Sendable, Equatable {
  public var label: String
  public var kind: ScoreKind
  public var reported: ExactDecimal
  /// The engine's score against the chart's reference, when it has one.
  public var recomputed: ExactDecimal?

  public init(label: String, kind: ScoreKind, reported: ExactDecimal, recomputed: ExactDecimal?) {
    self.label = label
    self.kind = kind
    self.reported = reported
    self.recomputed = recomputed
  }
}

public struct AgeCurvePoint: Sendable, Equatable {
  public var fromAge: ExactDecimal
  /// Nil for an open top group.
  public var underAge: ExactDecimal?
  public var mean: Fraction
  public var sd: Fraction
}

public struct ChartPoint: Sendable {
  public var date: CalendarDate
  public var age: ExactDecimal
  /// BMD on the chart's scale.
  public var bmd: Fraction
  public var tScore: ExactDecimal?
  public var isCurrent: Bool
  /// A prior measured on a scanner of another maker: its BMD is converted to this scanner's scale through the
  /// reference's.
  public var isFromOtherMaker: Bool = false
}

/// What the interpreting physician adds. The engine never writes here.
public struct PhysicianInterpretation: Sendable {
  public var impression: String?
  public var signedBy: String?
  public var signedOn: CalendarDate?

  public init(impression: String? = nil, signedBy: String? = nil, signedOn: CalendarDate? = nil) {
    self.impression = impression
    self.signedBy = signedBy
    self.signedOn = signedOn
  }

  public var isSigned: Bool { signedBy != nil }
}

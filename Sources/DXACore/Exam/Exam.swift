/// One visit: the patient, the scan and what it measured, as an exam file (`dxa-exam/1`) holds it.
///
/// The exam is what the technologist enters; the ``Report`` is what the engine works out from it.
public struct Exam: Sendable {
  public var patient: Patient
  public var scan: ScanInfo
  public var measurements: [Measurement]
  public var history: History
  public var frax: FRAXResult?
  public var tbs: TBSResult?
  /// What vertebral fracture assessment found, when the exam records it.
  public var vfa: VFAFindings?
  /// Clinical risk factors, when the exam records them.
  public var riskFactors: RiskFactors?
  /// Positioning, artifacts and limitations of the study, when the exam records them.
  public var technicalQuality: TechnicalQuality?
  /// Who the exam is billed to, when the exam says.
  public var payer: PayerID?

  public init(
    patient: Patient, scan: ScanInfo, measurements: [Measurement], history: History = History(),
    frax: FRAXResult? = nil, tbs: TBSResult? = nil, vfa: VFAFindings? = nil, riskFactors: RiskFactors? = nil,
    technicalQuality: TechnicalQuality? = nil, payer: PayerID? = nil
  ) {
    self.patient = patient
    self.scan = scan
    self.measurements = measurements
    self.history = history
    self.frax = frax
    self.tbs = tbs
    self.vfa = vfa
    self.riskFactors = riskFactors
    self.technicalQuality = technicalQuality
    self.payer = payer
  }

  /// Age at the scan in years: given, or (scan date − birth date) / 365.25 days floored to 4 decimals.
  public var age: ExactDecimal {
    if let birthDate = patient.birthDate {
      return birthDate.years(until: scan.date).flooredDecimal(places: 4)
    }
    return patient.age ?? ExactDecimal(0)
  }
}

public struct Patient: Sendable {
  public var id: String
  public var name: String?
  public var sex: Sex
  public var birthDate: CalendarDate?
  /// Used only when no birth date is given.
  public var age: ExactDecimal?
  public var ethnicity: Ethnicity?
  public var menopause: MenopausalStatus?
  public var genderIdentity: GenderIdentity?
  public var weightKilograms: ExactDecimal?
  public var heightCentimetres: ExactDecimal?

  public init(
    id: String, name: String? = nil, sex: Sex, birthDate: CalendarDate? = nil, age: ExactDecimal? = nil,
    ethnicity: Ethnicity? = nil, menopause: MenopausalStatus? = nil, genderIdentity: GenderIdentity? = nil,
    weightKilograms: ExactDecimal? = nil, heightCentimetres: ExactDecimal? = nil
  ) {
    self.id = id
    self.name = name
    self.sex = sex
    self.birthDate = birthDate
    self.age = age
    self.ethnicity = ethnicity
    self.menopause = menopause
    self.genderIdentity = genderIdentity
    self.weightKilograms = weightKilograms
    self.heightCentimetres = heightCentimetres
  }
}

/// Why an exam was ordered, in the words payers and coders use. Drives the billing suggestions.
public enum Indication: String, CaseIterable, Sendable {
  case screening
  case estrogenDeficiency = "estrogen-deficiency"
  case vertebralAbnormality = "vertebral-abnormality"
  case glucocorticoidTherapy = "glucocorticoid-therapy"
  case primaryHyperparathyroidism = "primary-hyperparathyroidism"
  case monitoringTherapy = "monitoring-therapy"
  case fragilityFracture = "fragility-fracture"
  case confirmBaseline = "confirm-baseline"
  case other
}

/// Why the 1/3 radius may be used for diagnosis (ISCD adult positions).
public enum RadiusReason: String, CaseIterable, Sendable {
  case hipOrSpineNotMeasurable = "hip-or-spine-not-measurable"
  case hyperparathyroidism
  case overTableWeightLimit = "over-table-weight-limit"

  public var displayName: String {
    switch self {
    case .hipOrSpineNotMeasurable: return "hip or spine cannot be measured or interpreted"
    case .hyperparathyroidism: return "hyperparathyroidism"
    case .overTableWeightLimit: return "weight over the table limit"
    }
  }
}

public struct ScanInfo: Sendable {
  public var id: String
  public var date: CalendarDate
  public var manufacturer: Manufacturer?
  public var model: String?
  public var serialNumber: String?
  public var softwareVersion: String?
  /// The scanner's id in the facility file, when the facility lists its scanners.
  public var scannerID: String?
  /// The indication in words, as ordered.
  public var indication: String?
  public var indications: [Indication]
  public var referringProvider: String?
  public var technologist: String?
  /// Problems during the study, limitations, artifacts: printed under technique.
  public var technicalNotes: String?
  public var vertebralFractureAssessment: Bool
  public var radiusReason: RadiusReason?

  public init(
    id: String, date: CalendarDate, manufacturer: Manufacturer? = nil, model: String? = nil,
    serialNumber: String? = nil, softwareVersion: String? = nil, scannerID: String? = nil, indication: String? = nil,
    indications: [Indication] = [], referringProvider: String? = nil, technologist: String? = nil,
    technicalNotes: String? = nil, vertebralFractureAssessment: Bool = false, radiusReason: RadiusReason? = nil
  ) {
    self.id = id
    self.date = date
    self.manufacturer = manufacturer
    self.model = model
    self.serialNumber = serialNumber
    self.softwareVersion = softwareVersion
    self.scannerID = scannerID
    self.indication = indication
    self.indications = indications
    self.referringProvider = referringProvider
    self.technologist = technologist
    self.technicalNotes = technicalNotes
    self.vertebralFractureAssessment = vertebralFractureAssessment
    self.radiusReason = radiusReason
  }
}

/// Left or right, for hips and forearms.
public enum Side: String, CaseIterable, Sendable {
  case left, right

  public var displayName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// One region of interest as the scanner measured it.
public struct Measurement: Sendable {
  public var site: Site
  public var side: Side?
  /// g/cm². Optional for a vertebra that has BMC and area (and for the spine total, recomputed from them).
  public var bmd: ExactDecimal?
  /// Bone mineral content, g.
  public var bmc: ExactDecimal?
  /// Projected area, cm².
  public var area: ExactDecimal?
  /// For vertebrae: whether the technologist included it in the spine total (default true).
  public var isIncluded: Bool
  public var exclusionReason: String?
  public var deviceTScore: ExactDecimal?
  public var deviceZScore: ExactDecimal?
  /// For the lumbar-spine row: the vertebrae the scanner's printed total (BMD, T, Z) is for. Nil means the
  /// vertebrae the exam includes (L1–L4 when it lists none).
  public var vertebrae: VertebralSet?

  public init(
    site: Site, side: Side? = nil, bmd: ExactDecimal? = nil, bmc: ExactDecimal? = nil, area: ExactDecimal? = nil,
    isIncluded: Bool = true, exclusionReason: String? = nil, deviceTScore: ExactDecimal? = nil,
    deviceZScore: ExactDecimal? = nil, vertebrae: VertebralSet? = nil
  ) {
    self.vertebrae = vertebrae
    self.site = site
    self.side = side
    self.bmd = bmd
    self.bmc = bmc
    self.area = area
    self.isIncluded = isIncluded
    self.exclusionReason = exclusionReason
    self.deviceTScore = deviceTScore
    self.deviceZScore = deviceZScore
  }

  /// "Femoral neck (left)", "L3".
  public var displayName: String {
    side.map { "\(site.displayName) (\($0.rawValue))" } ?? site.displayName
  }
}

/// Where a fracture was, in the groups the ISCD and AACE rules distinguish.
public enum FractureSite: String, CaseIterable, Sendable {
  case hip
  case vertebra
  case distalForearm = "distal-forearm"
  case proximalHumerus = "proximal-humerus"
  case pelvis
  case rib
  /// A long bone other than those above (femoral shaft, tibia, …): counts in the pediatric rule.
  case otherLongBone = "other-long-bone"
  case other

  /// Long bones, for the ISCD pediatric fracture-history rule.
  public var isLongBone: Bool {
    switch self {
    case .hip, .distalForearm, .proximalHumerus, .otherLongBone: return true
    case .vertebra, .pelvis, .rib, .other: return false
    }
  }

  public var displayName: String {
    switch self {
    case .hip: return "hip"
    case .vertebra: return "vertebra"
    case .distalForearm: return "distal forearm"
    case .proximalHumerus: return "proximal humerus"
    case .pelvis: return "pelvis"
    case .rib: return "rib"
    case .otherLongBone: return "long bone"
    case .other: return "other site"
    }
  }
}

public struct Fracture: Sendable, Equatable {
  public var site: FractureSite
  public var date: CalendarDate?
  /// Age at the fracture in years, when the date is not known (the pediatric rule counts fractures by age).
  public var age: ExactDecimal?
  /// A fragility fracture: from a fall from standing height or less (the default for fractures listed here).
  public var isFragility: Bool
  /// Still under active treatment (`"current": true`): a current fracture in ICD-10-CM's sense (M80.0- with a
  /// fragility fracture). Otherwise (the default) the fracture is healed history (Z87.310).
  public var isCurrent: Bool

  public init(
    site: FractureSite, date: CalendarDate? = nil, age: ExactDecimal? = nil, isFragility: Bool = true,
    isCurrent: Bool = false
  ) {
    self.site = site
    self.date = date
    self.age = age
    self.isFragility = isFragility
    self.isCurrent = isCurrent
  }

  /// Age at the fracture: from the date and the birth date, else as given; nil when neither is known.
  public func age(bornOn birthDate: CalendarDate?) -> Fraction? {
    if let date, let birthDate { return birthDate.years(until: date) }
    return age.map(Fraction.init)
  }
}

/// Osteoporosis drug classes, as the coding and monitoring rules group them.
public enum TherapyClass: String, CaseIterable, Sendable {
  case bisphosphonate, denosumab, anabolic, serm
  case hormoneTherapy = "hormone-therapy"
  case other
}

public struct Therapy: Sendable {
  public var drug: String
  public var drugClass: TherapyClass
  public var startDate: CalendarDate?

  public init(drug: String, drugClass: TherapyClass, startDate: CalendarDate? = nil) {
    self.drug = drug
    self.drugClass = drugClass
    self.startDate = startDate
  }
}

public struct Glucocorticoids: Sendable {
  /// Months of systemic glucocorticoid therapy so far.
  public var months: Int?
  /// Prednisone-equivalent dose in mg/day.
  public var prednisoneMilligramsPerDay: ExactDecimal?
  public var isCurrent: Bool

  public init(months: Int? = nil, prednisoneMilligramsPerDay: ExactDecimal? = nil, isCurrent: Bool = true) {
    self.months = months
    self.prednisoneMilligramsPerDay = prednisoneMilligramsPerDay
    self.isCurrent = isCurrent
  }
}

public struct History: Sendable {
  public var fractures: [Fracture]
  public var glucocorticoids: Glucocorticoids?
  public var therapy: Therapy?
  /// The date of the last bone mass measurement a payer covered (for the Medicare frequency check).
  public var priorCoveredScanDate: CalendarDate?
  /// A diagnosis of osteoporosis made before (by T ≤ −2.5 on an earlier scan not given as a prior file).
  public var priorOsteoporosisDiagnosis: CalendarDate?

  public init(
    fractures: [Fracture] = [], glucocorticoids: Glucocorticoids? = nil, therapy: Therapy? = nil,
    priorCoveredScanDate: CalendarDate? = nil, priorOsteoporosisDiagnosis: CalendarDate? = nil
  ) {
    self.fractures = fractures
    self.glucocorticoids = glucocorticoids
    self.therapy = therapy
    self.priorCoveredScanDate = priorCoveredScanDate
    self.priorOsteoporosisDiagnosis = priorOsteoporosisDiagnosis
  }

  public var fragilityFractures: [Fracture] { fractures.filter(\.isFragility) }
}

/// FRAX ten-year probabilities as the FRAX calculator gave them. Never computed here: its equations are not public.
public struct FRAXResult: Sendable {
  /// Major osteoporotic fracture, %.
  public var majorOsteoporotic: ExactDecimal
  /// Hip fracture, %.
  public var hip: ExactDecimal
  /// Whether femoral-neck BMD was entered.
  public var withBMD: Bool
  public var isTBSAdjusted: Bool
  public var calculatorVersion: String

  public init(
    majorOsteoporotic: ExactDecimal, hip: ExactDecimal, withBMD: Bool, isTBSAdjusted: Bool = false,
    calculatorVersion: String
  ) {
    self.majorOsteoporotic = majorOsteoporotic
    self.hip = hip
    self.withBMD = withBMD
    self.isTBSAdjusted = isTBSAdjusted
    self.calculatorVersion = calculatorVersion
  }
}

/// Trabecular bone score, passed through with its own interpretation.
public struct TBSResult: Sendable {
  public var value: ExactDecimal
  public var vertebrae: VertebralSet?
  public var interpretation: String?
  public var softwareVersion: String?

  public init(
    value: ExactDecimal, vertebrae: VertebralSet? = nil, interpretation: String? = nil, softwareVersion: String? = nil
  ) {
    self.value = value
    self.vertebrae = vertebrae
    self.interpretation = interpretation
    self.softwareVersion = softwareVersion
  }
}

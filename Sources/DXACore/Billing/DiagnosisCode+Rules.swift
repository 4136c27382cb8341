extension DiagnosisCode {
  /// ICD-10-CM codes supported by the structured findings, in the order a coder reads them: the screening encounter,
  /// the bone codes (osteoporosis with or without a current fracture, or low bone mass with its site), a healed
  /// fracture, then indications, conditions and therapies. Descriptions come from the billing code file and the
  /// conditions file.
  static func suggestions(exam: Exam, sites: [SiteResult], diagnosis: Diagnosis, library: ReferenceLibrary)
    -> [DiagnosisCode]
  {
    var codes: [DiagnosisCode] = []
    func add(_ code: String, _ reason: DiagnosisCodeReason) {
      guard !codes.contains(where: { $0.code == code }) else { return }
      let reference = library.billingCodes.diagnosis(code)
      codes.append(
        DiagnosisCode(
          code: code, description: reference?.description ?? "description not in the billing code file",
          reason: reason, status: reference?.status ?? .unconfirmed))
    }
    let indications = exam.scan.indications
    if indications.contains(.screening) { add(BillingCode.screening, .screening) }

    let fragility = exam.history.fragilityFractures
    let healed = fragility.filter { !$0.isCurrent }
    if let osteoporosis = osteoporosisReason(diagnosis, sites: sites) {
      let current = fragility.filter(\.isCurrent)
      if current.isEmpty {
        add(BillingCode.ageRelatedOsteoporosis, osteoporosis)
      } else {
        // M80 (with a current pathological fracture) and M81 (without) exclude each other.
        let vertebral = current.filter { $0.site == .vertebra }
        let other = current.filter { $0.site != .vertebra }
        if !vertebral.isEmpty { add(BillingCode.osteoporosisWithCurrentVertebralFracture, .currentFracture(vertebral)) }
        if !other.isEmpty { add(BillingCode.osteoporosisWithCurrentFracture, .currentFracture(other)) }
      }
      if !healed.isEmpty { add(BillingCode.healedOsteoporosisFracture, .fragilityFractureHistory(healed)) }
    } else {
      switch (diagnosis.category, diagnosis.population) {
      case (.lowBoneMass?, _):
        let site = LowDensitySite.of(sites, category: .lowBoneMass)
        add(site.code, .lowBoneMass(site))
      case (.osteoporosis?, .child):
        add(BillingCode.otherOsteoporosis, .pediatricOsteoporosis)
      case (.belowExpectedRangeForAge?, .child):
        let site = LowDensitySite.of(sites, category: .belowExpectedRangeForAge)
        add(site.code, .lowBMDForAge(site))
      default:
        break
      }
    }
    if indications.contains(.estrogenDeficiency), exam.patient.menopause == .post {
      add(BillingCode.asymptomaticMenopause, .estrogenDeficiencyPostmenopausal)
    }
    if indications.contains(.primaryHyperparathyroidism) {
      add(BillingCode.primaryHyperparathyroidism, .indication(.primaryHyperparathyroidism))
    }
    for code in exam.riskFactors?.conditions ?? [] {
      guard let condition = library.conditions[code], let icd = condition.icd10cm,
        icd.sex == nil || icd.sex == exam.patient.sex, !codes.contains(where: { $0.code == icd.code })
      else { continue }
      codes.append(
        DiagnosisCode(
          code: icd.code, description: icd.description, reason: .condition(condition.label), status: icd.status)
      )
    }
    // An abnormal imaging finding says less than a definitive osteoporosis code: never both.
    if indications.contains(.vertebralAbnormality),
      !codes.contains(where: { BillingCode.isDefinitiveOsteoporosis($0.code) })
    {
      add(BillingCode.abnormalImagingMusculoskeletal, .indication(.vertebralAbnormality))
    }
    if let steroids = exam.history.glucocorticoids, steroids.isCurrent || indications.contains(.glucocorticoidTherapy) {
      add(BillingCode.systemicSteroids, .glucocorticoidHistory)
    } else if indications.contains(.glucocorticoidTherapy) {
      add(BillingCode.systemicSteroids, .glucocorticoidIndication)
    } else if exam.history.glucocorticoids != nil {
      add(BillingCode.systemicSteroidHistory, .glucocorticoidsInThePast)
    }
    if let therapy = exam.history.therapy {
      switch therapy.drugClass {
      case .bisphosphonate: add(BillingCode.bisphosphonates, .therapy(drug: therapy.drug))
      case .serm: add(BillingCode.serms, .therapy(drug: therapy.drug))
      case .hormoneTherapy: add(BillingCode.hormoneReplacement, .therapy(drug: therapy.drug))
      case .denosumab, .anabolic, .other: add(BillingCode.otherLongTermDrugTherapy, .therapy(drug: therapy.drug))
      }
    }
    return codes
  }

  /// Why the exam supports an age-related osteoporosis code (adults classified by WHO on the T-score): by T-score, a
  /// diagnosis that persists, or a clinical diagnosis from a fragility fracture that the physician confirms.
  static func osteoporosisReason(_ diagnosis: Diagnosis, sites: [SiteResult]) -> DiagnosisCodeReason? {
    guard diagnosis.population == .whoTScore else { return nil }
    if diagnosis.category == .osteoporosis {
      return diagnosis.persistsFrom == nil ? .osteoporosisByTScore : .osteoporosisPersisting
    }
    let otherwise = diagnosis.category == .lowBoneMass ? LowDensitySite.of(sites, category: .lowBoneMass) : nil
    for statement in diagnosis.statements {
      switch statement {
      case .clinicalFromHipOrVertebralFracture(let fractures):
        return .clinicalOsteoporosis(fractures, otherwise: otherwise)
      case .clinicalFromPeripheralFracture(let fractures):
        return .clinicalOsteoporosis(fractures.map(FractureEvidence.history), otherwise: otherwise)
      default: continue
      }
    }
    return nil
  }
}

/// Where low bone density was found, for the site character of M85.8-: the regions of the diagnostic sites in the
/// category, and the code they give.
public struct LowDensitySite: Sendable, Equatable {
  /// The diagnostic sites in the category, as the report labels them.
  public var sites: [String]
  /// "M85.851", "M85.852", "M85.88", "M85.89", or "M85.8-" when the coder completes it.
  public var code: String
  /// Why the coder completes the code, when the code ends in `-`.
  public var completion: Completion?

  public enum Completion: Sendable, Equatable {
    /// A hip region without a side.
    case sideNotRecorded
    /// A region whose site character is not among the codes the project's billing notes name (the forearm, total
    /// body less head).
    case siteCodeNotListed
    /// No diagnostic site is in the category (the category comes from elsewhere).
    case siteNotKnown
  }

  /// The code for the sites of `category`: one hip side gives the thigh code of that side (M85.851 right, M85.852
  /// left), the lumbar spine "other site" (M85.88), two regions or more "multiple sites" (M85.89).
  static func of(_ sites: [SiteResult], category: Category) -> LowDensitySite {
    let low = sites.filter { $0.role.isDiagnostic && $0.classification.category == category }
    var regions: [Region] = []
    for site in low where !regions.contains(Region(site)) { regions.append(Region(site)) }
    let labels = low.map(\.label)
    guard let region = regions.first else {
      return LowDensitySite(sites: labels, code: BillingCode.lowBoneMass, completion: .siteNotKnown)
    }
    if regions.count > 1 { return LowDensitySite(sites: labels, code: BillingCode.lowBoneMassMultipleSites) }
    switch region {
    case .thigh(.right?): return LowDensitySite(sites: labels, code: BillingCode.lowBoneMassRightThigh)
    case .thigh(.left?): return LowDensitySite(sites: labels, code: BillingCode.lowBoneMassLeftThigh)
    case .thigh(nil): return LowDensitySite(sites: labels, code: BillingCode.lowBoneMass, completion: .sideNotRecorded)
    case .spine: return LowDensitySite(sites: labels, code: BillingCode.lowBoneMassOtherSite)
    case .unlisted:
      return LowDensitySite(sites: labels, code: BillingCode.lowBoneMass, completion: .siteCodeNotListed)
    }
  }

  /// ICD-10-CM's site of a scanned region: the hip regions lie in the thigh (site character 5), the lumbar spine is
  /// an "other site" (8); other regions are not among the codes the billing notes name.
  enum Region: Equatable {
    case thigh(Side?)
    case spine
    case unlisted(Site, Side?)

    init(_ site: SiteResult) {
      switch site.measurement.site {
      case .femoralNeck, .totalHip, .trochanter, .intertrochanter, .wards: self = .thigh(site.measurement.side)
      case .lumbarSpine, .l1, .l2, .l3, .l4: self = .spine
      default: self = .unlisted(site.measurement.site, site.measurement.side)
      }
    }
  }
}

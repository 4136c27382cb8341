import DXACore

// The exam's facts in words, for the report's patient, exam and risk-factor lines in every format.

extension Indication {
  /// "estrogen deficiency", "monitoring of osteoporosis therapy".
  public var text: String {
    switch self {
    case .screening: return "screening"
    case .estrogenDeficiency: return "estrogen deficiency"
    case .vertebralAbnormality: return "vertebral abnormality on imaging"
    case .glucocorticoidTherapy: return "glucocorticoid therapy"
    case .primaryHyperparathyroidism: return "primary hyperparathyroidism"
    case .monitoringTherapy: return "monitoring of osteoporosis therapy"
    case .fragilityFracture: return "fragility fracture"
    case .confirmBaseline: return "confirming a baseline"
    case .other: return "other"
    }
  }
}

extension Artifact.Kind {
  public var text: String {
    switch self {
    case .metal: return "metal"
    case .degenerativeChange: return "degenerative change"
    case .vascularCalcification: return "vascular calcification"
    case .contrast: return "contrast"
    case .motion: return "motion"
    case .externalObject: return "external object"
    case .surgicalChange: return "surgical change"
    case .scoliosis: return "scoliosis"
    case .other: return "other artifact"
    }
  }
}

extension TherapyClass {
  public var text: String {
    switch self {
    case .bisphosphonate: return "bisphosphonate"
    case .denosumab: return "denosumab"
    case .anabolic: return "anabolic"
    case .serm: return "SERM"
    case .hormoneTherapy: return "hormone therapy"
    case .other: return "other"
    }
  }
}

extension Glucocorticoids {
  /// "glucocorticoids 7.5 mg/day prednisone-equivalent for 6 months, current".
  public var text: String {
    let details = [
      prednisoneMilligramsPerDay.map { "\($0) mg/day prednisone-equivalent" }, months.map { "for \($0) months" },
      isCurrent ? "current" : "past",
    ].compactMap { $0 }
    return "glucocorticoids " + details.joined(separator: " ")
  }
}

extension Fracture {
  /// "fragility fracture of the distal forearm 2019-11-02", "fracture of the rib at age 12 (not fragility)".
  public var text: String {
    var text = (isFragility ? "fragility fracture of the " : "fracture of the ") + site.displayName
    if let date { text += " \(date)" } else if let age { text += " at age \(age)" }
    return text
  }
}

/// The risk factors of an exam, sorted for a reader: the history (fractures, glucocorticoids, therapy), what is
/// present, what was recorded as absent, and what the exam does not say (absent from the exam is never "no").
public struct RiskFactorSummary: Sendable, Equatable {
  public var history: [String] = []
  public var present: [String] = []
  public var absent: [String] = []
  public var notRecorded: [String] = []
}

extension Report {
  /// Fractures, glucocorticoids and osteoporosis therapy from the history, then the exam's risk factors (FRAX's and
  /// ISCD's VFA ones) and conditions, by their labels in the conditions list.
  public var riskFactorSummary: RiskFactorSummary {
    var summary = RiskFactorSummary()
    let history = exam.history
    summary.history += history.fractures.map(\.text)
    if let steroids = history.glucocorticoids { summary.history.append(steroids.text) }
    if let therapy = history.therapy {
      var text = "on \(therapy.drug) (\(therapy.drugClass.text))"
      if let start = therapy.startDate { text += " since \(start)" }
      summary.history.append(text)
    }
    if let date = history.priorOsteoporosisDiagnosis { summary.history.append("osteoporosis diagnosed \(date)") }
    guard let factors = exam.riskFactors else { return summary }
    func flag(_ value: Bool?, _ name: String) {
      switch value {
      case true?: summary.present.append(name)
      case false?: summary.absent.append(name)
      case nil: summary.notRecorded.append(name)
      }
    }
    flag(factors.parentalHipFracture, "parental hip fracture")
    flag(factors.currentSmoking, "current smoking")
    flag(factors.alcoholThreeOrMoreUnitsPerDay, "alcohol ≥ 3 units/day")
    flag(factors.rheumatoidArthritis, "rheumatoid arthritis")
    flag(factors.selfReportedVertebralFracture, "self-reported vertebral fracture")
    switch factors.heightLossCentimetres {
    case let loss? where loss.significand > 0: summary.present.append("height loss \(loss) cm")
    case _?: summary.absent.append("height loss")
    case nil: summary.notRecorded.append("height loss")
    }
    switch factors.fallsInPast12Months {
    case let falls? where falls > 0:
      summary.present.append("\(falls) fall\(falls == 1 ? "" : "s") in the past 12 months")
    case _?: summary.absent.append("falls")
    case nil: summary.notRecorded.append("falls")
    }
    summary.present += conditions.map(\.label)
    return summary
  }

  /// "DXA of lumbar spine (L1–L2, L4), left hip, right hip; VFA of T4–L4": the regions as scanned.
  public var techniqueText: String {
    var regions: [String] = []
    func add(_ region: String) { if !regions.contains(region) { regions.append(region) } }
    for site in sites {
      let measured = site.measurement.site
      let side = site.measurement.side.map { "\($0.rawValue) " } ?? ""
      switch measured {
      case .lumbarSpine: add(site.label.lowercasedFirstWord)
      case .femoralNeck, .totalHip, .trochanter, .intertrochanter, .wards: add("\(side)hip")
      case .radius33: add("\(side)forearm (1/3 radius)")
      default:
        if measured.isSpine { add("lumbar spine") } else { add(site.label.lowercasedFirstWord) }
      }
    }
    if regions.contains("left hip"), regions.contains("right hip") {
      regions.removeAll { $0 == "right hip" }
      regions = regions.map { $0 == "left hip" ? "both hips" : $0 }
    }
    var text = "DXA of " + regions.joined(separator: ", ")
    if exam.scan.vertebralFractureAssessment {
      text += "; vertebral fracture assessment"
      if let range = exam.vfa?.vertebraeAssessed { text += " of \(range)" }
    }
    if let reason = exam.scan.radiusReason, let role = SiteRole.diagnosticBecause(reason).text { text += "; \(role)" }
    return text
  }

  /// The technologist's notes and the structured technical quality: positioning, artifacts, limitations.
  public var qualityText: String {
    var parts: [String] = []
    if let notes = exam.scan.technicalNotes { parts.append(notes.asSentence) }
    guard let quality = exam.technicalQuality else { return parts.joined(separator: " ") }
    if let positioning = quality.positioning, positioning != .adequate || quality.positioningNote != nil {
      parts.append(
        "Positioning \(positioning.rawValue)" + (quality.positioningNote.map { ": \($0)" } ?? "") + ".")
    }
    if !quality.artifacts.isEmpty {
      let artifacts = quality.artifacts.map { artifact in
        var text = artifact.kind.text
        let region = [artifact.side?.rawValue, artifact.site?.nameInSentence].compactMap { $0 }
        if !region.isEmpty { text += " (\(region.joined(separator: " ")))" }
        if let note = artifact.note { text += ": \(note)" }
        return text
      }
      parts.append("Artifacts: \(artifacts.joined(separator: "; ")).")
    }
    if !quality.limitations.isEmpty { parts.append("Limitations: \(quality.limitations.joined(separator: "; ")).") }
    return parts.joined(separator: " ")
  }
}

extension GenantGrade {
  /// "grade 2 (moderate, 25–40% height loss)".
  public var detailedText: String {
    switch self {
    case .mild: return "grade 1 (mild, 20–25% height loss)"
    case .moderate: return "grade 2 (moderate, 25–40% height loss)"
    case .severe: return "grade 3 (severe, more than 40% height loss)"
    }
  }
}

extension Report {
  /// What vertebral fracture assessment covered and found, graded by Genant's semiquantitative method.
  public var vfaFindingsText: String {
    guard exam.scan.vertebralFractureAssessment else {
      return "billed, but the exam does not record it as performed: check before billing"
    }
    guard let vfa = exam.vfa, vfa.hasFindings || vfa.vertebraeAssessed != nil else {
      return "performed; its findings are not recorded in the exam (the reader records them)"
    }
    var text = vfa.vertebraeAssessed.map { "\($0) assessed: " } ?? "performed: "
    if !vfa.vertebralFractures.isEmpty {
      let fractures = vfa.vertebralFractures.map { "\($0.vertebra) \($0.grade.detailedText)" }
      text += "vertebral fracture\(fractures.count == 1 ? "" : "s") of \(fractures.joined(separator: "; "))"
      text += " (Genant semiquantitative); a fracture on VFA counts as a vertebral fracture for the diagnosis and"
      text += " for treatment"
    } else if vfa.isFractureFree {
      text += "no vertebral fracture (Genant semiquantitative)"
    } else {
      text += "findings not recorded"
    }
    return text
  }
}

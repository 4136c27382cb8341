/// The scored regions of one exam, before the diagnosis is drawn from them.
struct ScoredSites: Sendable {
  var sites: [SiteResult]
  var spine: SpineAnalysis?
  var notes: [String]
}

extension ReportBuilder {
  /// Scores every region: the spine total from its vertebrae, then each other region in exam order.
  func scoreSites(of exam: Exam) throws(InputError) -> ScoredSites {
    var sites: [SiteResult] = []
    var notes: [String] = []
    var spine = try analyseSpine(of: exam)
    let givenSpine = exam.measurements.first { $0.site == .lumbarSpine && $0.bmd != nil }
    if let analysed = spine, analysed.exactBMD == nil, let givenSpine, let included = analysed.included,
      included.members.count >= 2
    {
      // The vertebrae lack BMC or area, so the total cannot be rebuilt: the scanner's own total stands in.
      spine?.isUsableForDiagnosis = true
      spine?.notes.append(
        "the lumbar spine BMD given by the scanner is used, taken as the total of the included vertebrae \(included.label)"
      )
      sites.append(
        try siteResult(
          for: givenSpine, exam: exam, vertebrae: included, role: .diagnostic,
          label: "Lumbar spine (\(included.label))"))
    } else if let spine {
      sites.append(try spineTotal(of: exam, spine: spine))
    } else if let given = exam.measurements.first(where: { $0.site == .lumbarSpine }) {
      sites.append(try siteResult(for: given, exam: exam, vertebrae: .all, role: .diagnostic))
    }
    for measurement in exam.measurements
    where measurement.site != .lumbarSpine && !VertebralSet.all.members.contains(measurement.site) {
      sites.append(
        try siteResult(for: measurement, exam: exam, vertebrae: nil, role: role(of: measurement.site, exam: exam)))
    }
    if spine != nil, let given = exam.measurements.first(where: { $0.site == .lumbarSpine }), let total = sites.first,
      let givenBMD = given.bmd, let recomputed = total.bmd, givenBMD != recomputed
    {
      notes.append(
        "the lumbar spine BMD given (\(givenBMD)) differs from the total recomputed from the included vertebrae (\(recomputed)); the recomputed value is used"
      )
    }
    return ScoredSites(sites: sites, spine: spine, notes: notes)
  }

  func role(of site: Site, exam: Exam) -> SiteRole {
    switch site.diagnosticUse {
    case .diagnostic:
      return .diagnostic
    case .conditional:
      if let reason = exam.scan.radiusReason { return .diagnosticBecause(reason) }
      return .notDiagnostic(
        reason:
          "the 1/3 radius is used for diagnosis only when hip or spine cannot be measured or interpreted, in hyperparathyroidism, or over the table weight limit; the exam gives none of these (scan.radius_reason)"
      )
    case .singleVertebra:
      return .notDiagnostic(reason: "a single vertebra is never used for diagnosis (ISCD)")
    case .nonDiagnostic:
      return .notDiagnostic(reason: "\(site.displayName) is reported but never used for diagnosis (ISCD)")
    }
  }

  /// Scores one region. `bmdOverride` is the recomputed spine total.
  func siteResult(
    for measurement: Measurement, exam: Exam, vertebrae: VertebralSet?, role: SiteRole,
    bmdOverride: ExactDecimal? = nil, label: String? = nil
  ) throws(InputError) -> SiteResult {
    let bmd = bmdOverride ?? measurement.bmd
    var result: ScoreResult?
    var notes: [String] = []
    if let bmd {
      let request = ScoreRequest(
        site: measurement.site, bmd: bmd, sex: exam.patient.sex, age: exam.age, menopause: exam.patient.menopause,
        manufacturer: exam.scan.manufacturer, ethnicity: exam.patient.ethnicity,
        genderIdentity: exam.patient.genderIdentity)
      result = try engine.score(request)
      if let vertebrae, vertebrae != .all, var scored = result {
        switch options.spineSubsetReference {
        case .none:
          let reason =
            "no reference for the vertebral combination \(vertebrae.label): no open table gives one, and an L1–L4 reference does not fit a subset (policy spine-subset-reference none; --spine-subset-reference l1-l4 uses L1–L4 and says so)"
          scored.tScore = .unavailable(reason: reason)
          scored.zScore = .unavailable(reason: reason)
          scored.classification = Classification(category: nil, basis: nil, reason: "no score: \(reason)", wording: nil)
          scored.notes = scored.notes.filter { !$0.contains("T-score shown for information only") }
          result = scored
        case .l1ToL4:
          notes.append(
            "\(vertebrae.label) scored against the L1–L4 reference (policy spine-subset-reference l1-l4): approximate, no reference exists for this combination"
          )
        }
      }
    }
    var site = SiteResult(
      measurement: measurement,
      label: label ?? measurement.displayName, vertebrae: vertebrae, bmd: bmd,
      bmdSource: bmdOverride != nil ? .recomputed : (bmd == nil ? .missing : .measured), result: result, role: role,
      notes: notes)
    if !role.isDiagnostic, var scored = site.result, scored.classification.category != nil,
      case .notDiagnostic(let reason) = role
    {
      scored.classification = Classification(category: nil, basis: nil, reason: reason, wording: nil)
      site.result = scored
    }
    if let device = measurement.deviceTScore, let t = site.tScore?.reported {
      site.tScoreDifference = t.subtracting(device)
    }
    if let device = measurement.deviceZScore, let z = site.zScore?.reported {
      site.zScoreDifference = z.subtracting(device)
    }
    return site
  }
}

import DXACore

extension FHIRBundleWriter {
  /// One Observation of the bundle with its id.
  struct ObservationEntry {
    var fullURL: String
    var resource: JSONValue
  }

  /// Per site with a BMD: a BMD Observation, then a T-score and a Z-score Observation for each score the report
  /// gives, recomputed or the scanner's (its `method` says which). A score the report does not give (no reference
  /// and no printed value) has no Observation; the BMD Observation says why. People classified on the Z-score and
  /// children get no T-score Observation at all.
  var observations: [ObservationEntry] {
    var entries: [ObservationEntry] = []
    var usedRoles: Set<String> = []
    let maker = report.exam.scan.manufacturer
    for site in report.sites {
      guard let bmd = site.bmd else { continue }
      var role = "observation/" + site.roleName
      // Two rows for the same region are refused on input; a suffix keeps ids unique should one get through.
      while usedRoles.contains(role) { role += "+" }
      usedRoles.insert(role)

      let bmdURL = fullURL(role + "/bmd")
      var bmdNotes: [String] = []
      if site.bmdSource == .recomputed { bmdNotes.append("BMD recomputed from BMC and area.") }
      bmdNotes += roleNotes(site)
      for kind in ScoreKind.allCases {
        let score = site.score(kind)
        guard let missing = score.missing, missing != .notForThisPopulation, missing != .child else { continue }
        bmdNotes.append(missing.statement(kind).capitalizedFirstWord)
      }
      bmdNotes += site.notes.map(\.text.asSentence)
      entries.append(
        ObservationEntry(
          fullURL: bmdURL,
          resource: observation(
            site.region, .bmd, value: FHIR.quantity(bmd.reportedBMD, ucum: "g/cm2", unit: "g/cm2"), notes: bmdNotes,
            derivedFrom: nil)))

      if site.measurement.site == .lumbarSpine, let spine = report.spine {
        entries += vertebraObservations(spine, totalLabel: site.vertebrae?.label)
      }
      for kind in ScoreKind.allCases {
        let score = site.score(kind)
        guard let value = score.reported, let source = score.source else { continue }
        let measure: ReportCodes.Measure = kind == .t ? .tScore : .zScore
        let ucum = kind == .t ? "{T-score}" : "{Z-score}"
        var notes: [String] = []
        if case .recomputed = source, let engine = score.recomputedScore {
          notes.append(referenceNote(engine))
          if let conversion = engine.conversion {
            notes.append(
              "BMD converted to the \(conversion.to) scale before scoring: \(conversion.equation) (\(conversion.setID) "
                + "v\(conversion.setVersion)\(conversion.isApproximate ? ", approximate" : ""))."
            )
          }
        }
        if let text = site.sourceText(kind, maker: maker) { notes.append(text.asSentence) }
        if let choice = score.choice { notes.append("Source: \(choice.reason).") }
        notes += roleNotes(site)
        var interpretation: String?
        if let category = site.classification.category, site.classification.basis == (kind == .t ? .tScore : .zScore) {
          interpretation = category.name(for: report.population)
        }
        entries.append(
          ObservationEntry(
            fullURL: fullURL(role + "/" + measure.rawValue),
            resource: observation(
              site.region, measure, value: FHIR.quantity(value, ucum: ucum, unit: ucum), notes: notes,
              interpretation: interpretation, method: Self.methodText(source, score: score), derivedFrom: bmdURL)))
      }
    }
    return entries
  }

  /// How the score was obtained, for `Observation.method`.
  static func methodText(_ source: ScoreSource, score: SiteScore) -> String {
    switch source {
    case .recomputed(let table, let version):
      return "Recomputed by the DXA engine against \(table) v\(version)"
        + (score.isApproximate ? " (L1–L4 reference for a vertebral subset: approximate)" : "")
    case .scanner:
      return "As printed by the scanner (the maker's reference database)"
    }
  }

  /// What an Observation is about: the region, its side, the vertebrae of a spine total and how the report names it.
  struct Region {
    var site: Site
    var side: Side?
    var label: String
    /// For the lumbar spine total: the vertebrae it is made of.
    var vertebrae: VertebralSet? = nil

    /// The lumbar spine total of fewer than four vertebrae, or a single vertebra: LOINC's lumbar-spine codes are
    /// read as L1–L4 by receivers, so these are coded with DXA's local codes only.
    var isVertebralSubset: Bool {
      if VertebralSet.all.members.contains(site) { return true }
      return site == .lumbarSpine && vertebrae.map { $0 != .all } == true
    }

    /// `code.text`: "Lumbar spine (L2–L4) BMD", "Femoral neck (left) T-score".
    func codeText(_ measure: ReportCodes.Measure) -> String {
      if site == .lumbarSpine, let vertebrae, !label.contains(vertebrae.label) {
        return "Lumbar spine (\(vertebrae.label)) \(measure.displayName)"
      }
      return "\(label) \(measure.displayName)"
    }

    /// DXA's local code: `lumbar-spine-l2-l4-bmd`, `vertebra-l3-bmd`.
    func localCode(_ measure: ReportCodes.Measure) -> String {
      if VertebralSet.all.members.contains(site) { return "vertebra-\(site.rawValue)-\(measure.rawValue)" }
      let set = vertebrae.map { "-\($0.identifier)" } ?? ""
      return "\(site.rawValue)\(set)-\(measure.rawValue)"
    }
  }

  func observation(
    _ region: Region, _ measure: ReportCodes.Measure, value: JSONValue, notes: [String],
    interpretation: String? = nil, method: String? = nil, derivedFrom: String?
  ) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("resourceType", .string("Observation")),
      ("status", .string(status)),
      ("category", imagingCategory),
      ("code", code(region, measure)),
      ("subject", FHIR.reference(patientURL)),
      ("effectiveDateTime", .string(report.exam.scan.date.description)),
      ("valueQuantity", value),
    ]
    if let interpretation { members.append(("interpretation", .array([FHIR.concept([], text: interpretation)]))) }
    if !notes.isEmpty { members.append(("note", .array(notes.map(FHIR.note)))) }
    members.append(("bodySite", bodySite(region)))
    if let method { members.append(("method", FHIR.concept([], text: method))) }
    members.append(("device", FHIR.reference(deviceURL)))
    if let derivedFrom { members.append(("derivedFrom", .array([FHIR.reference(derivedFrom)]))) }
    return .object(members)
  }

  /// `Observation.code`: the verified LOINC code of the region and measure where there is one; a vertebral subset
  /// of the spine or a single vertebra only DXA's local code, never the lumbar-spine (L1–L4) code.
  func code(_ region: Region, _ measure: ReportCodes.Measure) -> JSONValue {
    let text = region.codeText(measure)
    if region.isVertebralSubset {
      return FHIR.concept(
        [FHIR.coding(system: codes.localSystem, code: region.localCode(measure), display: text)], text: text)
    }
    let loinc = codes.observationCode(measure, site: region.site, side: region.side)
    return FHIR.concept(loinc.map { [FHIR.coding($0)] } ?? [], text: text)
  }

  var imagingCategory: JSONValue {
    .array([FHIR.concept([FHIR.coding(system: FHIR.observationCategory, code: "imaging", display: "Imaging")])])
  }

  /// The SNOMED CT body site; with a side, post-coordinated as `site:272741003=side` (R4 Observation has a single
  /// `bodySite` and no laterality element; this is how the FHIR core bone density example writes it). A site
  /// without a code has the text only.
  func bodySite(_ region: Region) -> JSONValue {
    guard let code = codes.sites[region.site]?.bodySite else { return FHIR.concept([], text: region.label) }
    guard let side = region.side, let sideCode = codes.laterality[side] else {
      return FHIR.concept([FHIR.coding(code)], text: region.label)
    }
    let expression = "\(code.code):\(codes.lateralityAttribute.code)=\(sideCode.code)"
    return FHIR.concept([FHIR.coding(system: code.system, code: expression)], text: region.label)
  }

  /// A BMD Observation per vertebra with a BMD, saying whether it is in the spine total and whether it is an
  /// exclusion candidate. Single vertebrae are never scored for diagnosis, so they have no T or Z Observation.
  func vertebraObservations(_ spine: SpineAnalysis, totalLabel: String?) -> [ObservationEntry] {
    spine.vertebrae.compactMap { vertebra in
      guard let bmd = vertebra.bmd else { return nil }
      let site = vertebra.measurement.site
      var notes: [String] = []
      if vertebra.measurement.bmd == nil { notes.append("BMD computed from BMC and area.") }
      if vertebra.isIncluded {
        notes.append("Included in the spine total\(totalLabel.map { " (\($0))" } ?? "").")
      } else {
        notes.append(
          SpineNote.excludedByTechnologist(site, reason: vertebra.measurement.exclusionReason).text.asSentence)
      }
      for candidate in spine.exclusionCandidates where candidate.vertebra == site {
        notes.append(SpineNote.exclusionCandidate(candidate).text.asSentence)
      }
      notes.append(NonDiagnosticReason.singleVertebra.text.asSentence)
      let region = Region(site: site, side: nil, label: site.displayName)
      return ObservationEntry(
        fullURL: fullURL("observation/\(site.rawValue)/bmd"),
        resource: observation(
          region, .bmd, value: FHIR.quantity(bmd.reportedBMD, ucum: "g/cm2", unit: "g/cm2"), notes: notes,
          derivedFrom: nil))
    }
  }

  /// Whether the site counts towards the diagnosis, when that needs saying.
  func roleNotes(_ site: SiteResult) -> [String] { site.role.text.map { [$0.asSentence] } ?? [] }

  /// The reference database the score was computed against, as a report cites it.
  func referenceNote(_ score: Score) -> String {
    let reference = score.reference
    return "Reference: \(reference.tableID) v\(reference.tableVersion), \(reference.tableTitle) "
      + "(\(reference.sex.rawValue), \(reference.ethnicity.rawValue), \(reference.point.label)): mean "
      + "\(reference.point.meanText), SD \(reference.point.sdText) \(reference.units); \(reference.point.status.rawValue). "
      + "Source: \(reference.citation)"
  }
}

extension SiteResult {
  var region: FHIRBundleWriter.Region {
    FHIRBundleWriter.Region(site: measurement.site, side: measurement.side, label: label, vertebrae: vertebrae)
  }

  /// The part of an Observation's id naming the region: `femoral-neck/left`, `lumbar-spine/l2-l4`.
  var roleName: String {
    var name = measurement.site.rawValue
    if let side = measurement.side { name += "/" + side.rawValue }
    if let vertebrae { name += "/" + vertebrae.identifier }
    return name
  }
}

import DXACore

extension FHIRBundleWriter {
  /// Observations with no verified LOINC code, carried with `code.text` and DXA's local code: the change of each
  /// region against each prior, the FRAX probabilities as provided, and the trabecular bone score.
  var resultObservations: [ObservationEntry] {
    var entries: [ObservationEntry] = []
    for comparison in report.comparisons {
      for change in comparison.changes {
        guard case .compared(let detail) = change.outcome else { continue }
        entries.append(changeObservation(change, detail, prior: comparison))
      }
    }
    if report.fractureRisk.applies, let frax = report.fractureRisk.frax {
      entries += fraxObservations(frax)
    }
    if let tbs = report.fractureRisk.tbs { entries.append(tbsObservation(tbs)) }
    return entries
  }

  /// The BMD change of one region since one prior: g/cm² as the value, percent, percent per year and the LSC as
  /// components, the significance as the interpretation.
  func changeObservation(_ change: SiteChange, _ detail: SiteChange.Change, prior: PriorComparison)
    -> ObservationEntry
  {
    let region = Region(site: change.site, side: change.side, label: change.label, vertebrae: change.vertebrae)
    let text = "\(change.label) BMD change since \(prior.priorDate)"
    var components = [
      component(
        "bmd-change-percent", "BMD change, percent of the prior",
        FHIR.quantity(detail.percent.roundedDecimal(places: 1), ucum: "%", unit: "%"))
    ]
    if let perYear = detail.percentPerYear {
      components.append(
        component(
          "bmd-change-percent-per-year", "BMD change, percent per year",
          FHIR.quantity(perYear.roundedDecimal(places: 1), ucum: "%/a", unit: "%/year")))
    }
    switch detail.leastSignificantChange {
    case .facility(let grams, _):
      components.append(
        component(
          "least-significant-change", "Least significant change",
          FHIR.quantity(Fraction(grams).roundedDecimal(places: 3), ucum: "g/cm2", unit: "g/cm2")))
    case .iscdMinimum(let percent):
      components.append(
        component("least-significant-change", "Least significant change", FHIR.quantity(percent, ucum: "%", unit: "%")))
    case .unavailable: break
    }
    var notes = [
      "Compared with \(prior.priorScanID) of \(prior.priorDate): \(change.priorBMD) → \(change.currentBMD) g/cm²; LSC: \(detail.leastSignificantChange.basisText(region: change.label))."
    ]
    if let warning = detail.areaWarningText { notes.append(warning.asSentence) }
    notes += change.notes.map(\.text.asSentence)
    var members: [(key: String, value: JSONValue)] = [
      ("resourceType", .string("Observation")),
      ("status", .string(status)),
      ("category", imagingCategory),
      ("code", localConcept("bmd-change", text: text)),
      ("subject", FHIR.reference(patientURL)),
      ("effectiveDateTime", .string(report.exam.scan.date.description)),
      ("valueQuantity", FHIR.quantity(detail.grams.roundedDecimal(places: 3), ucum: "g/cm2", unit: "g/cm2")),
      ("interpretation", .array([FHIR.concept([], text: detail.significanceText ?? "significance not judged")])),
      ("note", .array(notes.map(FHIR.note))),
      ("bodySite", bodySite(region)),
      ("device", FHIR.reference(deviceURL)),
      ("component", .array(components)),
    ]
    // The current BMD Observation of the same region, when the bundle has one.
    if let site = report.sites.first(where: {
      $0.measurement.site == change.site && $0.measurement.side == change.side && $0.bmd != nil
    }) {
      members.append(("derivedFrom", .array([FHIR.reference(fullURL("observation/\(site.roleName)/bmd"))])))
    }
    let role = "observation/change/\(prior.priorScanID)/\(region.localCode(.bmd))/\(change.side?.rawValue ?? "")"
    return ObservationEntry(fullURL: fullURL(role), resource: .object(members))
  }

  /// FRAX's two 10-year probabilities, as the calculator gave them (never computed here).
  func fraxObservations(_ frax: FRAXResult) -> [ObservationEntry] {
    let method = "FRAX \(frax.calculatorVersion), as provided (not computed by the DXA engine)"
    let note =
      "\(frax.withBMD ? "With" : "Without") femoral-neck BMD\(frax.isTBSAdjusted ? ", TBS-adjusted" : "")."
    return [
      (
        "frax-major-osteoporotic-fracture", "FRAX 10-year probability of a major osteoporotic fracture",
        frax.majorOsteoporotic
      ),
      ("frax-hip-fracture", "FRAX 10-year probability of a hip fracture", frax.hip),
    ].map { code, text, value in
      let members: [(key: String, value: JSONValue)] = [
        ("resourceType", .string("Observation")),
        ("status", .string(status)),
        ("code", localConcept(code, text: text)),
        ("subject", FHIR.reference(patientURL)),
        ("effectiveDateTime", .string(report.exam.scan.date.description)),
        ("valueQuantity", FHIR.quantity(value, ucum: "%", unit: "%")),
        ("note", .array([FHIR.note(note)])),
        ("method", FHIR.concept([], text: method)),
      ]
      return ObservationEntry(fullURL: fullURL("observation/\(code)"), resource: .object(members))
    }
  }

  /// The trabecular bone score, passed through with its own interpretation.
  func tbsObservation(_ tbs: TBSResult) -> ObservationEntry {
    var text = "Trabecular bone score"
    if let vertebrae = tbs.vertebrae { text += " (\(vertebrae.label))" }
    var members: [(key: String, value: JSONValue)] = [
      ("resourceType", .string("Observation")),
      ("status", .string(status)),
      ("category", imagingCategory),
      ("code", localConcept("trabecular-bone-score", text: text)),
      ("subject", FHIR.reference(patientURL)),
      ("effectiveDateTime", .string(report.exam.scan.date.description)),
      ("valueQuantity", FHIR.quantity(tbs.value, ucum: "1", unit: "1")),
    ]
    if let interpretation = tbs.interpretation {
      members.append(("interpretation", .array([FHIR.concept([], text: interpretation)])))
    }
    let method = tbs.softwareVersion.map { "\($0), as provided" } ?? "As provided"
    members.append(("method", FHIR.concept([], text: method)))
    members.append(("device", FHIR.reference(deviceURL)))
    return ObservationEntry(fullURL: fullURL("observation/trabecular-bone-score"), resource: .object(members))
  }

  /// A `CodeableConcept` with DXA's local code and the text a person reads.
  func localConcept(_ code: String, text: String) -> JSONValue {
    FHIR.concept([FHIR.coding(system: codes.localSystem, code: code, display: text)], text: text)
  }

  /// An `Observation.component` with a local code.
  func component(_ code: String, _ text: String, _ value: JSONValue) -> JSONValue {
    .object([("code", localConcept(code, text: text)), ("valueQuantity", value)])
  }
}

extension Exam {
  /// The exam as a `dxa-exam/1` file holds it: the members ``init(json:file:)`` reads, absent values left out,
  /// decimals written with their digits exactly as held. Reading the text back gives the same exam.
  public var examFile: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("format", .string(Self.formatTag)), ("patient", patient.examFileJSON), ("scan", scan.examFileJSON),
      ("measurements", .array(measurements.map(\.examFileJSON))),
    ]
    if !history.isEmpty { members.append(("history", history.examFileJSON)) }
    if let frax { members.append(("frax", frax.examFileJSON)) }
    if let tbs { members.append(("tbs", tbs.examFileJSON)) }
    if let vfa { members.append(("vfa", vfa.examFileJSON)) }
    if let riskFactors { members.append(("risk_factors", riskFactors.examFileJSON)) }
    if let technicalQuality { members.append(("technical_quality", technicalQuality.examFileJSON)) }
    if let payer { members.append(("payer", .string(payer.rawValue))) }
    return .object(members)
  }
}

/// Members in order, leaving out the absent ones.
private func object(_ members: [(String, JSONValue?)]) -> JSONValue {
  .object(members.compactMap { key, value in value.map { (key, $0) } })
}

extension Patient {
  var examFileJSON: JSONValue {
    object([
      ("id", .string(id)), ("name", name.map(JSONValue.string)), ("sex", .string(sex.rawValue)),
      ("birth_date", birthDate.map { .string($0.description) }), ("age", age.map(JSONValue.decimal)),
      ("ethnicity", ethnicity.map { .string($0.rawValue) }), ("menopause", menopause.map { .string($0.rawValue) }),
      ("gender_identity", genderIdentity.map { .string($0.rawValue) }),
      ("weight_kg", weightKilograms.map(JSONValue.decimal)), ("height_cm", heightCentimetres.map(JSONValue.decimal)),
    ])
  }
}

extension ScanInfo {
  var examFileJSON: JSONValue {
    object([
      ("id", .string(id)), ("date", .string(date.description)),
      ("manufacturer", manufacturer.map { .string($0.rawValue) }), ("model", model.map(JSONValue.string)),
      ("serial_number", serialNumber.map(JSONValue.string)),
      ("software_version", softwareVersion.map(JSONValue.string)), ("scanner_id", scannerID.map(JSONValue.string)),
      ("indication", indication.map(JSONValue.string)),
      ("indications", indications.isEmpty ? nil : .array(indications.map { .string($0.rawValue) })),
      ("referring_provider", referringProvider.map(JSONValue.string)),
      ("technologist", technologist.map(JSONValue.string)), ("technical_notes", technicalNotes.map(JSONValue.string)),
      ("vertebral_fracture_assessment", vertebralFractureAssessment ? .bool(true) : nil),
      ("radius_reason", radiusReason.map { .string($0.rawValue) }),
    ])
  }
}

extension Measurement {
  var examFileJSON: JSONValue {
    let isVertebra = VertebralSet.all.members.contains(site)
    return object([
      ("site", .string(site.rawValue)), ("side", side.map { .string($0.rawValue) }),
      ("bmd", bmd.map(JSONValue.decimal)), ("bmc", bmc.map(JSONValue.decimal)), ("area", area.map(JSONValue.decimal)),
      ("included", isVertebra && !isIncluded ? .bool(false) : nil),
      ("exclusion_reason", exclusionReason.map(JSONValue.string)),
      ("t_score_device", deviceTScore.map(JSONValue.decimal)), ("z_score_device", deviceZScore.map(JSONValue.decimal)),
      ("vertebrae", vertebrae.map { .string($0.identifier) }),
    ])
  }
}

extension History {
  var isEmpty: Bool {
    fractures.isEmpty && glucocorticoids == nil && therapy == nil && priorCoveredScanDate == nil
      && priorOsteoporosisDiagnosis == nil
  }

  var examFileJSON: JSONValue {
    let fractureList = fractures.map { fracture in
      object([
        ("site", .string(fracture.site.rawValue)), ("date", fracture.date.map { .string($0.description) }),
        ("age", fracture.age.map(JSONValue.decimal)), ("fragility", .bool(fracture.isFragility)),
        ("current", fracture.isCurrent ? .bool(true) : nil),
      ])
    }
    return object([
      ("fractures", fractures.isEmpty ? nil : .array(fractureList)),
      (
        "glucocorticoids",
        glucocorticoids.map { drug in
          object([
            ("months", drug.months.map { .number(String($0)) }),
            ("prednisone_mg_per_day", drug.prednisoneMilligramsPerDay.map(JSONValue.decimal)),
            ("current", .bool(drug.isCurrent)),
          ])
        }
      ),
      (
        "therapy",
        therapy.map { therapy in
          object([
            ("drug", .string(therapy.drug)), ("class", .string(therapy.drugClass.rawValue)),
            ("start_date", therapy.startDate.map { .string($0.description) }),
          ])
        }
      ),
      ("prior_covered_scan_date", priorCoveredScanDate.map { .string($0.description) }),
      ("prior_osteoporosis_diagnosis", priorOsteoporosisDiagnosis.map { .string($0.description) }),
    ])
  }
}

extension FRAXResult {
  var examFileJSON: JSONValue {
    object([
      ("major_osteoporotic", .decimal(majorOsteoporotic)), ("hip", .decimal(hip)), ("with_bmd", .bool(withBMD)),
      ("tbs_adjusted", .bool(isTBSAdjusted)), ("calculator_version", .string(calculatorVersion)),
    ])
  }
}

extension TBSResult {
  var examFileJSON: JSONValue {
    object([
      ("value", .decimal(value)), ("vertebrae", vertebrae.map { .string($0.identifier) }),
      ("interpretation", interpretation.map(JSONValue.string)),
      ("software_version", softwareVersion.map(JSONValue.string)),
    ])
  }
}

extension VFAFindings {
  var examFileJSON: JSONValue {
    let fractures = vertebralFractures.map { finding in
      JSONValue.object([
        ("vertebra", .string(finding.vertebra.description)),
        ("genant_grade", .number(String(finding.grade.rawValue))),
      ])
    }
    return object([
      ("vertebrae_assessed", vertebraeAssessed.map { .string($0.identifier) }),
      ("no_fracture", isFractureFree ? .bool(true) : nil),
      ("vertebral_fractures", isFractureFree && fractures.isEmpty ? nil : .array(fractures)),
    ])
  }
}

extension RiskFactors {
  var examFileJSON: JSONValue {
    object([
      ("parental_hip_fracture", parentalHipFracture.map(JSONValue.bool)),
      ("current_smoking", currentSmoking.map(JSONValue.bool)),
      ("alcohol_3_or_more_units_per_day", alcoholThreeOrMoreUnitsPerDay.map(JSONValue.bool)),
      ("rheumatoid_arthritis", rheumatoidArthritis.map(JSONValue.bool)),
      ("height_loss_cm", heightLossCentimetres.map(JSONValue.decimal)),
      ("falls_past_12_months", fallsInPast12Months.map { .number(String($0)) }),
      ("self_reported_vertebral_fracture", selfReportedVertebralFracture.map(JSONValue.bool)),
      ("conditions", conditions.isEmpty ? nil : .array(conditions.map { .string($0.rawValue) })),
    ])
  }
}

extension TechnicalQuality {
  var examFileJSON: JSONValue {
    object([
      ("positioning", positioning.map { .string($0.rawValue) }),
      ("positioning_note", positioningNote.map(JSONValue.string)),
      (
        "artifacts",
        artifacts.isEmpty
          ? nil
          : .array(
            artifacts.map { artifact in
              object([
                ("kind", .string(artifact.kind.rawValue)), ("site", artifact.site.map { .string($0.rawValue) }),
                ("side", artifact.side.map { .string($0.rawValue) }), ("note", artifact.note.map(JSONValue.string)),
              ])
            })
      ),
      ("limitations", limitations.isEmpty ? nil : .array(limitations.map(JSONValue.string))),
    ])
  }
}

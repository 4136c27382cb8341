import DXACore

extension Report {
  /// The whole report as one JSON document (`dxa-report/1`): the exam as read, every site with its scores, the
  /// spine analysis, the diagnosis, serial change, fracture risk, recommendations, billing suggestions, the chart
  /// data, and the physician's part kept apart. Keys are stable; decimals are exact values rounded as reported
  /// (BMD 3 decimals, T/Z 1, percentages 2) with the unrounded value beside them where it matters: every `bmd` is the
  /// reported value (3 decimals, half away from zero) and `bmdAsMeasured` the value the exam gave, all its digits,
  /// which the scores were computed from.
  public var json: JSONValue {
    .object([
      ("format", .string("dxa-report/1")),
      ("status", .string(interpretation.isSigned ? "signed" : "awaiting-review")),
      ("facility", .optionalString(facilityName)),
      ("patient", exam.patient.json(age: age)),
      ("scan", exam.scan.json),
      ("policy", policy.json),
      ("population", .string(population.rawValue)),
      ("populationText", .string(populationText)),
      ("discrepancies", .array(discrepancies.map(\.json))),
      ("diagnosis", diagnosis.json),
      ("sites", .array(sites.map { $0.json(population: population, maker: exam.scan.manufacturer) })),
      ("spine", spine?.json ?? .null),
      ("comparisons", .array(comparisons.map(\.json))),
      ("riskFactors", riskFactorsJSON),
      ("technicalQuality", .optionalString(qualityText.isEmpty ? nil : qualityText)),
      ("fractureRisk", fractureRisk.json),
      ("followUp", followUp.json),
      ("recommendations", .array(recommendations.map(\.json))),
      ("billing", billing.json),
      ("charts", .array(charts.map(\.json))),
      ("vfa", vfaJSON),
      ("assumptions", .array(assumptions.map { .string($0.text) })),
      ("notes", .array(notes.map { .string($0.text) })),
      ("interpretation", interpretation.json),
    ])
  }
}

extension Patient {
  func json(age: ExactDecimal) -> JSONValue {
    .object([
      ("id", .string(id)),
      ("name", .optionalString(name)),
      ("sex", .string(sex.rawValue)),
      ("birthDate", .optionalString(birthDate?.description)),
      ("age", .decimal(age)),
      ("ethnicity", .optionalString(ethnicity?.rawValue)),
      ("menopause", .optionalString(menopause?.rawValue)),
      ("genderIdentity", .optionalString(genderIdentity?.rawValue)),
      ("weightKg", .optionalDecimal(weightKilograms)),
      ("heightCm", .optionalDecimal(heightCentimetres)),
    ])
  }
}

extension ScanInfo {
  var json: JSONValue {
    .object([
      ("id", .string(id)),
      ("date", .string(date.description)),
      ("manufacturer", .optionalString(manufacturer?.rawValue)),
      ("model", .optionalString(model)),
      ("serialNumber", .optionalString(serialNumber)),
      ("softwareVersion", .optionalString(softwareVersion)),
      ("scannerId", .optionalString(scannerID)),
      ("indication", .optionalString(indication)),
      ("indications", .array(indications.map { .string($0.rawValue) })),
      ("referringProvider", .optionalString(referringProvider)),
      ("technologist", .optionalString(technologist)),
      ("technicalNotes", .optionalString(technicalNotes)),
      ("vertebralFractureAssessment", .bool(vertebralFractureAssessment)),
      ("radiusReason", .optionalString(radiusReason?.rawValue)),
    ])
  }
}

extension SiteRole {
  var json: JSONValue {
    switch self {
    case .diagnostic: return .object([("use", .string("diagnostic"))])
    case .diagnosticBecause(let reason):
      return .object([("use", .string("diagnostic")), ("because", .string(reason.rawValue))])
    case .notDiagnostic(let reason):
      return .object([("use", .string("not-diagnostic")), ("reason", .string(reason.text))])
    }
  }
}

extension SiteResult {
  /// The region as JSON. `tScore` and `zScore` are the scores the report gives (recomputed or the scanner's, see
  /// `tScoreSource`); `t` and `z` the engine's own computation for audit. For people classified on the Z-score the
  /// T-score is not given: it is kept under `tScoreNotForDiagnosis` and `tNotForDiagnosis` only.
  func json(population: Population, maker: Manufacturer?) -> JSONValue {
    let withholdsT = t.missing == .notForThisPopulation
    let members: [(key: String, value: JSONValue)] = [
      ("label", .string(label)),
      ("site", .string(measurement.site.rawValue)),
      ("side", .optionalString(measurement.side?.rawValue)),
      ("vertebrae", .optionalString(vertebrae?.identifier)),
      ("bmd", .optionalDecimal(bmd?.reportedBMD)),
      ("bmdAsMeasured", .optionalDecimal(bmd)),
      ("bmdSource", .string(bmdSource.rawValue)),
      ("bmc", .optionalDecimal(measurement.bmc)),
      ("area", .optionalDecimal(measurement.area)),
      ("role", role.json),
      ("tScore", .optionalDecimal(t.reported)),
      ("zScore", .optionalDecimal(z.reported)),
      ("tScoreSource", sourceJSON(.t, maker: maker)),
      ("zScoreSource", sourceJSON(.z, maker: maker)),
      ("tScoreMissing", t.missing.map { .string($0.text(.t)) } ?? .null),
      ("zScoreMissing", z.missing.map { .string($0.text(.z)) } ?? .null),
      ("tScoreNotForDiagnosis", .optionalDecimal(t.notForDiagnosis)),
      ("category", .optionalString(classification.category?.rawValue)),
      ("categoryReason", .optionalString(classification.reason?.text)),
      ("tScoreDevice", .optionalDecimal(measurement.deviceTScore)),
      ("zScoreDevice", .optionalDecimal(measurement.deviceZScore)),
      ("tScoreDifference", .optionalDecimal(tScoreDifference)),
      ("zScoreDifference", .optionalDecimal(zScoreDifference)),
      ("t", withholdsT ? .null : result?.tScore.json ?? .null),
      ("tNotForDiagnosis", withholdsT ? result?.tScore.json ?? .null : .null),
      ("z", result?.zScore.json ?? .null),
      ("notes", .array(notes.map { .string($0.text) })),
    ]
    return .object(members)
  }

  /// Where a reported score comes from: `recomputed` (with the table) or `scanner`, why, and the words.
  private func sourceJSON(_ kind: ScoreKind, maker: Manufacturer?) -> JSONValue {
    let score = self.score(kind)
    guard let source = score.source, let choice = score.choice else { return .null }
    var table: String?
    var version: String?
    if case .recomputed(let id, let tableVersion) = source { (table, version) = (id, tableVersion) }
    return .object([
      ("source", .string(source.name)),
      ("reference", .optionalString(table)),
      ("version", .optionalString(version)),
      ("choice", .string(choice.rawValue)),
      ("approximate", .bool(score.isApproximate)),
      ("text", .optionalString(sourceText(kind, maker: maker))),
    ])
  }
}

extension ScoreDiscrepancy {
  var json: JSONValue {
    .object([
      ("label", .string(label)),
      ("site", .string(site.rawValue)),
      ("side", .optionalString(side?.rawValue)),
      ("vertebrae", .optionalString(vertebrae?.identifier)),
      ("score", .string(kind.rawValue)),
      ("scanner", .decimal(scanner)),
      ("recomputed", .decimal(recomputed)),
      ("reference", .string(recomputedTableID)),
      ("recomputedApproximate", .bool(recomputedIsApproximate)),
      ("difference", .decimal(difference)),
      ("scannerCategory", .optionalString(scannerCategory?.rawValue)),
      ("recomputedCategory", .optionalString(recomputedCategory?.rawValue)),
      ("categoriesDiffer", .bool(categoriesDiffer)),
      ("used", .string(used.name)),
      ("choice", .string(choice.rawValue)),
      ("diagnostic", .bool(isDiagnostic)),
      ("text", .string(text)),
    ])
  }
}

extension Report {
  /// The history, the risk factors present, recorded absent and not recorded, and the conditions with their codes.
  fileprivate var riskFactorsJSON: JSONValue {
    let summary = riskFactorSummary
    return .object([
      ("history", .array(summary.history.map(JSONValue.string))),
      ("present", .array(summary.present.map(JSONValue.string))),
      ("absent", .array(summary.absent.map(JSONValue.string))),
      ("notRecorded", .array(summary.notRecorded.map(JSONValue.string))),
      (
        "conditions",
        .array(
          conditions.map { condition in
            .object([
              ("code", .string(condition.code.rawValue)), ("label", .string(condition.label)),
              ("causesBoneLoss", .bool(condition.causesBoneLoss)),
            ])
          })
      ),
    ])
  }

  /// Whether VFA was performed, what it covered and found, in words and as values.
  fileprivate var vfaJSON: JSONValue {
    guard exam.scan.vertebralFractureAssessment || exam.vfa != nil else { return .null }
    var members: [(key: String, value: JSONValue)] = [("performed", .bool(exam.scan.vertebralFractureAssessment))]
    members.append(("vertebraeAssessed", .optionalString(exam.vfa?.vertebraeAssessed?.description)))
    members.append(("noFracture", .bool(exam.vfa?.isFractureFree ?? false)))
    if case .object(let findings)? = exam.vfa?.json {
      members += findings
    } else {
      members.append(("vertebralFractures", .array([])))
    }
    members.append(("text", .string(vfaFindingsText)))
    return .object(members)
  }
}

extension FollowUpPolicy {
  var json: JSONValue {
    .object([
      ("treatedMonths", .number(String(treatedMonths))),
      ("treatedSource", .string(treatedSource.kindName)),
      ("glucocorticoidMonths", .number(String(glucocorticoidMonths))),
      ("glucocorticoidSource", .string(glucocorticoidSource.kindName)),
    ])
  }
}

extension FollowUpPolicy.Source {
  /// `default`, `facility`, `report`.
  var kindName: String {
    switch self {
    case .defaultSetting: return "default"
    case .facility: return "facility"
    case .givenForReport: return "report"
    }
  }
}

extension TreatmentAssessment {
  /// `indicated`, `frax-advised`, … as JSON names the statement.
  var kindName: String {
    switch self {
    case .indicated: return "indicated"
    case .fraxAdvised: return "frax-advised"
    case .belowFRAXThresholds: return "below-frax-thresholds"
    case .noIndicationNormalBMD: return "not-indicated-normal-bmd"
    case .persistingOsteoporosis: return "persisting-osteoporosis"
    case .osteoporosisAtOtherSite: return "osteoporosis-at-other-site"
    case .notForThisPopulation: return "not-for-this-population"
    case .cannotBeJudged: return "cannot-be-judged"
    }
  }
}

extension VFAFindings {
  var json: JSONValue {
    .object([
      (
        "vertebralFractures",
        .array(
          vertebralFractures.map { finding in
            .object([
              ("vertebra", .string(finding.vertebra.description)),
              ("genantGrade", .number(String(finding.grade.rawValue))),
            ])
          })
      )
    ])
  }
}

extension SpineAnalysis {
  var json: JSONValue {
    let screen: JSONValue
    switch self.screen {
    case .computed: screen = .object([("tScores", .string("computed"))])
    case .deviceScores: screen = .object([("tScores", .string("device"))])
    case .notPerformed:
      screen = .object([("tScores", .null), ("notPerformed", .string(self.screen.text))])
    }
    return .object([
      ("included", .optionalString(included?.identifier)),
      ("label", .optionalString(included?.label)),
      ("totalBmc", .optionalDecimal(totalBMC)),
      ("totalArea", .optionalDecimal(totalArea)),
      ("bmd", exactBMD.map { .decimal($0.roundedDecimal(places: 3)) } ?? .null),
      ("bmdUnrounded", exactBMD.map { .number($0.description) } ?? .null),
      ("usableForDiagnosis", .bool(isUsableForDiagnosis)),
      ("screen", screen),
      (
        "vertebrae",
        .array(
          vertebrae.map { vertebra in
            .object([
              ("site", .string(vertebra.measurement.site.rawValue)),
              ("bmd", .optionalDecimal(vertebra.bmd?.reportedBMD)),
              ("bmdAsMeasured", .optionalDecimal(vertebra.bmd)),
              ("bmc", .optionalDecimal(vertebra.measurement.bmc)),
              ("area", .optionalDecimal(vertebra.measurement.area)),
              ("tScore", .optionalDecimal(vertebra.tScore)),
              ("included", .bool(vertebra.isIncluded)),
              ("exclusionReason", .optionalString(vertebra.measurement.exclusionReason)),
            ])
          })
      ),
      (
        "exclusionCandidates",
        .array(
          exclusionCandidates.map { candidate in
            .object([
              ("vertebra", .string(candidate.vertebra.rawValue)),
              ("neighbour", .string(candidate.neighbour.rawValue)),
              ("difference", .decimal(candidate.difference)),
              ("excluded", .bool(candidate.isExcluded)),
            ])
          })
      ),
      ("notes", .array(notes.map { .string($0.text) })),
    ])
  }
}

extension Diagnosis {
  var json: JSONValue {
    .object([
      ("category", .optionalString(category?.rawValue)),
      ("wording", .string(wording)),
      ("severe", .bool(isSevere)),
      ("basis", .optionalString(basis?.rawValue)),
      ("site", .optionalString(basisLabel)),
      ("score", .optionalDecimal(basisScore)),
      ("source", .optionalString(basisSource?.name)),
      ("reference", .optionalString(basisReference)),
      ("sourceChoice", .optionalString(basisChoice?.rawValue)),
      ("approximate", .bool(approximateFor != nil)),
      ("headline", .string(headline)),
      (
        "persistsFrom",
        persistsFrom.map { .object([("date", .string($0.date.description)), ("source", .string($0.source.text))]) }
          ?? .null
      ),
      ("reason", .optionalString(reason?.text)),
      ("statements", .array(statements.map { .string($0.text) })),
    ])
  }

  private var basisReference: String? {
    if case .recomputed(let table, _)? = basisSource { return table }
    return nil
  }
}

extension PriorComparison {
  var json: JSONValue {
    .object([
      ("priorScanId", .string(priorScanID)),
      ("priorDate", .string(priorDate.description)),
      ("years", .decimal(years.roundedDecimal(places: 2))),
      ("sameScanner", .bool(isSameScanner)),
      ("changes", .array(changes.map(\.json))),
    ])
  }
}

extension SiteChange {
  var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("label", .string(label)),
      ("site", .string(site.rawValue)),
      ("side", .optionalString(side?.rawValue)),
      ("vertebrae", .optionalString(vertebrae?.identifier)),
      ("bmd", .decimal(currentBMD.reportedBMD)),
      ("bmdAsMeasured", .decimal(currentBMD)),
      ("priorBmd", .decimal(priorBMD.reportedBMD)),
      ("priorBmdAsMeasured", .decimal(priorBMD)),
    ]
    switch outcome {
    case .notComparable(let reason):
      members += [("comparable", .bool(false)), ("reason", .string(reason.text))]
    case .compared(let change):
      members += [
        ("comparable", .bool(true)),
        ("priorBmdOnCurrentScale", .decimal(change.priorOnCurrentScale.roundedDecimal(places: 4))),
        ("change", .decimal(change.grams.roundedDecimal(places: 3))),
        ("changeUnrounded", .number(change.grams.description)),
        ("changePercent", .decimal(change.percent.roundedDecimal(places: 2))),
        ("changePercentPerYear", change.percentPerYear.map { .decimal($0.roundedDecimal(places: 2)) } ?? .null),
        ("leastSignificantChange", change.leastSignificantChange.json(region: label)),
        ("significant", change.isSignificant.map(JSONValue.bool) ?? .null),
        ("areaChangePercent", change.areaChangePercent.map { .decimal($0.roundedDecimal(places: 2)) } ?? .null),
      ]
    }
    members.append(("notes", .array(notes.map { .string($0.text) })))
    return .object(members)
  }
}

extension LeastSignificantChange {
  func json(region: String) -> JSONValue {
    switch self {
    case .facility(let grams, let precision):
      return .object([
        ("source", .string("facility")), ("grams", .decimal(grams)), ("precision", .decimal(precision)),
      ])
    case .iscdMinimum(let percent):
      return .object([("source", .string("iscd-minimum")), ("percent", .decimal(percent))])
    case .unavailable:
      return .object([("source", .null), ("reason", .string(basisText(region: region)))])
    }
  }
}

extension FractureRisk {
  var json: JSONValue {
    .object([
      (
        "frax",
        frax.map { frax in
          .object([
            ("majorOsteoporotic", .decimal(frax.majorOsteoporotic)),
            ("hip", .decimal(frax.hip)),
            ("withBmd", .bool(frax.withBMD)),
            ("tbsAdjusted", .bool(frax.isTBSAdjusted)),
            ("calculatorVersion", .string(frax.calculatorVersion)),
          ])
        } ?? .null
      ),
      (
        "femoralNeckTForFrax",
        femoralNeckTForFRAX.map { score in
          .object([
            ("site", .optionalString(femoralNeckLabel)),
            ("tScore", .decimal(score.reported)),
            ("reference", .string(score.reference.tableID)),
          ])
        } ?? .null
      ),
      ("femoralNeckBmdForFrax", .optionalDecimal(femoralNeckBMDForFRAX)),
      ("meetsTreatmentThreshold", meetsTreatmentThreshold.map(JSONValue.bool) ?? .null),
      (
        "treatmentIndicated",
        .array(treatmentIndications.map { .object([("kind", .string($0.kindName)), ("text", .string($0.text))]) })
      ),
      ("applies", .bool(applies)),
      ("treatment", .object([("assessment", .string(assessment.kindName)), ("text", .string(assessment.text))])),
      ("statements", .array(statements.map { .string($0.text) })),
      (
        "tbs",
        tbs.map { tbs in
          .object([
            ("value", .decimal(tbs.value)),
            ("vertebrae", .optionalString(tbs.vertebrae?.identifier)),
            ("interpretation", .optionalString(tbs.interpretation)),
            ("softwareVersion", .optionalString(tbs.softwareVersion)),
          ])
        } ?? .null
      ),
    ])
  }
}

extension Recommendation {
  var json: JSONValue {
    .object([("kind", .string(kind.rawValue)), ("text", .string(text)), ("source", .optionalString(source))])
  }
}

extension SiteChart {
  var json: JSONValue {
    .object([
      ("label", .string(label)),
      ("site", .string(site.rawValue)),
      ("scale", .string(scale.rawValue)),
      ("units", .string(units)),
      ("youngAdultMean", .number(youngAdultMean.description)),
      ("youngAdultSd", .number(youngAdultSD.description)),
      ("youngAdultReference", .string(youngAdultTableID)),
      ("ageReference", .optionalString(ageCurveTableID)),
      (
        "ageCurve",
        .array(
          ageCurve.map { point in
            .object([
              ("fromAge", .decimal(point.fromAge)),
              ("underAge", .optionalDecimal(point.underAge)),
              ("mean", .number(point.mean.description)),
              ("sd", .number(point.sd.description)),
            ])
          })
      ),
      (
        "points",
        .array(
          points.map { point in
            .object([
              ("date", .string(point.date.description)),
              ("age", .decimal(point.age)),
              ("bmd", .decimal(point.bmd.roundedDecimal(places: 3))),
              ("tScore", .optionalDecimal(point.tScore)),
              ("current", .bool(point.isCurrent)),
            ])
          })
      ),
    ])
  }
}

extension PhysicianInterpretation {
  var json: JSONValue {
    .object([
      ("impression", .optionalString(impression)),
      ("signedBy", .optionalString(signedBy)),
      ("signedOn", .optionalString(signedOn?.description)),
    ])
  }
}

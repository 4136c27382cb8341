import DXACore

extension ReportNote {
  public var text: String {
    switch self {
    case .scoring(let note): return note.text
    case .printedSpineScoresForOtherVertebrae(let printed, let used):
      return
        "the scanner's printed spine scores are for \(printed.label), not for the vertebrae used (\(used.label)): shown, not used"
    case .spineTotalDiffers(let given, let recomputed):
      return
        "the lumbar spine BMD given (\(given)) differs from the total recomputed from the included vertebrae (\(recomputed)); the recomputed value is used"
    }
  }
}

extension SiteNote {
  public var text: String {
    switch self {
    case .subsetAgainstL1ToL4(let set):
      return
        "\(set.label) recomputed against the L1–L4 reference: approximate, as no loaded table has \(set.label)"
    }
  }
}

extension SpineNote {
  public var text: String {
    switch self {
    case .exclusionCandidate(let candidate):
      let differs =
        "\(candidate.vertebra.displayName) differs by \(candidate.difference) SD from \(candidate.neighbour.displayName) (more than 1.0)"
      return candidate.isExcluded
        ? "\(differs), consistent with its exclusion"
        : "\(differs): the interpreter may exclude it if structural change or artifact is confirmed; it is still included"
    case .excludedByTechnologist(let site, let reason):
      return "\(site.displayName) excluded by the technologist: \(reason ?? "no reason given")"
    case .totalTooLong: return "the spine total could not be computed: the BMC and area values are too long"
    case .noTotalWithoutBMCAndArea(let sites):
      return
        "no spine total: \(sites.map(\.displayName).joined(separator: ", ")) lack BMC or area, so ΣBMC/Σarea cannot be formed"
    case .fewerThanTwoVertebrae:
      return
        "fewer than two evaluable vertebrae are included: no spine diagnosis (ISCD: never diagnose on one vertebra; use another site)"
    case .scannerTotalUsed(let set):
      return
        "the lumbar spine BMD given by the scanner is used, taken as the total of the included vertebrae \(set.label)"
    }
  }
}

extension SpineAnalysis.Screen {
  /// Which T-scores the exclusion screen used, or why it was not done.
  public var text: String {
    switch self {
    case .computed: return "exclusion screen on T-scores computed against a loaded per-vertebra reference"
    case .deviceScores:
      return "exclusion screen on the T-scores the scanner printed per vertebra"
    case .notPerformed:
      return
        "no exclusion screen: per-vertebra T-scores are neither printed nor computable here"
    }
  }
}

extension ComparisonNote {
  public var text: String {
    switch self {
    case .priorRebuilt(let set, let bmd):
      return "prior total rebuilt for \(set.label) from the prior exam's vertebrae (ΣBMC/Σarea = \(bmd))"
    case .scannersAssumedSame:
      return "the scanners are not identified by id or serial number in both exams: taken to be the same scanner"
    case .crossCalibrated(let from, let to, let slope, let intercept):
      return
        "prior BMD put on the current scanner's scale with the facility's cross-calibration \(from) → \(to): \(slope) × BMD \(intercept.significand < 0 ? "−" : "+") \(intercept.magnitude)"
    }
  }
}

extension NotComparableReason {
  public var text: String {
    switch self {
    case .differentVertebrae(let prior, let current):
      return
        "different vertebrae (\(prior?.label ?? "L1–L4") then, \(current.label) now) and the prior exam lacks the BMC and area to rebuild \(current.label)"
    case .differentScanners(let prior, let current, let site):
      return
        "measured on different scanners (\(prior.text) then, \(current.text) now) and the facility file has no cross-calibration for \(site.nameInSentence)"
    }
  }
}

extension ScannerLabel {
  /// "Hologic Horizon A serial 301234 dxa-1".
  public var text: String {
    [manufacturer?.displayName, model, serialNumber.map { "serial \($0)" }, scannerID].compactMap { $0 }
      .joined(separator: " ")
  }
}

extension LeastSignificantChange {
  /// What the LSC rests on: "2.77 × facility precision 0.0110", or why there is none (`region` names the site).
  public func basisText(region: String) -> String {
    switch self {
    case .facility(_, let precision): return "2.77 × facility precision \(precision)"
    case .iscdMinimum: return "ISCD minimum-precision LSC; no facility precision given"
    case .unavailable:
      return "no facility precision for \(region) and no ISCD minimum for this site: significance not judged"
    }
  }
}

extension SiteChange.Change {
  /// "significant decrease", "significant increase", "no significant change"; nil when not judged (no LSC).
  public var significanceText: String? {
    guard let isSignificant else { return nil }
    guard isSignificant else { return "no significant change" }
    return grams.isNegative ? "significant decrease" : "significant increase"
  }

  /// "decrease", "increase", "no": a table's answer to "significant?"; nil when not judged.
  public var significanceShortText: String? {
    guard let isSignificant else { return nil }
    guard isSignificant else { return "no" }
    return grams.isNegative ? "decrease" : "increase"
  }

  /// "bone area changed by +2.5% (more than 2%): check the region of interest", when it did.
  public var areaWarningText: String? {
    guard hasAreaWarning, let area = areaChangePercent else { return nil }
    return
      "bone area changed by \(area.roundedDecimal(places: 1).signedText)% (more than 2%): check the region of interest"
  }
}

extension ChartOmission {
  /// Why a diagnostic site has no BMD-versus-age chart.
  public var text: String {
    let engine = recomputed.map { "the engine's against the chart's reference is \($0)" } ?? "the engine has none"
    return
      "the reported \(kind.displayName) \(reported) is the scanner's and \(engine), so the patient's point could sit in another band than the reported category"
  }
}

extension ReportBuilder {
  /// Change of every region measured in both exams: Δ g/cm², Δ %, % per year, judged against the least significant
  /// change. BMD only, never T-scores; same region, side and vertebrae; across scanners only with a
  /// cross-calibration from the facility file.
  func compare(
    _ exam: Exam, sites: [SiteResult], spine: SpineAnalysis?, with prior: Exam, priorSites: ScoredSites
  ) -> PriorComparison {
    let years = prior.scan.date.years(until: exam.scan.date)
    let scanners = scannerIdentity(current: exam.scan, prior: prior.scan)
    var changes: [SiteChange] = []
    for site in sites {
      guard let current = site.bmd else { continue }
      let match = priorSites.sites.first {
        $0.measurement.site == site.measurement.site && $0.measurement.side == site.measurement.side
      }
      guard var priorBMD = match?.bmd, let match else { continue }
      var notes: [ComparisonNote] = []
      var priorArea = match.measurement.area
      if let vertebrae = site.vertebrae, match.vertebrae != vertebrae {
        // Same vertebrae or nothing: rebuild the prior total from its vertebrae when it has them.
        guard let rebuilt = spineTotal(of: prior, vertebrae: vertebrae) else {
          changes.append(
            SiteChange(
              label: site.label, site: site.measurement.site, side: site.measurement.side, vertebrae: vertebrae,
              currentBMD: current, priorBMD: priorBMD,
              outcome: .notComparable(.differentVertebrae(prior: match.vertebrae, current: vertebrae)), notes: []))
          continue
        }
        priorBMD = rebuilt.bmd
        priorArea = rebuilt.area
        notes.append(.priorRebuilt(vertebrae, bmd: rebuilt.bmd))
      }
      var priorOnCurrentScale = Fraction(priorBMD)
      switch scanners {
      case .same:
        break
      case .assumedSame:
        notes.append(.scannersAssumedSame)
      case .different(let from, let to):
        guard let from, let to,
          let calibration = facility?.crossCalibration(from: from, to: to, site: site.measurement.site),
          let converted = try? calibration.convert(priorBMD)
        else {
          changes.append(
            SiteChange(
              label: site.label, site: site.measurement.site, side: site.measurement.side, vertebrae: site.vertebrae,
              currentBMD: current, priorBMD: priorBMD,
              outcome: .notComparable(
                .differentScanners(
                  prior: ScannerLabel(prior.scan), current: ScannerLabel(exam.scan), site: site.measurement.site)),
              notes: []))
          continue
        }
        priorOnCurrentScale = converted
        notes.append(
          .crossCalibrated(from: from, to: to, slope: calibration.slope, intercept: calibration.intercept))
      }
      guard let change = try? measureChange(current: current, prior: priorOnCurrentScale, years: years) else {
        continue
      }
      var detail = change
      detail.leastSignificantChange = leastSignificantChange(for: site, scanner: exam.scan.scannerID)
      switch detail.leastSignificantChange {
      case .facility(let grams, _):
        detail.isSignificant = !(detail.grams.magnitude < Fraction(grams))
      case .iscdMinimum(let percent):
        detail.isSignificant = !(detail.percent.magnitude < Fraction(percent))
      case .unavailable:
        detail.isSignificant = nil
      }
      if let area = site.measurement.area, let priorArea,
        let difference = try? (Fraction(area) - Fraction(priorArea)) / Fraction(priorArea) * Fraction(100)
      {
        detail.areaChangePercent = difference
      }
      changes.append(
        SiteChange(
          label: site.label, site: site.measurement.site, side: site.measurement.side, vertebrae: site.vertebrae,
          currentBMD: current, priorBMD: priorBMD, outcome: .compared(detail), notes: notes))
    }
    let isSame: Bool
    if case .different = scanners { isSame = false } else { isSame = true }
    return PriorComparison(
      priorScanID: prior.scan.id, priorDate: prior.scan.date, years: years, isSameScanner: isSame, changes: changes)
  }

  private func measureChange(current: ExactDecimal, prior: Fraction, years: Fraction) throws(ArithmeticOverflow)
    -> SiteChange.Change
  {
    let grams = try Fraction(current) - prior
    let percent = try grams / prior * Fraction(100)
    let perYear = years.isZero ? nil : try percent / years
    return SiteChange.Change(
      priorOnCurrentScale: prior, grams: grams, percent: percent, percentPerYear: perYear,
      leastSignificantChange: .unavailable, isSignificant: nil, areaChangePercent: nil)
  }

  /// LSC = 2.77 × the facility's precision for the region; without one, the LSC implied by the ISCD minimum
  /// acceptable precision, and the report says so.
  private func leastSignificantChange(for site: SiteResult, scanner: String?) -> LeastSignificantChange {
    let region = site.measurement.site
    if let figure = facility?.precision(for: region, vertebrae: site.vertebrae, scanner: scanner) {
      return .facility(grams: figure.leastSignificantChange, precision: figure.rmsSD)
    }
    if let percent = ISCDMinimumPrecision.leastSignificantChangePercent(for: region) {
      return .iscdMinimum(percent: percent)
    }
    return .unavailable
  }

  /// ΣBMC / Σarea of `vertebrae` in an exam, when every one of them has BMC and area.
  private func spineTotal(of exam: Exam, vertebrae: VertebralSet) -> (bmd: ExactDecimal, area: ExactDecimal)? {
    let rows = vertebrae.members.compactMap { vertebra in exam.measurements.first { $0.site == vertebra } }
    guard rows.count == vertebrae.members.count, let sums = try? SpineTotal.sums(rows) else { return nil }
    return (sums.bmd.roundedDecimal(places: 3), sums.area.roundedDecimal(places: 2))
  }

  enum ScannerIdentity {
    case same
    /// Neither id nor serial number identifies both: taken to be the same scanner, and the report says so.
    case assumedSame
    /// Facility scanner ids when known.
    case different(from: String?, to: String?)
  }

  /// Whether two scans come from the same machine: by facility scanner id, else serial number, else maker.
  func scannerIdentity(current: ScanInfo, prior: ScanInfo) -> ScannerIdentity {
    func id(_ scan: ScanInfo) -> String? {
      if let id = scan.scannerID { return id }
      guard let serial = scan.serialNumber else { return nil }
      return facility?.scanners.first { $0.serialNumber == serial }?.id
    }
    if let a = id(current), let b = id(prior) {
      return a == b ? .same : .different(from: b, to: a)
    }
    if let a = current.serialNumber, let b = prior.serialNumber {
      return a == b ? .same : .different(from: id(prior), to: id(current))
    }
    if let a = current.manufacturer, let b = prior.manufacturer, a != b {
      return .different(from: id(prior), to: id(current))
    }
    return .assumedSame
  }
}

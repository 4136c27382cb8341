extension ReportBuilder {
  /// The BMD-versus-age chart of a diagnostic site: the young-adult reference that places the T-score bands, the
  /// age-matched curve when its table is on the same scale, and the patient's points (this exam and the priors'
  /// same region).
  ///
  /// The chart is drawn on the scale the results table shows, the scanner's own: when the reference is on another
  /// scale, its mean, SD and curve are moved to the scanner's scale with the inverse of the conversion the score
  /// used (exact: every equation is linear), and the chart says they are converted. The patient's point is then the
  /// BMD as measured. A chart is left out, with the reason, when the reported score that classifies the region is
  /// not the one against the chart's reference (a printed score that differs from the engine's), because its point
  /// could then sit in another band than the reported category.
  func chart(for site: SiteResult, exam: Exam, priors: [(exam: Exam, sites: [SiteResult])]) -> ChartOutcome? {
    guard site.role.isDiagnostic, let t = site.tScore, site.bmd != nil else { return nil }
    let population = exam.population(policy: policy)
    let showsT = population == .whoTScore || population == .undetermined
    let classifying = showsT ? site.t : site.z
    let engine = showsT ? site.tScore : site.zScore
    if let reported = classifying.reported, reported != engine?.reported {
      return .omitted(
        ChartOmission(label: site.label, kind: classifying.kind, reported: reported, recomputed: engine?.reported))
    }
    let reference = t.reference
    // BMD on the reference's scale r = slope × measured + intercept; the chart shows measured = (r − intercept) / slope.
    var toScanner: (Fraction) -> Fraction = { $0 }
    var conversion: ChartConversion?
    if let used = t.conversion {
      let maker = exam.scan.manufacturer ?? .hologic
      guard
        let zero = try? library.convert(.zero, site: site.measurement.site, from: maker, to: reference.scale)?.value,
        let one = try? library.convert(.one, site: site.measurement.site, from: maker, to: reference.scale)?.value,
        let slope = try? one - zero, !slope.isZero
      else { return nil }
      toScanner = { value in (try? (try value - zero) / slope) ?? value }
      conversion = ChartConversion(
        referenceScale: reference.scale, referenceUnits: reference.units, setID: used.setID, equation: used.equation,
        slope: slope, intercept: zero)
    }
    var curve: [AgeCurvePoint] = []
    var curveTableID: String?
    if let z = site.zScore, z.reference.scale == reference.scale, z.reference.units == reference.units,
      let table = library.table(id: z.reference.tableID),
      let found = table.curve(site: z.reference.site, sex: z.reference.sex, ethnicity: z.reference.ethnicity),
      case .bands(let bands) = found.values
    {
      curve = bands.map { band in
        AgeCurvePoint(
          fromAge: band.from, underAge: band.under, mean: toScanner(Fraction(band.mean)),
          sd: conversion.map { (try? Fraction(band.sd) / $0.slope) ?? Fraction(band.sd) } ?? Fraction(band.sd))
      }
      curveTableID = table.id
    }
    var points = [
      ChartPoint(
        date: exam.scan.date, age: exam.age, bmd: toScanner(t.bmdOnReferenceScale),
        tScore: showsT ? site.t.reported : nil, isCurrent: true)
    ]
    for prior in priors {
      guard
        let match = prior.sites.first(where: {
          $0.measurement.site == site.measurement.site && $0.measurement.side == site.measurement.side
            && $0.vertebrae == site.vertebrae
        }), let priorT = match.tScore, priorT.reference.tableID == reference.tableID
      else { continue }
      points.append(
        ChartPoint(
          date: prior.exam.scan.date, age: prior.exam.age, bmd: toScanner(priorT.bmdOnReferenceScale),
          tScore: showsT ? match.t.reported : nil, isCurrent: false,
          isFromOtherMaker: prior.exam.scan.manufacturer != exam.scan.manufacturer))
    }
    let sd = conversion.map { (try? reference.point.sd / $0.slope) ?? reference.point.sd } ?? reference.point.sd
    return .chart(
      SiteChart(
        label: site.label, site: site.measurement.site,
        scale: conversion == nil ? reference.scale : .manufacturer(exam.scan.manufacturer ?? .hologic),
        units: conversion == nil ? reference.units : "g/cm2", youngAdultMean: toScanner(reference.point.m),
        youngAdultSD: sd, youngAdultTableID: reference.tableID, ageCurve: curve, ageCurveTableID: curveTableID,
        points: points.sorted { $0.date < $1.date }, conversion: conversion))
  }
}

/// A chart, or why a diagnostic site has none.
enum ChartOutcome {
  case chart(SiteChart)
  case omitted(ChartOmission)
}

extension SiteChart {
  /// The BMD edges of the WHO bands as the report classifies: on the reported T-score, which is the exact T rounded
  /// half away from zero to one decimal. T reports −1.0 or higher exactly when T > −1.05, and −2.5 or lower exactly
  /// when T ≤ −2.45; with T = (BMD − mean) / SD:
  /// - normal: BMD above `mean − 1.05 × SD` (the edge itself reports −1.1: low bone mass);
  /// - osteoporosis: BMD at or below `mean − 2.45 × SD` (the edge reports −2.5);
  /// - low bone mass between.
  ///
  /// With the NHANES III femoral neck (0.858, 0.120): normal above 0.732, osteoporosis at or below 0.564.
  public var tScoreBandEdges: (normalAbove: Fraction, osteoporosisAtOrBelow: Fraction) {
    (Self.edge(youngAdultMean, youngAdultSD, hundredths: 105), Self.edge(youngAdultMean, youngAdultSD, hundredths: 245))
  }

  /// Per age group, the BMD at or below which the reported Z-score is −2.0 or lower (below the expected range for
  /// age): Z ≤ −1.95 exactly, so `mean − 1.95 × SD`.
  public static func zScoreEdge(_ group: AgeCurvePoint) -> Fraction {
    edge(group.mean, group.sd, hundredths: 195)
  }

  /// mean − (hundredths / 100) × SD, exact.
  static func edge(_ mean: Fraction, _ sd: Fraction, hundredths: Int) -> Fraction {
    (try? mean - (try Fraction(Int128(hundredths), 100)) * sd) ?? mean
  }
}

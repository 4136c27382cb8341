extension ReportBuilder {
  /// The BMD-versus-age chart of a diagnostic site with a T-score: the young-adult reference that places the
  /// T-score bands, the age-matched curve when its table is on the same scale, and the patient's points (this exam
  /// and the priors' same region), all on the reference's scale.
  func chart(for site: SiteResult, exam: Exam, priors: [(exam: Exam, sites: [SiteResult])]) -> SiteChart? {
    guard site.role.isDiagnostic, let t = site.tScore else { return nil }
    let reference = t.reference
    var curve: [AgeCurvePoint] = []
    var curveTableID: String?
    if let z = site.zScore, z.reference.scale == reference.scale, z.reference.units == reference.units,
      let table = library.table(id: z.reference.tableID),
      let found = table.curve(site: z.reference.site, sex: z.reference.sex, ethnicity: z.reference.ethnicity),
      case .bands(let bands) = found.values
    {
      curve = bands.map {
        AgeCurvePoint(fromAge: $0.from, underAge: $0.under, mean: Fraction($0.mean), sd: Fraction($0.sd))
      }
      curveTableID = table.id
    }
    // People classified on the Z-score get no T-score anywhere in the report, the chart's points included.
    let population = exam.population(policy: policy)
    let showsT = population == .whoTScore || population == .undetermined
    var points = [
      ChartPoint(
        date: exam.scan.date, age: exam.age, bmd: t.bmdOnReferenceScale, tScore: showsT ? t.reported : nil,
        isCurrent: true)
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
          date: prior.exam.scan.date, age: prior.exam.age, bmd: priorT.bmdOnReferenceScale,
          tScore: showsT ? priorT.reported : nil, isCurrent: false))
    }
    return SiteChart(
      label: site.label, site: site.measurement.site, scale: reference.scale, units: reference.units,
      youngAdultMean: reference.point.m, youngAdultSD: reference.point.sd, youngAdultTableID: reference.tableID,
      ageCurve: curve, ageCurveTableID: curveTableID, points: points.sorted { $0.date < $1.date })
  }
}

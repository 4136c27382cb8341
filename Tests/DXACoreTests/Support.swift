import DXACore
import DXAReferenceData
import DXATestSupport
import Testing

/// Scores with the shipped tables under `policy`, optionally requesting on-request tables first.
func score(
  _ site: Site, _ bmd: String, sex: Sex = .female, age: String = "65", menopause: MenopausalStatus? = .post,
  manufacturer: Manufacturer? = .hologic, ethnicity: Ethnicity? = .white, genderIdentity: GenderIdentity? = nil,
  policy: ScoringPolicy = .standard, use: [String] = [], extraTables: [ReferenceTable] = []
) throws -> ScoreResult {
  var library = try shippedLibrary()
  for table in extraTables { try library.add(table, requested: true) }
  for id in use { try library.request(id) }
  let request = ScoreRequest(
    site: site, bmd: dec(bmd), sex: sex, age: dec(age), menopause: menopause, manufacturer: manufacturer,
    ethnicity: ethnicity, genderIdentity: genderIdentity)
  return try ScoringEngine(library: library, policy: policy).score(request)
}

/// Every age-matched or young-adult reference point of a shipped table, with a name for failure messages.
func allPoints(of table: ReferenceTable) throws -> [(name: String, point: ReferencePoint)] {
  var points: [(String, ReferencePoint)] = []
  for curve in table.curves {
    let name = "\(table.id) \(curve.site.rawValue) \(curve.sex.rawValue) \(curve.ethnicity.rawValue)"
    switch curve.values {
    case .youngAdult:
      if let point = try curve.point(atAge: 0) { points.append((name, point)) }
    case .bands(let bands):
      for band in bands {
        if let point = try curve.point(atAge: band.from) { points.append(("\(name) \(band.label)", point)) }
      }
    case .lms(let lmsPoints):
      for lms in lmsPoints {
        if let point = try curve.point(atAge: lms.age) { points.append(("\(name) age \(lms.age)", point)) }
      }
    }
  }
  return points
}

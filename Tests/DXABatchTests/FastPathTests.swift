import DXACore
import DXAReferenceData
import DXASynthetic
import Testing

@testable import DXABatch

/// A loaded LMS table (one curve with L ≠ 1, one with L = 1) and a table with many decimals, so the equality
/// check also covers the rows the fast path must hand to the engine.
let extraTables: [String] = [
  """
  {"format": "dxa-reference/1", "id": "test-lms", "version": "1", "title": "Test LMS", "population": "Test",
   "kind": "lms", "scale": "ge-lunar", "units": "g/cm2", "citation": "Test", "status": "verified",
   "availability": "on-request", "youngAdultAge": 30, "curves": [
     {"site": "l2", "sex": "female", "ethnicity": "white", "points": [
       {"age": 20, "l": 1, "m": 1.1, "sd": 0.11}, {"age": 30, "l": 1, "m": 1.2, "sd": 0.12},
       {"age": 40, "l": 1, "m": 1.15, "sd": 0.115}]},
     {"site": "l3", "sex": "male", "ethnicity": "white", "points": [
       {"age": 20, "l": -0.5, "m": 1.1, "sd": 0.11}, {"age": 60, "l": 0.5, "m": 1.0, "sd": 0.12}]}]}
  """,
  """
  {"format": "dxa-reference/1", "id": "test-bands", "version": "2", "title": "Test bands", "population": "Test",
   "kind": "age-bands", "scale": "norland", "units": "g/cm2", "citation": "Test", "status": "verified",
   "availability": "on-request", "youngAdultAge": 25.5, "curves": [
     {"site": "radius-33", "sex": "female", "ethnicity": "black", "bands": [
       {"label": "20.25–45.5", "from": 20.25, "under": 45.5, "mean": 0.6871234, "sd": 0.0612345},
       {"label": "45.5+", "from": 45.5, "mean": 0.6512, "sd": 0.0623}]},
     {"site": "trochanter", "sex": "male", "ethnicity": "white", "bands": [
       {"label": "20–50", "from": 20, "under": 50, "mean": 0.8, "sd": 0.1}]}]}
  """,
]

/// The setups the equality check runs under: every policy option and the on-request tables.
func equalitySetups(usesTemplates: Bool) throws -> [ScoringSetup] {
  var withExtras = try ShippedReferences.library()
  for json in extraTables {
    try withExtras.add(try ReferenceTable(json: json, file: "test.json"), requested: true)
  }
  var onRequest = try ShippedReferences.library()
  for id in ["nhanes3-total-hip-women-sbmd", "xue-2021-young-women", "hologic-spine-young-women"] {
    try onRequest.request(id)
  }
  var men = try ShippedReferences.library()
  try men.request("nhanes3-hip-young-men")
  return [
    ScoringSetup(library: try ShippedReferences.library(), policy: .standard, usesTemplates: usesTemplates),
    ScoringSetup(library: men, policy: ScoringPolicy(reference: .pre2013), usesTemplates: usesTemplates),
    ScoringSetup(
      library: men, policy: ScoringPolicy(reference: .pre2013, spineReference: .open, tScoreEthnicity: .matched),
      usesTemplates: usesTemplates),
    ScoringSetup(
      library: onRequest, policy: ScoringPolicy(ethnicityFallback: .none, unknownMenopause: .require),
      usesTemplates: usesTemplates),
    ScoringSetup(library: withExtras, policy: .standard, usesTemplates: usesTemplates),
  ]
}

/// The template a setup builds for a request on its own (no siblings), checked at another age of its class.
func standaloneTemplate(_ request: ScoreRequest, units: Int64, in setup: ScoringSetup) -> ScoreTemplate? {
  let otherAge = setup.ageClasses.otherAge(inClassOf: request.age, units: units, site: request.site, sex: request.sex)
  return ScoreTemplate.build(
    engine: setup.engine, request: request, otherAge: otherAge, references: setup.referenceWords)
}

/// A deterministic stream of random requests over every site, sex, status, maker, group and the ages that matter.
struct RequestGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

  static let ages = [
    "0", "5", "19", "19.999", "20", "20.0", "20.25", "20.5", "21", "25", "25.5", "29.99", "30", "31", "39.5", "40",
    "45.5", "49", "49.999999", "50", "50.00", "50.000001", "51", "59", "60", "61", "67", "70", "71", "79.9", "80",
    "80.5", "81", "85", "99", "120",
  ]

  mutating func request() -> (ScoreRequest, Int64?) {
    let site = pick(Site.allCases)
    let sex = pick(Sex.allCases)
    let age: ExactDecimal
    if below(3) == 0 {
      // As from dates: days / 365.25 cut to 15 decimals.
      age = FieldParser.age(days: below(44_000))
    } else {
      age = ExactDecimal(pick(Self.ages)) ?? 0
    }
    let bmd: ExactDecimal
    switch below(10) {
    case 0:
      bmd = pick(
        ["0.558", "0.552", "0.820", "0.8043", "0.050", "2.500", "0.858", "1.064", "0.7", "1"].compactMap(
          ExactDecimal.init))
    case 1: bmd = ExactDecimal(significand: Int64(50_000 + below(2_450_001)), scale: 6)
    case 2:
      // More decimals than the fast path takes.
      bmd = ExactDecimal(significand: Int64(500_000 + below(9_000_000)), scale: 7)
    case 3: bmd = ExactDecimal(significand: Int64(below(4000)), scale: 3)  // includes invalid ones
    default: bmd = ExactDecimal(significand: Int64(150 + below(1700)), scale: 3)
    }
    let menopause: MenopausalStatus? = below(5) == 0 ? nil : pick(MenopausalStatus.allCases)
    let request = ScoreRequest(
      site: site, bmd: bmd, sex: sex, age: age, menopause: sex == .male && below(20) != 0 ? nil : menopause,
      manufacturer: below(6) == 0 ? nil : pick(Manufacturer.allCases),
      ethnicity: below(5) == 0 ? nil : pick(Ethnicity.allCases))
    return (request, AgeClasses.units(age))
  }
}

@Suite("The fast path gives exactly what the engine gives")
struct FastPathTests {
  @Test("every output field of 20,000 random rows per setup equals ScoringEngine.score, errors included")
  func equalsEngine() throws {
    for (index, setup) in try equalitySetups(usesTemplates: true).enumerated() {
      let scorer = RowScorer(setup: setup)
      var generator = RequestGenerator(state: UInt64(index) + 7)
      var (compared, errors) = (0, 0)
      for _ in 0..<20_000 {
        let (request, units) = generator.request()
        let expected: Result<RowScore, InputError> = Result { () throws(InputError) in
          RowScore(try setup.engine.score(request))
        }
        let actual: Result<RowScore, InputError> = Result { () throws(InputError) in
          scorer.rowScore(of: try scorer.score(MeasurementInput(request: request, ageUnits: units)))
        }
        if case .failure = expected { errors += 1 }
        compared += 1
        #expect(actual == expected, "setup \(index): \(request)")
        if actual != expected { return }
      }
      #expect(compared == 20_000)
      // Both paths were exercised: most rows through templates, errors and LMS rows through the engine.
      #expect(scorer.engineCount < 8_000, "setup \(index): \(scorer.engineCount) rows went to the engine")
      #expect(scorer.engineCount >= errors)
      #expect(errors > 1_000)
    }
  }

  @Test("the output file is byte for byte the same with and without templates")
  func sameBytes() throws {
    var archive = SyntheticArchive(seed: 11)
    let input = archive.generate(rows: 4_000)
    for (fast, engine) in zip(try equalitySetups(usesTemplates: true), try equalitySetups(usesTemplates: false)) {
      let fastRun = try runBatch(input, setup: fast)
      let engineRun = try runBatch(input, setup: engine)
      #expect(fastRun.output == engineRun.output)
      #expect(fastRun.diagnoses == engineRun.diagnoses)
      #expect(fastRun.summary.rows == 4_000)
      #expect(fastRun.summary.engineScored < engineRun.summary.engineScored)
    }
  }

  @Test("a template shared from another age class of the kind, quoting the age or not, is the one it would build")
  func sharedTemplates() throws {
    struct Facts: Equatable {
      var tScore, zScore: AffineScore?
      var basis: Classification.Basis?
      var reference: String
      var noteSegments: [String]
      var noteCodes: [NoteCode]
      var tReference, zReference: String?

      init(_ template: ScoreTemplate) {
        (tScore, zScore, basis) = (template.tScore, template.zScore, template.basis)
        (reference, noteSegments, noteCodes) = (template.reference, template.noteSegments, template.noteCodes)
        (tReference, zReference) = (template.tReference, template.zReference)
      }
    }
    for (index, setup) in try equalitySetups(usesTemplates: true).enumerated() {
      var generator = RequestGenerator(state: UInt64(index) + 301)
      var builtByKind: [Int: [ScoreTemplate]] = [:]
      var (shared, sharedQuoting) = (0, 0)
      for _ in 0..<3_000 {
        let (request, units) = generator.request()
        guard let units else { continue }
        let kind = withUnsafePointer(to: MeasurementInput(request: request, ageUnits: units)) {
          ScoringSetup.kind($0, ethnicitySlots: ScoringSetup.ethnicitySlots)
        }
        let otherAge = setup.ageClasses.otherAge(
          inClassOf: request.age, units: units, site: request.site, sex: request.sex)
        let siblings = builtByKind[kind] ?? []
        let own = ScoreTemplate.build(
          engine: setup.engine, request: request, otherAge: otherAge, references: setup.referenceWords)
        let found = ScoreTemplate.build(
          engine: setup.engine, request: request, otherAge: otherAge, siblings: siblings,
          references: setup.referenceWords)
        if let found, siblings.contains(where: { $0 === found }) {
          shared += 1
          if found.noteSegments.count > 1 { sharedQuoting += 1 }
        }
        #expect(own.map(Facts.init) == found.map(Facts.init), "setup \(index): \(request)")
        if let own, own.mayServeOtherClasses { builtByKind[kind, default: []].append(own) }
      }
      #expect(shared > 100, "setup \(index): \(shared) shared")
      #expect(sharedQuoting > 5, "setup \(index): \(sharedQuoting) shared notes that quote the age")
    }
  }

  @Test("exact worked cases: values on the category limits land on the right side")
  func workedCases() throws {
    let scorer = RowScorer(setup: try makeSetup())
    func score(_ bmd: String, site: Site = .femoralNeck, age: String = "67") throws -> MeasurementScore {
      let request = ScoreRequest(
        site: site, bmd: ExactDecimal(bmd) ?? 0, sex: .female, age: ExactDecimal(age) ?? 0, menopause: .post,
        manufacturer: .hologic, ethnicity: .white)
      return try scorer.score(MeasurementInput(request: request, ageUnits: AgeClasses.units(request.age)))
    }
    // (0.558 − 0.858) / 0.120 = −2.5 exactly: osteoporosis.
    #expect(try score("0.558").tTenths == -25)
    #expect(try score("0.558").category == .osteoporosis)
    // (0.552 − 0.858) / 0.120 = −2.55 exactly → −2.6 (binary floating point gives −2.5).
    #expect(try score("0.552").tTenths == -26)
    // (0.820 − 0.942) / 0.122 = −1.0 exactly: normal.
    #expect(try score("0.820", site: .totalHip).tTenths == -10)
    #expect(try score("0.820", site: .totalHip).category == .normal)
    // A Hologic spine on Hologic's database: (0.772 − 1.047) / 0.110 = −2.5 exactly.
    #expect(try score("0.772", site: .lumbarSpine).tTenths == -25)
    #expect(scorer.engineCount == 0)
  }

  @Test("caseIndex is the position in allCases for every enumeration the hot path indexes by")
  func caseIndexes() {
    #expect(caseIndexMatchesAllCases(Site.self))
    #expect(caseIndexMatchesAllCases(Sex.self))
    #expect(caseIndexMatchesAllCases(MenopausalStatus.self))
    #expect(caseIndexMatchesAllCases(Manufacturer.self))
    #expect(caseIndexMatchesAllCases(Ethnicity.self))
    #expect(caseIndexMatchesAllCases(Category.self))
    #expect(caseIndexMatchesAllCases(BatchField.self))
  }
}

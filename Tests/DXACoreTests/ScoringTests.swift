import DXACore
import DXATestSupport
import Testing

/// T and Z that sit exactly on a category edge or a rounding tie, with the reported value and category each must
/// give. BMD = mean + score × SD is itself an exact decimal, so every case is exact.
let edgeCases: [(exact: String, reported: String)] = [
  ("-1.0", "-1.0"), ("-2.5", "-2.5"), ("-1.05", "-1.1"), ("-2.45", "-2.5"), ("-2.55", "-2.6"), ("-0.95", "-1.0"),
  ("-1.04", "-1.0"), ("-2.0", "-2.0"), ("-1.95", "-2.0"), ("-2.05", "-2.1"), ("-1.94", "-1.9"), ("0.05", "0.1"),
]

@Suite("Scores against the shipped tables")
struct ScoringTests {
  @Test("every edge and tie of every shipped reference point is scored exactly")
  func edgesOfEveryShippedPoint() throws {
    var floatingPointWouldMiss = 0
    for table in try shippedLibrary().tables {
      for (name, point) in try allPoints(of: table) {
        for (exact, reported) in edgeCases {
          let mean = try #require(point.publishedMean)
          let sd = try #require(point.publishedSD)
          let bmd = try Fraction(mean) + (try Fraction(dec(exact)) * Fraction(sd))
          let (score, unrounded) = try point.score(of: bmd)
          #expect(score == dec(reported), "\(name): T \(exact)")
          guard case .exact(let value) = unrounded else {
            Issue.record("\(name): expected exact arithmetic")
            continue
          }
          #expect(value == Fraction(dec(exact)), "\(name)")
          // What the usual Double formula reports for the same inputs.
          let double = (bmd.doubleValue - mean.doubleValue) / sd.doubleValue
          let doubleReported = (double * 10).rounded(.toNearestOrAwayFromZero) / 10
          if doubleReported != dec(reported).doubleValue { floatingPointWouldMiss += 1 }
        }
      }
    }
    // The exact path is not decoration: on these very tables, binary floating point misreports some ties.
    #expect(floatingPointWouldMiss > 0)
  }

  @Test(
    "default T-score references at the WHO edges, through the engine",
    arguments: [
      (Site.femoralNeck, "0.858", "0.120", ScoringPolicy.SpineReference.manufacturer),
      (.totalHip, "0.942", "0.122", .manufacturer),
      // A Hologic spine: Hologic's own database by default (ISCD), the open NHANES 2005–2008 table on request.
      (.lumbarSpine, "1.047", "0.110", .manufacturer), (.lumbarSpine, "1.064", "0.106", .open),
    ])
  func whoEdgesThroughEngine(site: Site, mean: String, sd: String, spine: ScoringPolicy.SpineReference) throws {
    let expectations: [(t: String, reported: String, category: Category)] = [
      ("-1.0", "-1.0", .normal), ("-0.95", "-1.0", .normal), ("-1.05", "-1.1", .lowBoneMass),
      ("-2.45", "-2.5", .osteoporosis), ("-2.5", "-2.5", .osteoporosis), ("-2.55", "-2.6", .osteoporosis),
      ("-2.44", "-2.4", .lowBoneMass), ("0.0", "0.0", .normal),
    ]
    for expectation in expectations {
      let bmd = try Fraction(dec(mean)) + (try Fraction(dec(expectation.t)) * Fraction(dec(sd)))
      let result = try score(
        site, bmd.roundedDecimal(places: 6).description, policy: ScoringPolicy(spineReference: spine))
      let t = try #require(result.tScore.score, "\(site) T \(expectation.t)")
      #expect(t.reported == dec(expectation.reported), "\(site) T \(expectation.t)")
      #expect(result.classification.category == expectation.category, "\(site) T \(expectation.t)")
      #expect(result.classification.basis == .tScore)
    }
  }

  @Test("the worked cases of the domain notes")
  func workedCases() throws {
    // (0.558 − 0.858) / 0.120 = −2.5 exactly: osteoporosis (Double gives −2.4999999999999996).
    let edge = try score(.femoralNeck, "0.558")
    #expect(edge.tScore.score?.reported == dec("-2.5"))
    #expect(edge.classification.category == .osteoporosis)
    // (0.552 − 0.858) / 0.120 = −2.55 exactly: reported −2.6.
    #expect(try score(.femoralNeck, "0.552").tScore.score?.reported == dec("-2.6"))
    // Total hip 0.800: (0.800 − 0.942) / 0.122 = −1.1639… → −1.2, low bone mass.
    let hip = try score(.totalHip, "0.800")
    #expect(hip.tScore.score?.reported == dec("-1.2"))
    #expect(hip.classification.category == .lowBoneMass)
  }

  @Test("scores never fall as BMD rises", arguments: [Site.femoralNeck, .totalHip, .lumbarSpine])
  func monotone(site: Site) throws {
    var previousT: ExactDecimal?
    var previousZ: ExactDecimal?
    var previousRank = -1
    let ranks: [Category: Int] = [.osteoporosis: 0, .lowBoneMass: 1, .normal: 2]
    for thousandths in stride(from: 300, through: 1600, by: 7) {
      let bmd = ExactDecimal(significand: Int64(thousandths), scale: 3).description
      let result = try score(site, bmd, age: "25", menopause: .post)
      let t = try #require(result.tScore.score?.reported)
      let z = try #require(result.zScore.score?.reported, "\(site) has an age-matched reference for a woman of 25")
      let rank = try #require(result.classification.category.flatMap { ranks[$0] })
      if let previousT { #expect(previousT <= t) }
      if let previousZ { #expect(previousZ <= z) }
      #expect(previousRank <= rank)
      (previousT, previousZ, previousRank) = (t, z, rank)
    }
  }

  @Test("Z-scores use the age group as printed, with no interpolation or extrapolation")
  func ageBands() throws {
    // Looker 1998 White women: 60–69 is 0.681/0.119, 70–79 is 0.619/0.110.
    let sixties = try score(.femoralNeck, "0.681", age: "69.99")
    #expect(sixties.zScore.score?.reported == dec("0.0"))
    #expect(sixties.zScore.score?.reference.point.label == "60–69")
    let seventies = try score(.femoralNeck, "0.619", age: "70")
    #expect(seventies.zScore.score?.reported == dec("0.0"))
    // 80+ is open as published.
    #expect(try score(.femoralNeck, "0.573", age: "95").zScore.score?.reported == dec("0.0"))
    // NHANES 2005–2008 stops at 71–80: nothing above 81, nothing below 21.
    let old = try score(.lumbarSpine, "0.900", age: "81")
    #expect(old.zScore.score == nil)
    #expect(
      old.zScore.reason
        == .noTableCovers(
          .z, misses: [.noPointAtAge(tableID: "nhanes-2005-2008-spine-hip", age: 81, coverage: "ages 21–30 … 71–80")],
          onRequest: []))
    #expect(try score(.lumbarSpine, "0.900", age: "80.9").zScore.score?.reference.point.label == "71–80")
    #expect(try score(.lumbarSpine, "0.900", age: "20.9", menopause: .pre).zScore.score == nil)
  }

  @Test("men are scored against the White female reference under ISCD 2023")
  func menUnderISCD() throws {
    let result = try score(.femoralNeck, "0.700", sex: .male, age: "60", menopause: nil)
    let t = try #require(result.tScore.score)
    #expect(t.reference.sex == .female)
    #expect(t.reported == dec("-1.3"))  // (0.700 − 0.858) / 0.120 = −1.3166…
    #expect(result.classification.category == .lowBoneMass)
    #expect(result.notes.contains(.tScoreReferenceOf(sex: .female, policy: .iscd2023)))
  }

  @Test("the pre-2013 policy scores men against men, with the unconfirmed hip table only on request")
  func pre2013() throws {
    let policy = ScoringPolicy(reference: .pre2013)
    let spine = try score(.lumbarSpine, "0.892", sex: .male, age: "60", menopause: nil, policy: policy)
    // NHANES 2005–2008 men 21–30: 1.057/0.110 → (0.892 − 1.057) / 0.110 = −1.5 exactly.
    #expect(spine.tScore.score?.reported == dec("-1.5"))
    #expect(spine.tScore.score?.reference.sex == .male)
    let hipWithout = try score(.femoralNeck, "0.700", sex: .male, age: "60", menopause: nil, policy: policy)
    #expect(hipWithout.tScore.score == nil)
    #expect(
      hipWithout.tScore.reason
        == .youngAdultOnRequest(sex: .male, site: .femoralNeck, tableID: "nhanes3-hip-young-men", status: .secondary))
    let hip = try score(
      .femoralNeck, "0.700", sex: .male, age: "60", menopause: nil, policy: policy, use: ["nhanes3-hip-young-men"])
    // (0.700 − 0.934) / 0.137 = −1.708… → −1.7
    #expect(hip.tScore.score?.reported == dec("-1.7"))
    #expect(hip.tScore.score?.reference.point.status == .secondary)
    #expect(hip.tScore.score?.reference.tableVersion == "2")
    // Total hip, men: (0.897 − 1.041) / 0.144 = −1.0 exactly.
    let total = try score(
      .totalHip, "0.897", sex: .male, age: "60", menopause: nil, policy: policy, use: ["nhanes3-hip-young-men"])
    #expect(total.tScore.score?.reported == dec("-1.0"))
    #expect(total.classification.category == .normal)
  }

  @Test("race-matched T-scores (t-score-ethnicity matched) use the man's own group where the table has one")
  func matchedEthnicity() throws {
    let policy = ScoringPolicy(reference: .pre2013, tScoreEthnicity: .matched)
    func neck(_ ethnicity: Ethnicity, _ bmd: String, policy: ScoringPolicy) throws -> ScoreResult {
      try score(
        .femoralNeck, bmd, sex: .male, age: "60", menopause: nil, ethnicity: ethnicity, policy: policy,
        use: ["nhanes3-hip-young-men"])
    }
    // Black men 1.074/0.168: (0.738 − 1.074) / 0.168 = −2.0 exactly.
    let black = try neck(.black, "0.738", policy: policy)
    #expect(black.tScore.score?.reported == dec("-2.0"))
    #expect(black.tScore.score?.reference.ethnicity == .black)
    #expect(black.notes.contains(.tScoreMatchedEthnicity(.black, sex: .male, tableID: "nhanes3-hip-young-men")))
    // The same man on the White male reference (the default, ISCD 2005): (0.738 − 0.934) / 0.137 = −1.43… → −1.4.
    let white = try neck(.black, "0.738", policy: ScoringPolicy(reference: .pre2013))
    #expect(white.tScore.score?.reported == dec("-1.4"))
    // Hispanic men use the Mexican American row, 0.982/0.137: (0.708 − 0.982) / 0.137 = −2.0 exactly.
    #expect(try neck(.hispanic, "0.708", policy: policy).tScore.score?.reported == dec("-2.0"))
    // No Asian row: White, said so. (0.797 − 0.934) / 0.137 = −1.0 exactly.
    let asian = try neck(.asian, "0.797", policy: policy)
    #expect(asian.tScore.score?.reported == dec("-1.0"))
    #expect(asian.notes.contains(.tScoreNoMatchedEthnicity(.asian, site: .femoralNeck, sex: .male)))
  }

  @Test("selectable young-adult sets replace the default when asked for")
  func selectableSets() throws {
    let xue = try score(.femoralNeck, "0.646", use: ["xue-2021-young-women"])
    // (0.646 − 0.888) / 0.121 = −2.0 exactly
    #expect(xue.tScore.score?.reported == dec("-2.0"))
    #expect(xue.tScore.score?.reference.tableID == "xue-2021-young-women")
    let hologic = try score(.lumbarSpine, "0.772", use: ["hologic-spine-young-women"])
    // (0.772 − 1.047) / 0.110 = −2.5 exactly
    #expect(hologic.tScore.score?.reported == dec("-2.5"))
    #expect(hologic.classification.category == .osteoporosis)
  }

  @Test("sites without a published reference give no score and say why")
  func noReference() throws {
    for site in [Site.trochanter, .radius33, .l1, .l4] {
      let result = try score(site, "0.700")
      #expect(result.tScore.score == nil, "\(site)")
      #expect(result.tScore.reason == .noYoungAdultReference(sex: .female, site: site), "\(site)")
      #expect(result.classification.category == nil)
    }
    #expect(try score(.trochanter, "0.700").classification.reason == .notDiagnostic(.neverDiagnostic(.trochanter)))
    #expect(try score(.l2, "0.700").classification.reason == .notDiagnostic(.singleVertebra))
  }

  @Test("children get Z-scores only")
  func children() throws {
    let child = try score(.lumbarSpine, "0.700", age: "15", menopause: nil)
    #expect(child.population == .child)
    #expect(child.tScore.score == nil)
    #expect(child.tScore.reason == .childNoTScore)
  }

  @Test("premenopausal women and men under 50 are classified on the Z-score")
  func zPopulations() throws {
    // NHANES 2005–2008 women 41–50: 1.056/0.134 → BMD 0.788 gives Z = −2.0 exactly.
    let woman = try score(.lumbarSpine, "0.788", age: "45", menopause: .pre)
    #expect(woman.zScore.score?.reported == dec("-2.0"))
    #expect(woman.classification.category == .belowExpectedRangeForAge)
    #expect(woman.classification.basis == .zScore)
    // Men 41–50: 1.051/0.129 → 0.79945 gives Z = −1.95 exactly, reported −2.0: below.
    let man = try score(.lumbarSpine, "0.79945", sex: .male, age: "45", menopause: nil)
    #expect(man.zScore.score?.reported == dec("-2.0"))
    #expect(man.classification.category == .belowExpectedRangeForAge)
    let within = try score(.lumbarSpine, "0.80074", sex: .male, age: "45", menopause: nil)
    #expect(within.classification.category == .withinExpectedRangeForAge)
  }

  @Test("Z-scores follow ethnicity where the table has it, and say when they fall back")
  func ethnicity() throws {
    // Looker 1998 femoral neck 60–69: Black 0.770/0.128, Mexican American 0.711/0.112.
    let black = try score(.femoralNeck, "0.770", ethnicity: .black)
    #expect(black.zScore.score?.reference.ethnicity == .black)
    #expect(black.zScore.score?.reported == dec("0.0"))
    let hispanic = try score(.femoralNeck, "0.711", ethnicity: .hispanic)
    #expect(hispanic.zScore.score?.reference.ethnicity == .mexicanAmerican)
    #expect(hispanic.notes.contains(.zScoreMexicanAmerican(tableID: "looker-1998-femoral-neck-women")))
    let asian = try score(.femoralNeck, "0.681", ethnicity: .asian)
    #expect(asian.zScore.score?.reference.ethnicity == .white)
    #expect(asian.notes.contains(.zScoreWhiteFallback(.asian, tableID: "looker-1998-femoral-neck-women")))
    let strict = try score(.femoralNeck, "0.681", ethnicity: .asian, policy: ScoringPolicy(ethnicityFallback: .none))
    #expect(strict.zScore.score == nil)
    let unknown = try score(.femoralNeck, "0.681", ethnicity: nil)
    #expect(unknown.assumptions.contains(.ethnicityWhite))
    // The T-score never depends on ethnicity: White women's young-adult reference for everyone.
    #expect(black.tScore.score?.reference.ethnicity == .white)
    #expect(try score(.femoralNeck, "0.770", ethnicity: .asian).tScore.score?.reported == black.tScore.score?.reported)
  }

  @Test("Z-scores use the reference of the gender identity (ISCD 2019)")
  func genderIdentity() throws {
    // Recorded male, identifies as female, 45: women's spine 41–50 1.056/0.134 → 0.922 is Z −1.0.
    let result = try score(.lumbarSpine, "0.922", sex: .male, age: "45", menopause: nil, genderIdentity: .female)
    #expect(result.zScore.score?.reference.sex == .female)
    #expect(result.zScore.score?.reported == dec("-1.0"))
    let nonconforming = try score(
      .lumbarSpine, "0.922", sex: .male, age: "45", menopause: nil, genderIdentity: .nonconforming)
    #expect(nonconforming.zScore.score?.reference.sex == .male)
  }

  @Test("stated assumptions: maker and menopause")
  func assumptions() throws {
    let result = try score(.femoralNeck, "0.700", menopause: nil, manufacturer: nil)
    #expect(result.manufacturer == .hologic)
    #expect(result.assumptions.contains(.manufacturerHologic))
    #expect(result.assumptions.contains(.menopauseByAge(postmenopausal: true, recordedFemale: false)))
    let strict = try score(.femoralNeck, "0.700", menopause: nil, policy: ScoringPolicy(unknownMenopause: .require))
    #expect(strict.classification.category == nil)
    #expect(strict.classification.reason == .menopauseRequired)
  }
}

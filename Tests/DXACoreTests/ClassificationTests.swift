import DXACore
import DXATestSupport
import Testing

@Suite("WHO and ISCD classification rules")
struct ClassificationTests {
  @Test(
    "WHO categories on the reported T-score; both edges inclusive as written",
    arguments: [
      ("0.0", Category.normal), ("-1.0", .normal), ("-1.1", .lowBoneMass), ("-2.4", .lowBoneMass),
      ("-2.5", .osteoporosis), ("-4.0", .osteoporosis), ("2.0", .normal),
    ])
  func who(t: String, category: Category) {
    #expect(Category.who(reportedTScore: dec(t)) == category)
  }

  @Test(
    "Z-score statement: −2.0 and below is below the expected range",
    arguments: [
      ("-1.9", Category.withinExpectedRangeForAge), ("-2.0", .belowExpectedRangeForAge),
      ("-2.1", .belowExpectedRangeForAge), ("0.5", .withinExpectedRangeForAge),
    ])
  func zStatement(z: String, category: Category) {
    #expect(Category.zStatement(reportedZScore: dec(z)) == category)
  }

  @Test(
    "who is classified how (ISCD 2023)",
    arguments: [
      (Sex.male, "50", MenopausalStatus?.none, Population.whoTScore),
      (.male, "49.99", nil, .adultZScore),
      (.male, "19.99", nil, .child),
      (.male, "20", nil, .adultZScore),
      (.female, "45", .post, .whoTScore),
      (.female, "45", .peri, .whoTScore),
      (.female, "55", .pre, .adultZScore),
      (.female, "15", .post, .child),
      (.female, "50", nil, .whoTScore),
      (.female, "49.9", nil, .adultZScore),
    ])
  func population(sex: Sex, age: String, menopause: MenopausalStatus?, expected: Population) {
    #expect(Population.of(sex: sex, age: dec(age), menopause: menopause, policy: .standard).population == expected)
  }

  @Test("an assumed menopausal status is stated")
  func menopauseAssumption() {
    let older = Population.of(sex: .female, age: 50, menopause: nil, policy: .standard)
    #expect(older.assumption == .menopauseByAge(postmenopausal: true, recordedFemale: false))
    let younger = Population.of(sex: .female, age: 30, menopause: nil, policy: .standard)
    #expect(younger.assumption == .menopauseByAge(postmenopausal: false, recordedFemale: false))
    #expect(Population.of(sex: .female, age: 60, menopause: .post, policy: .standard).assumption == nil)
    let strict = ScoringPolicy(unknownMenopause: .require)
    #expect(Population.of(sex: .female, age: 60, menopause: nil, policy: strict).population == .undetermined)
  }
}

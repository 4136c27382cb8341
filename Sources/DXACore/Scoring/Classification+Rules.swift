extension Category {
  /// WHO on the reported T-score: T ≥ −1.0 normal; −2.5 < T < −1.0 low bone mass; T ≤ −2.5 osteoporosis.
  /// Both edges are inclusive as written: −1.0 is normal, −2.5 is osteoporosis.
  public static func who(reportedTScore t: ExactDecimal) -> Category {
    if t >= ExactDecimal(significand: -10, scale: 1) { return .normal }
    if t <= ExactDecimal(significand: -25, scale: 1) { return .osteoporosis }
    return .lowBoneMass
  }

  /// ISCD on the reported Z-score: Z ≤ −2.0 is below the expected range for age; above it, within.
  public static func zStatement(reportedZScore z: ExactDecimal) -> Category {
    z <= ExactDecimal(significand: -20, scale: 1) ? .belowExpectedRangeForAge : .withinExpectedRangeForAge
  }
}

extension Population {
  /// ISCD: WHO categories for postmenopausal and perimenopausal women and men aged 50 and over (50 included);
  /// Z-score statements for premenopausal women and men under 50; Z-scores only under 20.
  /// Returns the population and, when menopausal status had to be assumed, the assumption in words.
  public static func of(
    sex: Sex, age: ExactDecimal, menopause: MenopausalStatus?, policy: ScoringPolicy,
    genderIdentity: GenderIdentity? = nil
  ) -> (population: Population, assumption: ScoringAssumption?) {
    // ISCD 2019: the population follows the sex recorded at birth; the words follow the gender identity.
    let recordedFemale = genderIdentity.map { $0 != .female } == true
    let fifty = ExactDecimal(50)
    if age < ExactDecimal(20) { return (.child, nil) }
    switch (sex, menopause) {
    case (.male, _): return (age >= fifty ? .whoTScore : .adultZScore, nil)
    case (.female, .post?), (.female, .peri?): return (.whoTScore, nil)
    case (.female, .pre?): return (.adultZScore, nil)
    case (.female, nil):
      switch policy.unknownMenopause {
      case .require:
        return (.undetermined, nil)
      case .age50 where age >= fifty:
        return (.whoTScore, .menopauseByAge(postmenopausal: true, recordedFemale: recordedFemale))
      case .age50:
        return (.adultZScore, .menopauseByAge(postmenopausal: false, recordedFemale: recordedFemale))
      }
    }
  }
}

extension Classification {
  /// The category of one site from its scores, following the site's diagnostic use and the population.
  static func of(site: Site, population: Population, tScore: ScoreOutcome, zScore: ScoreOutcome) -> Classification {
    if population == .child {
      guard site.isPediatricDiagnostic else { return Classification(reason: .notDiagnostic(.notPediatricSite(site))) }
    } else if site == .totalBodyLessHead {
      return Classification(reason: .notDiagnostic(.totalBodyLessHeadInAdult))
    }
    switch site.diagnosticUse {
    case _ where population == .child:
      break
    case .nonDiagnostic:
      return Classification(reason: .notDiagnostic(.neverDiagnostic(site)))
    case .singleVertebra:
      return Classification(reason: .notDiagnostic(.singleVertebra))
    case .diagnostic, .conditional:
      break
    }
    switch population {
    case .undetermined:
      return Classification(reason: .menopauseRequired)
    case .whoTScore:
      switch tScore {
      case .scored(let t): return Classification(category: Category.who(reportedTScore: t.reported), basis: .tScore)
      case .unavailable(let reason): return Classification(reason: .noEngineScore(.t, reason: reason))
      }
    case .adultZScore, .child:
      switch zScore {
      case .scored(let z):
        return Classification(category: Category.zStatement(reportedZScore: z.reported), basis: .zScore)
      case .unavailable(let reason): return Classification(reason: .noEngineScore(.z, reason: reason))
      }
    }
  }

  init(reason: UnclassifiedReason) {
    self.init(category: nil, basis: nil, reason: reason)
  }

  init(category: Category, basis: Basis) {
    self.init(category: category, basis: basis, reason: nil)
  }
}

import DXACore

/// The options every scoring command shares: the named policies and the reference tables to load.
extension OptionSpec {
  static let policyOptions: [OptionSpec] = [
    OptionSpec(
      name: "policy", valueName: "policy",
      help: "Reference policy: iscd-2023 scores everyone against White women; pre-2013 scores men against men.",
      allowedValues: ScoringPolicy.Reference.allCases.map(\.rawValue), defaultValue: "iscd-2023"),
    OptionSpec(
      name: "ethnicity-fallback", valueName: "fallback",
      help: "Z-score when no table has the person's group: use the White table and say so, or give none.",
      allowedValues: ScoringPolicy.EthnicityFallback.allCases.map(\.rawValue), defaultValue: "white"),
    OptionSpec(
      name: "unknown-menopause", valueName: "rule",
      help:
        "Woman whose menopausal status is not given: age-50 takes 50 and over as postmenopausal; require gives no category.",
      allowedValues: ScoringPolicy.UnknownMenopause.allCases.map(\.rawValue), defaultValue: "age-50"),
    OptionSpec(
      name: "spine-reference", valueName: "rule",
      help:
        "Spine T-score: manufacturer uses the maker's database (the scanner's printed score, else the maker's table, else the open table, labelled); open uses the open table for every maker.",
      allowedValues: ScoringPolicy.SpineReference.allCases.map(\.rawValue), defaultValue: "manufacturer"),
    OptionSpec(
      name: "t-score-ethnicity", valueName: "rule",
      help:
        "T-score reference group: white for everyone (ISCD); matched uses the person's own group where a table has one (historical race-adjusted results).",
      allowedValues: ScoringPolicy.TScoreEthnicity.allCases.map(\.rawValue), defaultValue: "white"),
  ]

  static let referenceOptions: [OptionSpec] = [
    OptionSpec(
      name: "reference", valueName: "file",
      help:
        "Load a reference file (JSON, see reference-data/README.md): a table (used first), a conversion set, a conditions file or a payer file, told apart by its format. Repeatable.",
      isRepeatable: true),
    OptionSpec(
      name: "use", valueName: "id",
      help: "Use a shipped on-request table (see 'dxa reference list') ahead of the defaults. Repeatable.",
      isRepeatable: true),
  ]
}

extension ParsedArguments {
  /// The policy named by `--policy`, `--ethnicity-fallback` and `--unknown-menopause`, defaults where not given.
  func scoringPolicy() throws(InputError) -> ScoringPolicy {
    ScoringPolicy(
      reference: try choice("policy", ScoringPolicy.Reference.self) ?? .iscd2023,
      ethnicityFallback: try choice("ethnicity-fallback", ScoringPolicy.EthnicityFallback.self) ?? .white,
      unknownMenopause: try choice("unknown-menopause", ScoringPolicy.UnknownMenopause.self) ?? .age50,
      spineReference: try choice("spine-reference", ScoringPolicy.SpineReference.self) ?? .manufacturer,
      tScoreEthnicity: try choice("t-score-ethnicity", ScoringPolicy.TScoreEthnicity.self) ?? .white)
  }

  /// The shipped tables plus `--reference` files, with `--use` tables requested.
  func referenceLibrary(readFile: (String) throws -> String) throws -> ReferenceLibrary {
    try loadLibrary(referenceFiles: all("reference"), use: all("use"), readFile: readFile)
  }
}

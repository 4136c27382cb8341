import DXACore
import DXARendering

/// `dxa score`: one site of one person.
enum ScoreCommand {
  static let options: [OptionSpec] =
    [
      OptionSpec(
        name: "site", valueName: "site", help: "Measured site.", isRequired: true,
        allowedValues: Site.allCases.map(\.rawValue)),
      OptionSpec(
        name: "bmd", valueName: "g/cm2", help: "Areal BMD in g/cm² as the scanner printed it.", isRequired: true),
      OptionSpec(
        name: "sex", valueName: "sex", help: "Sex.", isRequired: true, allowedValues: Sex.allCases.map(\.rawValue)),
      OptionSpec(
        name: "age", valueName: "years", help: "Age at the scan in years (decimals allowed).", isRequired: true),
      OptionSpec(
        name: "menopause", valueName: "status",
        help: "Menopausal status of a woman. When not given, see --unknown-menopause.",
        allowedValues: MenopausalStatus.allCases.map(\.rawValue)),
      OptionSpec(
        name: "manufacturer", valueName: "maker", help: "Scanner maker; the output says when it was assumed.",
        allowedValues: Manufacturer.allCases.map(\.rawValue), defaultValue: "hologic"),
      OptionSpec(
        name: "ethnicity", valueName: "group",
        help: "Ethnicity, for Z-scores only; the output says when it was assumed.",
        allowedValues: Ethnicity.allCases.map(\.rawValue), defaultValue: "white"),
      OptionSpec(
        name: "gender-identity", valueName: "identity",
        help: "Gender identity; Z-scores use its reference (ISCD 2019), non-conforming uses the sex.",
        allowedValues: GenderIdentity.allCases.map(\.rawValue)),
    ] + OptionSpec.policyOptions + OptionSpec.referenceOptions + [.format]

  static var helpPage: HelpPage {
    HelpPage(
      overview: "Compute the T-score, Z-score and category of one measured site.",
      usage: "dxa score --site <site> --bmd <g/cm2> --sex <sex> --age <years>\n                 [<options>]",
      options: options,
      discussion: """
        T and Z are exact: (BMD − mean) / SD in decimal arithmetic, rounded half away
        from zero to one decimal. The category is read from the rounded value
        (WHO: T ≥ -1.0 normal, T ≤ -2.5 osteoporosis).
        Example:
          dxa score --site femoral-neck --bmd 0.558 --sex female --age 67 \\
            --menopause post
        """
    )
  }

  static func run(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    let parsed = try parseArguments(arguments, options: options, maximumPositionals: 0)
    if parsed.isHelpRequested { return helpPage.rendered }
    guard let site = try parsed.choice("site", Site.self),
      let sex = try parsed.choice("sex", Sex.self),
      let bmd = try parsed.decimal("bmd"),
      let age = try parsed.decimal("age")
    else {
      throw InputError(.usage, field: "--site", "missing")  // unreachable: required options are checked
    }
    let request = ScoreRequest(
      site: site, bmd: bmd, sex: sex, age: age,
      menopause: try parsed.choice("menopause", MenopausalStatus.self),
      manufacturer: try parsed.choice("manufacturer", Manufacturer.self),
      ethnicity: try parsed.choice("ethnicity", Ethnicity.self),
      genderIdentity: try parsed.choice("gender-identity", GenderIdentity.self))
    let policy = try parsed.scoringPolicy()
    let format = try parsed.choice("format", OutputFormat.self) ?? .text
    let library = try parsed.referenceLibrary(readFile: readFile)
    let result: ScoreResult
    do {
      result = try ScoringEngine(library: library, policy: policy).score(request)
    } catch {
      // The core names fields by their plain names; on the command line they are options.
      throw InputError(error.kind, field: "--\(error.field)", error.message)
    }
    OperatorHints.print(result.operatorHints)
    switch format {
    case .text: return result.text
    case .json: return result.json.rendered() + "\n"
    }
  }
}

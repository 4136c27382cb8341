import DXACore
import DXAReferenceData
import DXARendering

/// `dxa reference list` and `dxa reference show ID`: what the engine scores against, with sources.
enum ReferenceCommand {
  static let options: [OptionSpec] = [
    OptionSpec(
      name: "reference", valueName: "file", help: "Also load this reference table or conversion set. Repeatable.",
      isRepeatable: true),
    .format,
  ]

  static var helpPage: HelpPage {
    HelpPage(
      overview: "List the reference tables and conversion sets, or show one in full.",
      usage:
        "dxa reference list [--reference <file> ...] [--format <format>]\n       dxa reference show <id> [--reference <file> ...] [--format <format>]",
      arguments: [("<id>", "A table or conversion-set id from 'dxa reference list'.")],
      options: options,
      subcommands: [
        ("list", "One line per table and conversion set."), ("show", "One table or conversion set in full."),
      ]
    )
  }

  static func run(_ arguments: [String], readFile: (String) throws -> String) throws -> String {
    let parsed = try parseArguments(arguments, options: options, maximumPositionals: 2)
    if parsed.isHelpRequested { return helpPage.rendered }
    let isJSON = try parsed.choice("format", OutputFormat.self) == .json
    let library = try loadLibrary(referenceFiles: parsed.all("reference"), use: [], readFile: readFile)
    switch parsed.positionals.first {
    case "list"?:
      guard parsed.positionals.count == 1 else {
        throw InputError(.usage, field: parsed.positionals[1], "unexpected argument after 'list'")
      }
      let files = try ReportDataFiles.shipped()
      return isJSON ? list(library, files).rendered() + "\n" : listText(library, files)
    case "show"?:
      guard parsed.positionals.count == 2 else {
        throw InputError(.usage, field: "<id>", "missing; see 'dxa reference list'")
      }
      let id = parsed.positionals[1]
      if let table = library.table(id: id) {
        return isJSON ? table.document.rendered() + "\n" : table.text(isAvailable: library.isAvailable(table))
      }
      if let set = library.conversionSets.first(where: { $0.id == id }) {
        return isJSON ? set.document.rendered() + "\n" : set.text
      }
      let known = library.tables.map(\.id) + library.conversionSets.map(\.id)
      throw InputError(
        .usage, field: "<id>",
        "no table or conversion set '\(id)'; known: \(known.joined(separator: ", "))" + didYouMean(id, among: known))
    case nil:
      throw InputError(.usage, field: "<subcommand>", "missing; expected list or show (see 'dxa reference --help')")
    case let other?:
      throw InputError(
        .usage, field: "'\(other)'",
        "unknown subcommand; expected list or show" + didYouMean(other, among: ["list", "show"]))
    }
  }

  /// The shipped files `dxa report` reads beside the tables: payer rules, the conditions list, the billing codes.
  struct ReportDataFiles {
    var payers: [PayerRules]
    var conditions: [ConditionCatalog]
    var billingCodes: BillingCodeCatalog

    static func shipped() throws -> ReportDataFiles {
      ReportDataFiles(
        payers: try ShippedReferences.payers(), conditions: try ShippedReferences.conditions(),
        billingCodes: try ShippedReferences.billingCodes())
    }
  }

  static func list(_ library: ReferenceLibrary, _ files: ReportDataFiles) -> JSONValue {
    .object([
      ("tables", .array(library.tables.map { $0.summaryJSON(isAvailable: library.isAvailable($0)) })),
      ("conversions", .array(library.conversionSets.map { $0.summaryJSON })),
      (
        "payers",
        .array(
          files.payers.map { payer in
            .object([
              ("id", .string(payer.id.rawValue)), ("version", .string(payer.version)), ("name", .string(payer.name)),
              ("status", .string(payer.status.rawValue)), ("citation", .string(payer.citation)),
            ])
          })
      ),
      (
        "conditions",
        .array(
          files.conditions.map { list in
            .object([
              ("id", .string(list.id)), ("version", .string(list.version)), ("title", .string(list.title)),
              ("citation", .string(list.citation)),
            ])
          })
      ),
      (
        "billingCodes",
        .object([
          ("id", .string(files.billingCodes.id)), ("version", .string(files.billingCodes.version)),
          ("title", .string(files.billingCodes.title)), ("citation", .string(files.billingCodes.citation)),
        ])
      ),
    ])
  }

  static func listText(_ library: ReferenceLibrary, _ files: ReportDataFiles) -> String {
    var lines = ["Reference tables:"]
    for table in library.tables {
      let use = library.isRequested(table) ? "loaded" : table.availability == .default ? "default" : "on request"
      lines.append(
        "  \(table.id) v\(table.version)  [\(table.kind.rawValue), \(table.scale.rawValue), \(table.status.rawValue), \(use)]"
      )
      lines += wrapped(table.title, indent: 4)
    }
    lines.append("Conversion sets:")
    for set in library.conversionSets {
      lines.append("  \(set.id) v\(set.version)  [\(set.status.rawValue)\(set.isApproximate ? ", approximate" : "")]")
      lines += wrapped(set.title, indent: 4)
    }
    lines.append("Payer rules (dxa report --payer <id>; unconfirmed ones are templates):")
    for payer in files.payers {
      lines.append("  \(payer.id.rawValue) v\(payer.version)  [\(payer.status.rawValue)]")
      lines += wrapped(payer.name, indent: 4)
    }
    lines.append("Conditions lists (risk_factors.conditions in an exam):")
    for list in files.conditions {
      lines.append("  \(list.id) v\(list.version)")
      lines += wrapped(list.title, indent: 4)
    }
    lines.append("Billing codes (the words of the billing suggestions):")
    lines.append("  \(files.billingCodes.id) v\(files.billingCodes.version)")
    lines += wrapped(files.billingCodes.title, indent: 4)
    lines += wrapped(
      "Show a table or conversion set with: dxa reference show <id>. Payer, conditions and billing code files are "
        + "in reference-data/ (see its README); dxa report --reference adds others.", indent: 0)
    return textOutput(lines)
  }
}

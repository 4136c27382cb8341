import DXACore

/// The reference tables, conversion sets, report codes, conditions, payer rules and billing codes shipped in
/// `reference-data/`, compiled into the binary.
public enum ShippedReferences {
  /// Each shipped file's path below `reference-data/` and its exact text.
  public static var files: [(path: String, text: String)] { EmbeddedReferenceFiles.all }

  /// All shipped tables, parsed. The files are checked by the tests, so a failure here is a build defect.
  public static func tables() throws(InputError) -> [ReferenceTable] {
    var tables: [ReferenceTable] = []
    for file in files where file.path.hasPrefix("tables/") {
      tables.append(try ReferenceTable(json: file.text, file: "reference-data/\(file.path)"))
    }
    return tables
  }

  /// All shipped conversion sets, parsed.
  public static func conversionSets() throws(InputError) -> [ConversionSet] {
    var sets: [ConversionSet] = []
    for file in files where file.path.hasPrefix("conversions/") {
      sets.append(try ConversionSet(json: file.text, file: "reference-data/\(file.path)"))
    }
    return sets
  }

  /// The report codes (`codes/dxa-codes.json`): LOINC, SNOMED CT body sites and findings for the FHIR report.
  public static func reportCodes() throws(InputError) -> ReportCodes {
    let path = "codes/dxa-codes.json"
    guard let file = files.first(where: { $0.path == path }) else {
      throw InputError(.reference, field: "reference-data/\(path)", "not embedded in the build")
    }
    return try ReportCodes(json: file.text, file: "reference-data/\(path)")
  }

  /// The shipped conditions (`conditions/`): what an exam's `risk_factors.conditions` may name.
  public static func conditions() throws(InputError) -> [ConditionCatalog] {
    var catalogs: [ConditionCatalog] = []
    for file in files where file.path.hasPrefix("conditions/") {
      catalogs.append(try ConditionCatalog(json: file.text, file: "reference-data/\(file.path)"))
    }
    return catalogs
  }

  /// The shipped payer rules (`payers/`), one file per payer.
  public static func payers() throws(InputError) -> [PayerRules] {
    var payers: [PayerRules] = []
    for file in files where file.path.hasPrefix("payers/") {
      payers.append(try PayerRules(json: file.text, file: "reference-data/\(file.path)"))
    }
    return payers
  }

  /// The CPT and ICD-10-CM descriptors of the billing suggestions (`billing/dxa-billing-codes.json`).
  public static func billingCodes() throws(InputError) -> BillingCodeCatalog {
    let path = "billing/dxa-billing-codes.json"
    guard let file = files.first(where: { $0.path == path }) else {
      throw InputError(.reference, field: "reference-data/\(path)", "not embedded in the build")
    }
    return try BillingCodeCatalog(json: file.text, file: "reference-data/\(path)")
  }

  /// A library holding every shipped table, conversion set, conditions file, payer file and billing code file.
  public static func library() throws(InputError) -> ReferenceLibrary {
    try ReferenceLibrary(
      tables: try tables(), conversionSets: try conversionSets(), conditions: try conditions(), payers: try payers(),
      billingCodes: try billingCodes())
  }
}

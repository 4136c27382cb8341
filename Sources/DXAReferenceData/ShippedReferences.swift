import DXACore

/// The reference tables, conversion sets, report codes, conditions, payer rules and billing codes shipped in
/// `reference-data/`, compiled into the binary.
public enum ShippedReferences {
  /// Each shipped file's path below `reference-data/` and its exact text.
  public static var files: [(path: String, text: String)] { EmbeddedReferenceFiles.all }

  /// All shipped tables, parsed. The files are checked by the tests, so a failure here is a build defect.
  public static func tables() throws(InputError) -> [ReferenceTable] { try documents(in: "tables/") }

  /// All shipped conversion sets, parsed.
  public static func conversionSets() throws(InputError) -> [ConversionSet] { try documents(in: "conversions/") }

  /// The report codes (`codes/dxa-codes.json`): LOINC, SNOMED CT body sites and findings for the FHIR report.
  public static func reportCodes() throws(InputError) -> ReportCodes { try document("codes/dxa-codes.json") }

  /// The shipped conditions (`conditions/`): what an exam's `risk_factors.conditions` may name.
  public static func conditions() throws(InputError) -> [ConditionCatalog] { try documents(in: "conditions/") }

  /// The shipped payer rules (`payers/`), one file per payer.
  public static func payers() throws(InputError) -> [PayerRules] { try documents(in: "payers/") }

  /// The CPT and ICD-10-CM descriptors of the billing suggestions (`billing/dxa-billing-codes.json`).
  public static func billingCodes() throws(InputError) -> BillingCodeCatalog {
    try document("billing/dxa-billing-codes.json")
  }

  /// A library holding every shipped table, conversion set, conditions file, payer file and billing code file.
  public static func library() throws(InputError) -> ReferenceLibrary {
    try ReferenceLibrary(
      tables: try tables(), conversionSets: try conversionSets(), conditions: try conditions(), payers: try payers(),
      billingCodes: try billingCodes())
  }

  /// Every shipped file below `folder`, parsed, in path order.
  private static func documents<Document: ReferenceDocument>(in folder: String) throws(InputError) -> [Document] {
    var documents: [Document] = []
    for file in files where file.path.hasPrefix(folder) {
      documents.append(try Document(json: file.text, file: "reference-data/\(file.path)"))
    }
    return documents
  }

  /// The shipped file at `path`, parsed.
  private static func document<Document: ReferenceDocument>(_ path: String) throws(InputError) -> Document {
    guard let file = files.first(where: { $0.path == path }) else {
      throw InputError(.reference, field: "reference-data/\(path)", "not embedded in the build")
    }
    return try Document(json: file.text, file: "reference-data/\(path)")
  }
}

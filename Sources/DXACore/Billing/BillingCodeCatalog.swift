/// The CPT and ICD-10-CM codes the billing suggestions use, with their descriptors, where each was read and how well
/// it is confirmed: `reference-data/billing/dxa-billing-codes.json` (format `dxa-billing-codes/1`). The rules name
/// codes (``BillingCode``); the words a coder reads come from here.
public struct BillingCodeCatalog: Sendable {
  public var id: String
  public var version: String
  public var title: String
  public var citation: String
  public var notes: [String]
  public var procedures: [ProcedureCodeReference]
  public var diagnoses: [DiagnosisCodeReference]

  public init(
    id: String, version: String, title: String, citation: String, notes: [String] = [],
    procedures: [ProcedureCodeReference], diagnoses: [DiagnosisCodeReference]
  ) {
    self.id = id
    self.version = version
    self.title = title
    self.citation = citation
    self.notes = notes
    self.procedures = procedures
    self.diagnoses = diagnoses
  }

  /// No codes: what a library without a billing code file knows (every descriptor then says so).
  public static let empty = BillingCodeCatalog(
    id: "none", version: "0", title: "no billing codes", citation: "", procedures: [], diagnoses: [])

  public func procedure(_ code: String) -> ProcedureCodeReference? { procedures.first { $0.code == code } }
  public func diagnosis(_ code: String) -> DiagnosisCodeReference? { diagnoses.first { $0.code == code } }
}

/// A CPT code with its short descriptor, where it was read and how well it is confirmed.
public struct ProcedureCodeReference: Sendable, Equatable {
  /// "77080".
  public var code: String
  public var description: String
  public var status: ConfirmationStatus
  public var source: String

  public init(code: String, description: String, status: ConfirmationStatus, source: String) {
    self.code = code
    self.description = description
    self.status = status
    self.source = source
  }
}

/// The codes the billing rules suggest, by name. Each must be in the billing code file (a test checks it).
public enum BillingCode {
  // CPT
  public static let axialDXA = "77080"
  public static let appendicularDXA = "77081"
  public static let axialDXAWithVFA = "77085"
  public static let vfa = "77086"
  public static let tbs = "77089"
  // ICD-10-CM
  public static let ageRelatedOsteoporosis = "M81.0"
  public static let otherOsteoporosis = "M81.8"
  /// Age-related osteoporosis with a current pathological fracture: the coder adds the site and 7th characters.
  public static let osteoporosisWithCurrentFracture = "M80.0-"
  /// … of a vertebra: the coder adds the 7th character (A initial encounter, …).
  public static let osteoporosisWithCurrentVertebralFracture = "M80.08X-"
  /// Other specified disorders of bone density and structure (low bone mass), the coder adds the site character.
  public static let lowBoneMass = "M85.8-"
  public static let lowBoneMassRightThigh = "M85.851"
  public static let lowBoneMassLeftThigh = "M85.852"
  public static let lowBoneMassOtherSite = "M85.88"
  public static let lowBoneMassMultipleSites = "M85.89"
  public static let healedOsteoporosisFracture = "Z87.310"
  public static let screening = "Z13.820"
  public static let asymptomaticMenopause = "Z78.0"
  public static let primaryHyperparathyroidism = "E21.0"
  public static let abnormalImagingMusculoskeletal = "R93.7"
  public static let systemicSteroids = "Z79.52"
  public static let systemicSteroidHistory = "Z92.241"
  public static let bisphosphonates = "Z79.83"
  public static let serms = "Z79.810"
  public static let hormoneReplacement = "Z79.890"
  public static let otherLongTermDrugTherapy = "Z79.899"

  public static let procedures = [axialDXA, appendicularDXA, axialDXAWithVFA, vfa, tbs]
  public static let diagnoses = [
    ageRelatedOsteoporosis, otherOsteoporosis, osteoporosisWithCurrentFracture,
    osteoporosisWithCurrentVertebralFracture, lowBoneMass, lowBoneMassRightThigh, lowBoneMassLeftThigh,
    lowBoneMassOtherSite, lowBoneMassMultipleSites, healedOsteoporosisFracture, screening, asymptomaticMenopause,
    primaryHyperparathyroidism, abnormalImagingMusculoskeletal, systemicSteroids, systemicSteroidHistory,
    bisphosphonates, serms, hormoneReplacement, otherLongTermDrugTherapy,
  ]

  /// Definitive osteoporosis codes: R93.7 (an abnormal imaging finding) is never suggested beside one.
  public static func isDefinitiveOsteoporosis(_ code: String) -> Bool {
    code == ageRelatedOsteoporosis || code == otherOsteoporosis || code.hasPrefix("M80.")
  }
}

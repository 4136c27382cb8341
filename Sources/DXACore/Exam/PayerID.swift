/// The payer an exam is billed to, by the id of its payer rules (`reference-data/payers/<id>.json`): a lowercase
/// identifier. The payers the service analysis names have constants; a site adds its own ids. Whether rules exist
/// for an id is the billing rules' concern: an id without rules is a valid payer with no rules applied.
public struct PayerID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: String

  /// Nil unless `rawValue` is a lowercase identifier of at most 40 characters.
  public init?(rawValue: String) {
    guard isIdentifier(rawValue, maximumLength: 40) else { return nil }
    self.rawValue = rawValue
  }

  private init(known: String) { rawValue = known }

  public static let medicare = PayerID(known: "medicare")
  public static let aetna = PayerID(known: "aetna")
  /// Blue Cross Blue Shield.
  public static let bcbs = PayerID(known: "bcbs")
  public static let cigna = PayerID(known: "cigna")
  /// UnitedHealthcare.
  public static let uhc = PayerID(known: "uhc")

  /// The payers the service analysis names.
  public static let named: [PayerID] = [.medicare, .aetna, .bcbs, .cigna, .uhc]

  public var description: String { rawValue }
}

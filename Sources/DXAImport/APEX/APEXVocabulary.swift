import DXACore

/// What a Hologic APEX scan is, by its SCAN_TYPE code, as far as public sources say (the data README of the team's
/// APEX database; the public reader obiba/onyx-instruments): 1 AP lumbar spine, 2 left hip, 3 right hip, 5 whole
/// body, 6 left forearm, 7 right forearm. Other codes (8, 21 and 22 metal-hip templates, 29 and 35–37 IVA images)
/// carry no BMD this importer knows.
public enum APEXScanKind: Sendable, Equatable {
  case spine
  case hip(Side)
  case wholeBody
  case forearm(Side)

  public init?(code: String) {
    switch code.trimmingCharacters(in: " ") {
    case "1": self = .spine
    case "2": self = .hip(.left)
    case "3": self = .hip(.right)
    case "5": self = .wholeBody
    case "6": self = .forearm(.left)
    case "7": self = .forearm(.right)
    default: return nil
    }
  }

  /// The table that holds this kind's results.
  public var table: APEXTable {
    switch self {
    case .spine: return .spine
    case .hip: return .hip
    case .wholeBody: return .wholeBody
    case .forearm: return .forearm
    }
  }

  public var displayName: String {
    switch self {
    case .spine: return "AP lumbar spine"
    case .hip(let side): return "\(side.rawValue) hip"
    case .wholeBody: return "whole body"
    case .forearm(let side): return "\(side.rawValue) forearm"
    }
  }
}

/// The tables an APEX export is read from, each a `NAME.csv` written by `mdb-export PatScan.mdb NAME`.
public enum APEXTable: String, CaseIterable, Sendable {
  case patient = "PATIENT"
  case scanAnalysis = "ScanAnalysis"
  case hip = "Hip"
  case spine = "Spine"
  case forearm = "Forearm"
  case wholeBody = "Wbody"
  case referenceResults = "ReferenceResults"

  public var fileName: String { rawValue + ".csv" }
  /// PATIENT and ScanAnalysis are needed; a missing result table leaves its scans without BMD.
  public var isRequired: Bool { self == .patient || self == .scanAnalysis }
}

/// APEX ETHNICITY letters to the engine's groups. Documented: W White, B Black, H Hispanic [data README]. Any
/// other letter (the training database holds C and O, documented nowhere public) is "not given", with a note,
/// unless the site maps it (`--ethnicity-code C=asian`).
public struct APEXEthnicityCodes: Sendable, Equatable {
  public static let documented: [(letter: String, ethnicity: Ethnicity)] = [
    ("W", .white), ("B", .black), ("H", .hispanic),
  ]

  /// The site's own readings, which win over the documented ones; nil maps a letter to "not given".
  public var overrides: [String: Ethnicity?] = [:]

  public init(overrides: [String: Ethnicity?] = [:]) {
    self.overrides = Dictionary(uniqueKeysWithValues: overrides.map { ($0.key.uppercased(), $0.value) })
  }

  /// Reads `LETTER=VALUE` (`C=asian`, `O=none`); errors name the option.
  public mutating func add(_ text: String, option: String) throws(InputError) {
    let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
    let groups = Ethnicity.allCases.map(\.rawValue) + ["none"]
    guard parts.count == 2, !parts[0].isEmpty, parts[1] == "none" || Ethnicity(rawValue: parts[1]) != nil else {
      throw InputError(
        .usage, field: option, "expected LETTER=GROUP with GROUP one of: \(groups.joined(separator: ", "))")
    }
    overrides[parts[0].uppercased()] = Ethnicity(rawValue: parts[1])
  }

  /// The group of a letter, and a note when the letter is not one the table knows.
  public func ethnicity(for code: String) -> (ethnicity: Ethnicity?, note: String?) {
    let letter = code.trimmingCharacters(in: " ").uppercased()
    if letter.isEmpty { return (nil, nil) }
    if let override = overrides[letter] { return (override, nil) }
    if let known = Self.documented.first(where: { $0.letter == letter }) { return (known.ethnicity, nil) }
    return (
      nil, "APEX ethnicity code '\(letter)' is not documented: ethnicity not given (map it with --ethnicity-code)"
    )
  }
}

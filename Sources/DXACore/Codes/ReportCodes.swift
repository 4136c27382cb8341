/// The codes a report is written with: LOINC report and observation codes, SNOMED CT body sites, laterality and
/// findings, read from `reference-data/codes/` (format `dxa-codes/1`).
///
/// The mapping is data, not code, because published examples disagree (LOINC has "Femur" and "Hip" but no femoral-neck
/// axis) and a facility may need another. Where no code was found the table has none and renderers use text only:
/// a code is never made up.
public struct ReportCodes: Sendable {
  /// One code with where it was read and how well it is confirmed.
  public struct Code: Sendable, Equatable {
    /// The code system's URI (`http://loinc.org`, `http://snomed.info/sct`).
    public var system: String
    public var code: String
    /// The term to show beside the code, when the source gives one.
    public var display: String?
    public var status: ConfirmationStatus
    /// Where the code was read, with the number of agreeing sources.
    public var source: String
  }

  /// What an observation measures.
  public enum Measure: String, CaseIterable, Sendable {
    case bmd
    case tScore = "t-score"
    case zScore = "z-score"

    /// "BMD", "T-score", "Z-score".
    public var displayName: String {
      switch self {
      case .bmd: return "BMD"
      case .tScore: return "T-score"
      case .zScore: return "Z-score"
      }
    }
  }

  /// The codes of one site.
  public struct SiteCodes: Sendable {
    public var site: Site
    /// The LOINC term whose codes the site uses ("Femur" for the femoral neck); nil when LOINC has none.
    public var loincTerm: String?
    public var bodySite: Code?
    /// Observation codes without laterality, by measure; empty when LOINC has no term for the site.
    public var loinc: [Measure: Code]
    /// Side-specific observation codes, where LOINC has them.
    public var loincBySide: [Side: [Measure: Code]]
  }

  public var id: String
  public var version: String
  public var title: String
  public var citation: String
  /// The weakest status of any code in the file.
  public var status: ConfirmationStatus
  public var notes: [String]
  /// The DiagnosticReport code (LOINC 83311-1).
  public var reportCode: Code
  /// The DiagnosticReport category (LOINC LP29684-5, Radiology).
  public var reportCategory: Code
  /// The SNOMED CT laterality attribute, for post-coordinated body sites.
  public var lateralityAttribute: Code
  public var laterality: [Side: Code]
  /// Finding codes by category; categories without a code (normal, the Z-score statements) are absent.
  public var findings: [Category: Code]
  /// One entry per ``Site``.
  public var sites: [Site: SiteCodes]
  /// The URI of DXA's own codes, for what no standard code covers: a vertebral subset of the spine, single
  /// vertebrae, serial change, FRAX, TBS. Beside `code.text`, never in place of a verified code.
  public var localSystem: String

  /// The observation code of `measure` at `site`: the side-specific code when LOINC has one, else the code without
  /// laterality, else nil (the site has no LOINC term).
  public func observationCode(_ measure: Measure, site: Site, side: Side?) -> Code? {
    guard let codes = sites[site] else { return nil }
    if let side, let sided = codes.loincBySide[side]?[measure] { return sided }
    return codes.loinc[measure]
  }

  /// Every code in the table, each with a name saying what it is for (used to audit the table).
  public var allCodes: [(name: String, code: Code)] {
    var all: [(name: String, code: Code)] = [
      ("report code", reportCode), ("report category", reportCategory), ("laterality attribute", lateralityAttribute),
    ]
    for side in Side.allCases { if let code = laterality[side] { all.append(("laterality \(side.rawValue)", code)) } }
    for category in Category.allCases {
      if let code = findings[category] { all.append(("finding \(category.rawValue)", code)) }
    }
    for site in Site.allCases {
      guard let codes = sites[site] else { continue }
      if let bodySite = codes.bodySite { all.append(("\(site.rawValue) body site", bodySite)) }
      for measure in Measure.allCases {
        if let code = codes.loinc[measure] { all.append(("\(site.rawValue) \(measure.rawValue)", code)) }
        for side in Side.allCases {
          if let code = codes.loincBySide[side]?[measure] {
            all.append(("\(site.rawValue) \(side.rawValue) \(measure.rawValue)", code))
          }
        }
      }
    }
    return all
  }
}

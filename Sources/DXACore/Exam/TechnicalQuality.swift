/// The technical quality of the study (ISCD report content: technical quality, problems during the study and
/// limitations): positioning, artifacts and what they limit. Free text beside it stays `scan.technical_notes`.
public struct TechnicalQuality: Sendable, Equatable {
  public var positioning: Positioning?
  /// What the positioning problem was, in the technologist's words.
  public var positioningNote: String?
  public var artifacts: [Artifact]
  /// Limitations of the study in words ("L3 not evaluable", "left hip not scanned: prosthesis").
  public var limitations: [String]

  public init(
    positioning: Positioning? = nil, positioningNote: String? = nil, artifacts: [Artifact] = [],
    limitations: [String] = []
  ) {
    self.positioning = positioning
    self.positioningNote = positioningNote
    self.artifacts = artifacts
    self.limitations = limitations
  }

  /// How well the patient was positioned.
  public enum Positioning: String, CaseIterable, Sendable {
    case adequate
    /// Usable, with a stated problem (hip rotation, spine not centred …).
    case suboptimal
    /// Not usable for the region(s) concerned.
    case inadequate
  }
}

/// Something in the scan field that can change the measured BMD.
public struct Artifact: Sendable, Equatable {
  public var kind: Kind
  /// The region it affects, when the exam says.
  public var site: Site?
  public var side: Side?
  public var note: String?

  public init(kind: Kind, site: Site? = nil, side: Side? = nil, note: String? = nil) {
    self.kind = kind
    self.site = site
    self.side = side
    self.note = note
  }

  public enum Kind: String, CaseIterable, Sendable {
    /// Metal: prosthesis, surgical hardware, jewellery left on.
    case metal
    /// Osteophytes, facet sclerosis, disc disease.
    case degenerativeChange = "degenerative-change"
    /// Aortic or other vascular calcification.
    case vascularCalcification = "vascular-calcification"
    /// Contrast or barium from a recent study.
    case contrast
    case motion
    /// Clothing, buttons, objects in the field.
    case externalObject = "external-object"
    /// Laminectomy, fusion and other post-surgical change.
    case surgicalChange = "surgical-change"
    case scoliosis
    case other
  }
}

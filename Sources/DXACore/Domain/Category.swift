/// The classification of one score.
///
/// The WHO categories apply to postmenopausal women, women in the menopausal transition and men aged 50 and over;
/// everyone else gets a statement about the Z-score instead.
public enum Category: String, CaseIterable, Sendable {
  case normal
  case lowBoneMass = "low-bone-mass"
  case osteoporosis
  case withinExpectedRangeForAge = "within-expected-range-for-age"
  case belowExpectedRangeForAge = "below-expected-range-for-age"
}

/// How well a published number is confirmed (see `reference-data/README.md`).
public enum ConfirmationStatus: String, CaseIterable, Sendable {
  /// Read in the primary source.
  case verified
  /// Read in a secondary source that reproduces it.
  case secondary
  /// Computed by arithmetic from verified or secondary numbers.
  case derived
  /// Not confirmed in any source: never used unless a person enables it.
  case unconfirmed
}

/// ISCD minimum acceptable technologist precision (%CV) and the LSC it implies: spine 1.9% (LSC 5.3%), total hip
/// 1.8% (5.0%), femoral neck 2.5% (6.9%) [ISCD Best Practices, J Clin Densitom 2016;19:127]. nil for other sites.
///
/// A facility whose measured precision is worse should retrain and repeat the study; these figures never stand in
/// for a facility's own measured LSC.
public enum ISCDMinimumPrecision {
  public static func percentCV(for site: Site) -> ExactDecimal? {
    figures(for: site)?.percentCV
  }

  /// The LSC as ISCD publishes it (5.3, 5.0, 6.9), not 2.77 × the %CV recomputed.
  public static func leastSignificantChangePercent(for site: Site) -> ExactDecimal? {
    figures(for: site)?.leastSignificantChangePercent
  }

  private static func figures(for site: Site) -> (percentCV: ExactDecimal, leastSignificantChangePercent: ExactDecimal)?
  {
    switch site {
    case .lumbarSpine: return (tenths(19), tenths(53))
    case .totalHip: return (tenths(18), tenths(50))
    case .femoralNeck: return (tenths(25), tenths(69))
    default: return nil
    }
  }

  private static func tenths(_ value: Int64) -> ExactDecimal { ExactDecimal(significand: value, scale: 1) }
}

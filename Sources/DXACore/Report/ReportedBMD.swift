extension ExactDecimal {
  /// BMD as every report format shows it: g/cm² rounded half away from zero to 3 decimals (clinical-rules.md §1).
  /// Scores are computed from the value as measured (an APEX export keeps 16 digits), which JSON keeps for audit.
  ///
  ///     ExactDecimal("0.7323903191755298")!.reportedBMD   // 0.732
  ///     ExactDecimal("0.7235")!.reportedBMD               // 0.724 (half away from zero)
  ///     ExactDecimal("0.8")!.reportedBMD                  // 0.800
  public var reportedBMD: ExactDecimal { Fraction(self).reportedBMD }
}

extension Fraction {
  /// A BMD rounded half away from zero to 3 decimals (see ``ExactDecimal/reportedBMD``).
  public var reportedBMD: ExactDecimal { roundedDecimal(places: 3) }
}

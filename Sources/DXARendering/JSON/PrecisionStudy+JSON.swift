import DXACore

extension PrecisionResult {
  /// One site's figures in the facility file's terms (snake_case, g/cm2), rounded as printed, with the ISCD minimum
  /// for the site and the warnings.
  public var json: JSONValue {
    .object([
      ("site", .string(region.site.rawValue)),
      ("vertebrae", .optionalString(region.vertebrae?.identifier)),
      ("patients", .number(String(patients))),
      ("scans", .number(String(scans))),
      ("scans_per_patient", scansPerPatient.map { .number(String($0)) } ?? .null),
      ("degrees_of_freedom", .number(String(degreesOfFreedom))),
      ("units", .string("g/cm2")),
      ("rms_sd", .decimal(rmsSD)),
      ("percent_cv", .decimal(percentCV)),
      ("lsc", .decimal(leastSignificantChange)),
      ("lsc_percent", .decimal(leastSignificantChangePercent)),
      ("iscd_minimum_percent_cv", ISCDMinimumPrecision.percentCV(for: region.site).map(JSONValue.decimal) ?? .null),
      (
        "iscd_minimum_lsc_percent",
        ISCDMinimumPrecision.leastSignificantChangePercent(for: region.site).map(JSONValue.decimal) ?? .null
      ),
      (
        "warnings",
        .array(warnings.map { .object([("kind", .string($0.kind.rawValue)), ("message", .string($0.message))]) })
      ),
    ])
  }
}

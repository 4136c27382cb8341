/// A measured skeletal site (region of interest).
public enum Site: String, CaseIterable, Sendable, Codable {
  /// PA lumbar spine, L1–L4 total.
  case lumbarSpine = "lumbar-spine"
  case l1, l2, l3, l4
  case femoralNeck = "femoral-neck"
  case totalHip = "total-hip"
  /// Greater trochanter: reported, never used for diagnosis.
  case trochanter
  /// Intertrochanteric region of the proximal femur: reported, never used for diagnosis.
  case intertrochanter
  /// Ward's area: reported, never used for diagnosis.
  case wards
  /// Total body: never used for diagnosis in adults.
  case totalBody = "total-body"
  /// Total body less head: with the PA lumbar spine, the diagnostic site in children and adolescents (ISCD 2013
  /// pediatric positions); not used for diagnosis in adults.
  case totalBodyLessHead = "total-body-less-head"
  /// The 33% ("one-third") radius of the forearm.
  case radius33 = "radius-33"

  /// How a site may be used for a diagnosis (ISCD adult positions).
  public enum DiagnosticUse: Sendable, Equatable {
    /// Lumbar spine, total hip, femoral neck.
    case diagnostic
    /// Only when hip or spine cannot be measured or interpreted, in hyperparathyroidism, or over the table's weight
    /// limit.
    case conditional
    /// A single vertebra: never diagnose on one vertebra.
    case singleVertebra
    /// Never used for diagnosis (trochanter, Ward's, total body in adults).
    case nonDiagnostic
  }

  public var diagnosticUse: DiagnosticUse {
    switch self {
    case .lumbarSpine, .femoralNeck, .totalHip: return .diagnostic
    case .radius33: return .conditional
    case .l1, .l2, .l3, .l4: return .singleVertebra
    case .trochanter, .intertrochanter, .wards, .totalBody, .totalBodyLessHead: return .nonDiagnostic
    }
  }

  /// ISCD 2013 pediatric positions: in children and adolescents (under 20) the PA lumbar spine and the total body
  /// less head are the sites for diagnosis; the hip and the forearm are not.
  public var isPediatricDiagnostic: Bool { self == .lumbarSpine || self == .totalBodyLessHead }

  /// Name for people: "Lumbar spine (L1–L4)".
  public var displayName: String {
    switch self {
    case .lumbarSpine: return "Lumbar spine (L1–L4)"
    case .l1: return "L1"
    case .l2: return "L2"
    case .l3: return "L3"
    case .l4: return "L4"
    case .femoralNeck: return "Femoral neck"
    case .totalHip: return "Total hip"
    case .trochanter: return "Trochanter"
    case .intertrochanter: return "Intertrochanter"
    case .wards: return "Ward's area"
    case .totalBody: return "Total body"
    case .totalBodyLessHead: return "Total body less head"
    case .radius33: return "Radius 33% (1/3)"
    }
  }

  /// The name inside a sentence: "femoral neck", "lumbar spine (L1–L4)", "L2".
  public var nameInSentence: String {
    switch self {
    case .l1, .l2, .l3, .l4: return displayName
    default: return displayName.prefix(1).lowercased() + displayName.dropFirst()
    }
  }
}

import DXACore
import DXARendering

extension ReferenceTable {
  func text(isAvailable: Bool) -> String {
    var lines = ["\(id) v\(version): \(title)"]
    func row(_ label: String, _ value: String) { lines += labelled(label, value, column: 16) }
    row("population", population)
    row("kind", kind.rawValue)
    row("scale", "\(scale) (\(scale.rawValue)), \(units)")
    row("status", status.rawValue)
    row(
      "used",
      availability == .default ? "by default" : isAvailable ? "on request (requested)" : "on request: --use \(id)")
    if let manufacturer {
      row("maker", "\(manufacturer.displayName)'s own database: scores \(manufacturer.displayName) spines (ISCD)")
    }
    if let youngAdultAge { row("young adult", "the group containing age \(youngAdultAge) gives T-scores") }
    row("citation", citation)
    for note in notes { row("note", note) }
    lines.append("  Values (mean, SD in \(units)):")
    for curve in curves {
      let source = curve.source.map { " — \($0)" } ?? ""
      lines.append(
        "    \(curve.site.rawValue)\(curve.vertebrae.map { " \($0.identifier)" } ?? ""), \(curve.sex.rawValue), \(curve.ethnicity.rawValue) [\(curve.status.rawValue)]\(source)"
      )
      switch curve.values {
      case .youngAdult(let mean, let sd):
        lines.append("      young adult   \(mean)  \(sd)")
      case .bands(let bands):
        for band in bands {
          let status = band.status == curve.status ? "" : "  [\(band.status.rawValue)]"
          lines.append(
            "      " + band.label.padding(toLength: 14, withPad: " ", startingAt: 0)
              + "\(band.mean)  \(band.sd)\(status)")
        }
      case .lms(let points):
        lines.append("      age           L  M  SD")
        for point in points {
          lines.append(
            "      " + "\(point.age)".padding(toLength: 14, withPad: " ", startingAt: 0)
              + "\(point.l)  \(point.m)  \(point.sd)")
        }
      }
    }
    return textOutput(lines)
  }

  func summaryJSON(isAvailable: Bool) -> JSONValue {
    .object([
      ("id", .string(id)), ("version", .string(version)), ("title", .string(title)), ("kind", .string(kind.rawValue)),
      ("scale", .string(scale.rawValue)), ("status", .string(status.rawValue)),
      ("availability", .string(availability.rawValue)), ("available", .bool(isAvailable)),
    ])
  }
}

extension ConversionSet {
  var text: String {
    var lines = ["\(id) v\(version): \(title)"]
    lines += wrapped("citation: \(citation)", indent: 2, hanging: 4)
    lines.append("  status: \(status.rawValue)\(isApproximate ? " (approximate)" : "")")
    for note in notes { lines += wrapped("note: \(note)", indent: 2, hanging: 4) }
    if !standardization.isEmpty {
      lines.append("  Standardization, sBMD mg/cm² = 1000 × (intercept + slope × BMD):")
      for equation in standardization {
        lines.append(
          "    \(equation.site.rawValue), \(equation.manufacturer.rawValue): intercept \(equation.intercept), slope \(equation.slope)"
        )
      }
    }
    if !direct.isEmpty {
      lines.append("  Direct, to = slope × from + intercept:")
      for equation in direct {
        lines.append(
          "    \(equation.site.rawValue), \(equation.from.rawValue) → \(equation.to.rawValue): slope \(equation.slope), intercept \(equation.intercept)"
        )
      }
    }
    return textOutput(lines)
  }

  var summaryJSON: JSONValue {
    .object([
      ("id", .string(id)), ("version", .string(version)), ("title", .string(title)),
      ("status", .string(status.rawValue)), ("approximate", .bool(isApproximate)),
    ])
  }
}

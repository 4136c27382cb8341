import DXACore
import Foundation

extension ScoreResult {
  /// The result for people: short, aligned, with the same facts as the JSON.
  public var text: String {
    var lines: [String] = []
    func row(_ label: String, _ value: String) { lines += labelled(label, value, column: 20) }
    let menopauseText = request.menopause.map { ", \($0.rawValue)menopausal" } ?? ""
    lines.append("\(request.site.displayName): \(request.sex.rawValue), age \(request.age)\(menopauseText)")
    var bmd = "\(request.bmd.reportedBMD) g/cm² (\(manufacturer.displayName))"
    if request.bmd != request.bmd.reportedBMD { bmd += "; scored as measured, \(request.bmd)" }
    row("BMD", bmd)
    for (label, outcome) in [("T-score", tScore), ("Z-score", zScore)] {
      switch outcome {
      case .scored(let score):
        var value = score.reported.description
        switch score.unrounded {
        case .exact(let fraction):
          value += "  (exact \(fraction.description)\(fraction.isExact(places: 6) ? "" : "…"))"
        case .floatingPoint(let double):
          value += "  (floating point \(Fraction.roundedText(double, places: 6)))"
        }
        row(label, value)
        let reference = score.reference
        row(
          "",
          "\(reference.tableID) v\(reference.tableVersion), \(reference.ethnicity.displayName) \(reference.sex.rawValue) \(reference.point.label)"
        )
        row(
          "",
          "mean \(reference.point.meanText), SD \(reference.point.sdText) \(displayUnits(reference.units)); \(reference.point.status.rawValue)"
        )
        if let conversion = score.conversion {
          row("", "BMD on the \(conversion.to) scale: \(score.bmdOnReferenceScale)")
        }
      case .unavailable(let reason):
        row(label, "none")
        row("", reason.text)
      }
    }
    if let category = classification.category {
      let basis = classification.basis == .tScore ? "WHO on the T-score" : "on the Z-score"
      row("Category", category.name(for: population))
      row("", "\(category.rawValue), \(basis)")
    } else {
      row("Category", "none")
      row("", classification.reason?.text ?? "")
    }
    row("Population", population.displayName)
    row("Policy", policy.reference.rawValue)
    row(
      "",
      "ethnicity-fallback \(policy.ethnicityFallback.rawValue), unknown-menopause \(policy.unknownMenopause.rawValue)")
    if request.site.isSpine { row("", "spine-reference \(policy.spineReference.rawValue)") }
    if policy.tScoreEthnicity != .white { row("", "t-score-ethnicity \(policy.tScoreEthnicity.rawValue)") }
    if !assumptions.isEmpty {
      lines.append("Assumptions:")
      for assumption in assumptions { lines += wrapped("- " + assumption.text, indent: 2, hanging: 4) }
    }
    if !notes.isEmpty {
      lines.append("Notes:")
      for note in notes { lines += wrapped("- " + note.text, indent: 2, hanging: 4) }
    }
    return textOutput(lines)
  }
}

import DXACore

/// The BMD-versus-age figure of one site as inline SVG: the WHO T-score bands placed by the young-adult mean and SD,
/// the age-matched mean as published (one step per age group), and the patient's points.
///
/// People classified on the Z-score (premenopausal women, men under 50, children) get no WHO bands and no T-score
/// scale, which their report must not suggest (ISCD); their chart shades, per age group, the region at or below
/// Z = −2.0 ("below the expected range for age") instead.
///
/// Layout (viewBox 480 × 348): the plot spans x 60…410 and y 14…254; ages run 20–90 unless the curve or a point needs
/// more, so one year is 5 px; BMD runs between multiples of a 1-2-5 step that cover the bands and the points.
struct SiteChartSVG {
  static let width = 480.0
  static let height = 348.0
  static let plotLeft = 60.0
  static let plotRight = 410.0
  static let plotTop = 14.0
  static let plotBottom = 254.0

  let chart: SiteChart
  /// Unique within the document: the ids of the title and description.
  let identifier: String
  /// WHO bands and a T-score scale; false for people classified on the Z-score.
  let showsTScoreBands: Bool
  /// The current exam's Z-score, printed beside its point on a Z-score chart.
  let currentZScore: ExactDecimal?
  let age: ChartAxis
  let bmd: ChartAxis

  init(_ chart: SiteChart, identifier: String, showsTScoreBands: Bool = true, currentZScore: ExactDecimal? = nil) {
    self.chart = chart
    self.identifier = identifier
    self.showsTScoreBands = showsTScoreBands
    self.currentZScore = currentZScore
    let mean = chart.youngAdultMean.doubleValue
    let sd = chart.youngAdultSD.doubleValue

    var ages = [20.0, 90.0]
    var values = showsTScoreBands ? [mean + 1.5 * sd, mean - 3.5 * sd] : [mean + sd, mean - sd]
    for group in chart.ageCurve {
      ages.append(group.fromAge.doubleValue)
      if let under = group.underAge { ages.append(under.doubleValue) }
      // Room for ±1 SD around the mean; on a Z-score chart, for the Z = −2.0 edge and a margin below it.
      let (above, below) = showsTScoreBands ? (1.0, 1.0) : (1.0, 2.5)
      values += [
        group.mean.doubleValue + above * group.sd.doubleValue, group.mean.doubleValue - below * group.sd.doubleValue,
      ]
    }
    for point in chart.points {
      ages.append(point.age.doubleValue)
      values.append(point.bmd.doubleValue)
    }
    let youngest = ((ages.min() ?? 20) / 10).rounded(.down) * 10
    let oldest = ((ages.max() ?? 90) / 10).rounded(.up) * 10
    age = ChartAxis(
      lower: youngest, upper: oldest, start: Self.plotLeft, end: Self.plotRight,
      ticks: stride(from: youngest, through: oldest, by: 10).map { ChartAxis.Tick(value: $0, label: String(Int($0))) })
    bmd = ChartAxis.rounded(
      covering: values.min() ?? 0, values.max() ?? 1, maximumIntervals: 8, from: Self.plotBottom, to: Self.plotTop)
  }

  /// The edges of the low-bone-mass band where the reported T-score changes category (``SiteChart/tScoreBandEdges``):
  /// normal above the first, osteoporosis at or below the second. Exact.
  var bandEdges: (lowBoneMass: Fraction, osteoporosis: Fraction) {
    let edges = chart.tScoreBandEdges
    return (edges.normalAbove, edges.osteoporosisAtOrBelow)
  }

  var svg: String {
    var out = ""
    let titleID = "\(identifier)-title"
    let descriptionID = "\(identifier)-desc"
    out += "<svg class=\"chart\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" role=\"img\" "
    out += "aria-labelledby=\"\(titleID) \(descriptionID)\">\n"
    out += "<title id=\"\(titleID)\">\(esc(chart.label)): bone mineral density versus age</title>\n"
    out += "<desc id=\"\(descriptionID)\">\(esc(description))</desc>\n"
    out += showsTScoreBands ? bands : zScoreBands
    out += grid
    out += curve
    out += points
    out += axes
    out += legend
    out += "</svg>\n"
    return out
  }

  private var units: String { HTMLText.units(chart.units) }

  /// The chart in words, for screen readers and for anyone who cannot see the colours.
  private var description: String {
    let edges = bandEdges
    var text: String
    if showsTScoreBands {
      text = "T-score bands from the young-adult mean \(value(chart.youngAdultMean)) and SD "
      text += "\(value(chart.youngAdultSD)) \(units) (\(chart.youngAdultTableID)"
      if chart.conversion != nil { text += ", converted to this scanner\u{2019}s scale" }
      text += "), drawn where the reported T-score changes: normal above \(exact(edges.lowBoneMass)) "
      text += "(T \u{2212}1.0 or higher), osteoporosis at or below \(exact(edges.osteoporosis)) \(units) "
      text += "(T \u{2212}2.5 or lower)."
    } else {
      text = "Classified on the Z-score: no T-score bands. Shaded per age group where the reported Z-score is "
      text += "\u{2212}2.0 or lower: below the expected range for age."
    }
    if let tableID = chart.ageCurveTableID, !chart.ageCurve.isEmpty {
      text += " Age-matched mean (\(tableID)) drawn as one step per published age group."
    } else {
      text += " No age-matched reference curve."
    }
    for point in sortedPoints {
      text += " \(point.isCurrent ? "This exam" : "Prior exam") \(point.date): \(pointSummary(point))"
      text += point.isFromOtherMaker ? " (converted from another maker\u{2019}s scanner)." : "."
    }
    return text
  }

  private var sortedPoints: [ChartPoint] { chart.points.sorted { $0.date < $1.date } }

  private func pointSummary(_ point: ChartPoint) -> String {
    var text = "age \(HTMLText.decimal(Fraction(point.age), places: 1)), BMD \(value(point.bmd)) \(units)"
    if showsTScoreBands, let tScore = point.tScore { text += ", T \(HTMLText.score(tScore))" }
    if !showsTScoreBands, point.isCurrent, let zScore = currentZScore { text += ", Z \(HTMLText.score(zScore))" }
    return text
  }

  private var bands: String {
    let edges = bandEdges
    let top = Self.plotTop
    let bottom = Self.plotBottom
    let lowEdge = clamp(bmd.position(edges.lowBoneMass.doubleValue))
    let osteoporosisEdge = clamp(bmd.position(edges.osteoporosis.doubleValue))
    let lowText = exact(edges.lowBoneMass)
    let osteoporosisText = exact(edges.osteoporosis)
    var out = "<g class=\"bands\">\n"
    out += band("normal", "#dcefdc", top, lowEdge, "data-bmd-lower=\"\(lowText)\"")
    out += band(
      "low-bone-mass", "#fbeec4", lowEdge, osteoporosisEdge,
      "data-bmd-lower=\"\(osteoporosisText)\" data-bmd-upper=\"\(lowText)\"")
    out += band("osteoporosis", "#f6d3d0", osteoporosisEdge, bottom, "data-bmd-upper=\"\(osteoporosisText)\"")
    return out + "</g>\n"
  }

  /// Per published age group: within the expected range above mean − 2 SD, below it at or under (Z ≤ −2.0).
  private var zScoreBands: String {
    var out = "<g class=\"bands\">\n"
    out += "<rect x=\"\(n(Self.plotLeft))\" y=\"\(n(Self.plotTop))\" width=\"\(n(Self.plotRight - Self.plotLeft))\" "
    out += "height=\"\(n(Self.plotBottom - Self.plotTop))\" fill=\"#f8fafc\"/>\n"
    for group in chart.ageCurve {
      let from = age.position(max(group.fromAge.doubleValue, age.lower))
      let to = age.position(min(group.underAge?.doubleValue ?? age.upper, age.upper))
      guard to > from else { continue }
      let edge = SiteChart.zScoreEdge(group)
      let y = clamp(bmd.position(edge.doubleValue))
      out += "<rect class=\"band band-within-range\" data-bmd-lower=\"\(exact(edge))\" x=\"\(n(from))\" "
      out += "y=\"\(n(Self.plotTop))\" width=\"\(n(to - from))\" height=\"\(n(y - Self.plotTop))\" fill=\"#dcefdc\"/>\n"
      out += "<rect class=\"band band-below-range\" data-bmd-upper=\"\(exact(edge))\" x=\"\(n(from))\" y=\"\(n(y))\" "
      out += "width=\"\(n(to - from))\" height=\"\(n(Self.plotBottom - y))\" fill=\"#f6d3d0\"/>\n"
    }
    return out + "</g>\n"
  }

  private func band(_ name: String, _ colour: String, _ upper: Double, _ lower: Double, _ data: String) -> String {
    "<rect class=\"band band-\(name)\" \(data) x=\"\(n(Self.plotLeft))\" y=\"\(n(upper))\" "
      + "width=\"\(n(Self.plotRight - Self.plotLeft))\" height=\"\(n(max(0, lower - upper)))\" fill=\"\(colour)\"/>\n"
  }

  private var grid: String {
    var out = "<g class=\"grid\" stroke=\"#ffffff\" stroke-width=\"1\" stroke-opacity=\"0.8\">\n"
    for tick in bmd.ticks.dropFirst().dropLast() {
      let y = n(bmd.position(tick.value))
      out += "<line x1=\"\(n(Self.plotLeft))\" y1=\"\(y)\" x2=\"\(n(Self.plotRight))\" y2=\"\(y)\"/>\n"
    }
    for tick in age.ticks.dropFirst().dropLast() {
      let x = n(age.position(tick.value))
      out += "<line x1=\"\(x)\" y1=\"\(n(Self.plotTop))\" x2=\"\(x)\" y2=\"\(n(Self.plotBottom))\"/>\n"
    }
    return out + "</g>\n"
  }

  /// The age-matched mean as a step per published age group (never interpolated, as the scores use it), with ±1 SD.
  private var curve: String {
    guard !chart.ageCurve.isEmpty else { return "" }
    let groups = chart.ageCurve.sorted { $0.fromAge < $1.fromAge }
    func path(_ level: (AgeCurvePoint) -> Fraction) -> String {
      var commands: [String] = []
      var previousEnd: Double?
      for group in groups {
        let from = age.position(max(group.fromAge.doubleValue, age.lower))
        let to = age.position(min(group.underAge?.doubleValue ?? age.upper, age.upper))
        let y = n(bmd.position(level(group).doubleValue))
        if let end = previousEnd, abs(end - from) < 0.01 {
          commands.append("V\(y) H\(n(to))")
        } else {
          commands.append("M\(n(from)) \(y) H\(n(to))")
        }
        previousEnd = to
      }
      return commands.joined(separator: " ")
    }
    var out = "<g class=\"age-curve\" fill=\"none\">\n"
    guard showsTScoreBands else {
      return out
        + "<path class=\"age-curve-mean\" d=\"\(path(\.mean))\" stroke=\"#374151\" stroke-width=\"2\"/>\n</g>\n"
    }
    out += "<path class=\"age-curve-sd\" d=\"\(path { (try? $0.mean + $0.sd) ?? $0.mean })\" stroke=\"#4b5563\" "
    out += "stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n"
    out += "<path class=\"age-curve-sd\" d=\"\(path { (try? $0.mean - $0.sd) ?? $0.mean })\" stroke=\"#4b5563\" "
    out += "stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n"
    out += "<path class=\"age-curve-mean\" d=\"\(path(\.mean))\" stroke=\"#374151\" stroke-width=\"2\"/>\n"
    return out + "</g>\n"
  }

  private var points: String {
    let sorted = sortedPoints
    guard !sorted.isEmpty else { return "" }
    var out = "<g class=\"patient\">\n"
    if sorted.count > 1 {
      let coordinates = sorted.map { "\(n(age.position($0.age.doubleValue))),\(n(bmd.position($0.bmd.doubleValue)))" }
      out += "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"#1e3a8a\" "
      out += "stroke-width=\"1.5\"/>\n"
    }
    for point in sorted {
      let x = age.position(point.age.doubleValue)
      let y = bmd.position(point.bmd.doubleValue)
      let title =
        "<title>\(point.isCurrent ? "This exam" : "Prior exam") \(point.date): \(esc(pointSummary(point)))</title>"
      if point.isCurrent {
        out +=
          "<circle class=\"point-current\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"6\" fill=\"#1e3a8a\" stroke=\"#ffffff\" "
        out += "stroke-width=\"2\">\(title)</circle>\n"
        var label = HTMLText.bmd(point.bmd)
        if showsTScoreBands, let tScore = point.tScore { label += " \u{00B7} T \(HTMLText.score(tScore))" }
        if !showsTScoreBands, let zScore = currentZScore { label += " \u{00B7} Z \(HTMLText.score(zScore))" }
        // A boxed callout right of the point, away from the priors (earlier, so further left), when it fits;
        // otherwise left of it and on the other side of the line from the latest prior.
        let boxWidth = Double(label.count) * 8.2 + 10
        let fitsOnRight = x + 8 + boxWidth < Self.plotRight
        let previous = sorted.last { !$0.isCurrent }.map { bmd.position($0.bmd.doubleValue) }
        let isBelow = fitsOnRight ? y - 24 < Self.plotTop : (previous.map { $0 < y } ?? false)
        let boxX = fitsOnRight ? x + 8 : x - 8 - boxWidth
        let boxY = isBelow ? y + 6 : y - 24
        out += "<rect class=\"point-label-box\" x=\"\(n(boxX))\" y=\"\(n(boxY))\" width=\"\(n(boxWidth))\" "
        out += "height=\"19\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"#1e3a8a\" "
        out += "stroke-width=\"0.75\"/>\n"
        out +=
          "<text class=\"point-label\" x=\"\(n(boxX + 5))\" y=\"\(n(boxY + 14.5))\" font-size=\"\(n(ChartText.label))\" "
        out += "font-weight=\"700\" fill=\"#1e3a8a\">\(esc(label))</text>\n"
      } else {
        out +=
          "<circle class=\"point-prior\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4.5\" fill=\"#ffffff\" stroke=\"#1e3a8a\" "
        out += "stroke-width=\"2\">\(title)</circle>\n"
      }
    }
    return out + "</g>\n"
  }

  private var axes: String {
    let left = Self.plotLeft
    let right = Self.plotRight
    let top = Self.plotTop
    let bottom = Self.plotBottom
    var out = "<g class=\"axes\" font-size=\"\(n(ChartText.tick))\" fill=\"#374151\">\n"
    out += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" height=\"\(n(bottom - top))\" "
    out += "fill=\"none\" stroke=\"#6b7280\" stroke-width=\"1\"/>\n"
    for tick in bmd.ticks {
      let y = n(bmd.position(tick.value))
      out += "<line x1=\"\(n(left - 5))\" y1=\"\(y)\" x2=\"\(n(left))\" y2=\"\(y)\" stroke=\"#6b7280\"/>\n"
      out += "<text x=\"\(n(left - 8))\" y=\"\(n(bmd.position(tick.value) + 4))\" text-anchor=\"end\">"
      out += "\(tick.label)</text>\n"
    }
    for tick in age.ticks {
      let x = n(age.position(tick.value))
      out += "<line x1=\"\(x)\" y1=\"\(n(bottom))\" x2=\"\(x)\" y2=\"\(n(bottom + 5))\" stroke=\"#6b7280\"/>\n"
      out += "<text x=\"\(x)\" y=\"\(n(bottom + 18))\" text-anchor=\"middle\">\(tick.label)</text>\n"
    }
    // The T-score scale on the right: T = (BMD − mean) / SD, so whole T values sit at mean + T × SD.
    let mean = chart.youngAdultMean.doubleValue
    let sd = chart.youngAdultSD.doubleValue
    for tScore in -6...3 where showsTScoreBands {
      let level = mean + Double(tScore) * sd
      guard level >= bmd.lower, level <= bmd.upper else { continue }
      let y = bmd.position(level)
      let label = tScore > 0 ? "+\(tScore)" : HTMLText.withMinusSign(String(tScore))
      out += "<line x1=\"\(n(right))\" y1=\"\(n(y))\" x2=\"\(n(right + 5))\" y2=\"\(n(y))\" stroke=\"#6b7280\"/>\n"
      out += "<text x=\"\(n(right + 8))\" y=\"\(n(y + 4))\">\(label)</text>\n"
    }
    let middle = (top + bottom) / 2
    out += "<text x=\"14\" y=\"\(n(middle))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(n(middle)))\" "
    out += "font-size=\"\(n(ChartText.title))\">BMD (\(esc(units)))</text>\n"
    if showsTScoreBands {
      out += "<text x=\"\(n(Self.width - 14))\" y=\"\(n(middle))\" text-anchor=\"middle\" "
      out += "transform=\"rotate(90 \(n(Self.width - 14)) \(n(middle)))\" font-size=\"\(n(ChartText.title))\">"
      out += "T-score</text>\n"
    }
    out += "<text x=\"\(n((left + right) / 2))\" y=\"\(n(bottom + 38))\" text-anchor=\"middle\" "
    out += "font-size=\"\(n(ChartText.title))\">Age (years)</text>\n"
    return out + "</g>\n"
  }

  /// The legend: the bands, the age-matched curve when there is one, this exam, and a prior only when the chart
  /// has one. Each entry advances by its text's estimated width, so larger print text never overlaps.
  private var legend: String {
    var out = "<g class=\"legend\" font-size=\"\(n(ChartText.tick))\" fill=\"#374151\">\n"
    var x = Self.plotLeft
    let firstRow = 316.0
    let swatches =
      showsTScoreBands
      ? [("Normal", "#dcefdc"), ("Low bone mass", "#fbeec4"), ("Osteoporosis", "#f6d3d0")]
      : [("Within range (Z > \u{2212}2.0)", "#dcefdc"), ("Below range (Z \u{2264} \u{2212}2.0)", "#f6d3d0")]
    for (name, colour) in swatches where showsTScoreBands || !chart.ageCurve.isEmpty {
      out += "<rect x=\"\(n(x))\" y=\"\(n(firstRow - 10))\" width=\"14\" height=\"11\" fill=\"\(colour)\" "
      out += "stroke=\"#9ca3af\" stroke-width=\"0.5\"/>\n"
      out += "<text x=\"\(n(x + 19))\" y=\"\(n(firstRow))\">\(name)</text>\n"
      x += 19 + ChartText.width(name) + 16
    }
    x = Self.plotLeft
    let secondRow = 337.0
    if !chart.ageCurve.isEmpty {
      out += "<line x1=\"\(n(x))\" y1=\"\(n(secondRow - 5))\" x2=\"\(n(x + 16))\" y2=\"\(n(secondRow - 5))\" "
      out += "stroke=\"#374151\" stroke-width=\"2\"/>\n"
      out += "<text x=\"\(n(x + 21))\" y=\"\(n(secondRow))\">Age-matched mean</text>\n"
      x += 21 + ChartText.width("Age-matched mean") + 14
    }
    if showsTScoreBands && !chart.ageCurve.isEmpty {
      out += "<line x1=\"\(n(x))\" y1=\"\(n(secondRow - 5))\" x2=\"\(n(x + 16))\" y2=\"\(n(secondRow - 5))\" "
      out += "stroke=\"#6b7280\" stroke-dasharray=\"4 3\"/>\n"
      out += "<text x=\"\(n(x + 21))\" y=\"\(n(secondRow))\">\u{00B1}1 SD</text>\n"
      x += 21 + ChartText.width("\u{00B1}1 SD") + 14
    } else if chart.ageCurve.isEmpty {
      out += "<text x=\"\(n(x))\" y=\"\(n(secondRow))\" font-style=\"italic\">No age-matched curve</text>\n"
      x += ChartText.width("No age-matched curve") + 14
    }
    out += "<circle cx=\"\(n(x + 6))\" cy=\"\(n(secondRow - 5))\" r=\"5\" fill=\"#1e3a8a\"/>\n"
    out += "<text x=\"\(n(x + 16))\" y=\"\(n(secondRow))\">This exam</text>\n"
    x += 16 + ChartText.width("This exam") + 14
    if chart.points.contains(where: { !$0.isCurrent }) {
      out += "<circle cx=\"\(n(x + 6))\" cy=\"\(n(secondRow - 5))\" r=\"4\" fill=\"#ffffff\" stroke=\"#1e3a8a\" "
      out += "stroke-width=\"2\"/>\n"
      out += "<text x=\"\(n(x + 16))\" y=\"\(n(secondRow))\">Prior exam</text>\n"
    }
    return out + "</g>\n"
  }

  /// A BMD in the chart's units: 3 decimals in g/cm², whole numbers in mg/cm² (sBMD).
  private func value(_ bmd: Fraction) -> String {
    HTMLText.decimal(bmd, places: units.hasPrefix("mg") ? 0 : 3)
  }

  /// A band edge exactly, to 4 decimals in g/cm² (an edge such as 0.732 falls between reported values).
  private func exact(_ bmd: Fraction) -> String {
    HTMLText.decimal(bmd, places: units.hasPrefix("mg") ? 1 : 4)
  }

  private func clamp(_ y: Double) -> Double { min(max(y, Self.plotTop), Self.plotBottom) }
}

private func n(_ value: Double) -> String { HTMLText.coordinate(value) }

private func esc(_ text: String) -> String { HTMLText.escaped(text) }

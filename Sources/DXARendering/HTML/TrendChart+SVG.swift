import DXACore

/// The BMD of one region at each exam, against the date, for the serial-change section.
///
/// Priors are plotted on the current scanner's scale (after any cross-calibration) with an error bar of ± the LSC
/// the change was judged against: the current point lies outside a prior's bar exactly when the change is
/// significant. Priors that are not comparable are left out (the table says why).
struct TrendSeries {
  struct Point {
    var date: CalendarDate
    var scanID: String
    var bmd: Fraction
    /// The LSC around a prior, g/cm²; nil for the current exam or when no LSC was available.
    var leastSignificantChange: Fraction?
    var isCurrent: Bool
  }

  var label: String
  var points: [Point]

  /// One series per region that at least one prior could be compared on, in the order the comparisons list them.
  static func series(of report: Report) -> [TrendSeries] {
    guard !report.priors.isEmpty else { return [] }
    var result: [TrendSeries] = []
    for comparison in report.comparisons {
      for change in comparison.changes {
        guard case .compared(let figures) = change.outcome else { continue }
        let prior = Point(
          date: comparison.priorDate, scanID: comparison.priorScanID, bmd: figures.priorOnCurrentScale,
          leastSignificantChange: grams(figures.leastSignificantChange, of: figures.priorOnCurrentScale),
          isCurrent: false)
        if let index = result.firstIndex(where: { $0.label == change.label }) {
          result[index].points.append(prior)
        } else {
          let current = Point(
            date: report.exam.scan.date, scanID: report.exam.scan.id, bmd: Fraction(change.currentBMD),
            leastSignificantChange: nil, isCurrent: true)
          result.append(TrendSeries(label: change.label, points: [prior, current]))
        }
      }
    }
    return result.map { series in
      var sorted = series
      sorted.points.sort { $0.date < $1.date }
      return sorted
    }
  }

  /// The LSC in g/cm² for a change from `prior`: the facility's figure, or the ISCD percentage of the prior BMD.
  static func grams(_ lsc: LeastSignificantChange, of prior: Fraction) -> Fraction? {
    switch lsc {
    case .facility(let grams, _): return Fraction(grams)
    case .iscdMinimum(let percent): return try? Fraction(percent) * prior / Fraction(100)
    case .unavailable: return nil
    }
  }
}

/// A ``TrendSeries`` as inline SVG. Layout (viewBox 480 × 290): the plot spans x 60…460 and y 14…214; dates run from
/// six months before the first exam to six months after the last, with a tick at each New Year.
struct TrendChartSVG {
  static let width = 480.0
  static let height = 290.0
  static let plotLeft = 60.0
  static let plotRight = 460.0
  static let plotTop = 14.0
  static let plotBottom = 214.0

  let series: TrendSeries
  let identifier: String
  let time: ChartAxis
  let bmd: ChartAxis

  init(_ series: TrendSeries, identifier: String) {
    self.series = series
    self.identifier = identifier
    let days = series.points.map { Double($0.date.dayNumber) }
    let first = (days.min() ?? 0) - 183
    let last = (days.max() ?? 0) + 183
    let firstYear = series.points.map(\.date.year).min() ?? 2000
    let lastYear = (series.points.map(\.date.year).max() ?? 2000) + 1
    let yearStep = max(1, (lastYear - firstYear + 9) / 10)
    var ticks: [ChartAxis.Tick] = []
    for year in stride(from: firstYear, through: lastYear, by: yearStep) {
      guard let newYear = CalendarDate(year: year, month: 1, day: 1) else { continue }
      let day = Double(newYear.dayNumber)
      if day >= first && day <= last { ticks.append(ChartAxis.Tick(value: day, label: String(year))) }
    }
    time = ChartAxis(lower: first, upper: last, start: Self.plotLeft, end: Self.plotRight, ticks: ticks)
    var values: [Double] = []
    for point in series.points {
      let lsc = point.leastSignificantChange?.doubleValue ?? 0
      values += [point.bmd.doubleValue - lsc, point.bmd.doubleValue + lsc]
    }
    let low = values.min() ?? 0
    let high = values.max() ?? 1
    let padding = max(0.01, (high - low) * 0.15)
    bmd = ChartAxis.rounded(
      covering: low - padding, high + padding, maximumIntervals: 6, from: Self.plotBottom, to: Self.plotTop)
  }

  var svg: String {
    let titleID = "\(identifier)-title"
    let descriptionID = "\(identifier)-desc"
    var out = "<svg class=\"chart trend\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" role=\"img\" "
    out += "aria-labelledby=\"\(titleID) \(descriptionID)\">\n"
    out += "<title id=\"\(titleID)\">\(esc(series.label)): BMD at each exam</title>\n"
    out += "<desc id=\"\(descriptionID)\">\(esc(description))</desc>\n"
    out += frame
    out += marks
    out += legend
    return out + "</svg>\n"
  }

  private var description: String {
    var parts: [String] = []
    for point in series.points {
      var text = "\(point.isCurrent ? "This exam" : "Prior") \(point.scanID) on \(point.date): "
      text += "\(HTMLText.bmd(point.bmd)) g/cm\u{00B2}"
      if let lsc = point.leastSignificantChange { text += " \u{00B1} LSC \(HTMLText.bmd(lsc))" }
      parts.append(text)
    }
    return parts.joined(separator: "; ") + "."
  }

  private var frame: String {
    let left = Self.plotLeft
    let right = Self.plotRight
    let top = Self.plotTop
    let bottom = Self.plotBottom
    var out = "<g class=\"axes\" font-size=\"\(n(ChartText.tick))\" fill=\"#374151\">\n"
    out += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" height=\"\(n(bottom - top))\" "
    out += "fill=\"#f8fafc\" stroke=\"#6b7280\" stroke-width=\"1\"/>\n"
    for tick in bmd.ticks {
      let y = bmd.position(tick.value)
      if tick.value > bmd.lower && tick.value < bmd.upper {
        out += "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\" stroke=\"#e5e7eb\"/>\n"
      }
      out += "<line x1=\"\(n(left - 5))\" y1=\"\(n(y))\" x2=\"\(n(left))\" y2=\"\(n(y))\" stroke=\"#6b7280\"/>\n"
      out += "<text x=\"\(n(left - 8))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(tick.label)</text>\n"
    }
    for tick in time.ticks {
      let x = n(time.position(tick.value))
      out += "<line x1=\"\(x)\" y1=\"\(n(top))\" x2=\"\(x)\" y2=\"\(n(bottom))\" stroke=\"#e5e7eb\"/>\n"
      out += "<line x1=\"\(x)\" y1=\"\(n(bottom))\" x2=\"\(x)\" y2=\"\(n(bottom + 5))\" stroke=\"#6b7280\"/>\n"
      out += "<text x=\"\(x)\" y=\"\(n(bottom + 18))\" text-anchor=\"middle\">\(tick.label)</text>\n"
    }
    let middle = (top + bottom) / 2
    out += "<text x=\"14\" y=\"\(n(middle))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(n(middle)))\" "
    out += "font-size=\"\(n(ChartText.title))\">BMD (g/cm\u{00B2})</text>\n"
    out += "<text x=\"\(n((left + right) / 2))\" y=\"\(n(bottom + 36))\" text-anchor=\"middle\" "
    out += "font-size=\"\(n(ChartText.title))\">Date of exam</text>\n"
    return out + "</g>\n"
  }

  private var marks: String {
    var out = "<g class=\"patient\">\n"
    let coordinates = series.points.map { "\(n(time.position(day($0)))),\(n(bmd.position($0.bmd.doubleValue)))" }
    out += "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"#1e3a8a\" "
    out += "stroke-width=\"1.5\"/>\n"
    for point in series.points {
      let x = time.position(day(point))
      let y = bmd.position(point.bmd.doubleValue)
      if let lsc = point.leastSignificantChange?.doubleValue {
        let upper = n(bmd.position(point.bmd.doubleValue + lsc))
        let lower = n(bmd.position(point.bmd.doubleValue - lsc))
        out += "<path class=\"lsc-bar\" d=\"M\(n(x)) \(upper) V\(lower) M\(n(x - 6)) \(upper) H\(n(x + 6)) "
        out += "M\(n(x - 6)) \(lower) H\(n(x + 6))\" stroke=\"#6b7280\" stroke-width=\"1.5\" fill=\"none\"/>\n"
      }
      let title = "<title>\(esc(point.scanID)) \(point.date): \(HTMLText.bmd(point.bmd)) g/cm\u{00B2}</title>"
      if point.isCurrent {
        out += "<circle class=\"point-current\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"6\" fill=\"#1e3a8a\" "
        out += "stroke=\"#ffffff\" stroke-width=\"2\">\(title)</circle>\n"
      } else {
        out += "<circle class=\"point-prior\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4.5\" fill=\"#ffffff\" "
        out += "stroke=\"#1e3a8a\" stroke-width=\"2\">\(title)</circle>\n"
      }
      out += "<text x=\"\(n(x))\" y=\"\(n(y - 12))\" text-anchor=\"middle\" font-size=\"\(n(ChartText.tick))\" "
      out += "font-weight=\"600\" fill=\"#1e3a8a\" "
      out += "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(HTMLText.bmd(point.bmd))</text>\n"
    }
    return out + "</g>\n"
  }

  private var legend: String {
    let row = 278.0
    var x = Self.plotLeft
    var out = "<g class=\"legend\" font-size=\"\(n(ChartText.tick))\" fill=\"#374151\">\n"
    out += "<circle cx=\"\(n(x + 6))\" cy=\"\(n(row - 4))\" r=\"5\" fill=\"#1e3a8a\"/>\n"
    out += "<text x=\"\(n(x + 16))\" y=\"\(n(row))\">This exam</text>\n"
    x += 16 + ChartText.width("This exam") + 14
    let prior = "Prior (this scanner\u{2019}s scale)"
    out += "<circle cx=\"\(n(x + 6))\" cy=\"\(n(row - 4))\" r=\"4\" fill=\"#ffffff\" stroke=\"#1e3a8a\" "
    out += "stroke-width=\"2\"/>\n"
    out += "<text x=\"\(n(x + 16))\" y=\"\(n(row))\">\(prior)</text>\n"
    x += 16 + ChartText.width(prior) + 14
    out += "<path d=\"M\(n(x + 6)) \(n(row - 11)) V\(n(row + 3)) M\(n(x + 2)) \(n(row - 11)) H\(n(x + 10)) "
    out += "M\(n(x + 2)) \(n(row + 3)) H\(n(x + 10))\" stroke=\"#6b7280\" stroke-width=\"1.5\" fill=\"none\"/>\n"
    out += "<text x=\"\(n(x + 16))\" y=\"\(n(row))\">\u{00B1} LSC of the change</text>\n"
    return out + "</g>\n"
  }

  private func day(_ point: TrendSeries.Point) -> Double { Double(point.date.dayNumber) }
}

private func n(_ value: Double) -> String { HTMLText.coordinate(value) }

private func esc(_ text: String) -> String { HTMLText.escaped(text) }

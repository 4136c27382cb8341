/// A linear axis of an SVG chart: a data interval mapped onto a pixel interval, with ticks on round values.
///
/// Pixel positions are binary floating point (a picture needs no more); tick labels are built from integers, so
/// `0.7` is printed as `0.7`, never `0.7000000000000001`.
struct ChartAxis {
  struct Tick {
    var value: Double
    var label: String
  }

  /// The data interval.
  var lower: Double
  var upper: Double
  /// Where `lower` and `upper` land, in pixels (`end` may be smaller than `start`, as on a y axis).
  var start: Double
  var end: Double
  var ticks: [Tick]

  /// The pixel position of `value`.
  func position(_ value: Double) -> Double {
    start + (value - lower) / (upper - lower) * (end - start)
  }

  /// An axis whose ends are the multiples of a 1-2-5 step that just cover `low...high`, using the smallest such step
  /// that gives at most `maximumIntervals` intervals.
  ///
  /// `0.438...1.038` with 8 intervals at most becomes `0.4...1.1` with ticks every 0.1.
  static func rounded(
    covering low: Double, _ high: Double, maximumIntervals: Int, from start: Double, to end: Double
  ) -> ChartAxis {
    let high = high > low ? high : low + 1
    for exponent in -4...6 {
      for mantissa in [1, 2, 5] {
        let step = Double(mantissa) * power(10, exponent)
        let first = Int((low / step).rounded(.down))
        let last = Int((high / step).rounded(.up))
        guard last - first <= maximumIntervals else { continue }
        let ticks = (first...last).map { index in
          Tick(value: Double(index * mantissa) * power(10, exponent), label: label(index * mantissa, exponent))
        }
        return ChartAxis(
          lower: Double(first * mantissa) * power(10, exponent), upper: Double(last * mantissa) * power(10, exponent),
          start: start, end: end, ticks: ticks)
      }
    }
    return ChartAxis(lower: low, upper: high, start: start, end: end, ticks: [])
  }

  /// `units × 10^exponent` as text: (7, −1) → `0.7`, (−25, −2) → `−0.25`, (3, 1) → `30`.
  private static func label(_ units: Int, _ exponent: Int) -> String {
    let digits = String(units.magnitude)
    let sign = units < 0 ? "\u{2212}" : ""
    guard exponent < 0 else { return sign + digits + String(repeating: "0", count: exponent) }
    let places = -exponent
    let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
    let point = padded.index(padded.endIndex, offsetBy: -places)
    return sign + padded[..<point] + "." + padded[point...]
  }

  /// 10^exponent by repeated multiplication or division: the same bits on every platform.
  private static func power(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<exponent.magnitude { result = exponent < 0 ? result / base : result * base }
    return result
  }
}

/// Text sizes of the SVG charts, in viewBox units. A chart is 480 units wide and prints two to a row on A4 or Letter
/// (about 87 mm each inside 12 mm page margins), so one unit prints at about 0.52 pt: 14 units are 7.3 pt, the
/// smallest chart text allowed in print (7 pt).
enum ChartText {
  /// Tick labels and the legend.
  static let tick = 14.0
  /// Axis titles.
  static let title = 15.0
  /// The current exam's label beside its point.
  static let label = 14.0

  /// The estimated width of `text` at ``tick`` size in a sans-serif face: about 0.55 em per character.
  static func width(_ text: String) -> Double { Double(text.count) * tick * 0.55 }
}

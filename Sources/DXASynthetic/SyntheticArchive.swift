/// A deterministic synthetic DXA archive in the long layout of `dxa batch`, shaped like a real practice: mostly
/// women over 50, three sites per scan (a fifth with both hips), three makers, several ethnic groups, dates of birth
/// rather than ages, device scores to reconcile, a few quoted fields and about one bad row in a thousand.
///
/// The same seed and row count always give the same bytes, so the benchmark and the tests share one file shape.
///
///     var archive = SyntheticArchive(seed: 42)
///     let csv = archive.generate(rows: 1_000)   // header + 1,000 rows
public struct SyntheticArchive: Sendable {
  public static let header =
    "patient_id,scan_id,scan_date,birth_date,age,sex,ethnicity,menopause,manufacturer,model,site,side,bmd,bmc,area,t_score_device,z_score_device\n"

  private var random: SplitMix64
  private var pendingRows: [String] = []
  private var scanCount = 0

  public init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }

  /// The header and `rows` rows, in memory.
  public mutating func generate(rows: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    write(rows: rows) { bytes.append(contentsOf: $0) }
    return bytes
  }

  /// Streams the header and `rows` rows to `sink` in pieces of about 1 MiB.
  public mutating func write(rows: Int, to sink: ([UInt8]) -> Void) {
    var chunk: [UInt8] = Array(Self.header.utf8)
    chunk.reserveCapacity(1 << 20 + 4096)
    for _ in 0..<rows {
      chunk.append(contentsOf: nextRow().utf8)
      if chunk.count >= 1 << 20 {
        sink(chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    if !chunk.isEmpty { sink(chunk) }
  }

  /// The next row (with its newline), continuing the current scan or starting a new one.
  public mutating func nextRow() -> String {
    if pendingRows.isEmpty { pendingRows = nextScan().reversed() }
    return pendingRows.removeLast()
  }

  // MARK: One scan

  private mutating func nextScan() -> [String] {
    scanCount += 1
    let isWoman = random.chance(0.82)
    let age = randomAge()
    let scanYear = 2005 + random.below(20)
    let scanDay = FieldDate(year: scanYear, month: 1 + random.below(12), day: 1 + random.below(28))
    let birth = scanDay.minus(years: age, extraDays: random.below(365))
    let patient = "P\(String(100_000 + random.below(900_000)))"
    let scanID = "S\(String(scanCount))"
    let ethnicity = random.pick([
      ("white", 70), ("black", 10), ("hispanic", 8), ("asian", 6), ("other", 3), ("", 3),
    ])
    let menopause: String
    if !isWoman {
      menopause = ""
    } else if random.chance(0.15) {
      menopause = ""
    } else if age < 45 {
      menopause = "pre"
    } else if age < 53 {
      menopause = random.pick([("pre", 30), ("peri", 40), ("post", 30)])
    } else {
      menopause = "post"
    }
    let maker = random.pick([("hologic", 58), ("ge-lunar", 36), ("norland", 4), ("", 2)])
    let model: String
    switch maker {
    case "hologic": model = random.pick([("Horizon A", 50), ("Discovery W", 35), ("\"QDR 4500A, fan beam\"", 15)])
    case "ge-lunar": model = random.pick([("Prodigy", 60), ("iDXA", 40)])
    case "norland": model = "XR-46"
    default: model = ""
    }
    let giveAge = random.chance(0.1)
    var sites: [(String, String)] = [("lumbar-spine", ""), ("femoral-neck", "left"), ("total-hip", "left")]
    if random.chance(0.2) { sites += [("femoral-neck", "right"), ("total-hip", "right")] }
    if random.chance(0.03) { sites.append(("radius-33", "left")) }
    return sites.map { site, side in
      row(
        patient: patient, scanID: scanID, scanDate: scanDay.text, birth: birth.text, age: giveAge ? String(age) : "",
        sex: isWoman ? "female" : "male", ethnicity: ethnicity, menopause: menopause, maker: maker, model: model,
        site: site, side: side, age: age, isWoman: isWoman)
    }
  }

  private mutating func randomAge() -> Int {
    let band = random.pick([(0, 1), (1, 9), (2, 30), (3, 35), (4, 20), (5, 5)])
    switch band {
    case 0: return 10 + random.below(10)
    case 1: return 20 + random.below(30)
    case 2: return 50 + random.below(15)
    case 3: return 65 + random.below(15)
    case 4: return 80 + random.below(10)
    default: return 90 + random.below(10)
    }
  }

  private mutating func row(
    patient: String, scanID: String, scanDate: String, birth: String, age ageText: String, sex: String,
    ethnicity: String, menopause: String, maker: String, model: String, site: String, side: String, age: Int,
    isWoman: Bool
  ) -> String {
    // Young-adult mean and SD by site, and a yearly loss after 50, roughly as published; spread of ±1.2 SD.
    let (mean, sd, area): (Double, Double, Double)
    switch site {
    case "lumbar-spine": (mean, sd, area) = (1.064, 0.106, 61)
    case "femoral-neck": (mean, sd, area) = (0.858, 0.120, 5.2)
    case "total-hip": (mean, sd, area) = (0.942, 0.122, 36.5)
    default: (mean, sd, area) = (0.680, 0.060, 2.8)
    }
    let loss = Double(max(0, age - 50)) * (isWoman ? 0.006 : 0.003)
    let makerShift = maker == "ge-lunar" ? 0.06 : 0
    var bmd = mean + makerShift - loss + random.normal() * sd
    bmd = min(max(bmd, 0.2), 1.9)
    let bmdMilli = Int((bmd * 1000).rounded())
    var bmdText = FieldDate.decimal(bmdMilli, places: 3)
    let bmcText = FieldDate.decimal(Int((bmd * area * 100).rounded()), places: 2)
    let areaText = FieldDate.decimal(Int((area * 100).rounded()), places: 2)
    let t = ((bmd - makerShift) - mean) / sd
    var tText = random.chance(0.7) ? FieldDate.decimal(Int((t * 10 + random.normal() * 0.6).rounded()), places: 1) : ""
    let zText = tText.isEmpty ? "" : FieldDate.decimal(Int(((t + loss / sd) * 10).rounded()), places: 1)
    var fields = [
      patient, scanID, scanDate, birth, ageText, sex, ethnicity, menopause, maker, model, site, side, bmdText, bmcText,
      areaText, tText, zText,
    ]
    // About one row in a thousand is bad, in the ways real exports are.
    if random.chance(0.001) {
      switch random.below(6) {
      case 0: bmdText = "abc"
      case 1: bmdText = String(bmdMilli)  // mg/cm²
      case 2: fields[5] = ""
      case 3: fields[3] = "31/02/1950"
      case 4: fields[10] = "hip2"
      default: fields.removeLast(3)  // a ragged row
      }
      if fields.count > 12 { fields[12] = bmdText }
      tText = ""
    }
    return fields.joined(separator: ",") + "\n"
  }
}

/// A calendar date for the generator (no Foundation: the same bytes on every platform).
struct FieldDate {
  var year: Int
  var month: Int
  var day: Int

  var text: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }

  func minus(years: Int, extraDays: Int) -> FieldDate {
    var date = FieldDate(year: year - years, month: month, day: day)
    for _ in 0..<extraDays {
      date.day -= 1
      if date.day == 0 {
        date.month -= 1
        if date.month == 0 {
          date.month = 12
          date.year -= 1
        }
        date.day = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][date.month - 1]
      }
    }
    return date
  }

  static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

  /// `-123`, 2 places → `-1.23`.
  static func decimal(_ value: Int, places: Int) -> String {
    let digits = String(value.magnitude)
    let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
    let point = padded.index(padded.endIndex, offsetBy: -places)
    return (value < 0 ? "-" : "") + padded[..<point] + "." + padded[point...]
  }
}

/// SplitMix64: a small, fast, well-mixed generator whose output depends only on the seed (the archive's, and the
/// tests' random inputs, so a failing case can be run again).
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A whole number in 0..<bound.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// A number in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  mutating func chance(_ probability: Double) -> Bool { unit() < probability }

  /// About a standard normal value: the sum of 12 uniform draws less 6 (Irwin–Hall). Plain arithmetic, so the
  /// same on every platform, unlike a libm-based transform.
  mutating func normal() -> Double {
    var sum = 0.0
    for _ in 0..<12 { sum += unit() }
    return sum - 6
  }

  /// One of the values, with the given integer weights.
  mutating func pick<Value>(_ choices: [(Value, Int)]) -> Value {
    let total = choices.reduce(0) { $0 + $1.1 }
    var draw = below(total)
    for (value, weight) in choices {
      if draw < weight { return value }
      draw -= weight
    }
    return choices[choices.count - 1].0
  }
}

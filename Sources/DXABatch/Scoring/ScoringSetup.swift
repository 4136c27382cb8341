import DXACSV
import DXACore
import DXAPlatform
import Foundation

/// One way of scoring a batch: a reference library and a policy, with the templates learned so far.
///
/// Shared by all worker threads; templates are built once per kind of row under a lock and then copied into each
/// worker's own table (``RowScorer``), so the lock is taken only the first time a worker meets a kind of row.
public final class ScoringSetup: @unchecked Sendable {
  public let engine: ScoringEngine
  /// A short name for summaries and the transition matrix: the policy, or what `--compare-*` changed.
  public let name: String
  /// Whether rows may be scored from templates; when false every row goes through the engine (for checks).
  public let usesTemplates: Bool
  let ageClasses: AgeClasses
  /// The compact `reference` column's ids: every reference point of the library (young-adult values and age
  /// bands), numbered from 1 in the library's order (`r1`, `r2` …); `--notes FILE` lists them.
  public let references: [String]
  private let referenceIDs: [String: Int]
  /// The words and ids of the references in `references`, looked up by their parts when templates are built.
  let referenceWords: ReferenceWords
  // Guarded by `condition` (a pthread mutex and condition variable, which ThreadSanitizer understands; it reported
  // Synchronization.Mutex's futex on Linux as races): no dynamic exclusivity checks, which cost as much as the
  // lookups they guarded.
  private let condition = NSCondition()
  @exclusivity(unchecked) private var templates: [Int: TemplateEntry] = [:]
  /// Per kind of row, the templates built for its age classes that another class may share
  /// (``ScoreTemplate/mayServeOtherClasses``).
  @exclusivity(unchecked) private var sharedByKind: [Int: [ScoreTemplate]] = [:]
  private let classCount: Int
  /// Kinds whose template a worker is building now.
  @exclusivity(unchecked) private var building: Set<Int> = []

  public init(library: ReferenceLibrary, policy: ScoringPolicy, name: String? = nil, usesTemplates: Bool = true) {
    engine = ScoringEngine(library: library, policy: policy)
    self.name = name ?? policy.reference.rawValue
    self.usesTemplates = usesTemplates
    ageClasses = AgeClasses(library: library)
    classCount = ageClasses.count
    var references: [String] = []
    var parts: [ReferenceWords.Key] = []
    for table in library.tables {
      for curve in table.curves {
        let labels: [String]
        switch curve.values {
        case .youngAdult: labels = ["young adult"]
        case .bands(let bands): labels = bands.map(\.label)
        // LMS points are interpolated at each age: written in full.
        case .lms: labels = []
        }
        for label in labels {
          let key = ReferenceWords.Key(
            tableID: table.id, tableVersion: table.version, ethnicity: curve.ethnicity, sex: curve.sex, label: label)
          parts.append(key)
          references.append(key.text)
        }
      }
    }
    self.references = references
    // A text listed twice (curves of two vertebral combinations) keeps its first id.
    let referenceIDs = Dictionary(
      references.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
    self.referenceIDs = referenceIDs
    referenceWords = ReferenceWords(parts: parts, ids: referenceIDs)
  }

  /// The compact `reference` field of a measurement scored against these T and Z references: `T:r3;Z:r17`; a
  /// reference without an id (an interpolated LMS point) is written in full (`T:… age 52.5 (interpolated …)`).
  func compactReference(t: String?, z: String?) -> [UInt8] {
    ReferenceWords.compactReference(
      t: t.map { ReferenceWords.Entry(text: $0, id: referenceIDs[$0]) },
      z: z.map { ReferenceWords.Entry(text: $0, id: referenceIDs[$0]) })
  }

  /// A template, or the knowledge that this kind of row must go through the engine.
  enum TemplateEntry: Sendable {
    case template(ScoreTemplate)
    case engineOnly
  }

  /// The template of `key`, built from `request` (a row of that kind) the first time it is asked for. A worker
  /// that meets a kind another is building waits for it rather than build it twice (a template costs several
  /// engine calls).
  func template(key: Int, request: ScoreRequest, ageUnits: Int64) -> TemplateEntry {
    condition.lock()
    while true {
      if let known = templates[key] {
        condition.unlock()
        return known
      }
      if !building.contains(key) { break }
      condition.wait()
    }
    building.insert(key)
    // A key is a kind of row and an age class (``RowScorer``).
    let kind = key / classCount
    let siblings = sharedByKind[kind] ?? []
    condition.unlock()
    let otherAge = ageClasses.otherAge(
      inClassOf: request.age, units: ageUnits, site: request.site, sex: request.sex)
    let template = ScoreTemplate.build(
      engine: engine, request: request, otherAge: otherAge, siblings: siblings, references: referenceWords)
    let built: TemplateEntry = template.map { .template($0) } ?? .engineOnly
    condition.lock()
    templates[key] = built
    if let template, template.mayServeOtherClasses, !siblings.contains(where: { $0 === template }) {
      sharedByKind[kind, default: []].append(template)
    }
    building.remove(key)
    condition.broadcast()
    condition.unlock()
    return built
  }

  /// The number of kinds of row: site × sex × menopause (or none) × maker (or none) × ethnicity (or none).
  static let kindCount = siteCount * 2 * 4 * 4 * ethnicitySlots
  private static let siteCount = Site.allCases.count
  /// Every ethnicity, or none. The row loop passes its own copy to ``kind(_:ethnicitySlots:)``: reading a
  /// `static let` there costs a call per row.
  static let ethnicitySlots = Ethnicity.allCases.count + 1

  @inline(__always)
  static func kind(_ request: UnsafePointer<MeasurementInput>, ethnicitySlots: Int) -> Int {
    // Below ``kindCount``, a few thousand: wrapping operations, without overflow checks.
    var index = ordinal(request.pointee.site)
    index = index &* 2 &+ (request.pointee.sex == .female ? 0 : 1)
    index = index &* 4 &+ (request.pointee.menopause.map { ordinal($0) &+ 1 } ?? 0)
    index = index &* 4 &+ (request.pointee.manufacturer.map { ordinal($0) &+ 1 } ?? 0)
    index = index &* ethnicitySlots &+ (request.pointee.ethnicity.map { ordinal($0) &+ 1 } ?? 0)
    return index
  }

  @inline(__always)
  private static func ordinal<E: CaseIterable>(_ value: E) -> Int { caseIndex(value) }
}

/// The words and compact ids of a library's references that have ids (young-adult values and age bands), made once
/// per setup: a template's references are looked up by their parts rather than worded, and their ids found by their
/// words, again for every template.
struct ReferenceWords: Sendable {
  /// What the `reference` column words of a reference (``RowScore/text(of:)``).
  struct Key: Sendable {
    var tableID: String
    var tableVersion: String
    var ethnicity: Ethnicity
    var sex: Sex
    var label: String

    var text: String {
      RowScore.text(tableID: tableID, tableVersion: tableVersion, ethnicity: ethnicity, sex: sex, label: label)
    }
  }

  /// A reference's words and its id (`r3`), if it has one.
  struct Entry: Sendable {
    var text: String
    var id: Int?
  }

  /// The library's references grouped by sex and ethnicity (`groups`: each group's range), each with the lengths of
  /// its label and table id in one number: a few, told apart by those lengths before their bytes are compared. (A
  /// dictionary was slower: `String`'s hash normalises any text that is not ASCII, such as the en dash of `20–29`,
  /// and even hashing the bytes cost more than this search.) Plain arrays side by side: a search reads only the
  /// lengths of the references it passes over.
  private let groups: [Range<Int>]
  private let lengths: [Int]
  private let keys: [Key]
  private let entries: [Entry]
  private let ids: [String: Int]
  private let ethnicityCount = Ethnicity.allCases.count

  /// `parts` of the references, `ids` by their words (``ScoringSetup/references``).
  init(parts: [Key], ids: [String: Int]) {
    var byGroup = Array(repeating: [Key](), count: Sex.allCases.count * ethnicityCount)
    for key in parts { byGroup[caseIndex(key.sex) * ethnicityCount + caseIndex(key.ethnicity)].append(key) }
    var groups: [Range<Int>] = []
    var keys: [Key] = []
    for group in byGroup {
      groups.append(keys.count..<(keys.count + group.count))
      keys += group
    }
    self.groups = groups
    self.keys = keys
    lengths = keys.map { Self.lengths(label: $0.label, tableID: $0.tableID) }
    entries = keys.map { key in
      let text = key.text
      return Entry(text: text, id: ids[text])
    }
    self.ids = ids
  }

  private static func lengths(label: String, tableID: String) -> Int {
    label.utf8.count << 32 | tableID.utf8.count
  }

  /// The words and id of `used`: ``RowScore/text(of:)`` and the id of those words, as ``ScoringSetup`` numbers them.
  /// A reference the library does not list (an LMS point) is worded here.
  func entry(of used: ReferenceUsed) -> Entry {
    let wanted = Self.lengths(label: used.point.label, tableID: used.tableID)
    for index in groups[caseIndex(used.sex) * ethnicityCount + caseIndex(used.ethnicity)]
    where lengths[index] == wanted && Self.sameBytes(keys[index].label, used.point.label)
      && Self.sameBytes(keys[index].tableID, used.tableID)
      && Self.sameBytes(keys[index].tableVersion, used.tableVersion)
    {
      return entries[index]
    }
    let text = RowScore.text(of: used)
    return Entry(text: text, id: ids[text])
  }

  /// Whether two texts are the same bytes. `String`'s `==` holds canonically equivalent texts equal, which would word
  /// another text's bytes.
  private static func sameBytes(_ first: String, _ second: String) -> Bool {
    let same = first.utf8.withContiguousStorageIfAvailable { one in
      second.utf8.withContiguousStorageIfAvailable { other in
        guard one.count == other.count, let oneBase = one.baseAddress, let otherBase = other.baseAddress else {
          return one.count == other.count
        }
        return Bytes.equal(oneBase, otherBase, count: one.count)
      }
    }
    return (same ?? nil) ?? first.utf8.elementsEqual(second.utf8)
  }

  /// The compact `reference` field of a measurement scored against these T and Z references: `T:r3;Z:r17`; a
  /// reference without an id is written in full (`T:… age 52.5 (interpolated …)`).
  static func compactReference(t: Entry?, z: Entry?) -> [UInt8] {
    // Made as bytes: joining strings cost more than the rest of a worker's first meeting with a template.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(16)
    append(t, label: UInt8(ascii: "T"), to: &bytes)
    append(z, label: UInt8(ascii: "Z"), to: &bytes)
    // Ids and their separators are letters, digits, `:` and `;`: such a field is its bytes, and only words may need
    // quoting.
    let hasWords = (t.map { $0.id == nil } ?? false) || (z.map { $0.id == nil } ?? false)
    return hasWords ? CSVText.field(bytes: bytes, neutralisingFormulas: false) : bytes
  }

  /// `T:r3` (or `T:` and the words), after a `;` when `bytes` holds the other score's reference.
  private static func append(_ entry: Entry?, label: UInt8, to bytes: inout [UInt8]) {
    guard var entry else { return }
    if !bytes.isEmpty { bytes.append(UInt8(ascii: ";")) }
    bytes.append(label)
    bytes.append(UInt8(ascii: ":"))
    if let id = entry.id {
      bytes.append(UInt8(ascii: "r"))
      let start = bytes.count
      var rest = id
      repeat {
        bytes.insert(UInt8(ascii: "0") + UInt8(rest % 10), at: start)
        rest /= 10
      } while rest > 0
    } else {
      entry.text.withUTF8 { bytes += $0 }
    }
  }
}

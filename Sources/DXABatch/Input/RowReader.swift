import DXACSV
import DXACore
import DXAPlatform

/// One measured site of one row, read and checked, ready to score.
///
/// A plain value (the core's ``ScoreRequest`` holds an array, for vertebral combinations the batch never sets):
/// rows are read and kept without reference counting, and the request is made when the engine needs it.
struct MeasurementInput {
  var site: Site
  var bmd: ExactDecimal
  var sex: Sex
  var age: ExactDecimal
  var menopause: MenopausalStatus?
  var manufacturer: Manufacturer?
  var ethnicity: Ethnicity?
  /// The age in units of 10^-15 years, for the template lookup.
  var ageUnits: Int64?
  var deviceTScore: ExactDecimal? = nil
  var deviceZScore: ExactDecimal? = nil
}

extension MeasurementInput {
  /// A value to overwrite: the row loop's place for the measurement it reads.
  static var placeholder: MeasurementInput {
    MeasurementInput(
      site: .lumbarSpine, bmd: ExactDecimal(significand: 0, scale: 0), sex: .female,
      age: ExactDecimal(significand: 0, scale: 0), menopause: nil, manufacturer: nil, ethnicity: nil, ageUnits: nil)
  }

  init(
    request: ScoreRequest, ageUnits: Int64?, deviceTScore: ExactDecimal? = nil, deviceZScore: ExactDecimal? = nil
  ) {
    site = request.site
    bmd = request.bmd
    sex = request.sex
    age = request.age
    menopause = request.menopause
    manufacturer = request.manufacturer
    ethnicity = request.ethnicity
    self.ageUnits = ageUnits
    self.deviceTScore = deviceTScore
    self.deviceZScore = deviceZScore
  }

  var request: ScoreRequest {
    ScoreRequest(
      site: site, bmd: bmd, sex: sex, age: age, menopause: menopause, manufacturer: manufacturer,
      ethnicity: ethnicity)
  }
}

/// What a row holds for one of its sites.
enum SiteReading {
  /// No BMD value (empty, or one the map lists as missing): the site was not measured.
  case notMeasured
  /// A value the batch does not score, and the note that says why (an excluded site; a spine total while a
  /// vertebra is excluded).
  case notScored(note: String, code: NoteCode)
  /// A measurement to score, written to the caller's input (the reading carries no copy of it: the row loop scores
  /// it in place).
  case measured
}

/// Reads the values of one record through a ``BatchLayout``: bytes in, typed values or an error naming the column.
///
/// Values are read in place; a quoted value, a coded value or a constant is copied into a small buffer of its
/// field first. Each reader belongs to one worker.
final class RowReader {
  let layout: BatchLayout
  /// As ``BatchLayout/plainColumns``, in memory the reader owns: read without a bounds check or a reference count in
  /// the row loop (every index is a field's ordinal, below the field count).
  private let rowColumns: UnsafeMutablePointer<Int>
  /// Per site, per field: as ``BatchLayout/plainColumns``, in one buffer (site × field count + field).
  private let siteColumns: UnsafeMutablePointer<Int>
  /// Per site, what is asked of it before its values are read, in memory the reader owns.
  private let siteFacts: UnsafeMutablePointer<SiteFacts>
  // Flags read once, so rows without date formats or inclusion columns pay nothing for them.
  private let hasDateFormats: Bool
  private let includedColumns: [Int]
  private let hasVertebraFlags: Bool
  private let vocabularies = Vocabularies()
  // One worker's own state: no dynamic exclusivity checks in the hot path.
  @exclusivity(unchecked) private var scratch: [UnsafeMutableBufferPointer<UInt8>]
  @exclusivity(unchecked) private(set) var base: UnsafePointer<UInt8>?
  @exclusivity(unchecked) private var spans = UnsafeBufferPointer<FieldSpan>(start: nil, count: 0)
  /// The first and last person columns, when every person field is a plain column (a map that translates codes or
  /// reads other columns turns the cache off); the last person read, and the bytes of that span it was read from.
  private let personColumnRange: (first: Int, last: Int)?
  @exclusivity(unchecked) private var lastPerson: Person?
  @exclusivity(unchecked) private var rememberedBytes: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var rememberedCount = -1
  @exclusivity(unchecked) private var rememberedCapacity: Int
  /// The fields a record must share with the one before it to have its person (the last person column + 1; `Int.max`
  /// without a cache).
  private let personFieldCount: Int
  /// The first and last columns of the coded person fields (sex, menopause, maker, ethnicity), when each is a plain
  /// column or absent; and, in a small table by the packed bytes of that span, the values last read from them.
  private let codedColumnRange: (first: Int, last: Int)?
  private let codedEntries: UnsafeMutablePointer<CodedEntry>
  /// Whether ``lastPerson`` is the person of the record loaded last, and of the record loaded now.
  @exclusivity(unchecked) private var isPersonOfLastRecord = false
  @exclusivity(unchecked) private var isPersonRepeated = false

  init(layout: BatchLayout) {
    self.layout = layout
    rowColumns = .allocate(capacity: layout.plainColumns.count)
    rowColumns.initialize(from: layout.plainColumns, count: layout.plainColumns.count)
    // A person is a function of the bytes of these columns when each field is a plain column (or absent); a map
    // that translates codes or reads other columns turns the cache off.
    let fields: [BatchField] = [.sex, .age, .birthDate, .scanDate, .menopause, .manufacturer, .ethnicity]
    let columns = fields.map { layout.plainColumns[$0.ordinal] }
    let plain = columns.filter { $0 >= 0 }
    if columns.allSatisfy({ $0 >= -1 }), let first = plain.min(), let last = plain.max() {
      personColumnRange = (first, last)
      personFieldCount = last + 1
    } else {
      personColumnRange = nil
      personFieldCount = .max
    }
    let coded = [BatchField.sex, .menopause, .manufacturer, .ethnicity].map { layout.plainColumns[$0.ordinal] }
    let plainCoded = coded.filter { $0 >= 0 }
    if coded.allSatisfy({ $0 >= -1 }), let first = plainCoded.min(), let last = plainCoded.max() {
      codedColumnRange = (first, last)
    } else {
      codedColumnRange = nil
    }
    codedEntries = .allocate(capacity: 1 << Self.codedBits)
    codedEntries.initialize(
      repeating: CodedEntry(key: .none, sex: .female, menopause: nil, manufacturer: nil, ethnicity: nil),
      count: 1 << Self.codedBits)
    rememberedCapacity = 256
    rememberedBytes = .allocate(capacity: rememberedCapacity)
    let siteColumns = layout.sites.map(\.plainColumns)
    let allSiteColumns = siteColumns.flatMap { $0 }
    self.siteColumns = .allocate(capacity: allSiteColumns.count)
    self.siteColumns.initialize(from: allSiteColumns, count: allSiteColumns.count)
    hasDateFormats = layout.dateFormats != nil
    includedColumns = siteColumns.map { $0[BatchField.included.ordinal] }
    hasVertebraFlags = !layout.vertebraFlags.isEmpty
    let facts = layout.sites.indices.map { [includedColumns, hasVertebraFlags] index in
      SiteFacts(
        fixedSite: layout.sites[index].fixedSite, mayBeExcluded: includedColumns[index] != -1 || hasVertebraFlags,
        hasVertebrae: siteColumns[index][BatchField.vertebrae.ordinal] != -1)
    }
    siteFacts = .allocate(capacity: facts.count)
    siteFacts.initialize(from: facts, count: facts.count)
    scratch = (0...BatchField.allCases.count).map { _ in .allocate(capacity: 256) }
  }

  deinit {
    for buffer in scratch { buffer.deallocate() }
    rememberedBytes.deallocate()
    rowColumns.deallocate()
    siteColumns.deallocate()
    siteFacts.deallocate()
    codedEntries.deallocate()
  }

  /// The coded person fields read from one span of bytes (``codedColumnRange``).
  private struct CodedEntry {
    var key: PackedSpan
    var sex: Sex
    var menopause: MenopausalStatus?
    var manufacturer: Manufacturer?
    var ethnicity: Ethnicity?
  }

  /// The table of coded fields has 2^8 slots: files hold far fewer combinations of sex, status, maker and ethnicity.
  private static let codedBits = 8

  private struct SiteFacts {
    /// The site every row of this site is of (a wide layout's column group), or nil when a column names it.
    var fixedSite: Site?
    /// Whether an inclusion column or a vertebra's exclusion can leave the site unscored.
    var mayBeExcluded: Bool
    /// Whether the site has a `vertebrae` field (a spine total's vertebrae).
    var hasVertebrae: Bool
  }

  /// Points the reader at a record; `spans` must stay alive and unchanged while the record is read. Its first
  /// `sharedFields` fields are byte for byte those of the record loaded before it (0 when not known).
  func load(base: UnsafePointer<UInt8>, spans: UnsafeBufferPointer<FieldSpan>, sharedFields: Int = 0) {
    self.base = base
    self.spans = spans
    isPersonRepeated = isPersonOfLastRecord && sharedFields >= personFieldCount
    isPersonOfLastRecord = false
  }

  /// The value of a per-row field (trimmed), or nil when it is absent or its column is missing from a short row.
  @inline(__always)
  func value(_ field: BatchField) -> UnsafeBufferPointer<UInt8>? {
    let column = rowColumns[field.ordinal]
    if column >= 0 { return self.column(column, field) }
    if column == -1 { return nil }
    return mappedValue(field)
  }

  /// The value of a per-site field of site `site` (an index into the layout's sites).
  @inline(__always)
  func value(_ field: BatchField, site: Int) -> UnsafeBufferPointer<UInt8>? {
    let column = siteColumns[site &* BatchField.count &+ field.ordinal]
    if column >= 0 { return self.column(column, field) }
    if column == -1 { return nil }
    return mappedValue(field, site: site)
  }

  /// The value of a field the map translates or builds (``value(_:_:)``), per row or of site `site`; out of line, so
  /// that a read of a plain column, inlined in the row loop, holds no copy of the map's rule.
  @inline(never)
  private func mappedValue(_ field: BatchField, site: Int? = nil) -> UnsafeBufferPointer<UInt8>? {
    guard let site else { return value(layout.fields[field.ordinal], field) }
    return value(layout.sites[site].fields[field.ordinal], field)
  }

  private func value(_ source: ValueSource, _ field: BatchField) -> UnsafeBufferPointer<UInt8>? {
    switch source {
    case .absent:
      return nil
    case .column(let index, _, let codes, let missing):
      guard let raw = column(index, field) else { return nil }
      for value in missing where value.elementsEqual(raw) { return UnsafeBufferPointer(start: nil, count: 0) }
      guard let codes else { return raw }
      for code in codes where code.code.elementsEqual(raw) { return store(code.value, field) }
      return raw
    case .constant(let value, _):
      return store(value, field)
    case .cases(let rules, let fallback, _):
      for rule in rules {
        if let raw = column(rule.index, field), rule.code.elementsEqual(raw) { return store(rule.value, field) }
      }
      return fallback.map { store($0, field) } ?? UnsafeBufferPointer(start: nil, count: 0)
    }
  }

  @inline(__always)
  private func column(_ index: Int, _ field: BatchField) -> UnsafeBufferPointer<UInt8>? {
    column(index, slot: field.ordinal)
  }

  @inline(__always)
  private func column(_ index: Int, slot: Int) -> UnsafeBufferPointer<UInt8>? {
    guard index < spans.count else { return nil }
    // Spans are set only with their base (``load(base:spans:sharedFields:)``): a span means a base.
    let base = base.unsafelyUnwrapped
    let span = spans[index]
    if !span.hasEscapedQuotes {
      return FieldParser.trimmed(
        UnsafeBufferPointer(start: base + span.valueStart, count: span.valueEnd &- span.valueStart))
    }
    return decoded(span, base, slot: slot)
  }

  /// A value with doubled quotes, decoded into its field's buffer; out of line, so every read of a value stays small.
  @inline(never)
  private func decoded(_ span: FieldSpan, _ base: UnsafePointer<UInt8>, slot: Int) -> UnsafeBufferPointer<UInt8> {
    var decoded: [UInt8] = []
    span.decode(base, into: &decoded)
    return FieldParser.trimmed(store(decoded, slot: slot))
  }

  private func store(_ bytes: [UInt8], _ field: BatchField) -> UnsafeBufferPointer<UInt8> {
    store(bytes, slot: field.ordinal)
  }

  private func store(_ bytes: [UInt8], slot: Int) -> UnsafeBufferPointer<UInt8> {
    if scratch[slot].count < bytes.count {
      scratch[slot].deallocate()
      scratch[slot] = .allocate(capacity: bytes.count * 2)
    }
    _ = scratch[slot].initialize(from: bytes)
    return UnsafeBufferPointer(start: scratch[slot].baseAddress, count: bytes.count)
  }

  /// The name errors use for a field: its column, or the map's name for it.
  func name(_ field: BatchField, site: Int? = nil) -> String {
    let source = site.map { layout.sites[$0].fields[field.ordinal] } ?? layout.fields[field.ordinal]
    return source.name ?? field.rawValue
  }

  // MARK: Reading a measurement

  /// Whether the map's row rules leave this row out: a keep rule that does not hold, or a skip rule that does.
  func isFiltered() -> Bool {
    for filter in layout.rowFilters {
      let value = column(filter.column, slot: BatchField.allCases.count) ?? UnsafeBufferPointer(start: nil, count: 0)
      var holds = false
      for code in filter.values where code.elementsEqual(value) {
        holds = true
        break
      }
      if !holds {
        for pattern in filter.patterns where pattern.matches(value) {
          holds = true
          break
        }
      }
      if holds != filter.isKeep { return true }
    }
    return false
  }

  /// The person's fields, shared by every site of the row.
  struct Person {
    var sex: Sex
    var age: ExactDecimal
    var ageUnits: Int64?
    /// Whether the age came from birth_date and scan_date (errors about it then name birth_date).
    var isAgeFromDates: Bool
    var menopause: MenopausalStatus?
    var manufacturer: Manufacturer?
    var ethnicity: Ethnicity?
  }

  /// The person's fields; the same as the previous row's when the bytes from its first person column to its last
  /// are the same (the rows of one scan follow each other), without reading them again.
  ///
  /// The span starts at a field's start, so the same bytes split into the same fields; a row with a CSV issue is
  /// never read, so every quote in the span opens and closes within it.
  ///
  /// When the record repeats the previous record's fields up to its last person column, and the previous record's
  /// person was read, the bytes are known to be the same without comparing them.
  func person() throws(InputError) -> Person {
    if isPersonRepeated, let cached = lastPerson {
      isPersonOfLastRecord = true
      return cached
    }
    guard let (first, last) = personColumnRange, last < spans.count, let base else { return try readPerson() }
    let start = base + spans[first].start
    let count = spans[last].end - spans[first].start
    if let cached = lastPerson, count == rememberedCount, Bytes.equal(start, rememberedBytes, count: count) {
      isPersonOfLastRecord = true
      return cached
    }
    lastPerson = nil
    let person = try readPerson()
    if rememberedCapacity < count {
      rememberedBytes.deallocate()
      rememberedCapacity = count * 2
      rememberedBytes = .allocate(capacity: rememberedCapacity)
    }
    rememberedBytes.update(from: start, count: count)
    rememberedCount = count
    lastPerson = person
    isPersonOfLastRecord = true
    return person
  }

  /// The person's fields, read; the coded ones from the table when their bytes were read before.
  ///
  /// A coded field in a plain column is a function of its column's bytes, and the span from the first coded column
  /// to the last starts at a field's start, so the same bytes give the same values. Only values read without an
  /// error are kept, so with them the age is the first field that can fail, as it is after a valid sex.
  private func readPerson() throws(InputError) -> Person {
    let key = codedKey()
    if let key {
      let entry = codedEntries + key.hash(bits: Self.codedBits)
      if entry.pointee.key == key {
        let (age, ageUnits, isFromDates) = try age()
        return Person(
          sex: entry.pointee.sex, age: age, ageUnits: ageUnits, isAgeFromDates: isFromDates,
          menopause: entry.pointee.menopause, manufacturer: entry.pointee.manufacturer,
          ethnicity: entry.pointee.ethnicity)
      }
    }
    let sex = try required(value(.sex), .sex, nil, vocabularies.sex)
    let (age, ageUnits, isFromDates) = try age()
    let person = Person(
      sex: sex, age: age, ageUnits: ageUnits, isAgeFromDates: isFromDates,
      menopause: try optional(value(.menopause), .menopause, vocabularies.menopause),
      manufacturer: try optional(value(.manufacturer), .manufacturer, vocabularies.manufacturer),
      ethnicity: try optional(value(.ethnicity), .ethnicity, vocabularies.ethnicity))
    if let key {
      codedEntries[key.hash(bits: Self.codedBits)] = CodedEntry(
        key: key, sex: sex, menopause: person.menopause, manufacturer: person.manufacturer,
        ethnicity: person.ethnicity)
    }
    return person
  }

  /// The bytes of the coded person fields' span, packed; nil without a table or for a span too long to pack.
  @inline(__always)
  private func codedKey() -> PackedSpan? {
    guard let (first, last) = codedColumnRange, last < spans.count else { return nil }
    let start = spans[first].start
    return PackedSpan(base.unsafelyUnwrapped + start, count: spans[last].end &- start)
  }

  /// Whether any site of the row has a BMD value: a row without one measured nothing, whatever else it holds.
  func hasBMDValue() -> Bool {
    for index in layout.sites.indices where !(value(.bmd, site: index)?.isEmpty ?? true) { return true }
    return false
  }

  /// Site `index` of the row: not measured (no BMD value), not scored (excluded), or the measurement to score,
  /// written to `input` (which holds no measurement otherwise: it may be partly written when a value is wrong).
  func measurement(_ index: Int, person: Person, into input: inout MeasurementInput) throws(InputError) -> SiteReading {
    let bmdBytes = value(.bmd, site: index)
    if bmdBytes?.isEmpty ?? true { return .notMeasured }
    let facts = siteFacts[index]
    if facts.mayBeExcluded, let (note, code) = try exclusion(index) {
      return .notScored(note: note, code: code)
    }
    let scannedSite: Site
    if let fixed = facts.fixedSite {
      scannedSite = fixed
    } else {
      // The listed word, matched in place; anything else (empty, unknown) takes the path that says why.
      let bytes = value(.site, site: index)
      if let bytes, !bytes.isEmpty, let site = vocabularies.site.match(bytes) {
        scannedSite = site
      } else {
        scannedSite = try unlistedSite(bytes, index)
      }
    }
    if scannedSite == .lumbarSpine, facts.hasVertebrae, let set = try vertebrae(index), set != .all {
      return .notScored(note: BatchLayout.subsetTotalNote(set), code: .spineTotalWithheld)
    }
    // Each value is stored as soon as it is read, so that none is held while the next is read.
    input.site = scannedSite
    input.bmd = try bmd(bmdBytes, site: index)
    input.deviceTScore = try optionalDecimal(value(.tScoreDevice, site: index), .tScoreDevice, site: index)
    input.deviceZScore = try optionalDecimal(value(.zScoreDevice, site: index), .zScoreDevice, site: index)
    input.sex = person.sex
    input.age = person.age
    input.menopause = person.menopause
    input.manufacturer = person.manufacturer
    input.ethnicity = person.ethnicity
    input.ageUnits = person.ageUnits
    return .measured
  }

  /// A site value not matched in place (empty, or not a listed word): read as ``required(_:_:_:_:)`` reads it, out of
  /// line, so the error texts it builds stay out of the row loop's frame.
  @inline(never)
  private func unlistedSite(_ bytes: UnsafeBufferPointer<UInt8>?, _ index: Int) throws(InputError) -> Site {
    try required(bytes, .site, index, vocabularies.site)
  }

  /// Why site `index` is not scored: it is excluded; or it is a wide row's spine total and a vertebra is excluded
  /// (the total is then not that of L1–L4, the only vertebrae the batch's spine references fit).
  private func exclusion(_ index: Int) throws(InputError) -> (String, NoteCode)? {
    if includedColumns[index] != -1, try !isIncluded(index) { return (layout.sites[index].excludedNote, .excluded) }
    guard hasVertebraFlags, layout.sites[index].fixedSite == .lumbarSpine else { return nil }
    var excluded = 0
    for flag in layout.vertebraFlags where try !isIncluded(flag.site) { excluded |= flag.bit }
    return excluded == 0 ? nil : (BatchLayout.withheldTotalNotes[excluded], .spineTotalWithheld)
  }

  /// The vertebrae a spine total is of, from its `vertebrae` column; nil when there is none or it is empty.
  private func vertebrae(_ index: Int) throws(InputError) -> VertebralSet? {
    guard let bytes = value(.vertebrae, site: index), !bytes.isEmpty else { return nil }
    guard let set = VertebralSet(label: String(decoding: bytes, as: UTF8.self)) else {
      throw InputError(
        .data, field: name(.vertebrae, site: index), "is not a set of vertebrae such as l1-l4 or l2-l4")
    }
    return set
  }

  /// A site's inclusion flag; empty means included, as in an exam file.
  private func isIncluded(_ index: Int) throws(InputError) -> Bool {
    guard let bytes = value(.included, site: index), !bytes.isEmpty else { return true }
    return try match(bytes, vocabularies.included, .included, index)
  }

  /// The name of the column that gave a field the core names (`bmd`, `age`, `menopause`).
  func columnName(ofCoreField field: String, site: Int, person: Person) -> String {
    switch field {
    case "bmd": return name(.bmd, site: site)
    case "age": return person.isAgeFromDates ? name(.birthDate) : name(.age)
    case "menopause": return name(.menopause)
    default: return field
    }
  }

  /// The age, its units for the age classes (``AgeClasses/units(_:)``), and whether it came from the dates.
  private func age() throws(InputError) -> (ExactDecimal, Int64?, Bool) {
    if let bytes = value(.age), !bytes.isEmpty {
      let age = try decimal(bytes, .age)
      return (age, AgeClasses.units(age), false)
    }
    let birthBytes = value(.birthDate)
    guard rowColumns[BatchField.birthDate.ordinal] != -1, rowColumns[BatchField.scanDate.ordinal] != -1,
      let birthBytes, !birthBytes.isEmpty
    else {
      if rowColumns[BatchField.age.ordinal] == -1 {
        throw InputError(
          .data, field: name(.birthDate), "is empty; the age is computed from it and \(name(.scanDate))")
      }
      throw InputError(.data, field: name(.age), "is empty; give the age or birth_date and scan_date")
    }
    let days: Int
    if hasDateFormats, let formats = layout.dateFormats {
      // A scan is not after the as-of day, a birth not after the scan: that decides two-digit years.
      let scan = try date(value(.scanDate), .scanDate, formats.scan, notAfter: formats.asOf)
      let birth = try date(birthBytes, .birthDate, formats.birth, notAfter: scan)
      days = birth.days(until: scan)
    } else if let scanBytes = value(.scanDate), let scan = FieldParser.isoDate(scanBytes),
      let birth = FieldParser.isoDate(birthBytes)
    {
      // Both dates as written: read in place (years of four digits, so the difference cannot overflow).
      days = scan &- birth
    } else {
      // Read again one at a time, so that the first bad date is the one named.
      days = try date(value(.scanDate), .scanDate) - date(birthBytes, .birthDate)
    }
    guard days >= 0 else { throw InputError(.data, field: name(.birthDate), "is after \(name(.scanDate))") }
    guard let units = FieldParser.ageUnits(days: days) else { return (FieldParser.age(days: days), nil, true) }
    return (FieldParser.trimmedDecimal(units, scale: 15), units, true)
  }

  /// A `YYYY-MM-DD` date as days since 1970-01-01. Messages never quote a date: it may identify a patient.
  private func date(_ bytes: UnsafeBufferPointer<UInt8>?, _ field: BatchField) throws(InputError) -> Int {
    guard let bytes, !bytes.isEmpty else { throw InputError(.data, field: name(field), "is empty; expected a date") }
    guard let days = FieldParser.isoDate(bytes) else {
      // Never the value: a date in a row is a birth date or a scan date, which identify a patient.
      throw InputError(.data, field: name(field), "not a date; write YYYY-MM-DD")
    }
    return days
  }

  /// A date written as the map says; a two-digit year is the latest that keeps the date on or before `limit`.
  private func date(
    _ bytes: UnsafeBufferPointer<UInt8>?, _ field: BatchField, _ pattern: DatePattern, notAfter limit: CalendarDate?
  ) throws(InputError) -> CalendarDate {
    guard let bytes, !bytes.isEmpty else { throw InputError(.data, field: name(field), "is empty; expected a date") }
    guard let written = pattern.read(bytes) else {
      throw InputError(.data, field: name(field), "not a date as \(pattern)")
    }
    if written.isTwoDigitYear, limit == nil {
      throw InputError(.data, field: name(field), "has a two-digit year and the map gives no as_of")
    }
    // A four-digit year is taken as written, whatever the limit.
    guard let limit = limit ?? Self.latestDay, let date = written.resolved(notAfter: limit) else {
      let range =
        !written.isTwoDigitYear
        ? "between 1850 and 2999"
        : field == .scanDate ? "on or before the map's as_of" : "on or before \(name(.scanDate))"
      throw InputError(.data, field: name(field), "names no real day \(range) (\(pattern))")
    }
    return date
  }

  /// A decimal: the common shapes (``FieldParser/shortDecimal(_:)``) read inline, anything else (and every error) out
  /// of line by ``generalDecimal(_:_:site:)`` (inlined, its messages cost the row loop's registers).
  @inline(__always)
  private func decimal(_ bytes: UnsafeBufferPointer<UInt8>?, _ field: BatchField, site: Int? = nil)
    throws(InputError) -> ExactDecimal
  {
    if let bytes, let value = FieldParser.shortDecimal(bytes) { return value }
    return try generalDecimal(bytes, field, site: site)
  }

  /// A BMD: ``decimal(_:_:site:)``, with the length of the usual shape, `d.ddd`, tested first (the other shapes come
  /// after it in ``FieldParser/shortDecimal(_:)``).
  @inline(__always)
  private func bmd(_ bytes: UnsafeBufferPointer<UInt8>?, site: Int) throws(InputError) -> ExactDecimal {
    if let bytes, bytes.count == 5, let value = FieldParser.shortDecimal(bytes) { return value }
    return try decimal(bytes, .bmd, site: site)
  }

  /// A decimal as ``ExactDecimal`` reads it, or the error that names the column.
  @inline(never)
  private func generalDecimal(_ bytes: UnsafeBufferPointer<UInt8>?, _ field: BatchField, site: Int?)
    throws(InputError) -> ExactDecimal
  {
    if let bytes, let value = FieldParser.decimal(bytes) { return value }
    // The whole value: a message that counts its digits counts them all, and quotes at most 40 characters.
    let text = bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
    // A value that is not even shaped like a number may be a name or a date from a shifted column: not shown.
    guard text.isEmpty || MessageValue.mayShow(text) else {
      throw InputError(.data, field: name(field, site: site), "is not a number")
    }
    return try ExactDecimal.parse(text, field: name(field, site: site))
  }

  /// A device score, or nil when empty; inlined, as ``decimal(_:_:site:)`` is.
  @inline(__always)
  private func optionalDecimal(_ bytes: UnsafeBufferPointer<UInt8>?, _ field: BatchField, site: Int)
    throws(InputError) -> ExactDecimal?
  {
    guard let bytes, !bytes.isEmpty else { return nil }
    return try decimal(bytes, field, site: site)
  }

  @inline(__always)
  private func required<Value>(
    _ bytes: UnsafeBufferPointer<UInt8>?, _ field: BatchField, _ site: Int?, _ vocabulary: Vocabulary<Value>
  ) throws(InputError) -> Value {
    guard let bytes, !bytes.isEmpty else {
      throw InputError(
        .data, field: name(field, site: site),
        "is empty; expected one of: \(vocabulary.canonical.joined(separator: ", "))")
    }
    return try match(bytes, vocabulary, field, site)
  }

  @inline(__always)
  private func optional<Value>(
    _ bytes: UnsafeBufferPointer<UInt8>?, _ field: BatchField, _ vocabulary: Vocabulary<Value>
  ) throws(InputError) -> Value? {
    guard let bytes, !bytes.isEmpty else { return nil }
    return try match(bytes, vocabulary, field, nil)
  }

  @inline(__always)
  private func match<Value>(
    _ bytes: UnsafeBufferPointer<UInt8>, _ vocabulary: Vocabulary<Value>, _ field: BatchField, _ site: Int?
  ) throws(InputError) -> Value {
    guard let value = vocabulary.match(bytes) else { throw unlisted(bytes, vocabulary.canonical, field, site) }
    return value
  }

  /// The error for a value that is not one of `canonical` words; out of line, so each match stays small.
  @inline(never)
  private func unlisted(
    _ bytes: UnsafeBufferPointer<UInt8>, _ canonical: [String], _ field: BatchField, _ site: Int?
  ) -> InputError {
    // The value itself is not shown (it may be a name from a shifted column); a near miss is named by the word.
    let typed = String(decoding: bytes.prefix(Self.quoteLimit), as: UTF8.self)
    return InputError(
      .data, field: name(field, site: site),
      "is not one of: \(canonical.joined(separator: ", "))" + Suggestion.didYouMean(typed, among: canonical))
  }

  private static let latestDay = CalendarDate(year: 2999, month: 12, day: 31)

  /// Values shown in messages (numbers only, see `MessageValue`) are cut short: a message names the problem, it does
  /// not copy the file.
  static let quoteLimit = 40
}

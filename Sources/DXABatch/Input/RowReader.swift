import DXACore

/// One measured site of one row, read and checked, ready to score.
struct MeasurementInput {
  var request: ScoreRequest
  /// The age in units of 10^-15 years, for the template lookup.
  var ageUnits: Int64?
  var deviceTScore: ExactDecimal?
  var deviceZScore: ExactDecimal?
}

/// Reads the values of one record through a ``BatchLayout``: bytes in, typed values or an error naming the column.
///
/// Values are read in place; a quoted value, a coded value or a constant is copied into a small buffer of its
/// field first. Each reader belongs to one worker.
struct RowReader {
  let layout: BatchLayout
  private var scratch: [UnsafeMutableBufferPointer<UInt8>]
  private(set) var base: UnsafePointer<UInt8>?
  private(set) var spans: [FieldSpan] = []

  init(layout: BatchLayout) {
    self.layout = layout
    scratch = BatchField.allCases.map { _ in .allocate(capacity: 256) }
  }

  func deallocate() {
    for buffer in scratch { buffer.deallocate() }
  }

  mutating func load(base: UnsafePointer<UInt8>, spans: [FieldSpan]) {
    self.base = base
    self.spans = spans
  }

  /// The value of a field with surrounding spaces removed; nil when the field is absent or its column is missing
  /// from a short row.
  mutating func value(_ source: ValueSource, _ field: BatchField) -> UnsafeBufferPointer<UInt8>? {
    switch source {
    case .absent:
      return nil
    case .column(let index, _, let codes):
      guard let raw = column(index, field) else { return nil }
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

  private mutating func column(_ index: Int, _ field: BatchField) -> UnsafeBufferPointer<UInt8>? {
    guard index < spans.count, let base else { return nil }
    let span = spans[index]
    if !span.hasQuote {
      return FieldParser.trimmed(UnsafeBufferPointer(start: base + span.start, count: span.end - span.start))
    }
    var decoded: [UInt8] = []
    RecordScanner.decode(span, base, scratch: &decoded)
    return FieldParser.trimmed(store(decoded, field))
  }

  private mutating func store(_ bytes: [UInt8], _ field: BatchField) -> UnsafeBufferPointer<UInt8> {
    let slot = field.ordinal
    if scratch[slot].count < bytes.count {
      scratch[slot].deallocate()
      scratch[slot] = .allocate(capacity: bytes.count * 2)
    }
    _ = scratch[slot].initialize(from: bytes)
    return UnsafeBufferPointer(start: scratch[slot].baseAddress, count: bytes.count)
  }

  // MARK: Reading a measurement

  /// The person's fields, shared by every site of the row.
  struct Person {
    var sex: Sex
    var age: ExactDecimal
    var ageUnits: Int64?
    var ageField: String
    var menopause: MenopausalStatus?
    var manufacturer: Manufacturer?
    var ethnicity: Ethnicity?
  }

  mutating func person() throws(InputError) -> Person {
    let sex = try required(layout.source(.sex), .sex, Vocabularies.sex)
    let (age, ageField) = try age()
    return Person(
      sex: sex, age: age, ageUnits: AgeClasses.units(age), ageField: ageField,
      menopause: try optional(layout.source(.menopause), .menopause, Vocabularies.menopause),
      manufacturer: try optional(layout.source(.manufacturer), .manufacturer, Vocabularies.manufacturer),
      ethnicity: try optional(layout.source(.ethnicity), .ethnicity, Vocabularies.ethnicity))
  }

  /// One site of the row, or nil when a wide row has no value for it (that site was not measured).
  mutating func measurement(_ site: BatchLayout.SiteLayout, person: Person) throws(InputError)
    -> MeasurementInput?
  {
    let bmdSource = site.source(.bmd)
    let bmdBytes = value(bmdSource, .bmd)
    if layout.isWide, bmdBytes?.isEmpty ?? true { return nil }
    let scannedSite: Site
    if let fixed = site.fixedSite {
      scannedSite = fixed
    } else {
      scannedSite = try required(site.source(.site), .site, Vocabularies.site)
    }
    let bmd = try decimal(bmdBytes, name: bmdSource.name ?? "bmd")
    let request = ScoreRequest(
      site: scannedSite, bmd: bmd, sex: person.sex, age: person.age, menopause: person.menopause,
      manufacturer: person.manufacturer, ethnicity: person.ethnicity)
    return MeasurementInput(
      request: request, ageUnits: person.ageUnits,
      deviceTScore: try optionalDecimal(site.source(.tScoreDevice), .tScoreDevice),
      deviceZScore: try optionalDecimal(site.source(.zScoreDevice), .zScoreDevice))
  }

  /// The name of the column that gave `field`, for errors that the core reports by its own field names.
  func columnName(ofCoreField field: String, site: BatchLayout.SiteLayout, ageField: String) -> String {
    switch field {
    case "bmd": return site.source(.bmd).name ?? field
    case "age": return ageField
    case "menopause": return layout.source(.menopause).name ?? field
    default: return field
    }
  }

  private mutating func age() throws(InputError) -> (ExactDecimal, String) {
    let ageSource = layout.source(.age)
    if let bytes = value(ageSource, .age), !bytes.isEmpty {
      return (try decimal(bytes, name: ageSource.name ?? "age"), ageSource.name ?? "age")
    }
    let birthSource = layout.source(.birthDate)
    let scanSource = layout.source(.scanDate)
    guard birthSource.isPresent, scanSource.isPresent else {
      throw InputError(.data, field: ageSource.name ?? "age", "is empty; give the age or birth_date and scan_date")
    }
    let birthName = birthSource.name ?? "birth_date"
    let scanName = scanSource.name ?? "scan_date"
    let birth = try date(value(birthSource, .birthDate), name: birthName)
    let scan = try date(value(scanSource, .scanDate), name: scanName)
    guard scan >= birth else { throw InputError(.data, field: birthName, "is after \(scanName)") }
    return (FieldParser.age(days: scan - birth), birthName)
  }

  private func date(_ bytes: UnsafeBufferPointer<UInt8>?, name: String) throws(InputError) -> Int {
    guard let bytes, !bytes.isEmpty else { throw InputError(.data, field: name, "is empty; expected a date") }
    guard let days = FieldParser.isoDate(bytes) else {
      throw InputError(.data, field: name, "\(Self.quoted(bytes)) is not a date; write YYYY-MM-DD")
    }
    return days
  }

  private func decimal(_ bytes: UnsafeBufferPointer<UInt8>?, name: String) throws(InputError) -> ExactDecimal {
    if let bytes, let value = FieldParser.decimal(bytes) { return value }
    let text = bytes.map { String(decoding: $0.prefix(Self.quoteLimit), as: UTF8.self) } ?? ""
    return try ExactDecimal.parse(text, field: name)
  }

  private mutating func optionalDecimal(_ source: ValueSource, _ field: BatchField) throws(InputError)
    -> ExactDecimal?
  {
    guard let bytes = value(source, field), !bytes.isEmpty else { return nil }
    return try decimal(bytes, name: source.name ?? field.rawValue)
  }

  private mutating func required<Value>(_ source: ValueSource, _ field: BatchField, _ vocabulary: Vocabulary<Value>)
    throws(InputError) -> Value
  {
    let name = source.name ?? field.rawValue
    guard let bytes = value(source, field), !bytes.isEmpty else {
      throw InputError(.data, field: name, "is empty; expected one of: \(vocabulary.canonical.joined(separator: ", "))")
    }
    return try match(bytes, vocabulary, name)
  }

  private mutating func optional<Value>(_ source: ValueSource, _ field: BatchField, _ vocabulary: Vocabulary<Value>)
    throws(InputError) -> Value?
  {
    guard let bytes = value(source, field), !bytes.isEmpty else { return nil }
    return try match(bytes, vocabulary, source.name ?? field.rawValue)
  }

  private func match<Value>(_ bytes: UnsafeBufferPointer<UInt8>, _ vocabulary: Vocabulary<Value>, _ name: String)
    throws(InputError) -> Value
  {
    guard let value = vocabulary.match(bytes) else {
      throw InputError(
        .data, field: name,
        "the value \(Self.quoted(bytes)) is invalid; expected one of: \(vocabulary.canonical.joined(separator: ", "))")
    }
    return value
  }

  /// Values quoted in messages are cut short: a message names the problem, it does not copy the file.
  static let quoteLimit = 40

  static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let text = String(decoding: bytes.prefix(quoteLimit), as: UTF8.self)
    return "'\(text)\(bytes.count > quoteLimit ? "…" : "")'"
  }
}

/// All reference tables and conversion sets an engine may use, and which of them a person asked for.
///
/// Shipped tables marked `default` are always available; `on-request` tables (proposals, partial curves,
/// unconfirmed values) only after ``request(_:)``. Tables loaded from a file count as requested, and requested
/// tables are preferred over the policy's defaults, in the order they were requested.
public struct ReferenceLibrary: Sendable {
  public private(set) var tables: [ReferenceTable] = []
  public private(set) var conversionSets: [ConversionSet] = []
  public private(set) var requestedTableIDs: [String] = [] {
    didSet { requestedIndices = requestedTableIDs.compactMap(index(ofTable:)) }
  }
  /// ``requestedTableIDs`` as indices into ``tables``, and the indices of ``tables`` in the order of their ids: kept
  /// as tables are added and requested, so listing candidates copies no table and sorts nothing.
  private var requestedIndices: [Int] = []
  private var indicesByID: [Int] = []
  /// What listing candidates reads of each table, beside ``tables``: reading these copies no table.
  private var facts: [TableFacts] = []

  private struct TableFacts {
    var id: String
    var givesTScores: Bool
    var givesZScores: Bool
    var manufacturer: Manufacturer?
    var isDefault: Bool
  }
  /// The conditions an exam's risk factors may name (shipped, plus a site's conditions files).
  public private(set) var conditions: ConditionCatalog = .empty
  /// The payers' rules: shipped, each replaced by a site's file for the same payer.
  public private(set) var payers: [PayerRules] = []
  /// Payers whose rules come from a site's file rather than the shipped one.
  public private(set) var sitePayerIDs: Set<PayerID> = []
  /// The CPT and ICD-10-CM descriptors the billing suggestions are worded with.
  public var billingCodes: BillingCodeCatalog = .empty

  public init(
    tables: [ReferenceTable] = [], conversionSets: [ConversionSet] = [], conditions: [ConditionCatalog] = [],
    payers: [PayerRules] = [], billingCodes: BillingCodeCatalog = .empty
  ) throws(InputError) {
    for table in tables { try add(table, requested: false) }
    for set in conversionSets { try add(set) }
    for catalog in conditions { try add(catalog) }
    for rules in payers {
      guard payerRules(for: rules.id) == nil else {
        throw InputError(.reference, field: rules.id.rawValue, "rules for this payer are given twice")
      }
      self.payers.append(rules)
    }
    self.billingCodes = billingCodes
  }

  /// Adds a site's payer file. It replaces the shipped rules of the same payer (so a site completes a template or
  /// brings its contractor's rules); two site files for one payer are refused.
  public mutating func add(_ rules: PayerRules) throws(InputError) {
    if sitePayerIDs.contains(rules.id) {
      throw InputError(.reference, field: rules.id.rawValue, "a second payer file for this payer is loaded")
    }
    payers.removeAll { $0.id == rules.id }
    payers.append(rules)
    sitePayerIDs.insert(rules.id)
  }

  /// The rules of a payer, when a file gives them.
  public func payerRules(for payer: PayerID) -> PayerRules? { payers.first { $0.id == payer } }

  /// Adds a conditions file; the first one added is the base the others extend.
  public mutating func add(_ catalog: ConditionCatalog) throws(InputError) {
    if conditions.conditions.isEmpty, conditions.id == ConditionCatalog.empty.id {
      conditions = catalog
    } else {
      try conditions.add(catalog)
    }
  }

  /// Adds a table; a table loaded by a person (`requested`) is used ahead of the defaults.
  public mutating func add(_ table: ReferenceTable, requested: Bool) throws(InputError) {
    guard self.table(id: table.id) == nil else {
      throw InputError(.reference, field: table.id, "a reference table with this id is already loaded")
    }
    tables.append(table)
    facts.append(
      TableFacts(
        id: table.id, givesTScores: table.givesTScores, givesZScores: table.givesZScores,
        manufacturer: table.manufacturer, isDefault: table.availability == .default))
    indicesByID = facts.indices.sorted { facts[$0].id < facts[$1].id }
    if requested { requestedTableIDs.append(table.id) }
  }

  public mutating func add(_ set: ConversionSet) throws(InputError) {
    guard !conversionSets.contains(where: { $0.id == set.id }) else {
      throw InputError(.reference, field: set.id, "a conversion set with this id is already loaded")
    }
    conversionSets.append(set)
  }

  /// Asks for a table by id (`--use ID`), which makes an on-request table available and puts it first.
  public mutating func request(_ id: String, field: String = "--use") throws(InputError) {
    guard table(id: id) != nil else {
      let known = tables.map(\.id)
      throw InputError(
        .usage, field: field,
        "no reference table '\(id)'; known: \(known.joined(separator: ", "))" + Suggestion.didYouMean(id, among: known))
    }
    if !requestedTableIDs.contains(id) { requestedTableIDs.append(id) }
  }

  /// The same tables with nothing requested: what the default policy uses (FRAX takes the default NHANES III
  /// femoral-neck T-score whatever a person asked for).
  public var withoutRequests: ReferenceLibrary {
    var copy = self
    copy.requestedTableIDs = []
    return copy
  }

  public func table(id: String) -> ReferenceTable? {
    tables.first { $0.id == id }
  }

  public func isRequested(_ table: ReferenceTable) -> Bool {
    requestedTableIDs.contains(table.id)
  }

  /// Whether the engine may use the table now.
  public func isAvailable(_ table: ReferenceTable) -> Bool {
    table.availability == .default || isRequested(table)
  }

  /// Tables to try for a T-score at `site` of a scan by `manufacturer`, as indices into ``tables``: requested ones
  /// first, then, for the spine under the manufacturer rule, the available tables that are that maker's own
  /// database, then the policy's list for the site. Under the manufacturer rule a maker's database never scores
  /// another maker's spine.
  public func tScoreCandidates(site: Site, policy: ScoringPolicy, manufacturer: Manufacturer) -> [Int] {
    // Indices rather than tables: the engine lists candidates for every score, and copying a table is not cheap.
    var candidates: [Int] = []
    let makersFirst = site.isSpine && policy.spineReference == .manufacturer
    for index in requestedIndices where facts[index].givesTScores {
      if makersFirst, let maker = facts[index].manufacturer, maker != manufacturer { continue }
      candidates.appendIfAbsent(index)
    }
    if makersFirst {
      for index in facts.indices
      where facts[index].manufacturer == manufacturer && facts[index].givesTScores && isAvailable(index) {
        candidates.appendIfAbsent(index)
      }
    }
    for id in policy.youngAdultTableIDs(for: site) {
      if let index = index(ofTable: id), isAvailable(index) { candidates.appendIfAbsent(index) }
    }
    return candidates
  }

  /// The policy's tables for `site` that exist but are waiting to be requested, for "no reference" messages.
  public func unrequestedPolicyTables(site: Site, policy: ScoringPolicy) -> [ReferenceTable] {
    policy.youngAdultTableIDs(for: site).compactMap(table(id:)).filter { !isAvailable($0) }
  }

  /// Tables to try for a Z-score, as indices into ``tables``: requested ones first, then every available
  /// age-matched table, by id. For the spine under the manufacturer rule, a maker's database comes right after the
  /// requested tables and is tried only for that maker's scans.
  public func zScoreCandidates(site: Site, policy: ScoringPolicy, manufacturer: Manufacturer) -> [Int] {
    let makersFirst = site.isSpine && policy.spineReference == .manufacturer
    var candidates: [Int] = []
    for index in requestedIndices where facts[index].givesZScores { candidates.appendIfAbsent(index) }
    if makersFirst {
      for index in indicesByID
      where facts[index].givesZScores && isAvailable(index) && facts[index].manufacturer == manufacturer {
        candidates.appendIfAbsent(index)
      }
    }
    for index in indicesByID where facts[index].givesZScores && isAvailable(index) {
      candidates.appendIfAbsent(index)
    }
    guard makersFirst else { return candidates }
    return candidates.filter { facts[$0].manufacturer.map { $0 == manufacturer } ?? true }
  }

  /// The position of a table in ``tables``.
  public func index(ofTable id: String) -> Int? {
    facts.firstIndex { $0.id == id }
  }

  /// Whether the engine may use the table at `index` of ``tables`` now (read without copying the table).
  func isAvailable(_ index: Int) -> Bool {
    facts[index].isDefault || requestedIndices.contains(index)
  }

  /// Whether the table at `index` of ``tables`` can give Z-scores (read without copying the table).
  func givesZScores(_ index: Int) -> Bool { facts[index].givesZScores }

  /// Moves a BMD onto a table's scale with the first conversion set that covers the site and makers.
  public func convert(_ bmd: Fraction, site: Site, from: Manufacturer, to: MeasurementScale)
    throws(ArithmeticOverflow) -> ScaleConversion?
  {
    for set in conversionSets {
      if let conversion = try set.convert(bmd, site: site, from: from, to: to) { return conversion }
    }
    return nil
  }
}

extension Array where Element == Int {
  fileprivate mutating func appendIfAbsent(_ index: Int) {
    if !contains(index) { append(index) }
  }
}

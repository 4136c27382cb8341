import DXACore

extension BillingSuggestions {
  /// The billing section of `dxa-report/1`: the codes with why, the payer check as values and as sentences, notes.
  var json: JSONValue {
    .object([
      ("suggestionsOnly", .bool(true)),
      (
        "procedures",
        .array(
          procedures.map { code in
            .object([
              ("code", .string(code.code)),
              ("modifiers", .array(code.modifiers.map(JSONValue.string))),
              ("description", .string(code.description)),
              ("reason", .string(code.reasonText)),
            ])
          })
      ),
      (
        "diagnoses",
        .array(
          diagnoses.map { code in
            .object([
              ("code", .string(code.code)), ("description", .string(code.description)),
              ("reason", .string(code.reason.text)), ("status", .string(code.status.rawValue)),
              ("coderCompletes", .bool(code.needsCompletion)),
            ])
          })
      ),
      ("payer", coverage.json),
      ("notes", .array(notes.map { .string($0.text) })),
    ])
  }
}

extension PayerCoverage {
  var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("id", .string(payer.rawValue)),
      ("selection", .string(selection.rawValue)),
      ("rulesApplied", .bool(findings != nil)),
      (
        "rules",
        rules.map { rules in
          .object([
            ("id", .string(rules.id.rawValue)), ("name", .string(rules.name)), ("version", .string(rules.version)),
            ("status", .string(rules.status.rawValue)), ("citation", .string(rules.citation)),
            ("siteFile", .bool(rules.isSiteFile)),
          ])
        } ?? .null
      ),
    ]
    let name = rules?.name ?? payer.rawValue
    if let findings {
      members.append(("coveredIndications", findings.coveredIndications.map(\.json) ?? .null))
      members.append(
        ("frequency", findings.frequency.map { $0.json(payer: name, modifiers: findings.modifiers) } ?? .null))
      members.append(
        (
          "coverageExpected",
          .bool(findings.nonCoverage.isEmpty)
        ))
      members.append(
        ("nonCoverageReasons", .array(findings.nonCoverage.map { .string($0.text(payer: name)) })))
      members.append(
        (
          "advanceNotice",
          findings.modifiers.map { modifiers in
            .object([
              ("advised", .bool(findings.isNoticeAdvised)), ("notice", .string(modifiers.notice)),
              ("modifierWithNotice", .string(modifiers.noticeOnFile)),
              ("modifierWithoutNotice", .optionalString(modifiers.noNotice)),
            ])
          } ?? .null
        ))
    }
    members.append(("statements", .array(lines.map { .string("\($0.label): \($0.text)") })))
    return .object(members)
  }
}

extension CoveredIndicationsCheck {
  var json: JSONValue {
    switch self {
    case .documented(let rules):
      return .object([
        ("documented", .array(rules.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) }))
      ])
    case .noneDocumented:
      return .object([("documented", .array([]))])
    }
  }
}

extension FrequencyCheck {
  func json(payer: String, modifiers: PayerModifiers?) -> JSONValue {
    .object([
      ("status", .string(status.rawValue)),
      ("limitMonths", .number(String(limitMonths))),
      ("lastCoveredScan", .optionalString(lastCoveredScan?.description)),
      ("eligibleFrom", .optionalString(eligibleFrom?.description)),
      ("monthsSinceLastCovered", monthsSinceLastCovered.map { .number(String($0)) } ?? .null),
      ("exceptions", .array(exceptions.map { .string($0.label) })),
      ("statement", .string(statement(payer: payer, modifiers: modifiers))),
    ])
  }
}

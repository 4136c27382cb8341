import DXACore

extension BillingSuggestions {
  /// The billing section's lines below its heading: CPT codes with their modifiers, ICD-10-CM codes, the payer's
  /// rules and what they say, then the notes for the coder. Each with why.
  var textLines: [String] {
    var lines: [String] = []
    for code in procedures {
      let modifiers = code.modifiers.isEmpty ? "" : "-" + code.modifiers.joined(separator: "-")
      lines += wrapped(
        "CPT \(code.code)\(modifiers): \(code.description) (\(code.reasonText))", indent: 2, hanging: 4)
    }
    if procedures.isEmpty { lines += wrapped("No CPT code suggested for these sites.", indent: 2) }
    for code in diagnoses {
      lines += wrapped("ICD-10-CM \(code.code): \(code.description) (\(code.reason.text))", indent: 2, hanging: 4)
    }
    for line in coverage.lines { lines += wrapped("\(line.label): \(line.text.withFullStop)", indent: 2, hanging: 4) }
    for note in notes { lines += wrapped("- \(note.text.asSentence)", indent: 2, hanging: 4) }
    return lines
  }
}

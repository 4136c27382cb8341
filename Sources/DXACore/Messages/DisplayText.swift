extension StringProtocol {
  /// The text as it may be shown on a terminal or in a plain-text report: every character that moves the cursor,
  /// drives a terminal or reorders a line is written as an escape instead, so a name or a message can never start a
  /// new line, forge a report section ("DIAGNOSIS … Signed:"), recolour a terminal or run text backwards.
  ///
  /// Escaped: the C0 controls (`\n`, `\r`, `\t`, others as `\u{1B}`), DEL and the C1 controls, the line and paragraph
  /// separators U+2028 and U+2029, and the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E,
  /// U+200F, U+202A–U+202E, U+2066–U+2069). Everything else, backslashes included, is kept as written.
  ///
  ///     "Ann\nDIAGNOSIS: normal".escapedForDisplay()   // Ann\nDIAGNOSIS: normal, on one line
  ///
  /// - Parameter keepingLineBreaks: keep `\n` as a line break, for text whose lines are meant (a physician's
  ///   impression in paragraphs, a summary of several lines); a carriage return is still escaped.
  public func escapedForDisplay(keepingLineBreaks: Bool = false) -> String {
    let text = String(self)
    guard text.unicodeScalars.contains(where: { $0.needsEscapeForDisplay(keepingLineBreaks: keepingLineBreaks) })
    else { return text }
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      guard scalar.needsEscapeForDisplay(keepingLineBreaks: keepingLineBreaks) else {
        escaped.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": escaped += "\\n"
      case "\r": escaped += "\\r"
      case "\t": escaped += "\\t"
      default: escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      }
    }
    return escaped
  }
}

extension Unicode.Scalar {
  fileprivate func needsEscapeForDisplay(keepingLineBreaks: Bool) -> Bool {
    switch value {
    case 0x0A: return !keepingLineBreaks
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
    default: return false
    }
  }
}

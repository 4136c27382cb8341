import DXACore

// Small text helpers the wording and the renderers share.

extension String {
  /// "Femoral neck (left)" → "femoral neck (left)"; vertebra names (L2) and acronyms stay as written.
  var lowercasedFirstWord: String {
    guard let first = first, first.isUppercase, dropFirst().first?.isLowercase == true else { return self }
    return prefix(1).lowercased() + dropFirst()
  }

  /// "low bone mass" → "Low bone mass".
  var capitalizedFirstWord: String { prefix(1).uppercased() + dropFirst() }

  /// A clause after a label ("Frequency: …"): as written, with a closing full stop.
  var withFullStop: String { [".", "!", "?"].contains(last) || isEmpty ? self : self + "." }

  /// A statement as a sentence: capital first letter, closing full stop.
  var asSentence: String {
    guard !isEmpty else { return self }
    let capitalised = capitalizedFirstWord
    return [".", "!", "?"].contains(capitalised.last) ? capitalised : capitalised + "."
  }
}

extension ExactDecimal {
  /// "+0.4" or "-0.4".
  var signedText: String { significand > 0 ? "+\(self)" : description }
}

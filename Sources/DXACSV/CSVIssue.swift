/// What is wrong with a record's CSV (not its values): the row is an error, the file goes on.
package enum CSVIssue: Sendable, Equatable {
  /// A quote inside an unquoted field (`a"b`): kept as a character.
  case strayQuote(field: Int)
  /// A field opens with a quote that no closing quote (followed by a comma or a line end, within the record limit)
  /// closes: the quote is kept as a character and the record ends at its line end, so one stray quote never
  /// swallows the rows after it.
  case unclosedQuote(field: Int)
  /// The record is longer than the record limit: its bytes are not kept, so memory stays flat.
  case tooLong

  /// The field at fault (0-based), when there is one.
  package var field: Int? {
    switch self {
    case .strayQuote(let field), .unclosedQuote(let field): return field
    case .tooLong: return nil
    }
  }

  /// What is wrong, for the person fixing the file: no value is quoted.
  package func message(recordLimit: Int) -> String {
    switch self {
    case .strayQuote:
      return "a quote inside an unquoted field; quote the whole field and double its quotes (\"\")"
    case .unclosedQuote:
      return "a quoted field is not closed (no closing quote followed by a comma or a line end within "
        + "\(grouped(recordLimit)) bytes); the record was read to the end of its line"
    case .tooLong:
      return "the record is longer than \(grouped(recordLimit)) bytes; it was not read"
    }
  }

  private func grouped(_ value: Int) -> String {
    var digits = Array(String(value))
    var index = digits.count - 3
    while index > 0 {
      digits.insert(",", at: index)
      index -= 3
    }
    return String(digits)
  }
}

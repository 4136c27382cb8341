import DXACore
import Foundation

/// Text layout shared by the people-facing outputs: 80 columns, labels on the left, values wrapped beside them.

/// `g/cm²` for `g/cm2`, as people write units.
package func displayUnits(_ units: String) -> String {
  units.replacingOccurrences(of: "cm2", with: "cm²")
}

/// The lines of a text output for people (a report, a table, a study), each ending with a newline and each shown with
/// its control characters escaped: a name or a title read from a file can never add a line or drive the terminal.
package func textOutput(_ lines: [String]) -> String {
  lines.map { $0.escapedForDisplay() }.joined(separator: "\n") + "\n"
}

/// Wraps text at 80 columns, indented. Control characters in the text (a name, a note from a file) are shown
/// escaped, so a value can never start a line of its own.
package func wrapped(_ text: String, indent: Int, hanging: Int? = nil) -> [String] {
  let text = text.escapedForDisplay()
  var lines: [String] = []
  var current = String(repeating: " ", count: indent)
  var hasWord = false
  for word in text.split(separator: " ") {
    if hasWord && current.count + 1 + word.count > 80 {
      lines.append(current)
      current = String(repeating: " ", count: hanging ?? indent) + word
    } else {
      current += (hasWord ? " " : "") + word
    }
    hasWord = true
  }
  lines.append(current)
  return lines
}

/// `label` indented two spaces, `value` from `column`, wrapped at 80 with its continuation lines aligned.
package func labelled(_ label: String, _ value: String, column: Int) -> [String] {
  var rows = wrapped(value, indent: column)
  let prefix = "  " + label.padding(toLength: column - 2, withPad: " ", startingAt: 0)
  rows[0] = prefix + rows[0].dropFirst(column)
  return rows
}

import Foundation

/// Text layout shared by the people-facing outputs: 80 columns, labels on the left, values wrapped beside them.

/// `g/cm²` for `g/cm2`, as people write units.
package func displayUnits(_ units: String) -> String {
  units.replacingOccurrences(of: "cm2", with: "cm²")
}

/// Wraps text at 80 columns, indented.
package func wrapped(_ text: String, indent: Int, hanging: Int? = nil) -> [String] {
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

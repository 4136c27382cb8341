/// "Did you mean …?": the known word a mistyped one was most likely meant to be.
public enum Suggestion {
  /// The candidate closest to `typed`, when it is close enough to be a slip of the keyboard and no other candidate is
  /// as close; nil otherwise. Case is ignored, and two swapped neighbouring letters count as one slip.
  ///
  /// How many slips are allowed grows with the length of what was typed: one for up to 3 characters, two for up to
  /// 8, three beyond. So `fromat` suggests `format`, `scroe` suggests `score`, `jsno` suggests `json`, but `hip`
  /// (a region name, not a typo of `l1`) and `l5` (as close to `l1` as to `l4`) suggest nothing.
  ///
  ///     Suggestion.closest(to: "fromat", among: ["format", "output"])   // "format"
  public static func closest(to typed: String, among candidates: some Sequence<String>) -> String? {
    let word = Array(typed.lowercased().unicodeScalars)
    let allowed = word.count <= 3 ? 1 : word.count <= 8 ? 2 : 3
    var best: (candidate: String, distance: Int)?
    var isTied = false
    for candidate in candidates where candidate != typed {
      let other = Array(candidate.lowercased().unicodeScalars)
      // Words whose lengths differ by more than the allowance are never close: skip the table.
      guard abs(other.count - word.count) <= allowed else { continue }
      let distance = editDistance(word, other)
      guard distance <= allowed else { continue }
      if let current = best, distance >= current.distance {
        if distance == current.distance && candidate != current.candidate { isTied = true }
        continue
      }
      best = (candidate, distance)
      isTied = false
    }
    return isTied ? nil : best?.candidate
  }

  /// `; did you mean 'x'?` when `typed` is a near miss of one of `candidates` (see ``closest(to:among:)``), else an
  /// empty string: the ending of a message, so every "did you mean" is worded the same.
  public static func didYouMean(_ typed: String, among candidates: [String], prefix: String = "") -> String {
    guard let suggestion = closest(to: typed, among: candidates) else { return "" }
    return "; did you mean '\(prefix)\(suggestion)'?"
  }

  /// The optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours.
  ///
  /// - Complexity: O(m × n) for words of m and n scalars; used on option names and short values only.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }
}

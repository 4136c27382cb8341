/// A set of lumbar vertebrae (L1–L4) used together for the spine value, such as L2–L4 or the non-contiguous L1, L3
/// that ISCD 2023 allows. Each combination has its own precision figure and least significant change.
public struct VertebralSet: Hashable, Sendable, CustomStringConvertible {
  /// The vertebrae, in order from L1 to L4, without repeats.
  public let members: [Site]

  /// L1–L4, the default lumbar spine region.
  public static let all = VertebralSet(checked: [.l1, .l2, .l3, .l4])

  private init(checked members: [Site]) { self.members = members }

  /// Nil when `vertebrae` is empty or holds anything but L1–L4 (repeats are dropped, order does not matter).
  public init?(_ vertebrae: [Site]) {
    let ordered = VertebralSet.all.members.filter { vertebrae.contains($0) }
    guard !ordered.isEmpty, vertebrae.allSatisfy(VertebralSet.all.members.contains) else { return nil }
    self.members = ordered
  }

  /// Reads "l2-l4", "L2–L4", "l1,l3", "L1, L2, L4" or "l1-l2,l4"; nil when the text names anything else.
  public init?(label: String) {
    var found: [Site] = []
    for part in label.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
      let bounds = part.split(whereSeparator: { $0 == "-" || $0 == "–" }).map {
        $0.trimmingCharacters(in: " ")
      }
      guard (1...2).contains(bounds.count),
        let first = bounds.first.flatMap({ Site(rawValue: $0) }),
        let last = bounds.last.flatMap({ Site(rawValue: $0) }),
        let from = VertebralSet.all.members.firstIndex(of: first),
        let to = VertebralSet.all.members.firstIndex(of: last), from <= to
      else { return nil }
      found += VertebralSet.all.members[from...to]
    }
    self.init(found)
  }

  /// How reports name it: "L1–L4", "L2–L3", "L1, L3", "L1–L2, L4".
  public var label: String {
    var runs: [[Site]] = []
    let order = VertebralSet.all.members
    for vertebra in members {
      if let previous = runs.last?.last, let index = order.firstIndex(of: previous),
        index + 1 < order.count, order[index + 1] == vertebra
      {
        runs[runs.count - 1].append(vertebra)
      } else {
        runs.append([vertebra])
      }
    }
    return runs.map { run in
      run.count == 1 ? run[0].displayName : "\(run[0].displayName)–\(run[run.count - 1].displayName)"
    }.joined(separator: ", ")
  }

  /// The machine form used in JSON and CSV: "l1-l4", "l1,l3".
  public var identifier: String {
    String(label.lowercased().replacing("–", with: "-").filter { $0 != " " })
  }

  public var description: String { label }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    String(drop(while: { $0 == set }).reversed().drop(while: { $0 == set }).reversed())
  }
}

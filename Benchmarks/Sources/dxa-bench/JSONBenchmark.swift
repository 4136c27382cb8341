import DXACore
import Foundation

/// The JSON reader on one object with many keys (`--json`): the reader must stay linear in the number of keys, as
/// every exam, facility, reference and map file goes through it. Times one object of `keys` keys and one of four times
/// as many, best of three runs each, and fails (exit 1) when the first takes longer than `bound` seconds or the second
/// more than eight times as long as the first (a linear reader takes four times as long, a quadratic one sixteen; the
/// margin absorbs caches and a shared machine).
enum JSONBenchmark {
  /// `{"key-0": 0.100, "key-1": 0.101, …}`: distinct keys, numbers kept as written.
  static func object(keys: Int) -> String {
    var text = "{"
    text.reserveCapacity(keys * 20)
    for index in 0..<keys {
      if index > 0 { text += ",\n" }
      text += "\"key-\(index)\": 0.\(100 + index % 900)"
    }
    return text + "}"
  }

  /// The best of three parses of `text`, in seconds, and the number of members read.
  static func time(_ text: String) throws -> (seconds: Double, members: Int) {
    var best = Double.infinity
    var members = 0
    for _ in 0..<3 {
      let start = DispatchTime.now()
      let value = try JSONValue.parse(text)
      best = min(best, seconds(start))
      guard case .object(let parsed) = value else { throw JSONSyntaxError(line: 1, column: 1, message: "no object") }
      members = parsed.count
    }
    return (best, members)
  }

  static func run(keys: Int, bound: Double) throws -> Bool {
    var times: [Double] = []
    for count in [keys, 4 * keys] {
      let text = object(keys: count)
      let (elapsed, members) = try time(text)
      guard members == count else {
        print("json: \(members) members read from an object of \(count) keys")
        return false
      }
      times.append(elapsed)
      print(
        "json: \(count) keys (\(format(Double(text.utf8.count) / 1e6, 1)) MB) parsed in \(format(elapsed, 3)) s "
          + "(best of 3): \(format(Double(text.utf8.count) / elapsed / 1e6, 1)) MB/s, \(members) members")
    }
    let ratio = times[1] / times[0]
    let withinBound = times[0] <= bound
    let linear = ratio <= 8
    print(
      "json: \(keys) keys in \(format(times[0], 3)) s, bound \(format(bound, 3)) s: \(withinBound ? "within" : "OVER THE BOUND"); "
        + "four times the keys took \(format(ratio, 2))× as long: \(linear ? "linear" : "NOT LINEAR")")
    return withinBound && linear
  }
}

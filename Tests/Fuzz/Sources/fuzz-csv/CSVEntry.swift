import DXABatch
import DXACore

/// The thin entry point to the CSV scanners: the one place to repoint when the scanners change. Today there are two,
/// the batch scanner (reached through the batch engine, which is its only public door) and the small reader that
/// `dxa precision` uses; the fuzz target only calls this.
enum CSVEntry {
  /// Reads `bytes` as a precision study file would be read.
  static func readStudy(_ bytes: [UInt8]) {
    _ = try? CSVTable(text: String(decoding: bytes, as: UTF8.self))
  }
}

import DXABatch
import DXACore

/// The thin entry point to the CSV scanners: the one place to repoint when the scanners change. Today there are two:
/// the batch's byte-level scanner, through `CSVRecords` (its `package` door, which the importers use; this package
/// compiles DXABatch itself, so it may call it), and the small reader `dxa precision` uses. The fuzz target also runs
/// the whole batch engine on the same bytes.
enum CSVEntry {
  static func scan(_ bytes: [UInt8]) {
    _ = CSVRecords.split(bytes)
    _ = try? CSVTable(text: String(decoding: bytes, as: UTF8.self))
  }
}

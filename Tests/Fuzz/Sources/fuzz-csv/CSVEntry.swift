import DXACSV

/// The thin entry point to the CSV scanner: the one place to repoint when it changes. The one scanner (DXACSV, a
/// `package` module, which this package compiles itself and so may call) reads the bytes whole, as precision studies
/// and the importers read files, once with the default record limit and once with a limit of 64 bytes so that
/// over-long records are met often. The fuzz target also runs the whole batch engine on the same bytes.
enum CSVEntry {
  static func scan(_ bytes: [UInt8]) {
    _ = try? CSVTable(bytes: bytes)
    _ = try? CSVTable(bytes: bytes, recordLimit: 64)
  }
}

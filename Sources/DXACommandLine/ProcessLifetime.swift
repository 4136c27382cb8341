/// Objects a command keeps until the process ends, when `dxa` runs as a process.
///
/// Freeing a batch's scoring setup (a few thousand templates, their texts and the reference tables) one object at a
/// time took about 25 million instructions at the end of a 1,000,000-row run, on one thread, just before `exit(3)`
/// would have returned the memory at once. In-process callers (the tests) keep nothing: their objects are freed as
/// usual.
enum ProcessLifetime {
  // Set once by `DXA.runAsProcess` before any command runs, and read and appended to on the main thread only.
  nonisolated(unsafe) private static var isProcess = false
  nonisolated(unsafe) private static var kept: [AnyObject] = []

  static func startProcess() { isProcess = true }

  /// Keeps `object` alive until the process exits, when running as a process.
  static func keepUntilExit(_ object: AnyObject) {
    if isProcess { kept.append(object) }
  }
}

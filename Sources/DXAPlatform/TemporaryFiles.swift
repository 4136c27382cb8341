import Glibc
import Synchronization

/// Temporary files that a signal must not leave behind: an output being written under a temporary name is
/// registered until it is renamed into place or removed.
///
/// SIGINT, SIGTERM and SIGHUP remove every registered file, then end the process with the same signal (so the
/// shell sees what killed it). The handler only reads a fixed table and calls `unlink(2)`, which is safe in a
/// signal handler; the paths it holds are never freed, so it never reads released memory.
package enum TemporaryFiles {
  private static let capacity = 64
  /// Each slot holds the address of a C string (a registered path) or 0.
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<Atomic<Int>> = {
    let slots = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: capacity)
    for index in 0..<capacity { (slots + index).initialize(to: Atomic(0)) }
    return slots
  }()

  /// A registration, for ``unregister(_:)``; nil when the table is full (the file is then only removed on errors).
  package struct Registration: Sendable {
    fileprivate let slot: Int
  }

  /// Registers `path` before the file is created, so no moment exists when a signal could leave it.
  package static func register(_ path: String) -> Registration? {
    guard let copy = strdup(path) else { return nil }
    let address = Int(bitPattern: copy)
    for slot in 0..<capacity {
      if slots[slot].compareExchange(expected: 0, desired: address, ordering: .sequentiallyConsistent).exchanged {
        return Registration(slot: slot)
      }
    }
    free(copy)
    return nil
  }

  /// The file was renamed or removed: a signal no longer concerns it. The path's copy is kept (see above).
  package static func unregister(_ registration: Registration?) {
    guard let registration else { return }
    slots[registration.slot].store(0, ordering: .sequentiallyConsistent)
  }

  /// Removes every registered file: called by the signal handler, and safe to call from one.
  static func removeAll() {
    for slot in 0..<capacity {
      let address = slots[slot].load(ordering: .sequentiallyConsistent)
      if let path = UnsafePointer<CChar>(bitPattern: address) { unlink(path) }
    }
  }

  /// Installs the handler for SIGINT, SIGTERM and SIGHUP (a signal the process was started ignoring, as under
  /// `nohup`, stays ignored; one it was started with blocked, as some launchers leave them, is unblocked so it
  /// is not held back forever), and ignores SIGPIPE so that writing to a closed pipe is an error DXA reports (exit
  /// 74) rather than a silent death.
  package static func installSignalHandlers() {
    _ = slots
    var handled = sigset_t()
    sigemptyset(&handled)
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      sigaddset(&handled, signalNumber)
      var current = sigaction()
      sigaction(signalNumber, nil, &current)
      if unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
        continue
      }
      var action = sigaction()
      action.__sigaction_handler.sa_handler = removeAndRaise
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_RESTART
      sigaction(signalNumber, &action, nil)
    }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    signal(SIGPIPE, SIG_IGN)
  }
}

/// Removes the registered files, restores the default action and raises the signal again: the process ends as if
/// the signal had not been caught, minus the temporary files.
private func removeAndRaise(_ signalNumber: Int32) {
  TemporaryFiles.removeAll()
  signal(signalNumber, SIG_DFL)
  raise(signalNumber)
}

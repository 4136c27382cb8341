import DXAPlatform
import Synchronization

/// Runs `body(piece, worker)` for pieces `0..<pieces` on `jobs` threads (the calling one included, as worker 0),
/// each taking the next piece as it finishes one; returns when all are done. `worker` says which thread runs the
/// piece, so per-thread state (a row processor) is never shared.
///
/// Plain threads rather than `DispatchQueue.concurrentPerform`: measured on this project's 2-core Linux machines,
/// `concurrentPerform` kept the second core mostly idle (1.2× on 2 cores), two threads gave 1.7×.
///
/// A thread that cannot be started (the system is out of threads or memory) does not leave the run waiting: the
/// threads that did start and the calling one finish every piece, then the failure is thrown, and the run fails.
enum ParallelPieces {
  /// Starts a helper thread; a parameter so tests can make starting fail.
  typealias ThreadStarter = @Sendable (@escaping @Sendable () -> Void) throws(Errno) -> PlatformThread

  static let startThread: ThreadStarter = { body throws(Errno) in try PlatformThread.start(stackSize: 1 << 20, body) }

  static func run(
    pieces: Int, jobs: Int, startThread: ThreadStarter = startThread,
    _ body: @escaping @Sendable (_ piece: Int, _ worker: Int) -> Void
  ) throws(ThreadFailure) {
    let helperCount = min(jobs, pieces) - 1
    guard helperCount > 0 else {
      for piece in 0..<pieces { body(piece, 0) }
      return
    }
    let next = PieceCounter()
    let work: @Sendable (Int) -> Void = { worker in
      while true {
        let piece = next.value.add(1, ordering: .relaxed).oldValue
        guard piece < pieces else { return }
        body(piece, worker)
      }
    }
    var helpers: [PlatformThread] = []
    var failure: ThreadFailure?
    for index in 0..<helperCount {
      do {
        helpers.append(try startThread { work(index + 1) })
      } catch {
        failure = ThreadFailure(started: index + 1, wanted: helperCount + 1, reason: error)
        break
      }
    }
    work(0)
    for helper in helpers { helper.join() }
    if let failure { throw failure }
  }
}

/// A worker thread could not be started.
struct ThreadFailure: Error, Equatable {
  /// Threads running, the calling one included, when the next one failed to start.
  var started: Int
  var wanted: Int
  var reason: Errno

  var message: String {
    "cannot start thread \(started + 1) of \(wanted): \(reason); use a smaller --jobs"
  }
}

private final class PieceCounter: Sendable {
  let value = Atomic<Int>(0)
}

import DXAPlatform
import Foundation

/// Long-lived threads that run tasks as they are queued, and the queue they take them from.
///
/// One pool serves a whole run: its threads start once; a batch run queues one task per thread, which reads, scores
/// and writes rounds until the input ends, so a run of any size starts `jobs` threads. `NSCondition` (a pthread mutex and condition
/// variable, which ThreadSanitizer understands) guards the queue.
final class WorkerPool: @unchecked Sendable {
  /// Starts a thread; a parameter so tests can make starting fail.
  typealias ThreadStarter = @Sendable (@escaping @Sendable () -> Void) throws(Errno) -> PlatformThread

  static let startThread: ThreadStarter = { body throws(Errno) in try PlatformThread.start(stackSize: 1 << 20, body) }

  /// One task, run on one of the pool's threads.
  typealias Task = () -> Void

  private let condition = NSCondition()
  // Guarded by `condition`.
  private var tasks: [Task?] = []
  private var head = 0
  private var isClosed = false
  private var threads: [PlatformThread] = []

  /// Starts `count` threads; if one cannot be started, the started ones are stopped and the failure thrown.
  init(count: Int, startThread: ThreadStarter = WorkerPool.startThread) throws(ThreadFailure) {
    for index in 0..<count {
      do {
        threads.append(try startThread { [unowned self] in self.work() })
      } catch {
        finish()
        throw ThreadFailure(started: index, wanted: count, reason: error)
      }
    }
  }

  /// Queues tasks; they run in queue order as threads become free.
  func submit(_ newTasks: [Task]) {
    condition.lock()
    tasks += newTasks.map(Optional.some)
    condition.broadcast()
    condition.unlock()
  }

  /// Lets the threads end once the queue is empty, and waits for them.
  func finish() {
    condition.lock()
    isClosed = true
    condition.broadcast()
    condition.unlock()
    for thread in threads { thread.join() }
    threads = []
  }

  private func work() {
    while let task = next() { task() }
  }

  private func next() -> Task? {
    condition.lock()
    defer { condition.unlock() }
    while head == tasks.count && !isClosed { condition.wait() }
    guard head < tasks.count else { return nil }
    let task = tasks[head]
    tasks[head] = nil
    head += 1
    if head == tasks.count {
      tasks.removeAll(keepingCapacity: true)
      head = 0
    }
    return task
  }
}

/// A thread could not be started.
struct ThreadFailure: Error, Equatable {
  /// Threads running, the calling one included, when the next one failed to start.
  var started: Int
  var wanted: Int
  var reason: Errno

  var message: String {
    "cannot start thread \(started + 1) of \(wanted): \(reason); use a smaller --jobs"
  }
}

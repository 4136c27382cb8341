import Glibc

/// A thread started with `pthread_create(3)`, which reports failure (EAGAIN when the system has no room for
/// another thread) instead of leaving the caller waiting for a thread that never ran.
package final class PlatformThread: @unchecked Sendable {
  private let handle: pthread_t
  private var isJoined = false

  private init(handle: pthread_t) { self.handle = handle }

  /// Starts `body` on a new thread with a stack of `stackSize` bytes.
  package static func start(stackSize: Int = 1 << 20, _ body: @escaping @Sendable () -> Void) throws(Errno)
    -> PlatformThread
  {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, stackSize)
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var handle = pthread_t()
    let result = pthread_create(
      &handle, &attributes,
      { context in
        guard let context else { return nil }
        Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
        return nil
      }, context)
    guard result == 0 else {
      Unmanaged<ThreadBody>.fromOpaque(context).release()
      throw Errno(rawValue: result)
    }
    return PlatformThread(handle: handle)
  }

  /// Waits for the thread to finish.
  package func join() {
    guard !isJoined else { return }
    isJoined = true
    pthread_join(handle, nil)
  }
}

private final class ThreadBody: Sendable {
  let body: @Sendable () -> Void
  init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

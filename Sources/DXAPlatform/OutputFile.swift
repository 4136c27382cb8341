import Glibc

/// An output being written: the one writer of DXA, for every command and every output option.
///
/// A regular file is written to `NAME.partial-PID` in the target's folder, synchronised (`fsync`) and renamed over
/// the target by ``commit()`` (then the folder is synchronised too), so the old file stays whole until the new one
/// is complete and a reader never sees half a file. A large file is handed to the disk in steps as it is written
/// (``writebackStep``), so that the `fsync` waits for the last step only. The temporary file takes the old file's permissions (and owner,
/// where allowed). ``discard()`` (or `deinit` without a commit) removes it; so does SIGINT, SIGTERM or SIGHUP
/// (``TemporaryFiles``). Standard output, devices and FIFOs are written in place. Every write is checked: a full
/// disk, a closed pipe or a bad descriptor is a ``FileError/Kind/io`` naming the output, never a crash.
package final class OutputFile: @unchecked Sendable {
  package let target: OutputTarget
  private var descriptor: FileDescriptor?
  private var temporary: String?
  private var registration: TemporaryFiles.Registration?
  private var isFinished = false
  /// Bytes written so far, and how many of them the disk has been asked to take (``writebackStep``).
  private var written = 0
  package private(set) var handedToDisk = 0

  /// A temporary file's written bytes are handed to the disk in steps of this size as they come, so the `fsync`
  /// in ``commit()`` waits for the last step only, not for the whole file.
  static let writebackStep = 8 << 20

  /// Opens the output: the temporary file beside a regular file, or the device, FIFO or descriptor itself.
  package init(_ target: OutputTarget) throws(FileError) {
    self.target = target
    switch target.destination {
    case .descriptor(let descriptor):
      self.descriptor = descriptor
    case .inPlace(let path):
      do {
        descriptor = try FileDescriptor.open(path, O_WRONLY)
      } catch {
        throw FileError(.cannotCreate, target.name, "cannot be opened: \(error)")
      }
    case .replace(let path, let existing):
      try createTemporary(beside: path, existing: existing)
    }
  }

  /// Resolves and opens `path` in one step.
  package convenience init(path: String) throws(FileError) {
    try self.init(OutputTarget.resolve(path))
  }

  deinit { discard() }

  private func createTemporary(beside path: String, existing: FileStatus?) throws(FileError) {
    let base = "\(path).partial-\(getpid())"
    for attempt in 0..<100 {
      let candidate = attempt == 0 ? base : "\(base)-\(attempt)"
      let registration = TemporaryFiles.register(candidate)
      do {
        let opened = try FileDescriptor.open(candidate, O_WRONLY | O_CREAT | O_EXCL)
        descriptor = opened
        temporary = candidate
        self.registration = registration
        if let existing {
          // The replacement keeps the old file's permissions and, where the process may, its owner.
          fchmod(opened.rawValue, existing.permissions)
          if existing.owner != geteuid() || existing.group != getegid() {
            _ = fchown(opened.rawValue, existing.owner, existing.group)
          }
        }
        return
      } catch {
        TemporaryFiles.unregister(registration)
        if error == .fileExists { continue }
        throw FileError(.cannotCreate, target.name, "cannot be created: \(error)")
      }
    }
    throw FileError(.cannotCreate, target.name, "cannot be created: \(Errno.fileExists)")
  }

  /// Writes every byte or throws ``FileError/Kind/io`` (ENOSPC, EPIPE, EBADF, EIO …).
  package func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
    guard let descriptor, !isFinished else { throw FileError(.io, target.name, "written after it was closed") }
    do {
      try descriptor.writeAll(bytes)
    } catch {
      throw FileError(.io, target.name, "cannot be written: \(error)")
    }
    written += bytes.count
    if temporary != nil, written - handedToDisk >= Self.writebackStep {
      descriptor.startWriteback(offset: handedToDisk, count: written - handedToDisk)
      handedToDisk = written
    }
  }

  package func write(_ bytes: [UInt8]) throws(FileError) {
    var failure: FileError?
    bytes.withUnsafeBytes { raw in
      do throws(FileError) { try write(raw) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  package func write(_ text: String) throws(FileError) {
    try write(Array(text.utf8))
  }

  /// Finishes the output: synchronises and renames a temporary file over its target, closes a device. After a
  /// failure nothing of the new output is left and the old file is as it was.
  package func commit() throws(FileError) {
    guard !isFinished, let descriptor else { return }
    switch target.destination {
    case .descriptor:
      isFinished = true
    case .inPlace:
      isFinished = true
      self.descriptor = nil
      do { try descriptor.close() } catch { throw FileError(.io, target.name, "cannot be written: \(error)") }
    case .replace(let path, _):
      guard let temporary else { return }
      do {
        try descriptor.synchronize()
        self.descriptor = nil
        try descriptor.close()
      } catch {
        discard()
        throw FileError(.io, target.name, "cannot be written: \(error)")
      }
      guard rename(temporary, path) == 0 else {
        let error = Errno.current
        discard()
        throw FileError(.io, target.name, "cannot be renamed into place: \(error)")
      }
      isFinished = true
      TemporaryFiles.unregister(registration)
      self.temporary = nil
      Self.synchronizeFolder(of: path)
    }
  }

  /// Abandons the output: removes the temporary file (the target is untouched) or closes the device.
  package func discard() {
    guard !isFinished else { return }
    isFinished = true
    if case .descriptor = target.destination {
    } else {
      try? descriptor?.close()
    }
    descriptor = nil
    if let temporary {
      unlink(temporary)
      TemporaryFiles.unregister(registration)
      self.temporary = nil
    }
  }

  /// Makes a rename durable: `fsync` on the folder (best effort; some file systems refuse it).
  private static func synchronizeFolder(of path: String) {
    guard let folder = try? FileDescriptor.open(PathNames.split(path).folder, O_RDONLY | O_DIRECTORY) else { return }
    try? folder.synchronize()
    try? folder.close()
  }

  /// Writes `bytes` to `target` whole: the report, the facility file, a command's text.
  package static func write(_ bytes: [UInt8], to target: OutputTarget) throws(FileError) {
    let output = try OutputFile(target)
    try output.write(bytes)
    try output.commit()
  }
}

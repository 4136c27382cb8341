import Glibc

/// What `stat(2)` says about a file: its kind, identity, permissions, owner and size.
package struct FileStatus: Sendable, Equatable {
  package enum Kind: Sendable, Equatable {
    case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, unknown
  }

  package let kind: Kind
  package let identity: FileIdentity
  /// Permission bits (`0o644`), set-id and sticky bits included.
  package let permissions: mode_t
  package let owner: uid_t
  package let group: gid_t
  package let size: Int

  init(_ status: stat) {
    switch status.st_mode & S_IFMT {
    case S_IFREG: kind = .regular
    case S_IFDIR: kind = .directory
    case S_IFIFO: kind = .fifo
    case S_IFCHR: kind = .characterDevice
    case S_IFBLK: kind = .blockDevice
    case S_IFSOCK: kind = .socket
    case S_IFLNK: kind = .symbolicLink
    default: kind = .unknown
    }
    identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    permissions = status.st_mode & 0o7777
    owner = status.st_uid
    group = status.st_gid
    size = Int(status.st_size)
  }

  /// `stat(2)` (following links) or `lstat(2)` (the link itself).
  package static func of(_ path: String, followingLinks: Bool = true) throws(Errno) -> FileStatus {
    var status = stat()
    _ = try retryingOnInterrupt { followingLinks ? stat(path, &status) : lstat(path, &status) }
    return FileStatus(status)
  }
}

/// A file's identity: two paths name the same file exactly when device and inode agree (hard links, symbolic
/// links, `./a` and `a`, `/dev/stdin` redirected from the file).
package struct FileIdentity: Hashable, Sendable {
  package let device: UInt64
  package let inode: UInt64
}

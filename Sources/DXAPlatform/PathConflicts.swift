import Glibc

/// The paths one command reads and writes, checked against each other before anything is read or written: an
/// output must not be an input (by device and inode where the file exists, so `./a.csv`, a link or a hard link to
/// an input are caught), two outputs must not be one file, and standard input can be read only once.
package struct PathConflicts {
  /// An input or output as the command line names it: the option (`--prior`, `<exam.json>`) and the path.
  package struct Named: Sendable {
    package var option: String
    package var path: String

    package init(_ option: String, _ path: String) {
      self.option = option
      self.path = path
    }
  }

  /// Throws ``FileError/Kind/conflict`` for the first clash; returns the outputs resolved, in order.
  package static func check(inputs: [Named], outputs: [Named]) throws(FileError) -> [OutputTarget] {
    var standardInput: Named?
    var seenInputs: [(Named, Place)] = []
    for input in inputs {
      if input.path == "-" || PathNames.descriptor(named: input.path) == .standardInput {
        if let first = standardInput {
          throw FileError(
            .conflict, "standard input",
            "given for both \(first.option) and \(input.option); it can be read only once")
        }
        standardInput = input
      }
      seenInputs.append((input, place(ofInput: input.path)))
    }
    var targets: [OutputTarget] = []
    var seenOutputs: [(Named, Place)] = []
    for output in outputs {
      let target = try OutputTarget.resolve(output.path)
      let outputPlace = place(of: target)
      for (input, inputPlace) in seenInputs where outputPlace.clashes(with: inputPlace) {
        throw FileError(
          .conflict, target.name,
          "\(output.option) names the same file as the input \(input.option); write the output elsewhere")
      }
      for (other, otherPlace) in seenOutputs where outputPlace.clashes(with: otherPlace) {
        throw FileError(
          .conflict, target.name, "given for both \(other.option) and \(output.option); each output needs its own file")
      }
      seenOutputs.append((output, outputPlace))
      targets.append(target)
    }
    return targets
  }

  /// Where a path leads: an existing file's identity, or the absolute path of one that does not exist yet.
  /// Devices and FIFOs never clash (reading and writing one in place destroys nothing), except a descriptor
  /// written twice.
  enum Place: Equatable {
    case file(FileIdentity)
    case newFile(String)
    case descriptor(FileDescriptor)
    case harmless

    func clashes(with other: Place) -> Bool {
      switch (self, other) {
      case (.harmless, _), (_, .harmless): return false
      default: return self == other
      }
    }
  }

  static func place(ofInput path: String) -> Place {
    if path == "-" { return place(of: .standardInput) }
    if let descriptor = PathNames.descriptor(named: path) { return place(of: descriptor) }
    guard let status = try? FileStatus.of(path) else { return .newFile(absolute(path)) }
    return status.kind == .regular ? .file(status.identity) : .harmless
  }

  static func place(of target: OutputTarget) -> Place {
    switch target.destination {
    case .descriptor(let descriptor):
      // Standard output redirected to a file (`>> in.csv`) is that file.
      if let status = try? descriptor.status(), status.kind == .regular { return .file(status.identity) }
      return .descriptor(descriptor)
    case .inPlace: return .harmless
    case .replace(_, let existing?): return .file(existing.identity)
    case .replace(let path, nil): return .newFile(absolute(path))
    }
  }

  private static func place(of descriptor: FileDescriptor) -> Place {
    guard let status = try? descriptor.status() else { return .harmless }
    return status.kind == .regular ? .file(status.identity) : .harmless
  }

  /// The path made absolute through its folder's real path, for files that do not exist yet.
  static func absolute(_ path: String) -> String {
    let (folder, name) = PathNames.split(path)
    guard let real = realpath(folder, nil) else { return path }
    defer { free(real) }
    let resolved = String(cString: real)
    return resolved == "/" ? "/" + name : resolved + "/" + name
  }
}

import DXACore
import DXAReferenceData

/// The shipped tables, parsed once per process.
enum ShippedLibrary {
  static func load() throws -> ReferenceLibrary {
    do {
      return try ShippedReferences.library()
    } catch {
      // The tests parse every shipped file, so this is a defect in the build, not the user's input.
      throw CommandFailure(.internalError, "shipped reference data is invalid: \(error)")
    }
  }
}

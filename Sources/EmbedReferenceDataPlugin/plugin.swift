import Foundation
import PackagePlugin

/// Compiles every `.json` file under the package's `reference-data/` folder into the target that uses this plugin,
/// so the shipped binary needs no files beside it and the folder stays the one source of truth.
@main
struct EmbedReferenceDataPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL.appending(path: "reference-data")
    let files = try jsonFiles(under: root)
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedReferenceFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(files.count) reference-data files",
        executable: try context.tool(named: "EmbedReferenceData").url,
        arguments: [output.path, root.path] + files.map(\.path),
        inputFiles: files,
        outputFiles: [output]
      )
    ]
  }

  private func jsonFiles(under root: URL) throws -> [URL] {
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
    return walker.compactMap { $0 as? URL }
      .filter { $0.pathExtension == "json" }
      .sorted { $0.path < $1.path }
  }
}

import Foundation
import Testing

/// The README's cluster recipes are the code that `Benchmarks/spark/run.sh` runs, word for word.
@Suite("The README's Spark recipe and the benchmark that runs it")
struct ClusterRecipeTests {
  static let script = repositoryRoot.appending(path: "Benchmarks/spark/dxa_spark.py")

  /// The text between the script's markers.
  static func recipe() throws -> String {
    let text = try String(contentsOf: script, encoding: .utf8)
    let start = "# The README recipe, word for word (a test compares the two).\n"
    let end = "# End of the README recipe.\n"
    guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex)
    else { return "" }
    return String(text[from.upperBound..<to.lowerBound])
  }

  @Test("the README's Spark recipe is the benchmark script's code")
  func sparkRecipe() throws {
    let recipe = try Self.recipe()
    #expect(recipe.contains("lines.pipe(command, checkCode=True)"))
    #expect(recipe.contains("\"--skip-header\", \"--exit-zero-on-row-errors\""))
    let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
    #expect(readme.contains("```python\n" + recipe + "```\n"))
  }

  @Test("the Spark benchmark's NHANES map is the README's (and the one the wide-layout tests run)")
  func sparkMap() throws {
    let map = try String(
      contentsOf: repositoryRoot.appending(path: "Benchmarks/spark/nhanes-femur.json"), encoding: .utf8)
    #expect(map == nhanesMap + "\n")
  }
}

// swift-tools-version:6.2
import PackageDescription

// DXA: exact bone-density scores, classification and reports. No package dependencies by design:
// the toolchain, Foundation and the test libraries only.
// Every target builds with warnings as errors: a warning in a medical calculator is a defect to fix, not noise.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
  name: "DXA",
  products: [
    .executable(name: "dxa", targets: ["dxa"]),
    .library(name: "DXACore", targets: ["DXACore"]),
    .library(name: "DXABatch", targets: ["DXABatch"]),
    .library(name: "DXARendering", targets: ["DXARendering"]),
    .library(name: "DXAReferenceData", targets: ["DXAReferenceData"]),
    .library(name: "DXASynthetic", targets: ["DXASynthetic"]),
  ],
  targets: [
    // Pure computation: values in, values out. No files, no printing, no clock.
    .target(name: "DXACore", swiftSettings: strict),
    // The engine's results for people and EHRs: the report as text, JSON, FHIR R4 and HTML with SVG charts, score
    // results as text and JSON, precision results as JSON. Pure: values in, text out; no files, no clock.
    .target(name: "DXARendering", dependencies: ["DXACore"], swiftSettings: strict),

    // The one door to the system (package access, not a product): files, descriptors, threads, signals, libc.
    // One input reader, one output writer (temporary file, fsync, rename), checked writes, path clashes.
    .target(name: "DXAPlatform", swiftSettings: strict),
    // The one CSV scanner (RFC 4180, bytes in, records and fields out) and CSV writing, for batch and precision.
    .target(name: "DXACSV", dependencies: ["DXAPlatform"], swiftSettings: strict),

    // The tables in reference-data/, compiled into the binary by the plugin below so that `dxa` runs from any
    // directory. The files stay the single source of truth; nothing is copied by hand.
    .target(
      name: "DXAReferenceData",
      dependencies: ["DXACore"],
      swiftSettings: strict,
      plugins: ["EmbedReferenceDataPlugin"]
    ),
    .executableTarget(name: "EmbedReferenceData", swiftSettings: strict),
    .plugin(
      name: "EmbedReferenceDataPlugin",
      capability: .buildTool(),
      dependencies: ["EmbedReferenceData"],
      path: "Sources/EmbedReferenceDataPlugin"
    ),

    // Batch recomputation: byte-level CSV streaming, exact fast scoring checked against the core, parallel pieces.
    // Its note column words the engine's reasons with DXARendering's wording table.
    .target(
      name: "DXABatch", dependencies: ["DXACore", "DXARendering", "DXACSV", "DXAPlatform"], swiftSettings: strict),
    // Importers of scanner databases exported as CSV (Hologic APEX): tables in, exams out; no file access.
    .target(name: "DXAImport", dependencies: ["DXACore", "DXABatch", "DXACSV"], swiftSettings: strict),
    // A deterministic synthetic archive, shared by the tests and the benchmark package in Benchmarks/.
    .target(name: "DXASynthetic", swiftSettings: strict),

    // Argument parsing, help, files, exit codes: everything the command line does around the core and the renderers.
    .target(
      name: "DXACommandLine",
      dependencies: ["DXACore", "DXARendering", "DXAReferenceData", "DXABatch", "DXAImport", "DXACSV", "DXAPlatform"],
      swiftSettings: strict),
    .executableTarget(name: "dxa", dependencies: ["DXACommandLine"], swiftSettings: strict),

    // Helpers the test targets share (examples, exams from JSON fragments, the shipped library); tests only.
    .target(
      name: "DXATestSupport", dependencies: ["DXACore", "DXAReferenceData"], path: "Tests/DXATestSupport",
      swiftSettings: strict),
    .testTarget(
      name: "DXACoreTests", dependencies: ["DXACore", "DXAReferenceData", "DXATestSupport"], swiftSettings: strict),
    .testTarget(
      name: "DXARenderingTests", dependencies: ["DXARendering", "DXACore", "DXAReferenceData", "DXATestSupport"],
      swiftSettings: strict),
    .testTarget(name: "DXAPlatformTests", dependencies: ["DXAPlatform"], swiftSettings: strict),
    .testTarget(name: "DXACSVTests", dependencies: ["DXACSV", "DXASynthetic"], swiftSettings: strict),
    .testTarget(
      name: "DXAEndToEndTests", dependencies: ["DXACommandLine", "DXACore", "DXATestSupport", "dxa"],
      swiftSettings: strict),
    .testTarget(
      name: "DXAImportTests", dependencies: ["DXAImport", "DXABatch", "DXACore", "DXAReferenceData"],
      swiftSettings: strict),
    .testTarget(
      name: "DXABatchTests",
      dependencies: ["DXABatch", "DXACSV", "DXAPlatform", "DXACore", "DXAReferenceData", "DXASynthetic"],
      swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)

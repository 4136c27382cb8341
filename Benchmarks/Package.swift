// swift-tools-version:6.2
import PackageDescription

// The batch benchmark, a package of its own so that `swift test` at the root never builds it (as swift-collections
// keeps its benchmarks). Run from the repository root:
//   swift run -c release --package-path Benchmarks dxa-bench
let package = Package(
  name: "DXABenchmarks",
  dependencies: [.package(name: "DXA", path: "..")],
  targets: [
    .executableTarget(
      name: "dxa-bench",
      dependencies: [
        .product(name: "DXABatch", package: "DXA"),
        .product(name: "DXACore", package: "DXA"),
        .product(name: "DXAReferenceData", package: "DXA"),
        .product(name: "DXASynthetic", package: "DXA"),
      ],
      swiftSettings: [.treatAllWarnings(as: .error)]
    )
  ],
  swiftLanguageModes: [.v6]
)

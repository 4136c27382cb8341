// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for every reader of untrusted input, a package of its own so that `swift test` at the root never
// builds it. Build and run from the repository root with Tests/Fuzz/fuzz.sh (see "Fuzzing" in README.md); by hand:
//   swift build -c release --sanitize=address --sanitize=fuzzer -Xswiftc -sanitize=address,fuzzer \
//     --package-path Tests/Fuzz --scratch-path .build/fuzz
// (swiftc keeps only its last -sanitize= flag; the -Xswiftc one, last, names both, or coverage may be lost).
// Linux only; the targets do not link without --sanitize=fuzzer, which supplies their main.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
  name: "DXAFuzz",
  targets: [
    // The engine's own sources, through symbolic links to the root's Sources, compiled here with the sanitizers and
    // coverage. Not a dependency on the root package: the fuzzer build compiles every executable
    // as a library, which the root's build-tool plugin (a script-style tool) cannot be, and that build would fail
    // noisily. The targets read reference-data/ themselves instead of embedding it.
    .target(name: "DXACore", swiftSettings: strict),
    .target(name: "DXARendering", dependencies: ["DXACore"], swiftSettings: strict),
    .target(name: "DXAPlatform", swiftSettings: strict),
    .target(name: "DXACSV", dependencies: ["DXAPlatform"], swiftSettings: strict),
    .target(
      name: "DXABatch", dependencies: ["DXACore", "DXARendering", "DXACSV", "DXAPlatform"], swiftSettings: strict),
    .target(
      name: "FuzzSupport", dependencies: ["DXABatch", "DXACore", "DXACSV", "DXARendering"], swiftSettings: strict),
    .executableTarget(name: "fuzz-exam", dependencies: ["FuzzSupport", "DXACore"], swiftSettings: strict),
    .executableTarget(name: "fuzz-facility", dependencies: ["FuzzSupport", "DXACore"], swiftSettings: strict),
    .executableTarget(name: "fuzz-reference", dependencies: ["FuzzSupport", "DXACore"], swiftSettings: strict),
    .executableTarget(
      name: "fuzz-csv", dependencies: ["FuzzSupport", "DXABatch", "DXACSV", "DXACore"], swiftSettings: strict),
    .executableTarget(name: "fuzz-map", dependencies: ["FuzzSupport", "DXABatch", "DXACore"], swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)

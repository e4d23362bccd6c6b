// swift-tools-version: 6.0
import PackageDescription

// Zero dependencies: the package is meant to be dropped into any engine's test harness.
let package = Package(
    name: "WasmSpec",
    products: [
        .library(name: "WasmBinary", targets: ["WasmBinary"]),
        .library(name: "WasmText", targets: ["WasmText"]),
        .library(name: "WasmSpec", targets: ["WasmSpec"]),
        .executable(name: "wasm-spec-run", targets: ["wasm-spec-run"]),
    ],
    targets: [
        .target(name: "WasmBinary"),
        .target(name: "WasmText", dependencies: ["WasmBinary"]),
        .target(name: "WasmSpec", dependencies: ["WasmBinary", "WasmText"]),
        .executableTarget(name: "wasm-spec-run", dependencies: ["WasmSpec"]),
        // Speed measurements; run in release: `swift run -c release wasm-spec-bench`.
        .executableTarget(name: "wasm-spec-bench", dependencies: ["WasmSpec"], path: "Benchmarks/wasm-spec-bench"),
        .testTarget(name: "WasmBinaryTests", dependencies: ["WasmBinary", "WasmText"]),
        .testTarget(name: "WasmTextTests", dependencies: ["WasmText"]),
        // Counts allocations in tests (replaces malloc in the test process on glibc).
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "WasmSpecTests", dependencies: ["WasmSpec", "AllocationCounter"]),
        // The command line as a user runs it (the built wasm-spec-run, through pipes and
        // a pseudo-terminal).
        .testTarget(name: "WasmSpecRunTests", dependencies: ["wasm-spec-run"]),
    ],
    swiftLanguageModes: [.v6]
)

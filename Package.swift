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
        // The C ABI (Sources/CWasmSpec/include/wasm_spec.h), for Rust, C++ and Python.
        .library(name: "CWasmSpec", type: .dynamic, targets: ["WasmSpecCABI"]),
        .library(name: "CWasmSpecStatic", type: .static, targets: ["WasmSpecCABI"]),
    ],
    targets: [
        .target(name: "WasmBinary"),
        .target(name: "WasmText", dependencies: ["WasmBinary"]),
        .target(name: "WasmSpec", dependencies: ["WasmBinary", "WasmText"]),
        .executableTarget(name: "wasm-spec-run", dependencies: ["WasmSpec"]),
        // The C ABI: its header as a C module, and its functions written in Swift.
        .target(name: "CWasmSpec"),
        .target(name: "WasmSpecCABI", dependencies: ["CWasmSpec", "WasmSpec"]),
        // Speed measurements; run in release: `swift run -c release wasm-spec-bench`.
        .executableTarget(name: "wasm-spec-bench", dependencies: ["WasmSpec"], path: "Benchmarks/wasm-spec-bench"),
        // The oracle path, modules/s through the Swift API and the C ABI on 1 and 2
        // threads; run in release: `Benchmarks/oracle-bench/run.sh`.
        .executableTarget(
            name: "wasm-spec-oracle-bench", dependencies: ["WasmSpec", "CWasmSpec", "WasmSpecCABI"],
            path: "Benchmarks/oracle-bench", exclude: ["run.sh"]),
        .testTarget(name: "WasmBinaryTests", dependencies: ["WasmBinary", "WasmText"]),
        .testTarget(name: "WasmTextTests", dependencies: ["WasmText"]),
        // Counts allocations in tests (replaces malloc in the test process on glibc).
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "WasmSpecTests", dependencies: ["WasmSpec", "AllocationCounter"]),
    ],
    swiftLanguageModes: [.v6]
)

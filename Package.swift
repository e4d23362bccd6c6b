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
        // The compiled engine's threaded core (C: labels as values); part of this
        // package, not a dependency.
        .target(name: "CWasmSpecThreaded"),
        .target(name: "WasmSpec", dependencies: ["WasmBinary", "WasmText", "CWasmSpecThreaded"]),
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
        // Valid modules generated from a seed or from a fuzzer's bytes, for the differential
        // tests and the fuzz targets.
        .target(name: "WasmGenerator", dependencies: ["WasmBinary", "WasmSpec"], path: "Tests/WasmGenerator"),
        // What the fuzz targets do with an input; `swift test` replays the kept corpus
        // through it.
        .target(name: "FuzzTargets", dependencies: ["WasmText", "WasmSpec", "WasmGenerator"], path: "Fuzz/Sources/FuzzTargets"),
        .testTarget(name: "WasmSpecTests", dependencies: ["WasmSpec", "AllocationCounter", "WasmGenerator", "FuzzTargets"]),
        // The command line as a user runs it (the built wasm-spec-run, through pipes and
        // a pseudo-terminal).
        .testTarget(name: "WasmSpecRunTests", dependencies: ["wasm-spec-run"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer executables (Fuzz/README.md), only when asked for: they link with the
// fuzzer sanitizer (Fuzz/fuzz.sh, or OSS-Fuzz's build.sh), not in a plain build.
if Context.environment["WASMSPEC_FUZZ"] != nil {
    package.targets += [
        .target(name: "CFuzzDriver", path: "Fuzz/Sources/CFuzzDriver"),
        .target(name: "FuzzMain", dependencies: ["CFuzzDriver", "FuzzTargets"], path: "Fuzz/Sources/FuzzMain"),
    ]
    for name in [
        "FuzzDecode", "FuzzParseText", "FuzzParseScript", "FuzzValidate", "FuzzRoundTrip",
        "FuzzRunReference", "FuzzRunCompiled", "FuzzDifferential",
    ] {
        package.targets.append(.executableTarget(name: name, dependencies: ["FuzzMain"], path: "Fuzz/Sources/" + name))
    }
    // Writes the seed corpora (Fuzz/seeds.sh) and shows what a run target makes of an
    // input; built without the fuzzer sanitizer.
    package.targets.append(.executableTarget(name: "FuzzTool", dependencies: ["FuzzTargets"], path: "Fuzz/Sources/FuzzTool"))
}

// swift-tools-version: 6.0
import PackageDescription

// Speed comparisons of WasmSpec against WasmKit. A package of its own, so that the
// library keeps zero dependencies: run it in release,
//     swift run -c release --package-path Benchmarks/speed wasm-spec-speed
// or through `Benchmarks/speed/run.sh`, which also builds the command-line tools it
// times as whole processes and generates the oracle-path modules.
let package = Package(
    name: "wasm-spec-speed",
    dependencies: [
        .package(name: "WasmSpec", path: "../.."),
        .package(url: "https://github.com/swiftwasm/WasmKit", from: "0.4.2"),
    ],
    targets: [
        .executableTarget(
            name: "wasm-spec-speed",
            dependencies: [
                .product(name: "WasmSpec", package: "WasmSpec"),
                .product(name: "WasmKit", package: "WasmKit"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)

/// Every benchmark of the suite; add a line when adding a benchmark file.
func allBenchmarks() -> [Benchmark] {
    [
        Benchmark(name: "validate", run: runValidateBenchmark),
        Benchmark(name: "types", run: runTypesBenchmark),
    ]
}

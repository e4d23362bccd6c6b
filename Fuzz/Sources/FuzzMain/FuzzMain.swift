// The entry every fuzz executable shares. SwiftPM links an executable's entry point as
// `<Module>_main`; each target defines that symbol and calls `runFuzzer`, which hands
// control to libFuzzer's driver (so the same executable links whether or not SwiftPM
// lets libFuzzer provide `main`).

import CFuzzDriver
import FuzzTargets

/// A fuzz target's callback, as libFuzzer calls it.
package typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer's driver with `target` on the command line; prints the tally of
/// outcomes when the process exits.
package func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ target: FuzzCallback
) -> CInt {
    Outcomes.reportAtExit()
    return wasmspec_fuzz_run(argc, argv, target)
}

/// The input libFuzzer passes, as bytes.
package func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// libFuzzer's custom mutator for targets whose inputs are binary modules: half the
/// time a mutation of the decoded module (ModuleMutator), otherwise, or when the input
/// is not a module that decodes or the mutant does not fit, libFuzzer's own.
package func mutate(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int, _ seed: CUnsignedInt) -> Int {
    guard let data else { return 0 }
    if seed & 1 == 0, let mutant = ModuleMutator.mutate(bytes(data, size), seed: seed >> 1), mutant.count <= maxSize {
        mutant.withUnsafeBufferPointer { if let base = $0.baseAddress { data.update(from: base, count: $0.count) } }
        return mutant.count
    }
    return wasmspec_fuzz_mutate(data, size, maxSize)
}

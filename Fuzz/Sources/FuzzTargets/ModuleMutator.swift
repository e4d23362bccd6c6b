// Mutations of binary modules at the level of their syntax, for libFuzzer's custom
// mutator: byte-level mutations of a module mostly break its encoding (a size, a
// count), so the validator and the engines see few of them. Decoding the module,
// changing an instruction, a type, a limit or a segment (WasmGenerator's
// ValidationMutations) and encoding it again gives a module that decodes, and often
// one that validates and runs.

import WasmBinary
import WasmGenerator

package enum ModuleMutator {
    /// A mutant of `input` made from `seed`, or `nil` when `input` is not a module that
    /// decodes (then libFuzzer's own mutations apply).
    package static func mutate(_ input: [UInt8], seed: UInt32) -> [UInt8]? {
        guard input.starts(with: [0x00, 0x61, 0x73, 0x6D]), let m = try? Module(binary: input) else { return nil }
        var r = SplitMix(seed: UInt64(seed))
        var mutant = m
        for _ in 0 ... r.below(3) {
            mutant = r.below(4) == 0 ? ValidationMutations.mutateModule(mutant, &r) : ValidationMutations.mutateCode(mutant, &r)
        }
        return mutant.encode()
    }
}

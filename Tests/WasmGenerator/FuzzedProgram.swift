// The generator driven by a fuzzer's input rather than a seed: the bytes make the
// program's decisions (SplitMix's tape), so a coverage-guided fuzzer that mutates them
// explores valid programs, and every input is a valid module that runs.

import WasmBinary
import WasmSpec

/// A valid program built from a fuzzer's input, with the calls to make on an instance.
package struct FuzzedProgram: Sendable {
    /// A call of an exported function.
    package struct Call: Sendable, Hashable {
        package var name: String
        package var arguments: [Value]
    }

    /// The module in the text format.
    package var text: String
    /// The calls to make, in order. The export `reset` must be called before each: it
    /// refills the allowances of calls and loop iterations that make every call end.
    package var calls: [Call]

    /// The program `input` decides; the same input always gives the same program.
    package init(_ input: [UInt8], calls count: Int = 6) {
        var rng = SplitMix(tape: input)
        let features = GenFeatures.random(&rng)
        let generator = ProgramGenerator(seed: 0, features: features)
        generator.rng = rng
        // Smaller programs than the differential tests' (2 to 7 functions of about 100
        // instructions), not indented: the fuzzer explores by mutation, so a program's
        // time is better spent running than being generated and parsed.
        generator.functionCount = 1...4
        generator.bodyBudget = 50
        generator.indented = false
        let program = generator.generate(seed: 0)
        text = program.text
        calls = []
        guard !program.exports.isEmpty else { return }
        var args = generator.rng
        for _ in 0 ..< count {
            let (name, params) = args.pick(program.exports)
            calls.append(Call(name: name, arguments: params.map { FuzzedProgram.argument($0, &args) }))
        }
    }

    /// A random argument of type `t`: the generator's interesting constants; for
    /// references, null or a host reference.
    static func argument(_ t: GenType, _ rng: inout SplitMix) -> Value {
        switch t {
        case .i32: .i32(GenConstants.i32(&rng))
        case .i64: .i64(GenConstants.i64(&rng))
        case .f32: .f32(GenConstants.f32(&rng))
        case .f64: .f64(GenConstants.f64(&rng))
        case .v128: .v128(GenConstants.v128(&rng))
        case .externref: rng.chance(50) ? .ref(.null) : .ref(.extern(.host(UInt32(rng.below(5)))))
        case .anyref: rng.chance(60) ? .ref(.null) : .ref(.host(UInt32(rng.below(5))))
        default: .ref(.null)
        }
    }
}

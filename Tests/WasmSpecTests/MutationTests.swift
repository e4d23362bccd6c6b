import Testing
import WasmSpec
@testable import WasmGenerator

/// Damages bytes the way the tests below do: flips, truncations and insertions.
func mutate(_ input: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
    var bytes = input
    let edits = Int.random(in: 1...4, using: &rng)
    for _ in 0..<edits {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0, 1:
            guard !bytes.isEmpty else { continue }
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
        case 2:
            guard !bytes.isEmpty else { continue }
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        case 3:
            bytes.removeLast(Int.random(in: 0...min(bytes.count, 16), using: &rng))
        default:
            let interesting: [UInt8] = [0x00, 0x0B, 0x7F, 0x80, 0xFF, 0x28, 0x29, 0x20, 0x41, 0x0F]
            let b = Bool.random(using: &rng)
                ? interesting[Int.random(in: 0..<interesting.count, using: &rng)]
                : UInt8.random(in: 0...255, using: &rng)
            bytes.insert(b, at: Int.random(in: 0...bytes.count, using: &rng))
        }
    }
    return bytes
}

/// Bad input never crashes: every mutant of a suite module ends in a module or an error.
/// A Swift trap would end the test process, so finishing is the assertion; the counts
/// show that the mutants exercise both outcomes.
@Suite struct MutationTests {
    static let mutants = 100_000

    @Test func mutatedBinaryModulesEndInModuleOrError() throws {
        let suite = try #require(SuiteModules.shared, "official suite not found")
        // The suite's binary modules, and the text modules encoded.
        var corpus = suite.binary
        corpus += suite.text.lazy.map { $0.encode() }.filter { $0.count <= 4096 }
        var rng = SplitMix(state: 0x5EED_0001)
        var decoded = 0
        var valid = 0
        var rejected = 0
        for i in 0..<Self.mutants {
            let mutant = mutate(corpus[i % corpus.count], &rng)
            do {
                let module = try Module(binary: mutant)
                decoded += 1
                // Validation of a mutant must end in a verdict too.
                if (try? module.validate()) != nil { valid += 1 }
            } catch {
                #expect(!error.message.isEmpty)
                rejected += 1
            }
        }
        #expect(decoded + rejected == Self.mutants)
        #expect(decoded > 0 && rejected > 0)
        #expect(valid > 0 && valid < decoded)
    }

    /// Mutants that validate are instantiated and every exported function is called with
    /// zeroed arguments, under small limits: instantiation and execution end in a result
    /// or an error too, whatever sizes, offsets and code the mutation produced.
    @Test(arguments: EngineKind.allCases)
    func validMutantsInstantiateAndRunOrFail(engine: EngineKind) throws {
        let suite = try #require(SuiteModules.shared, "official suite not found")
        var corpus = suite.binary
        corpus += suite.text.lazy.map { $0.encode() }.filter { $0.count <= 4096 }
        var rng = SplitMix(state: 0x5EED_0003)
        let limits = ExecutionLimits(engine: engine, maxCallDepth: 500, stackSlots: 1 << 16, fuel: 20_000)
        var valid = 0
        var instantiated = 0
        var calls = 0
        var failures = 0
        for i in 0..<Self.mutants {
            let mutant = mutate(corpus[i % corpus.count], &rng)
            guard let module = try? Module(binary: mutant), (try? module.validate()) != nil else { continue }
            valid += 1
            let instance: Instance
            do {
                instance = try instantiate(module: module, limits: limits)
            } catch {
                #expect(!error.message.isEmpty)
                continue
            }
            instantiated += 1
            for name in instance.exportedFunctionNames {
                calls += 1
                do {
                    _ = try interpret(instance, name)
                } catch {
                    #expect(!error.message.isEmpty)
                    failures += 1
                }
            }
        }
        print("mutants, \(engine) engine: \(valid) valid, \(instantiated) instantiated, \(calls) calls, \(failures) ended in an error")
        #expect(valid > 1_000)
        #expect(instantiated > 0 && calls > failures && failures > 0)
    }

    @Test func mutatedTextModulesEndInModuleOrError() throws {
        let suite = try #require(SuiteModules.shared, "official suite not found")
        // Quoted modules are small text sources; text modules are printed back by
        // encoding, so mutate the quoted ones and the suite's source of small scripts.
        let corpus = suite.quoted.filter { $0.count <= 2048 }
        try #require(!corpus.isEmpty)
        var rng = SplitMix(state: 0x5EED_0002)
        var parsed = 0
        var rejected = 0
        for i in 0..<Self.mutants {
            let mutant = mutate(corpus[i % corpus.count], &rng)
            do {
                let module = try Module(text: mutant)
                parsed += 1
                _ = try? module.validate()
            } catch {
                #expect(!error.message.isEmpty)
                rejected += 1
            }
        }
        #expect(parsed + rejected == Self.mutants)
        #expect(parsed > 0 && rejected > 0)
    }
}

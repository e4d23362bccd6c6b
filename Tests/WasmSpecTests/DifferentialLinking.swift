// Pairs of generated programs linked together: the second imports the first's
// functions, tags, memory, table and allowances (as module "A"), so that calls,
// tail calls, indirect calls, exceptions and memory and table accesses cross instances.
// WasmSpec links them through its runtime, as the script runner does for `register`.

@testable import WasmSpec
@testable import WasmGenerator

enum DifferentialLinking {
    /// Instantiates the modules in order in one store; each is registered under its
    /// name for the later ones' imports (spectest's as well). Returns the last instance.
    static func instantiate(_ modules: [(name: String, text: String)], limits: ExecutionLimits) throws(WasmError) -> Instance {
        let store = Store(limits: limits)
        let spectest = Spectest(store: store)
        var registry: [String: ModuleInstance] = [:]
        var last: ModuleInstance? = nil
        for (name, text) in modules {
            let module: Module
            do { module = try Module(text: Array(text.utf8)) } catch { throw .malformed(error.message) }
            let validated: ValidatedModule
            do { validated = try module.validate() } catch { throw .invalid(error.message) }
            var imports: [ExternValue] = []
            for im in module.imports {
                let value: ExternValue? =
                    im.module == "spectest"
                    ? store.locked { spectest.lookup(im.name) }
                    : registry[im.module].flatMap { inst in store.locked { inst.export(im.name) } }
                guard let value else { throw .link("unknown import \"\(im.module)\".\"\(im.name)\"") }
                imports.append(value)
            }
            let inst = try store.locked { () throws(WasmError) -> ModuleInstance in
                try store.instantiate(validated, imports: imports, names: module.imports.map { ($0.module, $0.name) })
            }
            registry[name] = inst
            last = inst
        }
        guard let last else { throw .usage("no module") }
        return Instance(store: store, instance: last)
    }
}

extension DifferentialHarness {
    /// Two generated programs, the second importing the first, as one case: the calls
    /// go to the second's exports (the first's functions among them, re-exported).
    static func generatedPair(seed: UInt64, calls: Int = 10) -> DiffCase {
        var features = GenFeatures.random(seed: seed)
        // Their types must mean the same in both modules: no type indices in signatures.
        features.gc = false
        features.typedFunctionReferences = false
        let a = ProgramGenerator(seed: seed, features: features)
        let programA = a.generate(seed: seed)
        let b = ProgramGenerator(seed: seed ^ 0xB0B, features: features, exporter: a)
        let programB = b.generate(seed: seed ^ 0xB0B)
        var rng = SplitMix(seed: seed ^ 0x5EED)
        var steps: [DiffStep] = []
        if !programB.exports.isEmpty {
            for _ in 0..<calls {
                let (name, params) = rng.pick(programB.exports)
                steps.append(.invoke("reset"))
                steps.append(.invoke(name, params.map { DiffText.randomArgument($0, &rng) }))
            }
        }
        steps.append(.invoke("hash"))
        for (name, _) in programB.globals { steps.append(.get(name)) }
        let textA = programA.text
        let textB = programB.text
        let script = "(module $A" + textA.dropFirst("(module".count) + "\n(register \"A\" $A)\n" + textB
        return DiffCase(
            label: "pair \(seed)", module: script, steps: steps, fuel: 20_000_000,
            load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in
                try DifferentialLinking.instantiate([("A", textA), ("B", textB)], limits: limits)
            })
    }
}

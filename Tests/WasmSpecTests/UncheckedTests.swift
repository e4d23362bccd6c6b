import Foundation
import Testing
import WasmGenerator

@testable import WasmSpec

/// Unchecked mode (`wasm-spec-run -u`, `validate: false`): modules that were not
/// validated run on the reference engine, and whatever they contain ends in a result or
/// an error, never in the end of the process. A Swift trap or a memory fault would end
/// the test process, so finishing the sweeps below is their main assertion; the counts
/// they print show what the modules did.
@Suite struct UncheckedTests {
    /// Small limits, so that a sweep of thousands of modules stays fast.
    static let limits = ExecutionLimits(engine: .reference, maxCallDepth: 100, stackSlots: 1 << 14, fuel: 10_000)

    /// How the instantiations and calls of a sweep ended, by kind, with a few of the
    /// crash messages seen.
    struct Outcomes: CustomStringConvertible {
        var counts: [String: Int] = [:]
        var crashes: [String: Int] = [:]

        mutating func add(_ key: String) { counts[key, default: 0] += 1 }

        mutating func add(_ stage: String, _ error: WasmError) {
            let kind: String
            switch error {
            case .malformed: kind = "malformed"
            case .invalid: kind = "invalid"
            case .link: kind = "link failure"
            case .trap: kind = "trap"
            case .exhaustion: kind = "exhaustion"
            case .exception: kind = "exception"
            case .crash(let m):
                kind = "runtime crash"
                // Messages without their numbers, to group them.
                crashes[String(m.prefix { !$0.isNumber }), default: 0] += 1
            case .usage: kind = "usage"
            }
            add("\(stage): \(kind)")
        }

        subscript(_ key: String) -> Int { counts[key] ?? 0 }

        var description: String {
            let lines = counts.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
            let messages = crashes.sorted { $0.value > $1.value }.prefix(12).map { "    \($0.value)× \($0.key)" }
            return (lines + ["  crash messages (most frequent):"] + messages).joined(separator: "\n")
        }
    }

    /// Instantiates a module without validation (spectest imports resolved) and calls
    /// each exported function with default arguments; then every other function too,
    /// since the code of most invalid modules is in functions they do not export.
    static func run(_ module: Module, _ outcomes: inout Outcomes) {
        let instance: Instance
        do {
            instance = try instantiate(module: module, limits: limits, validate: false)
        } catch {
            #expect(!error.message.isEmpty)
            outcomes.add("instantiation", error)
            return
        }
        outcomes.add("instantiation: done")
        for name in instance.exportedFunctionNames {
            do {
                _ = try interpret(instance, name)
                outcomes.add("call: returned")
            } catch {
                #expect(!error.message.isEmpty)
                outcomes.add("call", error)
            }
        }
        let store = instance.store
        let exported = store.locked {
            instance.instance.exports.compactMap { e -> ObjectIdentifier? in
                if case .function(let f) = e.value { return ObjectIdentifier(f) }
                return nil
            }
        }
        for f in store.locked({ instance.instance.funcs }) where !exported.contains(ObjectIdentifier(f)) {
            do {
                _ = try store.locked { () throws(WasmError) in try store.call(f, nil) }
                outcomes.add("call of unexported: returned")
            } catch {
                #expect(!error.message.isEmpty)
                outcomes.add("call of unexported", error)
            }
        }
    }

    static func load(_ m: ScriptModule) -> Module? {
        switch m.source {
        case .text(let module): module
        case .binary(let bytes): try? Module(binary: bytes)
        case .quote(let text): try? Module(text: text)
        }
    }

    // MARK: Sweeps

    /// Every module of the suite's `assert_invalid` that decodes or parses, run
    /// unchecked through the definitional engine.
    @Test func assertInvalidModulesRunUnchecked() throws {
        let suite = try #require(SuiteModules.shared, "official suite not found")
        var outcomes = Outcomes()
        var loaded = 0
        for m in suite.invalid {
            guard let module = Self.load(m) else { continue }
            loaded += 1
            Self.run(module, &outcomes)
        }
        print("assert_invalid modules: \(suite.invalid.count), \(loaded) loaded, run unchecked:\n\(outcomes)")
        #expect(loaded > 500)
        #expect(outcomes["instantiation: done"] > 0 && outcomes["call of unexported: runtime crash"] > 0)
        #expect(outcomes["instantiation: runtime crash"] > 0)
    }

    /// Valid suite modules and their encodings, small ones first, as mutation corpus.
    static func corpus() throws -> [Module] {
        let suite = try #require(SuiteModules.shared, "official suite not found")
        var modules: [Module] = suite.text
        modules += suite.binary.compactMap { try? Module(binary: $0) }
        return modules.filter { !$0.funcs.isEmpty && $0.encode().count <= 4096 && (try? $0.validate()) != nil }
    }

    /// Mutants of valid suite modules, made by changing their code and their other parts
    /// (ValidationMutations) and by damaging their bytes (`mutate`), run unchecked.
    /// `WASM_UNCHECKED_MUTANTS=n` makes n of each kind (default 3,000), for a longer
    /// campaign in a release build.
    @Test func mutantsRunUnchecked() throws {
        let corpus = try Self.corpus()
        try #require(corpus.count > 100)
        let n = ProcessInfo.processInfo.environment["WASM_UNCHECKED_MUTANTS"].flatMap { Int($0) } ?? 3_000
        var rng = SplitMix(seed: 0x5EED_00C5)
        var outcomes = Outcomes()
        var invalid = 0
        let structured = n
        for i in 0..<structured {
            var m = corpus[(i &* 7919) % corpus.count]
            for _ in 0...rng.below(2) {
                m = rng.coin() ? ValidationMutations.mutateCode(m, &rng) : ValidationMutations.mutateModule(m, &rng)
            }
            if (try? m.validate()) == nil { invalid += 1 }
            Self.run(m, &outcomes)
        }
        var decoded = 0
        for i in 0..<(n * 10 / 3) {
            guard let m = try? Module(binary: mutate(corpus[(i &* 104_729) % corpus.count].encode(), &rng)) else {
                continue
            }
            decoded += 1
            if (try? m.validate()) == nil { invalid += 1 }
            Self.run(m, &outcomes)
        }
        print("mutants: \(structured) of the code and module, \(decoded) of the bytes that decode; "
            + "\(invalid) invalid; run unchecked:\n\(outcomes)")
        #expect(invalid > n / 3)
        #expect(outcomes["call: runtime crash"] > 0 && outcomes["call: returned"] > 0)
    }

    /// On a valid module, preparing it without validation gives what validation gives:
    /// no supertype declaration is dropped, every type is closed the same way.
    @Test func uncheckedPreparationOfValidModulesMatchesValidation() throws {
        let suite = try #require(SuiteModules.shared, "official suite not found")
        var compared = 0
        for m in suite.text + suite.binary.compactMap({ try? Module(binary: $0) }) {
            guard let v = try? m.validate() else { continue }
            let u = m.prepareUnchecked()
            compared += 1
            #expect(!u.isValidated && v.isValidated)
            #expect(u.types == v.types && u.funcs == v.funcs && u.tags == v.tags)
            #expect(u.tables == v.tables && u.memories == v.memories && u.globals == v.globals)
            #expect(u.elems == v.elems && u.datas == v.datas && u.imports == v.imports)
            #expect(u.exports == v.exports && u.refs == v.refs)
        }
        #expect(compared > 1_000)
    }

    /// Preparing a type section costs time linear in its size, whether its supertype
    /// declarations are sound or not (see TypeScalingTests for the measurement).
    @Test func uncheckedPreparationScalesLinearly() throws {
        let n = 1_500
        let valid = [n: try Module(binary: TypeScalingTests.oneGroup(n)), 4 * n: try Module(binary: TypeScalingTests.oneGroup(4 * n))]
        TypeScalingTests.expectGrowth(n, below: 7, "one group, sound chain") { size in
            _ = valid[size]?.prepareUnchecked()
        }
        // The first member final: every later declaration ends up unsound, one after
        // the other, if they are dropped one by one.
        func hostile(_ size: Int) -> Module {
            var group = RecType((0 ..< size).map { i in
                TypeScalingTests.structOfRef(max(i - 1, 0), supertypes: i == 0 ? [] : [.index(UInt32(i - 1))])
            })
            group.subTypes[0].isFinal = true
            return Module(types: [group])
        }
        let unsound = [n: hostile(n), 4 * n: hostile(4 * n)]
        #expect(unsound[n]?.prepareUnchecked().types.allSatisfy { $0.rolledSubType.supertypes.isEmpty } == true)
        TypeScalingTests.expectGrowth(n, below: 7, "one group, unsound chain") { size in
            _ = unsound[size]?.prepareUnchecked()
        }
    }

    // MARK: States only invalid modules reach

    /// The error an unchecked run of `text` ends in: instantiation's, or the first
    /// export's call's.
    static func error(_ text: String) throws -> WasmError? {
        try error(Module(text: Array(text.utf8)))
    }

    static func error(_ module: Module) throws -> WasmError? {
        do {
            let instance = try instantiate(module: module, limits: limits, validate: false)
            guard let name = instance.exportedFunctionNames.first else { return nil }
            _ = try interpret(instance, name)
            return nil
        } catch {
            return error
        }
    }

    @Test func resultsOfTheWrongTypeAreACrash() throws {
        #expect(try Self.error("(module (func (export \"f\") (result i32) (i64.const 1)))")
            == .crash("type error, expected i32, got i64"))
        // A number must not become a reference at the boundary.
        #expect(try Self.error("(module (func (export \"f\") (result anyref) (i32.const 8)))")
            == .crash("type error, expected ref, got i32"))
    }

    @Test func constantExpressionsOfTheWrongTypeAreACrash() throws {
        #expect(try Self.error("(module (global (ref null func) (i32.const 8)))")
            == .crash("type error, expected ref, got i32"))
        #expect(try Self.error("(module (table 1 funcref (i64.const 8)))")
            == .crash("type error, expected ref, got i64"))
        #expect(try Self.error("(module (memory 1) (data (i64.const 0) \"a\"))")
            == .crash("type error, expected i32, got i64"))
    }

    @Test func undefinedIndicesAtInstantiationAreACrash() throws {
        let export = Module(exports: [WasmBinary.Export(name: "f", kind: .func, index: 3)])
        #expect(try Self.error(export) == .crash("undefined function 3"))
        let table = Module(elems: [ElemSegment(type: .funcref, inits: [], mode: .active(table: 2, offset: [.i32Const(0)]))])
        #expect(try Self.error(table) == .crash("undefined table 2"))
        let memory = Module(datas: [DataSegment(bytes: [], mode: .active(memory: 1, offset: [.i32Const(0)]))])
        #expect(try Self.error(memory) == .crash("undefined memory 1"))
        #expect(try Self.error(Module(start: 0)) == .crash("undefined function 0"))
        #expect(try Self.error(Module(funcs: [Func(type: 9, body: [])])) == .crash("undefined type 9"))
        #expect(try Self.error(Module(tags: [TagType(.index(4))])) == .crash("undefined type 4"))
        let structType = RecType([SubType(.struct([]))])
        #expect(try Self.error(Module(types: [structType], funcs: [Func(type: 0, body: [])]))
            == .crash("type 0 is not a function type"))
    }

    /// A supertype that a type does not extend is dropped: a field read through it would
    /// take the subtype's i32 for a reference.
    @Test func unsoundSupertypesAreDropped() throws {
        let text = """
            (module
              (type $a (sub (struct (field (ref null any)))))
              (type $b (sub $a (struct (field i32))))
              (func (export "f") (result anyref)
                (struct.get $a 0 (struct.new $b (i32.const 42)))))
            """
        let module = try Module(text: Array(text.utf8))
        let prepared = module.prepareUnchecked()
        #expect(prepared.types[1].rolledSubType.supertypes.isEmpty)
        #expect(try Self.error(module) == .crash("type mismatch: structure not of type 0"))
        // A sound declaration stays.
        let sound = try Module(text: Array("(module (type $a (sub (struct))) (type $b (sub $a (struct (field i32)))))".utf8))
        #expect(sound.prepareUnchecked().types[1].rolledSubType.supertypes.count == 1)
    }

    @Test func aggregatesOfTheWrongTypeAreACrash() throws {
        #expect(try Self.error("""
            (module (type $arr (array i8))
              (func (export "f") (drop (struct.new_default $arr))))
            """) == .crash("type 0 is not a structure type"))
        #expect(try Self.error("""
            (module (type $arr (array i8))
              (func (export "f") (result i32) (struct.get $arr 0 (ref.null none))))
            """) == .crash("type 0 is not a structure type"))
        #expect(try Self.error("""
            (module (type $r (array (ref null any))) (data $d "\\2a\\00\\00\\00\\00\\00\\00\\00")
              (func (export "f") (result anyref)
                (array.get $r (array.new_data $r $d (i32.const 0) (i32.const 1)) (i32.const 0))))
            """) == .crash("type mismatch packing value"))
        #expect(try Self.error("""
            (module (type $i (array i64)) (type $r (array (ref null any)))
              (func (export "f") (result anyref)
                (array.get $r (array.new $i (i64.const 42) (i32.const 1)) (i32.const 0))))
            """) == .crash("type mismatch: array not of type 1"))
        #expect(try Self.error("""
            (module (type $b (array (mut i8))) (type $v (array (mut v128)))
              (func (export "f")
                (array.copy $b $v (array.new_default $b (i32.const 64)) (i32.const 0)
                  (array.new_default $v (i32.const 4)) (i32.const 0) (i32.const 4))))
            """) == .crash("type mismatch: array types 0 and 1 have different elements"))
    }

    @Test func exceptionPayloadsOfTheWrongTypeAreACrash() throws {
        #expect(try Self.error("(module (tag $t (param anyref)) (func (export \"f\") (throw $t (i32.const 8))))")
            == .crash("type error, expected ref, got i32"))
    }

    @Test func externalReferencesDoNotNest() throws {
        #expect(try Self.error("""
            (module (func (export "f") (result externref)
              (extern.convert_any (extern.convert_any (ref.i31 (i32.const 1))))))
            """) == .crash("type mismatch: external reference converted again"))
    }

    // MARK: Engines and the runner

    /// The compiled engine relies on validation: it never runs a module that skipped it.
    @Test func compiledEngineRefusesUncheckedModules() throws {
        let module = try Module(text: Array("(module (func (export \"f\") (result i32) (i64.const 1)))".utf8))
        let store = Store(limits: ExecutionLimits(engine: .compiled))
        #expect(throws: WasmError.usage("only the reference engine runs a module that was not validated")) {
            try store.locked { () throws(WasmError) in
                _ = try store.instantiate(module.prepareUnchecked(), imports: [], names: [])
            }
        }
        // Asked not to validate, the compiled engine's store validates all the same.
        #expect(throws: WasmError.self) {
            _ = try instantiate(module: module, limits: ExecutionLimits(engine: .compiled), validate: false)
        }
    }

    /// `-u` with the reference engine runs an invalid module; what it gets wrong is a
    /// failure of category "runtime crash", as the reference reports a `Crash`.
    @Test func scriptRunnerUncheckedReportsRuntimeCrashes() {
        let script = """
            (module (func (export "f") (result i32) (i64.const 1)))
            (assert_return (invoke "f") (i32.const 1))
            (assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
            """
        var options = RunnerOptions()
        options.validate = false
        options.limits.engine = .reference
        let results = ScriptRunner(options: options).run(source: Array(script.utf8))
        #expect(results.map(\.outcome) == [
            .passed, .passed, .failed("runtime crash: type error, expected i32, got i64"), .passed,
        ])
        // With the compiled engine the module is validated before it is instantiated.
        options.limits.engine = .compiled
        let compiled = ScriptRunner(options: options).run(source: Array(script.utf8))
        #expect(compiled.count == 4 && compiled[1].outcome != .passed)
    }
}

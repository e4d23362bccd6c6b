// The official suite's own calls as cases for the engine comparison: every module a
// suite script instantiates that needs no import but spectest's, with the calls the
// script makes on it (plain actions and those inside assertions), in order, with the
// script's arguments. The script's expectations are not used: the engines are compared
// with each other, results bit for bit and trap messages in full, where the script
// matches NaNs by pattern and messages by prefix. Modules the script expects to trap
// during instantiation are cases too, without calls.
//
// Calls a script makes on a module through another instance that imports it are not
// replayed, so later results may differ from the script's; both engines replay the same.

import Foundation
import WasmBinary
@testable import WasmSpec
@testable import WasmText

enum EngineSuiteScripts {
    static let fuel = 5_000_000

    static func cases(directory: String) -> [DiffCase] {
        DifferentialSources.wastFiles(directory).flatMap { cases(file: $0) }
    }

    static func cases(file: String) -> [DiffCase] {
        guard let data = FileManager.default.contents(atPath: file), let script = try? parseScript([UInt8](data)) else {
            return []
        }
        let name = (file as NSString).lastPathComponent
        var cases: [DiffCase] = []
        var current: Int? = nil
        var named: [String: Int] = [:]
        var commands = script
        var i = 0
        while i < commands.count {
            let command = commands[i]
            i += 1
            let action: Action?
            switch command.command {
            case .script(_, let inner):
                commands.insert(contentsOf: inner, at: i)
                continue
            case .module(let sm):
                guard !sm.isDefinition else { continue }
                current = nil
                if let id = sm.id { named[id] = nil }
                guard let c = moduleCase(sm, "\(name):\(command.location.line)") else { continue }
                cases.append(c)
                current = cases.count - 1
                if let id = sm.id { named[id] = current }
                continue
            case .instance(let id, _):
                current = nil
                if let id { named[id] = nil }
                continue
            case .assertion(.uninstantiable(.module(let sm), _)):
                if let c = moduleCase(sm, "\(name):\(command.location.line)") { cases.append(c) }
                continue
            case .action(let a): action = a
            case .assertion(.returns(let a, _)), .assertion(.trap(let a, _)), .assertion(.exhaustion(let a, _)),
                .assertion(.exception(let a)):
                action = a
            default: action = nil
            }
            switch action {
            case .invoke(let instance, let export, let args):
                if let k = instance.map({ named[$0] }) ?? current {
                    cases[k].steps.append(DiffStep(
                        kind: .invoke, name: export, args: args.map(ScriptRunner.value), argText: args.map(text)))
                }
            case .get(let instance, let export):
                if let k = instance.map({ named[$0] }) ?? current { cases[k].steps.append(.get(export)) }
            case nil: break
            }
        }
        return cases
    }

    /// A case without calls yet for a module that needs no import but spectest's.
    static func moduleCase(_ sm: ScriptModule, _ label: String) -> DiffCase? {
        let module: Module
        switch sm.source {
        case .text(let m): module = m
        case .binary(let b):
            guard let m = try? Module(binary: b) else { return nil }
            module = m
        case .quote(let source):
            guard let m = try? Module(text: source) else { return nil }
            module = m
        }
        guard module.imports.allSatisfy({ $0.module == "spectest" }), (try? module.validate()) != nil else { return nil }
        return DiffCase(
            label: label, module: DifferentialSources.binaryCommand(module.encode()), steps: [], fuel: fuel,
            load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in try WasmSpec.instantiate(module: module, limits: limits) })
    }

    /// A script argument as script text, for reproducers.
    static func text(_ v: ScriptValue) -> String {
        switch v {
        case .refNull(let ht): "(ref.null \(PrintType.heap(ht)))"
        default: DiffText.pattern(ScriptRunner.value(v))
        }
    }
}

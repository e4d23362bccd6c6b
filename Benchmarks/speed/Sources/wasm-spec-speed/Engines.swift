// The engines compared, behind one small interface: instantiate a module's bytes and
// call an export, or call every export with zero arguments (the oracle path).
import WasmKit
import WasmSpec

/// Something that runs Wasm modules in-process.
protocol Runner: Sendable {
    /// Instantiates `bytes` and calls `function` with one i32 argument; returns the
    /// result's bits as a string, so that the engines' answers can be compared.
    func run(_ bytes: [UInt8], _ function: String, _ argument: UInt32) throws -> String
    /// Instantiates `bytes` and calls every exported function with zero arguments,
    /// ignoring traps. Throws only when the module is rejected.
    func oracle(_ bytes: [UInt8]) throws
}

/// WasmSpec with one of its engines.
struct WasmSpecRunner: Runner {
    let engine: EngineKind

    var limits: ExecutionLimits { ExecutionLimits(engine: engine) }

    func run(_ bytes: [UInt8], _ function: String, _ argument: UInt32) throws -> String {
        let instance = try instantiate(bytes, limits: limits)
        return describe(try interpret(instance, function, [.i32(argument)]))
    }

    func oracle(_ bytes: [UInt8]) throws {
        let instance = try instantiate(bytes, limits: limits)
        for name in instance.exportedFunctionNames {
            _ = try? interpret(instance, name)
        }
    }

    private func describe(_ values: [WasmSpec.Value]) -> String {
        values.map { v in
            switch v {
            case .i32(let x): "\(x)"
            case .i64(let x): "\(x)"
            case .f32(let x): "f32:\(x)"
            case .f64(let x): "f64:\(x)"
            default: "\(v)"
            }
        }.joined(separator: " ")
    }
}

/// WasmKit, the package version this package resolves (0.4.2), with its default
/// configuration. One engine per runner, one store per module, as an embedder would.
final class WasmKitRunner: Runner, @unchecked Sendable {
    let engine = WasmKit.Engine()

    func run(_ bytes: [UInt8], _ function: String, _ argument: UInt32) throws -> String {
        let module = try parseWasm(bytes: bytes)
        let store = WasmKit.Store(engine: engine)
        let instance = try module.instantiate(store: store)
        guard let f = instance.exports[function: function] else { throw Missing(name: function) }
        return describe(try f([.i32(argument)]))
    }

    func oracle(_ bytes: [UInt8]) throws {
        let module = try parseWasm(bytes: bytes)
        let store = WasmKit.Store(engine: engine)
        let instance = try module.instantiate(store: store)
        for (_, value) in instance.exports {
            guard case .function(let f) = value else { continue }
            let args = f.type.parameters.map(zero)
            _ = try? f(args)
        }
    }

    struct Missing: Error { var name: String }

    private func zero(_ t: ValueType) -> WasmKit.Value {
        switch t {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        case .v128: .v128(WasmKit.V128(bytes: [UInt8](repeating: 0, count: 16)))
        case .ref(let r):
            switch r.heapType {
            case .abstract(.funcRef), .abstract(.noFunc), .concrete: .ref(.function(nil))
            case .abstract(.exnRef), .abstract(.noExn): .ref(.exception(nil))
            default: .ref(.extern(nil))
            }
        }
    }

    private func describe(_ values: [WasmKit.Value]) -> String {
        values.map { v in
            switch v {
            case .i32(let x): "\(x)"
            case .i64(let x): "\(x)"
            case .f32(let x): "f32:\(x)"
            case .f64(let x): "f64:\(x)"
            default: "\(v)"
            }
        }.joined(separator: " ")
    }
}

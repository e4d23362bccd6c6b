// The C ABI's stores (include/wasm_spec.h): making one, instantiating and registering
// modules in it, and defining host functions, globals, memories and tables.

import CWasmSpec
import WasmSpec

/// `wasm_spec_store_new`.
@_cdecl("wasm_spec_store_new")
public func storeNew(_ limits: UnsafePointer<wasm_spec_limits>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let out = try required(out, "store_out")
        out.pointee = nil
        out.pointee = Handles.make(Store(limits: try WasmSpecCABI.limits(limits)), tag: HandleTag.store)
    }
}

/// `wasm_spec_store_free`.
@_cdecl("wasm_spec_store_free")
public func storeFree(_ store: OpaquePointer?) {
    Handles.free(store, tag: HandleTag.store)
}

/// `wasm_spec_store_instantiate`: a binary module in a store.
@_cdecl("wasm_spec_store_instantiate")
public func storeInstantiate(
    _ handle: OpaquePointer?, _ bytes: UnsafePointer<UInt8>?, _ length: Int, _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let out = try required(out, "instance_out")
        out.pointee = nil
        let instance = try store(handle).instantiate(try WasmSpecCABI.bytes(bytes, length))
        out.pointee = Handles.make(instance, tag: HandleTag.instance)
    }
}

/// `wasm_spec_store_instantiate_text`: a text module in a store.
@_cdecl("wasm_spec_store_instantiate_text")
public func storeInstantiateText(
    _ handle: OpaquePointer?, _ text: UnsafePointer<CChar>?, _ length: Int, _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let out = try required(out, "instance_out")
        out.pointee = nil
        let instance = try store(handle).instantiate(text: try name(text, length, what: "text"))
        out.pointee = Handles.make(instance, tag: HandleTag.instance)
    }
}

/// `wasm_spec_store_register`: an instance's exports under a module name.
@_cdecl("wasm_spec_store_register")
public func storeRegister(
    _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ nameLength: Int, _ inst: OpaquePointer?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        try store(handle).register(try instance(inst), as: try WasmSpecCABI.name(name, nameLength))
    }
}

/// A C host function with its environment; the finalizer runs when the store lets the
/// function go.
final class HostCallback: @unchecked Sendable {
    // Immutable; what `env` points to is the caller's, who promised it may be used
    // from the threads that call into the store.
    let function: wasm_spec_host_func
    let env: UnsafeMutableRawPointer?
    let finalizer: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?
    let results: [ValType]

    init(
        _ function: wasm_spec_host_func, env: UnsafeMutableRawPointer?,
        finalizer: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?, results: [ValType]
    ) {
        self.function = function
        self.env = env
        self.finalizer = finalizer
        self.results = results
    }

    deinit { finalizer?(env) }

    /// Calls the C function with C values; its error becomes a `WasmError`.
    func call(_ arguments: [Value]) throws(WasmError) -> [Value] {
        let args = arguments.map(wasm_spec_value.init)
        var out = results.map { wasm_spec_value(Value.zero($0)) }
        let error = args.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { r in
                function(env, a.baseAddress, a.count, r.baseAddress, r.count)
            }
        }
        if let error {
            let e = Handles.object(error, tag: HandleTag.error, as: CError.self)
            let kind = e?.kind ?? 8
            let message = e.map { String(cString: $0.message) } ?? "host function returned an invalid error"
            errorFree(error)
            throw CError.wasmError(kind: kind, message: message)
        }
        var values: [Value] = []
        for r in out {
            // A value that cannot be read stands for a wrong result.
            guard let v = try? r.value() else { throw .trap("host function returned a result of the wrong type") }
            values.append(v)
        }
        return values
    }
}

/// `wasm_spec_store_define_func`: a host function.
@_cdecl("wasm_spec_store_define_func")
public func storeDefineFunc(
    _ handle: OpaquePointer?, _ module: UnsafePointer<CChar>?, _ moduleLength: Int,
    _ name: UnsafePointer<CChar>?, _ nameLength: Int,
    _ params: UnsafePointer<UInt32>?, _ paramCount: Int, _ results: UnsafePointer<UInt32>?, _ resultCount: Int,
    _ callback: wasm_spec_host_func?, _ env: UnsafeMutableRawPointer?,
    _ finalizer: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let s = try store(handle)
        let (m, n) = (try WasmSpecCABI.name(module, moduleLength, what: "module"), try WasmSpecCABI.name(name, nameLength))
        guard let callback else { throw .usage("null callback") }
        let type = FuncType(try valTypes(params, paramCount), try valTypes(results, resultCount))
        let host = HostCallback(callback, env: env, finalizer: finalizer, results: type.results)
        try s.define(m, n, function: type) { (args: [Value]) throws(WasmError) -> [Value] in try host.call(args) }
    }
}

/// The value types of `count` codes at `p`.
private func valTypes(_ p: UnsafePointer<UInt32>?, _ count: Int) throws(WasmError) -> [ValType] {
    guard count > 0 else { return [] }
    guard let p else { throw .usage("null value types") }
    var types: [ValType] = []
    for i in 0..<count { types.append(try valType(p[i])) }
    return types
}

/// `wasm_spec_store_define_global`: a host global.
@_cdecl("wasm_spec_store_define_global")
public func storeDefineGlobal(
    _ handle: OpaquePointer?, _ module: UnsafePointer<CChar>?, _ moduleLength: Int,
    _ name: UnsafePointer<CChar>?, _ nameLength: Int, _ type: UInt32, _ isMutable: Int32,
    _ value: UnsafePointer<wasm_spec_value>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let s = try store(handle)
        let (m, n) = (try WasmSpecCABI.name(module, moduleLength, what: "module"), try WasmSpecCABI.name(name, nameLength))
        guard let value else { throw .usage("null value") }
        try s.define(m, n, global: GlobalType(mutable: isMutable != 0, try valType(type)), try value.pointee.value())
    }
}

/// Limits from a minimum and a maximum, `WASM_SPEC_NO_MAX` for none.
private func limits(_ min: UInt64, _ max: UInt64) -> Limits {
    Limits(min: min, max: max == UInt64.max ? nil : max)
}

/// `wasm_spec_store_define_memory`: a host memory.
@_cdecl("wasm_spec_store_define_memory")
public func storeDefineMemory(
    _ handle: OpaquePointer?, _ module: UnsafePointer<CChar>?, _ moduleLength: Int,
    _ name: UnsafePointer<CChar>?, _ nameLength: Int, _ min: UInt64, _ max: UInt64
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let s = try store(handle)
        let (m, n) = (try WasmSpecCABI.name(module, moduleLength, what: "module"), try WasmSpecCABI.name(name, nameLength))
        try s.define(m, n, memory: MemoryType(.i32, limits(min, max)))
    }
}

/// `wasm_spec_store_define_table`: a host table.
@_cdecl("wasm_spec_store_define_table")
public func storeDefineTable(
    _ handle: OpaquePointer?, _ module: UnsafePointer<CChar>?, _ moduleLength: Int,
    _ name: UnsafePointer<CChar>?, _ nameLength: Int, _ elemType: UInt32, _ min: UInt64, _ max: UInt64,
    _ initial: UnsafePointer<wasm_spec_value>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let s = try store(handle)
        let (m, n) = (try WasmSpecCABI.name(module, moduleLength, what: "module"), try WasmSpecCABI.name(name, nameLength))
        guard case .ref(let rt) = try valType(elemType) else { throw .usage("a table holds references") }
        var element = Ref.null
        if let initial {
            guard case .ref(let r) = try initial.pointee.value() else { throw .usage("a table holds references") }
            element = r
        }
        try s.define(m, n, table: TableType(.i32, limits(min, max), rt), element)
    }
}

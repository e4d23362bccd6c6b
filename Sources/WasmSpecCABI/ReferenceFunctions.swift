// The C ABI's reference functions (include/wasm_spec.h): instantiate, interpret,
// interpret_legacy, reading exports, and the error and free functions. Each entry
// point checks its arguments, calls the embedding API and turns a `WasmError` into an
// error handle.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CWasmSpec
import WasmSpec

// MARK: Errors and frees

/// `wasm_spec_error_kind`: the error's kind, 0 for NULL.
@_cdecl("wasm_spec_error_kind")
public func errorKind(_ error: OpaquePointer?) -> UInt32 {
    Handles.object(error, tag: HandleTag.error, as: CError.self)?.kind ?? 0
}

/// The empty message, for NULL errors.
private let noMessage: StaticString = ""

/// `wasm_spec_error_message`: the error's message, "" for NULL.
@_cdecl("wasm_spec_error_message")
public func errorMessage(_ error: OpaquePointer?) -> UnsafePointer<CChar> {
    if let e = Handles.object(error, tag: HandleTag.error, as: CError.self) { return UnsafePointer(e.message) }
    return UnsafeRawPointer(noMessage.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// `wasm_spec_error_free`.
@_cdecl("wasm_spec_error_free")
public func errorFree(_ error: OpaquePointer?) {
    Handles.free(error, tag: HandleTag.error)
}

/// `wasm_spec_error_new`: an error for a host function to return.
@_cdecl("wasm_spec_error_new")
public func errorNew(_ kind: UInt32, _ message: UnsafePointer<CChar>?) -> OpaquePointer? {
    let text = message.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) } ?? ""
    let known = (1...8).contains(kind) ? kind : 8
    return Handles.make(CError(kind: known, message: text), tag: HandleTag.error)
}

/// `wasm_spec_values_free`.
@_cdecl("wasm_spec_values_free")
public func valuesFree(_ values: UnsafeMutablePointer<wasm_spec_value>?) {
    free(values)
}

/// `wasm_spec_bytes_free`.
@_cdecl("wasm_spec_bytes_free")
public func bytesFree(_ bytes: UnsafeMutablePointer<UInt8>?) {
    free(bytes)
}

// MARK: Instances

/// `wasm_spec_instantiate`: a module in a new store.
@_cdecl("wasm_spec_instantiate")
public func instantiateC(
    _ bytes: UnsafePointer<UInt8>?, _ length: Int, _ limits: UnsafePointer<wasm_spec_limits>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let out = try required(out, "instance_out")
        out.pointee = nil
        let instance = try instantiate(try WasmSpecCABI.bytes(bytes, length), limits: try WasmSpecCABI.limits(limits))
        out.pointee = Handles.make(instance, tag: HandleTag.instance)
    }
}

/// `wasm_spec_instance_free`.
@_cdecl("wasm_spec_instance_free")
public func instanceFree(_ instance: OpaquePointer?) {
    Handles.free(instance, tag: HandleTag.instance)
}

/// `wasm_spec_interpret`: calls an exported function.
@_cdecl("wasm_spec_interpret")
public func interpretC(
    _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ nameLength: Int,
    _ args: UnsafePointer<wasm_spec_value>?, _ count: Int,
    _ results: UnsafeMutablePointer<UnsafeMutablePointer<wasm_spec_value>?>?, _ resultCount: UnsafeMutablePointer<Int>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let (results, resultCount) = try resultsOut(results, resultCount)
        let values = try interpret(
            try instance(handle), try WasmSpecCABI.name(name, nameLength), try arguments(args, count))
        try deliver(values, results, resultCount)
    }
}

/// `wasm_spec_interpret_legacy`: instantiates and calls the first exported function.
@_cdecl("wasm_spec_interpret_legacy")
public func interpretLegacyC(
    _ bytes: UnsafePointer<UInt8>?, _ length: Int, _ limits: UnsafePointer<wasm_spec_limits>?,
    _ args: UnsafePointer<wasm_spec_value>?, _ count: Int,
    _ results: UnsafeMutablePointer<UnsafeMutablePointer<wasm_spec_value>?>?, _ resultCount: UnsafeMutablePointer<Int>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let (results, resultCount) = try resultsOut(results, resultCount)
        let values = try interpretLegacy(
            try WasmSpecCABI.bytes(bytes, length), try arguments(args, count), limits: try WasmSpecCABI.limits(limits))
        try deliver(values, results, resultCount)
    }
}

/// The out-pointers of a call's results, checked and cleared.
private func resultsOut(
    _ results: UnsafeMutablePointer<UnsafeMutablePointer<wasm_spec_value>?>?, _ count: UnsafeMutablePointer<Int>?
) throws(WasmError) -> (UnsafeMutablePointer<UnsafeMutablePointer<wasm_spec_value>?>, UnsafeMutablePointer<Int>) {
    let (results, count) = (try required(results, "results_out"), try required(count, "results_count_out"))
    results.pointee = nil
    count.pointee = 0
    return (results, count)
}

// MARK: Exports

/// `wasm_spec_global_get`: an exported global's value.
@_cdecl("wasm_spec_global_get")
public func globalGet(
    _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ nameLength: Int,
    _ out: UnsafeMutablePointer<wasm_spec_value>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let out = try required(out, "value_out")
        let n = try WasmSpecCABI.name(name, nameLength)
        guard case .global(let v) = try export(try instance(handle), n) else {
            throw .usage("export \"\(n)\" is not a global")
        }
        out.pointee = wasm_spec_value(v)
    }
}

/// `wasm_spec_memory_copy`: a copy of an exported memory's bytes.
@_cdecl("wasm_spec_memory_copy")
public func memoryCopy(
    _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ nameLength: Int,
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, _ length: UnsafeMutablePointer<Int>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let (out, length) = (try required(out, "bytes_out"), try required(length, "length_out"))
        out.pointee = nil
        length.pointee = 0
        let n = try WasmSpecCABI.name(name, nameLength)
        guard case .memory(let bytes) = try export(try instance(handle), n) else {
            throw .usage("export \"\(n)\" is not a memory")
        }
        try deliver(bytes, out, length)
    }
}

/// `wasm_spec_memory_size`: an exported memory's size in bytes.
@_cdecl("wasm_spec_memory_size")
public func memorySize(
    _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ nameLength: Int, _ out: UnsafeMutablePointer<UInt64>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let out = try required(out, "size_out")
        out.pointee = try instance(handle).memorySize(try WasmSpecCABI.name(name, nameLength))
    }
}

/// `wasm_spec_memory_read`: bytes of an exported memory into the caller's buffer.
@_cdecl("wasm_spec_memory_read")
public func memoryRead(
    _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ nameLength: Int, _ offset: UInt64,
    _ buffer: UnsafeMutablePointer<UInt8>?, _ count: Int
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        guard count >= 0, buffer != nil || count == 0 else { throw .usage("null buffer") }
        try instance(handle).readMemory(
            try WasmSpecCABI.name(name, nameLength), at: offset,
            into: UnsafeMutableRawBufferPointer(start: buffer, count: count))
    }
}

/// The C kind of an export.
private func externKind(_ k: ExternKind) -> UInt32 {
    switch k {
    case .func: WASM_SPEC_EXTERN_FUNC.rawValue
    case .table: WASM_SPEC_EXTERN_TABLE.rawValue
    case .memory: WASM_SPEC_EXTERN_MEMORY.rawValue
    case .global: WASM_SPEC_EXTERN_GLOBAL.rawValue
    case .tag: WASM_SPEC_EXTERN_TAG.rawValue
    }
}

/// `wasm_spec_export_kind`: what the export `name` is.
@_cdecl("wasm_spec_export_kind")
public func exportKind(
    _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ nameLength: Int, _ out: UnsafeMutablePointer<UInt32>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let out = try required(out, "kind_out")
        out.pointee = externKind(try instance(handle).exportKind(try WasmSpecCABI.name(name, nameLength)))
    }
}

/// `wasm_spec_export_count`: how many exports an instance has.
@_cdecl("wasm_spec_export_count")
public func exportCount(_ handle: OpaquePointer?) -> Int {
    (try? instance(handle))?.exportNames.count ?? 0
}

/// `wasm_spec_export_at`: the name and kind of the `index`-th export.
@_cdecl("wasm_spec_export_at")
public func exportAt(
    _ handle: OpaquePointer?, _ index: Int, _ name: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
    _ nameLength: UnsafeMutablePointer<Int>?, _ kind: UnsafeMutablePointer<UInt32>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let (name, nameLength) = (try required(name, "name_out"), try required(nameLength, "name_length_out"))
        name.pointee = nil
        nameLength.pointee = 0
        let inst = try instance(handle)
        let names = inst.exportNames
        guard index >= 0, index < names.count else { throw .usage("export index \(index) out of range") }
        kind?.pointee = externKind(try inst.exportKind(names[index]))
        try deliver(Array(names[index].utf8), name, nameLength)
    }
}

/// `wasm_spec_wat_to_wasm`: a text module in the binary format.
@_cdecl("wasm_spec_wat_to_wasm")
public func watToWasm(
    _ text: UnsafePointer<CChar>?, _ length: Int, _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
    _ outLength: UnsafeMutablePointer<Int>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let (out, outLength) = (try required(out, "bytes_out"), try required(outLength, "length_out"))
        out.pointee = nil
        outLength.pointee = 0
        let source = try WasmSpecCABI.name(text, length, what: "text")
        let module: Module
        do throws(TextError) { module = try Module(text: Array(source.utf8)) } catch { throw .malformed(error.message) }
        try deliver(module.encode(), out, outLength)
    }
}

/// `wasm_spec_types_free`.
@_cdecl("wasm_spec_types_free")
public func typesFree(_ types: UnsafeMutablePointer<UInt32>?) {
    free(types)
}

/// `wasm_spec_func_type`: the parameter and result type codes of an exported function.
@_cdecl("wasm_spec_func_type")
public func funcType(
    _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ nameLength: Int,
    _ params: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>?, _ paramCount: UnsafeMutablePointer<Int>?,
    _ results: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>?, _ resultCount: UnsafeMutablePointer<Int>?
) -> OpaquePointer? {
    guarded { () throws(WasmError) in
        let (params, paramCount) = (try required(params, "params_out"), try required(paramCount, "param_count_out"))
        let (results, resultCount) = (try required(results, "results_out"), try required(resultCount, "result_count_out"))
        (params.pointee, paramCount.pointee, results.pointee, resultCount.pointee) = (nil, 0, nil, 0)
        let type = try instance(handle).functionType(try WasmSpecCABI.name(name, nameLength))
        let p = try typeCodes(type.params)
        let r = try typeCodes(type.results)
        (params.pointee, paramCount.pointee) = (p, type.params.count)
        (results.pointee, resultCount.pointee) = (r, type.results.count)
    }
}

/// The codes of value types as a C array (NULL when empty).
private func typeCodes(_ types: [ValType]) throws(WasmError) -> UnsafeMutablePointer<UInt32>? {
    guard !types.isEmpty else { return nil }
    guard let raw = malloc(types.count * MemoryLayout<UInt32>.stride) else { throw .exhaustion("out of memory") }
    let p = raw.bindMemory(to: UInt32.self, capacity: types.count)
    for (i, t) in types.enumerated() { (p + i).initialize(to: typeCode(t)) }
    return p
}

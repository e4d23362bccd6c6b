// The handles the C ABI gives out (Sources/CWasmSpec/include/wasm_spec.h): a small C-allocated record
// with a tag saying what it is and a retained Swift object. The tag lets every entry
// point reject a handle of the wrong kind (or a stray pointer that does not carry a
// tag) with a usage error instead of crashing.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CWasmSpec
import WasmSpec

/// The record behind a handle.
struct HandleRecord {
    /// `HandleTag.store`, `.instance` or `.error`; 0 once freed.
    var tag: UInt64
    /// The retained object: a `Store`, an `Instance` or a `CError`.
    var object: Unmanaged<AnyObject>
}

/// Tags of the handle kinds: arbitrary constants unlikely to be found by chance.
enum HandleTag {
    static let store: UInt64 = 0x5741_534D_5354_4F52
    static let instance: UInt64 = 0x5741_534D_494E_5354
    static let error: UInt64 = 0x5741_534D_4552_524F
}

enum Handles {
    /// A new handle holding `object`.
    static func make(_ object: AnyObject, tag: UInt64) -> OpaquePointer {
        let p = UnsafeMutablePointer<HandleRecord>.allocate(capacity: 1)
        p.initialize(to: HandleRecord(tag: tag, object: .passRetained(object)))
        return OpaquePointer(p)
    }

    /// The object of a handle with this tag, or `nil` for NULL or another kind.
    static func object<T: AnyObject>(_ handle: OpaquePointer?, tag: UInt64, as: T.Type) -> T? {
        guard let handle else { return nil }
        let p = UnsafeMutablePointer<HandleRecord>(handle)
        guard p.pointee.tag == tag else { return nil }
        return p.pointee.object.takeUnretainedValue() as? T
    }

    /// Frees a handle with this tag; anything else is ignored.
    static func free(_ handle: OpaquePointer?, tag: UInt64) {
        guard let handle else { return }
        let p = UnsafeMutablePointer<HandleRecord>(handle)
        guard p.pointee.tag == tag else { return }
        p.pointee.tag = 0
        p.pointee.object.release()
        p.deallocate()
    }
}

/// An error as the C ABI holds it: the kind and a NUL-terminated copy of the message.
final class CError {
    let kind: UInt32
    let message: UnsafeMutablePointer<CChar>

    init(kind: UInt32, message: String) {
        self.kind = kind
        self.message = strdup(message) ?? CError.empty()
    }

    deinit { free(message) }

    private static func empty() -> UnsafeMutablePointer<CChar> {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        p.pointee = 0
        return p
    }

    /// The C kinds of `WasmError` (enum wasm_spec_error_kind).
    static func kind(of error: WasmError) -> UInt32 {
        switch error {
        case .malformed: 1
        case .invalid: 2
        case .link: 3
        case .trap: 4
        case .exhaustion: 5
        case .exception: 6
        case .crash: 7
        case .usage: 8
        }
    }

    /// The `WasmError` of a C kind and message.
    static func wasmError(kind: UInt32, message: String) -> WasmError {
        switch kind {
        case 1: .malformed(message)
        case 2: .invalid(message)
        case 3: .link(message)
        case 4: .trap(message)
        case 5: .exhaustion(message)
        case 6: .exception(message)
        case 7: .crash(message)
        default: .usage(message)
        }
    }
}

/// A new error handle for a `WasmError`.
func errorHandle(_ error: WasmError) -> OpaquePointer {
    Handles.make(CError(kind: CError.kind(of: error), message: error.message), tag: HandleTag.error)
}

/// Runs the body of an entry point: `nil` on success, an error handle otherwise.
func guarded(_ body: () throws(WasmError) -> Void) -> OpaquePointer? {
    do {
        try body()
        return nil
    } catch {
        return errorHandle(error)
    }
}

/// The instance of a handle, or a usage error.
func instance(_ handle: OpaquePointer?) throws(WasmError) -> Instance {
    guard let i = Handles.object(handle, tag: HandleTag.instance, as: Instance.self) else {
        throw .usage(handle == nil ? "null instance" : "not an instance handle")
    }
    return i
}

/// The store of a handle, or a usage error.
func store(_ handle: OpaquePointer?) throws(WasmError) -> Store {
    guard let s = Handles.object(handle, tag: HandleTag.store, as: Store.self) else {
        throw .usage(handle == nil ? "null store" : "not a store handle")
    }
    return s
}

/// A name given as pointer and length, decoded as UTF-8.
func name(_ p: UnsafePointer<CChar>?, _ length: Int, what: String = "name") throws(WasmError) -> String {
    guard length > 0 else { return "" }
    guard let p else { throw .usage("null \(what)") }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: length)
    guard let s = String(validating: bytes, as: UTF8.self) else { throw .usage("\(what) is not UTF-8") }
    return s
}

/// Bytes given as pointer and length.
func bytes(_ p: UnsafePointer<UInt8>?, _ length: Int) throws(WasmError) -> [UInt8] {
    guard length > 0 else { return [] }
    guard let p else { throw .usage("null bytes") }
    return Array(UnsafeBufferPointer(start: p, count: length))
}

/// Checks that an out-pointer is there.
func required<T>(_ p: UnsafeMutablePointer<T>?, _ what: String) throws(WasmError) -> UnsafeMutablePointer<T> {
    guard let p else { throw .usage("null \(what)") }
    return p
}

/// The limits a `wasm_spec_limits` asks for (NULL: the defaults).
func limits(_ p: UnsafePointer<wasm_spec_limits>?) throws(WasmError) -> ExecutionLimits {
    var limits = ExecutionLimits()
    guard let c = p?.pointee else { return limits }
    switch c.engine {
    case 0: limits.engine = .reference
    case 1: limits.engine = .compiled
    default: throw .usage("unknown engine \(c.engine)")
    }
    let cap = UInt64(Int.max)
    if c.max_call_depth != 0 { limits.maxCallDepth = Int(min(c.max_call_depth, cap)) }
    if c.fuel != 0 { limits.fuel = Int(min(c.fuel, cap)) }
    if c.stack_slots != 0 { limits.stackSlots = Int(min(c.stack_slots, cap)) }
    let known = UInt32(WASM_SPEC_BUDGET_MEMORY_BYTES.rawValue | WASM_SPEC_BUDGET_TABLE_ELEMENTS.rawValue
        | WASM_SPEC_BUDGET_GC_HEAP_BYTES.rawValue)
    guard c.budgets & ~known == 0 else { throw .usage("unknown budget bits \(c.budgets & ~known)") }
    func isSet(_ bit: wasm_spec_budget) -> Bool { c.budgets & UInt32(bit.rawValue) != 0 }
    if isSet(WASM_SPEC_BUDGET_MEMORY_BYTES) { limits.memoryBytes = c.memory_bytes }
    if isSet(WASM_SPEC_BUDGET_TABLE_ELEMENTS) { limits.tableElements = c.table_elements }
    if isSet(WASM_SPEC_BUDGET_GC_HEAP_BYTES) { limits.gcHeapBytes = Int(min(c.gc_heap_bytes, cap)) }
    return limits
}

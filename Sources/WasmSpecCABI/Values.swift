// Values across the C ABI: `wasm_spec_value` (a kind and a union of bit patterns) to and
// from the embedding API's `Value`, and the value types of host items.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CWasmSpec
import WasmSpec

extension wasm_spec_value {
    /// A C value holding `value`.
    init(_ value: Value) {
        self.init()
        switch value {
        case .i32(let x): (kind, of.i32) = (WASM_SPEC_I32.rawValue, x)
        case .i64(let x): (kind, of.i64) = (WASM_SPEC_I64.rawValue, x)
        case .f32(let x): (kind, of.f32) = (WASM_SPEC_F32.rawValue, x)
        case .f64(let x): (kind, of.f64) = (WASM_SPEC_F64.rawValue, x)
        case .v128(let x):
            kind = WASM_SPEC_V128.rawValue
            withUnsafeMutableBytes(of: &of.v128) { b in
                for i in 0..<8 {
                    b[i] = UInt8(truncatingIfNeeded: x.lo >> (8 * UInt64(i)))
                    b[8 + i] = UInt8(truncatingIfNeeded: x.hi >> (8 * UInt64(i)))
                }
            }
        case .ref(let r): self.init(r)
        }
    }

    /// A C value holding a reference; objects are opaque, only their kind shows.
    private init(_ r: Ref) {
        self.init()
        switch r {
        case .null: kind = WASM_SPEC_REF_NULL.rawValue
        case .i31(let n): (kind, of.ref) = (WASM_SPEC_REF_I31.rawValue, n)
        case .host(let n): (kind, of.ref) = (WASM_SPEC_REF_HOST.rawValue, n)
        case .extern(.host(let n)): (kind, of.ref) = (WASM_SPEC_REF_EXTERN.rawValue, n)
        case .extern: kind = WASM_SPEC_REF_EXTERN_OTHER.rawValue
        case .object(let o):
            switch o.kind {
            case .function: kind = WASM_SPEC_REF_FUNC.rawValue
            case .struct: kind = WASM_SPEC_REF_STRUCT.rawValue
            case .array: kind = WASM_SPEC_REF_ARRAY.rawValue
            case .exception: kind = WASM_SPEC_REF_EXN.rawValue
            }
        }
    }

    /// The API value of a C value; objects cannot be passed in.
    func value() throws(WasmError) -> Value {
        switch wasm_spec_value_kind(rawValue: kind) {
        case WASM_SPEC_I32: return .i32(of.i32)
        case WASM_SPEC_I64: return .i64(of.i64)
        case WASM_SPEC_F32: return .f32(of.f32)
        case WASM_SPEC_F64: return .f64(of.f64)
        case WASM_SPEC_V128:
            var copy = of.v128
            let (lo, hi) = withUnsafeBytes(of: &copy) { b in
                var lo: UInt64 = 0
                var hi: UInt64 = 0
                for i in 0..<8 {
                    lo |= UInt64(b[i]) << (8 * UInt64(i))
                    hi |= UInt64(b[8 + i]) << (8 * UInt64(i))
                }
                return (lo, hi)
            }
            return .v128(V128(lo: lo, hi: hi))
        case WASM_SPEC_REF_NULL: return .ref(.null)
        case WASM_SPEC_REF_EXTERN: return .ref(.extern(.host(of.ref)))
        case WASM_SPEC_REF_HOST: return .ref(.host(of.ref))
        case WASM_SPEC_REF_I31: return .ref(.i31(of.ref & 0x7FFF_FFFF))
        case WASM_SPEC_REF_FUNC, WASM_SPEC_REF_STRUCT, WASM_SPEC_REF_ARRAY, WASM_SPEC_REF_EXN,
            WASM_SPEC_REF_EXTERN_OTHER:
            throw .usage("an object reference cannot be passed in")
        default:
            throw .usage("unknown value kind \(kind)")
        }
    }
}

/// The API values of `count` C values at `p`.
func values(_ p: UnsafePointer<wasm_spec_value>?, _ count: Int) throws(WasmError) -> [Value] {
    guard count > 0 else { return [] }
    guard let p else { throw .usage("null arguments") }
    var out: [Value] = []
    out.reserveCapacity(count)
    for i in 0..<count { out.append(try p[i].value()) }
    return out
}

/// Arguments as `wasm_spec_interpret` takes them: `nil` (zeroes) for WASM_SPEC_ZERO_ARGS.
func arguments(_ p: UnsafePointer<wasm_spec_value>?, _ count: Int) throws(WasmError) -> [Value]? {
    count == Int(bitPattern: UInt(bitPattern: -1)) ? nil : try values(p, count)
}

/// Hands results to the caller as a C array to free with `wasm_spec_values_free`.
func deliver(
    _ results: [Value], _ out: UnsafeMutablePointer<UnsafeMutablePointer<wasm_spec_value>?>,
    _ count: UnsafeMutablePointer<Int>
) throws(WasmError) {
    out.pointee = nil
    count.pointee = 0
    guard !results.isEmpty else { return }
    guard let raw = malloc(results.count * MemoryLayout<wasm_spec_value>.stride) else {
        throw .exhaustion("out of memory")
    }
    let p = raw.bindMemory(to: wasm_spec_value.self, capacity: results.count)
    for (i, v) in results.enumerated() { (p + i).initialize(to: wasm_spec_value(v)) }
    out.pointee = p
    count.pointee = results.count
}

/// Hands bytes to the caller as a C array to free with `wasm_spec_bytes_free`.
func deliver(
    _ bytes: [UInt8], _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, _ count: UnsafeMutablePointer<Int>
) throws(WasmError) {
    out.pointee = nil
    count.pointee = 0
    guard !bytes.isEmpty else { return }
    guard let raw = malloc(bytes.count) else { throw .exhaustion("out of memory") }
    let p = raw.bindMemory(to: UInt8.self, capacity: bytes.count)
    _ = UnsafeMutableBufferPointer(start: p, count: bytes.count).initialize(from: bytes)
    out.pointee = p
    count.pointee = bytes.count
}

/// The value type a `wasm_spec_valtype` names.
func valType(_ code: UInt32) throws(WasmError) -> ValType {
    switch wasm_spec_valtype(rawValue: code) {
    case WASM_SPEC_TYPE_I32: .i32
    case WASM_SPEC_TYPE_I64: .i64
    case WASM_SPEC_TYPE_F32: .f32
    case WASM_SPEC_TYPE_F64: .f64
    case WASM_SPEC_TYPE_V128: .v128
    case WASM_SPEC_TYPE_FUNCREF: .funcref
    case WASM_SPEC_TYPE_EXTERNREF: .externref
    case WASM_SPEC_TYPE_ANYREF: .ref(.anyref)
    default: throw .usage("unknown value type \(code)")
    }
}

/// The code `wasm_spec_func_type` reports for a value type: a number type's own, a
/// reference type's family, plus WASM_SPEC_TYPE_NON_NULLABLE when it is not nullable.
func typeCode(_ t: ValType) -> UInt32 {
    switch t {
    case .i32: return WASM_SPEC_TYPE_I32.rawValue
    case .i64: return WASM_SPEC_TYPE_I64.rawValue
    case .f32: return WASM_SPEC_TYPE_F32.rawValue
    case .f64: return WASM_SPEC_TYPE_F64.rawValue
    case .v128: return WASM_SPEC_TYPE_V128.rawValue
    case .bot: return WASM_SPEC_TYPE_ANYREF.rawValue
    case .ref(let rt):
        let family: UInt32
        switch rt.heapType {
        case .func, .nofunc: family = WASM_SPEC_TYPE_FUNCREF.rawValue
        case .extern, .noextern: family = WASM_SPEC_TYPE_EXTERNREF.rawValue
        case .exn, .noexn: family = WASM_SPEC_TYPE_EXNREF
        case .def(let dt):
            if case .func = expand(dt) { family = WASM_SPEC_TYPE_FUNCREF.rawValue } else { family = WASM_SPEC_TYPE_ANYREF.rawValue }
        default: family = WASM_SPEC_TYPE_ANYREF.rawValue
        }
        return rt.nullable ? family : family | WASM_SPEC_TYPE_NON_NULLABLE
    }
}

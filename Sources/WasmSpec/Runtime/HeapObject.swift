// Objects that references point to, and how a reference fits in one 64-bit slot.
//
// NOTE: The evaluator keeps every value in 64-bit slots, references included, so that
// the operand stack, locals, globals and tables are plain `UInt64` memory with no
// reference counting per instruction. A reference slot holds
//   0                     the null reference (of any type: nulls are not typed at run time),
//   (n << 1) | 1          an `i31ref` with the 31-bit value n,
//   an object's address   anything else (functions, structs, arrays, exceptions, host and
//                         extern references); objects are at least 8-byte aligned.
// An address in a slot does not keep its object alive: the store does, by keeping every
// object it allocated until its collector finds it unreachable (Collector.swift).

/// What a heap object is.
enum ObjectKind: UInt8 {
    case function, `struct`, array, exception, host, extern
}

/// The base class of everything a non-null, non-i31 reference can point to.
class HeapObject: @unchecked Sendable {
    // Immutable after creation except where a subclass says otherwise (and `mark`);
    // mutation only happens under the owning store's lock.
    let kind: ObjectKind
    /// The bytes the object holds beyond its header, as the collector counts them.
    let size: Int
    /// The number of the last collection that found the object reachable.
    @exclusivity(unchecked) var mark: UInt32 = 0
    /// Whether the store's heap holds the object (an object handed out and back through
    /// the embedding API is not added twice).
    @exclusivity(unchecked) var inHeap = false

    init(kind: ObjectKind, size: Int = 0) {
        self.kind = kind
        self.size = size
    }
}

/// A host reference, `ref.host n` in scripts (reference: script.ml `HostRef`).
final class HostObject: HeapObject, @unchecked Sendable {
    let value: UInt32

    init(_ value: UInt32) {
        self.value = value
        super.init(kind: .host)
    }
}

/// An `externref` made from an internal reference by `extern.convert_any` or by the host
/// (reference: extern.ml `ExternRef`).
final class ExternObject: HeapObject, @unchecked Sendable {
    /// The wrapped reference's slot; never null.
    let inner: UInt64

    init(_ inner: UInt64) {
        self.inner = inner
        super.init(kind: .extern)
    }
}

/// Encoding and decoding of reference slots.
enum RefSlot {
    static let null: UInt64 = 0

    @inline(__always)
    static func isI31(_ slot: UInt64) -> Bool { slot & 1 == 1 }

    @inline(__always)
    static func i31(_ value: UInt32) -> UInt64 { (UInt64(value & 0x7FFF_FFFF) << 1) | 1 }

    /// The 31-bit payload of an i31 slot.
    @inline(__always)
    static func i31Value(_ slot: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: slot >> 1) }

    @inline(__always)
    static func of(_ object: HeapObject) -> UInt64 {
        UInt64(UInt(bitPattern: Unmanaged.passUnretained(object).toOpaque()))
    }

    /// The object of a slot that is neither null nor i31. The store must still hold it.
    @inline(__always)
    static func object(_ slot: UInt64) -> HeapObject {
        let raw = UnsafeRawPointer(bitPattern: UInt(slot)).unsafelyUnwrapped
        return Unmanaged<HeapObject>.fromOpaque(raw).takeUnretainedValue()
    }

    /// The kind of object a slot points to, or nil for null and i31.
    @inline(__always)
    static func kind(_ slot: UInt64) -> ObjectKind? {
        slot == 0 || isI31(slot) ? nil : object(slot).kind
    }
}

// Values as the embedding API sees them (§4.2.1 "Values").

/// A WebAssembly value. Numbers are bit patterns, so NaN payloads and negative zero
/// cross the API unchanged.
public enum Value: Hashable, Sendable {
    case i32(UInt32)
    case i64(UInt64)
    /// IEEE 754 single-precision bits.
    case f32(UInt32)
    /// IEEE 754 double-precision bits.
    case f64(UInt64)
    case v128(V128)
    case ref(Ref)

    /// The zero value of a type, as `interpretLegacy` passes for missing parameters
    /// (a null reference for reference types).
    public static func zero(_ type: ValType) -> Value {
        switch type {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        case .v128: .v128(.zero)
        case .ref, .bot: .ref(.null)
        }
    }
}

/// A reference value (§4.2.1).
public indirect enum Ref: Hashable, Sendable {
    /// A null reference; at run time nulls carry no type.
    case null
    /// An `i31ref` holding the low 31 bits.
    case i31(UInt32)
    /// A host reference, `ref.host n` in scripts.
    case host(UInt32)
    /// An external reference wrapping another reference (`extern.convert_any`, or
    /// `ref.extern n` in scripts, which wraps `.host(n)`).
    case extern(Ref)
    /// A function, struct, array or exception allocated by a store.
    case object(ObjectRef)
}

/// A reference to an object in a store: a function, struct, array or exception. It
/// keeps its store alive. Two `ObjectRef`s are equal when they denote the same object.
public struct ObjectRef: Hashable, Sendable {
    /// What the object is.
    public enum Kind: Sendable { case function, `struct`, array, exception }

    let object: HeapObject
    let store: Store

    init(_ object: HeapObject, store: Store) {
        self.object = object
        self.store = store
    }

    public var kind: Kind {
        switch object.kind {
        case .function: .function
        case .struct: .struct
        case .array: .array
        default: .exception
        }
    }

    public static func == (a: ObjectRef, b: ObjectRef) -> Bool { a.object === b.object }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(object))
    }
}

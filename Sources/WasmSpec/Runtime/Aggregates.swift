// Structures and arrays of the GC instructions (§4.2.10 "Aggregate instances").

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a field or array element is stored: in as many bytes as its type needs, packed
/// fields in 1 and 2 (§4.2 "Aggregate Instances"), numbers in 4 or 8, references in 8
/// (a reference slot), vectors in 16.
enum FieldStorage: UInt8 {
    case i8, i16, b32, b64, v128

    init(_ storage: StorageType) {
        switch storage {
        case .packed(.i8): self = .i8
        case .packed(.i16): self = .i16
        case .val(.i32), .val(.f32): self = .b32
        case .val(.v128): self = .v128
        case .val: self = .b64
        }
    }

    /// Bytes a field or element of this storage takes (and reads from a data segment).
    var bytes: Int {
        switch self {
        case .i8: 1
        case .i16: 2
        case .b32: 4
        case .b64: 8
        case .v128: 16
        }
    }

    /// Operand slots a value of this storage takes in the compiled engine.
    var slots: Int { self == .v128 ? 2 : 1 }
}

/// Where the fields of a struct type, or the elements of an array type, lie in an
/// object's bytes, and which of them hold references (for the collector). Made once
/// per type and shared by every object of it.
final class AggregateLayout: Sendable {
    struct Field: Sendable {
        var storage: FieldStorage
        /// The field's byte offset in the object; fields are aligned to their size.
        var offset: Int
        /// The slot of its operand among `struct.new`'s, in the compiled engine.
        var slot: Int
        var isRef: Bool
    }

    /// For structs: the fields in order, the bytes they take, the operand slots of
    /// `struct.new`, and the offsets of the reference fields.
    let fields: [Field]
    let structBytes: Int
    let structSlots: Int
    let refOffsets: [Int]
    /// For arrays: the element storage, and whether elements are references.
    let element: FieldStorage
    let elementIsRef: Bool

    init(_ type: DefType) {
        var fields: [Field] = []
        var bytes = 0
        var slots = 0
        var element = FieldStorage.b64
        var elementIsRef = false
        switch type.rolledSubType.compType {
        case .struct(let fs):
            for f in fs {
                let s = FieldStorage(f.storage)
                bytes = (bytes + s.bytes - 1) / s.bytes * s.bytes
                fields.append(Field(storage: s, offset: bytes, slot: slots, isRef: f.storage.isReference))
                bytes += s.bytes
                slots += s.slots
            }
        case .array(let f):
            element = FieldStorage(f.storage)
            elementIsRef = f.storage.isReference
        case .func:
            break
        }
        self.fields = fields
        structBytes = bytes
        structSlots = slots
        refOffsets = fields.filter(\.isRef).map(\.offset)
        self.element = element
        self.elementIsRef = elementIsRef
    }
}

extension StorageType {
    /// Whether values stored here are references.
    var isReference: Bool {
        if case .val(.ref) = self { return true }
        return false
    }
}

/// `count` zeroed bytes (at least one), or `nil` when the system has no memory for them.
/// Taken with `calloc` rather than Swift's allocator, which ends the process when an
/// allocation fails; large blocks come as fresh mappings whose pages cost nothing until
/// written. Freed with `free`.
func allocateBytes(_ count: Int) -> UnsafeMutableRawPointer? {
    calloc(max(count, 1), 1)
}

/// A struct instance.
final class StructObject: HeapObject, @unchecked Sendable {
    // Fields are mutated by the evaluator under the store's lock.
    let type: DefType
    let layout: AggregateLayout
    /// The fields' bytes, `layout.structBytes` of them.
    let bytes: UnsafeMutableRawPointer

    /// A struct with every field zero, or `nil` when there is no memory for it.
    init?(type: DefType, layout: AggregateLayout) {
        guard let bytes = allocateBytes(layout.structBytes) else { return nil }
        self.type = type
        self.layout = layout
        self.bytes = bytes
        super.init(kind: .struct, size: layout.structBytes)
    }

    deinit {
        free(bytes)
    }
}

/// An array instance.
final class ArrayObject: HeapObject, @unchecked Sendable {
    // Elements are mutated by the evaluator under the store's lock.

    /// The most elements an array may have here. Larger requests trap instead of
    /// exhausting the host's memory.
    static let maxLength: UInt64 = 1 << 27

    let type: DefType
    let layout: AggregateLayout
    let length: UInt32
    let storage: FieldStorage
    /// The elements' bytes, `length * storage.bytes` of them.
    let elements: UnsafeMutableRawPointer

    /// An array of `length` zero elements, or `nil` when there is no memory for it.
    init?(type: DefType, layout: AggregateLayout, length: UInt32) {
        let size = Int(length) * layout.element.bytes
        guard let elements = allocateBytes(size) else { return nil }
        self.type = type
        self.layout = layout
        self.length = length
        self.storage = layout.element
        self.elements = elements
        super.init(kind: .array, size: size)
    }

    deinit {
        free(elements)
    }
}

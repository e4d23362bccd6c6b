// Structures and arrays of the GC instructions (§4.2.10 "Aggregate instances").

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a field or array element is stored: packed fields keep their low bits in a
/// whole slot; a v128 takes two slots.
enum FieldStorage: UInt8 {
    case i8, i16, value, v128

    init(_ storage: StorageType) {
        switch storage {
        case .packed(.i8): self = .i8
        case .packed(.i16): self = .i16
        case .val(.v128): self = .v128
        case .val: self = .value
        }
    }

    var slots: Int { self == .v128 ? 2 : 1 }

    /// Bytes per element in a data segment (`array.new_data`, `array.init_data`).
    var byteSize: Int {
        switch self {
        case .i8: 1
        case .i16: 2
        case .value, .v128: 0  // set from the value type by the caller
        }
    }
}

/// The slot layout of a struct or array type.
struct AggregateLayout {
    /// For structs: each field's storage and first slot.
    var fields: [(storage: FieldStorage, slot: Int)] = []
    var structSlots = 0
    /// For arrays: the element storage, and the element's value type (for byte sizes).
    var element: FieldStorage = .value
    var elementType: ValType = .i32

    init(_ type: DefType) {
        switch type.rolledSubType.compType {
        case .struct(let fs):
            for f in fs {
                let s = FieldStorage(f.storage)
                fields.append((s, structSlots))
                structSlots += s.slots
            }
        case .array(let f):
            element = FieldStorage(f.storage)
            elementType = f.storage.unpacked
        case .func:
            break
        }
    }

    /// Bytes per array element when read from a data segment (§4.4.7 `array.new_data`).
    var elementByteSize: Int {
        switch element {
        case .i8: 1
        case .i16: 2
        case .v128: 16
        case .value:
            switch elementType {
            case .i32, .f32: 4
            default: 8
            }
        }
    }
}

/// Zeroed storage for `count` 64-bit slots (at least one), or `nil` when the system has
/// no memory for it. Taken with `calloc` rather than Swift's allocator, which ends the
/// process when an allocation fails; large blocks come as fresh mappings whose pages
/// cost nothing until written. Freed with `free`.
func allocateSlots(_ count: Int) -> UnsafeMutablePointer<UInt64>? {
    calloc(max(count, 1), MemoryLayout<UInt64>.stride)?.bindMemory(to: UInt64.self, capacity: max(count, 1))
}

/// A struct instance.
final class StructObject: HeapObject, @unchecked Sendable {
    // Fields are mutated by the evaluator under the store's lock.
    let type: DefType
    let fields: UnsafeMutablePointer<UInt64>
    let slotCount: Int

    /// A struct with every field zero, or `nil` when there is no memory for it.
    init?(type: DefType, slots: Int) {
        guard let fields = allocateSlots(slots) else { return nil }
        self.type = type
        self.slotCount = slots
        self.fields = fields
        super.init(kind: .struct)
    }

    deinit {
        free(fields)
    }
}

/// An array instance.
final class ArrayObject: HeapObject, @unchecked Sendable {
    // Elements are mutated by the evaluator under the store's lock.

    /// The most elements an array may have here. Larger requests trap instead of
    /// exhausting the host's memory.
    static let maxLength: UInt64 = 1 << 27

    let type: DefType
    let length: UInt32
    let storage: FieldStorage
    /// `length * storage.slots` slots.
    let elements: UnsafeMutablePointer<UInt64>

    /// An array of `length` zero elements, or `nil` when there is no memory for it.
    init?(type: DefType, length: UInt32, storage: FieldStorage) {
        guard let elements = allocateSlots(Int(length) * storage.slots) else { return nil }
        self.type = type
        self.length = length
        self.storage = storage
        self.elements = elements
        super.init(kind: .array)
    }

    deinit {
        free(elements)
    }
}

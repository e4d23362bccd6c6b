// What the operator tables share: an opcode, a mnemonic and a type signature per entry,
// and lookups by either, built once from the table itself.

/// A binary opcode: one byte, or a prefix byte (`0xFB`, `0xFC`, `0xFD`) followed by a
/// LEB128-encoded `u32` sub-opcode (§5.4).
public struct Opcode: Hashable, Sendable, CustomStringConvertible {
    /// The prefix byte, or 0 for single-byte opcodes (0x00 is `unreachable`, never a prefix).
    public let prefix: UInt8
    public let code: UInt32

    public init(_ code: UInt32, prefix: UInt8 = 0) {
        self.prefix = prefix
        self.code = code
    }

    public var description: String {
        prefix == 0 ? hex(code) : "\(hex(UInt32(prefix))) \(hex(code))"
    }

    private func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return s.count < 2 ? "0" + s : s
    }
}

/// The operand types an operator pops and the type it pushes.
public struct OperatorSignature: Hashable, Sendable {
    public let params: [ValType]
    public let result: ValType?

    public init(_ params: [ValType], _ result: ValType?) {
        self.params = params
        self.result = result
    }

    public static func unary(_ t: ValType) -> Self { Self([t], t) }
    public static func binary(_ t: ValType) -> Self { Self([t, t], t) }
    public static func ternary(_ t: ValType) -> Self { Self([t, t, t], t) }
    public static func test(_ t: ValType) -> Self { Self([t], .i32) }
    public static func compare(_ t: ValType) -> Self { Self([t, t], .i32) }
    public static func convert(_ from: ValType, to: ValType) -> Self { Self([from], to) }
    /// Vector shifts take the shift count as an `i32`.
    public static let shift = Self([.v128, .i32], .v128)
}

/// One row of an operator table.
public struct OperatorInfo: Sendable {
    public let name: String
    public let opcode: Opcode
    public let signature: OperatorSignature
    /// For memory accesses: the natural alignment, as a power of two (§3.4.7).
    public let alignment: UInt32
    /// For lane accesses: the number of lanes of the shape.
    public let lanes: UInt8

    public init(
        _ name: String, _ code: UInt32, prefix: UInt8 = 0, _ signature: OperatorSignature,
        alignment: UInt32 = 0, lanes: UInt8 = 0
    ) {
        self.name = name
        self.opcode = Opcode(code, prefix: prefix)
        self.signature = signature
        self.alignment = alignment
        self.lanes = lanes
    }
}

/// An enumeration of operators described by a table of ``OperatorInfo``, in case order.
public protocol OperatorTable: CaseIterable, Hashable, Sendable, RawRepresentable
where RawValue == UInt16, AllCases == [Self] {
    static var infos: [OperatorInfo] { get }
}

extension OperatorTable {
    public var info: OperatorInfo { Self.infos[Int(rawValue)] }
    public var name: String { info.name }
    public var opcode: Opcode { info.opcode }
    public var signature: OperatorSignature { info.signature }

    /// Builds a mnemonic lookup; callers keep the result in a `static let`.
    public static func makeNameTable() -> [String: Self] {
        var table: [String: Self] = [:]
        for op in allCases { table[op.name] = op }
        return table
    }

    /// Builds an opcode lookup; callers keep the result in a `static let`.
    public static func makeOpcodeTable() -> [Opcode: Self] {
        var table: [Opcode: Self] = [:]
        for op in allCases { table[op.opcode] = op }
        return table
    }
}

extension NumericOp {
    public static let byName = makeNameTable()
    public static let byOpcode = makeOpcodeTable()
}

extension VectorOp {
    public static let byName = makeNameTable()
    public static let byOpcode = makeOpcodeTable()
}

extension LoadOp {
    public static let byName = makeNameTable()
    public static let byOpcode = makeOpcodeTable()
}

extension StoreOp {
    public static let byName = makeNameTable()
    public static let byOpcode = makeOpcodeTable()
}

extension LaneOp {
    public static let byName = makeNameTable()
    public static let byOpcode = makeOpcodeTable()
}

extension LaneMemoryOp {
    public static let byName = makeNameTable()
    public static let byOpcode = makeOpcodeTable()
}

/// Sizes of packed memory accesses and of vector lanes.
public enum PackSize: UInt8, Hashable, Sendable {
    case pack8, pack16, pack32, pack64

    public var bytes: Int { 1 << Int(rawValue) }
}

/// Signedness of extensions (`_s`, `_u`).
public enum Signedness: UInt8, Hashable, Sendable {
    case s, u
}

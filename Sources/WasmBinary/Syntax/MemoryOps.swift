// Operator tables of the instructions that carry a `memarg` or a lane index (§2.4.7,
// §2.4.2). The signatures leave out the address operand: its type is the address type
// of the memory the instruction names, which only validation knows.

/// Loads (§2.4.7), scalar and vector. Signature: `[] -> [t]` after the address.
public enum LoadOp: UInt16, CaseIterable, Hashable, Sendable {
    case i32Load, i64Load, f32Load, f64Load
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U
    case v128Load
    case v128Load8x8S, v128Load8x8U, v128Load16x4S, v128Load16x4U, v128Load32x2S, v128Load32x2U
    case v128Load8Splat, v128Load16Splat, v128Load32Splat, v128Load64Splat
    case v128Load32Zero, v128Load64Zero
}

extension LoadOp: OperatorTable {
    public static let infos: [OperatorInfo] = allCases.map(\.makeInfo)

    private var makeInfo: OperatorInfo {
        func load(_ name: String, _ code: UInt32, prefix: UInt8 = 0, _ t: ValType, _ align: UInt32)
            -> OperatorInfo
        {
            OperatorInfo(name, code, prefix: prefix, OperatorSignature([], t), alignment: align)
        }
        switch self {
        case .i32Load: return load("i32.load", 0x28, .i32, 2)
        case .i64Load: return load("i64.load", 0x29, .i64, 3)
        case .f32Load: return load("f32.load", 0x2A, .f32, 2)
        case .f64Load: return load("f64.load", 0x2B, .f64, 3)
        case .i32Load8S: return load("i32.load8_s", 0x2C, .i32, 0)
        case .i32Load8U: return load("i32.load8_u", 0x2D, .i32, 0)
        case .i32Load16S: return load("i32.load16_s", 0x2E, .i32, 1)
        case .i32Load16U: return load("i32.load16_u", 0x2F, .i32, 1)
        case .i64Load8S: return load("i64.load8_s", 0x30, .i64, 0)
        case .i64Load8U: return load("i64.load8_u", 0x31, .i64, 0)
        case .i64Load16S: return load("i64.load16_s", 0x32, .i64, 1)
        case .i64Load16U: return load("i64.load16_u", 0x33, .i64, 1)
        case .i64Load32S: return load("i64.load32_s", 0x34, .i64, 2)
        case .i64Load32U: return load("i64.load32_u", 0x35, .i64, 2)
        case .v128Load: return load("v128.load", 0x00, prefix: 0xFD, .v128, 4)
        case .v128Load8x8S: return load("v128.load8x8_s", 0x01, prefix: 0xFD, .v128, 3)
        case .v128Load8x8U: return load("v128.load8x8_u", 0x02, prefix: 0xFD, .v128, 3)
        case .v128Load16x4S: return load("v128.load16x4_s", 0x03, prefix: 0xFD, .v128, 3)
        case .v128Load16x4U: return load("v128.load16x4_u", 0x04, prefix: 0xFD, .v128, 3)
        case .v128Load32x2S: return load("v128.load32x2_s", 0x05, prefix: 0xFD, .v128, 3)
        case .v128Load32x2U: return load("v128.load32x2_u", 0x06, prefix: 0xFD, .v128, 3)
        case .v128Load8Splat: return load("v128.load8_splat", 0x07, prefix: 0xFD, .v128, 0)
        case .v128Load16Splat: return load("v128.load16_splat", 0x08, prefix: 0xFD, .v128, 1)
        case .v128Load32Splat: return load("v128.load32_splat", 0x09, prefix: 0xFD, .v128, 2)
        case .v128Load64Splat: return load("v128.load64_splat", 0x0A, prefix: 0xFD, .v128, 3)
        case .v128Load32Zero: return load("v128.load32_zero", 0x5C, prefix: 0xFD, .v128, 2)
        case .v128Load64Zero: return load("v128.load64_zero", 0x5D, prefix: 0xFD, .v128, 3)
        }
    }
}

/// Stores (§2.4.7), scalar and vector. Signature: `[t] -> []` after the address.
public enum StoreOp: UInt16, CaseIterable, Hashable, Sendable {
    case i32Store, i64Store, f32Store, f64Store
    case i32Store8, i32Store16, i64Store8, i64Store16, i64Store32
    case v128Store
}

extension StoreOp: OperatorTable {
    public static let infos: [OperatorInfo] = allCases.map(\.makeInfo)

    private var makeInfo: OperatorInfo {
        func store(_ name: String, _ code: UInt32, prefix: UInt8 = 0, _ t: ValType, _ align: UInt32)
            -> OperatorInfo
        {
            OperatorInfo(name, code, prefix: prefix, OperatorSignature([t], nil), alignment: align)
        }
        switch self {
        case .i32Store: return store("i32.store", 0x36, .i32, 2)
        case .i64Store: return store("i64.store", 0x37, .i64, 3)
        case .f32Store: return store("f32.store", 0x38, .f32, 2)
        case .f64Store: return store("f64.store", 0x39, .f64, 3)
        case .i32Store8: return store("i32.store8", 0x3A, .i32, 0)
        case .i32Store16: return store("i32.store16", 0x3B, .i32, 1)
        case .i64Store8: return store("i64.store8", 0x3C, .i64, 0)
        case .i64Store16: return store("i64.store16", 0x3D, .i64, 1)
        case .i64Store32: return store("i64.store32", 0x3E, .i64, 2)
        case .v128Store: return store("v128.store", 0x0B, prefix: 0xFD, .v128, 4)
        }
    }
}

/// Lane loads and stores (§2.4.7): `v128.loadN_lane` (`[v128] -> [v128]` after the
/// address) and `v128.storeN_lane` (`[v128] -> []` after the address).
public enum LaneMemoryOp: UInt16, CaseIterable, Hashable, Sendable {
    case v128Load8Lane, v128Load16Lane, v128Load32Lane, v128Load64Lane
    case v128Store8Lane, v128Store16Lane, v128Store32Lane, v128Store64Lane

    public var isStore: Bool { rawValue >= LaneMemoryOp.v128Store8Lane.rawValue }

    /// The lane size, which is also the access size.
    public var packSize: PackSize { PackSize(rawValue: UInt8(rawValue % 4)) ?? .pack8 }
}

extension LaneMemoryOp: OperatorTable {
    public static let infos: [OperatorInfo] = allCases.map(\.makeInfo)

    private var makeInfo: OperatorInfo {
        let bits = 8 << Int(packSize.rawValue)
        let name = "v128.\(isStore ? "store" : "load")\(bits)_lane"
        let signature = OperatorSignature([.v128], isStore ? nil : .v128)
        return OperatorInfo(
            name, 0x54 + UInt32(rawValue), prefix: 0xFD, signature,
            alignment: UInt32(packSize.rawValue), lanes: UInt8(16 >> Int(packSize.rawValue)))
    }
}

/// Lane extraction and replacement (§2.4.2).
public enum LaneOp: UInt16, CaseIterable, Hashable, Sendable {
    case i8x16ExtractLaneS, i8x16ExtractLaneU, i8x16ReplaceLane
    case i16x8ExtractLaneS, i16x8ExtractLaneU, i16x8ReplaceLane
    case i32x4ExtractLane, i32x4ReplaceLane
    case i64x2ExtractLane, i64x2ReplaceLane
    case f32x4ExtractLane, f32x4ReplaceLane
    case f64x2ExtractLane, f64x2ReplaceLane

    public var isReplace: Bool {
        switch self {
        case .i8x16ReplaceLane, .i16x8ReplaceLane, .i32x4ReplaceLane, .i64x2ReplaceLane,
            .f32x4ReplaceLane, .f64x2ReplaceLane:
            true
        default: false
        }
    }
}

extension LaneOp: OperatorTable {
    public static let infos: [OperatorInfo] = allCases.map(\.makeInfo)

    private var makeInfo: OperatorInfo {
        func extract(_ name: String, _ code: UInt32, _ t: ValType, _ lanes: UInt8) -> OperatorInfo {
            OperatorInfo(name, code, prefix: 0xFD, OperatorSignature([.v128], t), lanes: lanes)
        }
        func replace(_ name: String, _ code: UInt32, _ t: ValType, _ lanes: UInt8) -> OperatorInfo {
            OperatorInfo(name, code, prefix: 0xFD, OperatorSignature([.v128, t], .v128), lanes: lanes)
        }
        switch self {
        case .i8x16ExtractLaneS: return extract("i8x16.extract_lane_s", 0x15, .i32, 16)
        case .i8x16ExtractLaneU: return extract("i8x16.extract_lane_u", 0x16, .i32, 16)
        case .i8x16ReplaceLane: return replace("i8x16.replace_lane", 0x17, .i32, 16)
        case .i16x8ExtractLaneS: return extract("i16x8.extract_lane_s", 0x18, .i32, 8)
        case .i16x8ExtractLaneU: return extract("i16x8.extract_lane_u", 0x19, .i32, 8)
        case .i16x8ReplaceLane: return replace("i16x8.replace_lane", 0x1A, .i32, 8)
        case .i32x4ExtractLane: return extract("i32x4.extract_lane", 0x1B, .i32, 4)
        case .i32x4ReplaceLane: return replace("i32x4.replace_lane", 0x1C, .i32, 4)
        case .i64x2ExtractLane: return extract("i64x2.extract_lane", 0x1D, .i64, 2)
        case .i64x2ReplaceLane: return replace("i64x2.replace_lane", 0x1E, .i64, 2)
        case .f32x4ExtractLane: return extract("f32x4.extract_lane", 0x1F, .f32, 4)
        case .f32x4ReplaceLane: return replace("f32x4.replace_lane", 0x20, .f32, 4)
        case .f64x2ExtractLane: return extract("f64x2.extract_lane", 0x21, .f64, 2)
        case .f64x2ReplaceLane: return replace("f64x2.replace_lane", 0x22, .f64, 2)
        }
    }
}

// The integer representation the numeric operators work on (§4.3.1): an N-bit
// integer is its bit pattern as an unsigned Swift integer; the signed
// interpretation (`signed_N`) is a bit cast to the same-width signed type.

/// An unsigned fixed-width integer that stands for the bit pattern of a WebAssembly
/// integer of the same width (`i8`, `i16`, `i32`, `i64`), with its signed view.
public protocol WasmInteger: FixedWidthInteger, UnsignedInteger, Sendable
where Magnitude == Self {
    /// The two's complement interpretation of the same bits.
    associatedtype Signed: FixedWidthInteger & SignedInteger & Sendable

    /// Reinterprets signed bits.
    init(bitPattern: Signed)

    /// `signed_N` (§4.3.1): the bits read as a two's complement number.
    var signed: Signed { get }
}

extension UInt8: WasmInteger {
    /// The signed view.
    public typealias Signed = Int8
    /// The bits as a two's complement number.
    @inlinable public var signed: Int8 { Int8(bitPattern: self) }
}

extension UInt16: WasmInteger {
    /// The signed view.
    public typealias Signed = Int16
    /// The bits as a two's complement number.
    @inlinable public var signed: Int16 { Int16(bitPattern: self) }
}

extension UInt32: WasmInteger {
    /// The signed view.
    public typealias Signed = Int32
    /// The bits as a two's complement number.
    @inlinable public var signed: Int32 { Int32(bitPattern: self) }
}

extension UInt64: WasmInteger {
    /// The signed view.
    public typealias Signed = Int64
    /// The bits as a two's complement number.
    @inlinable public var signed: Int64 { Int64(bitPattern: self) }
}

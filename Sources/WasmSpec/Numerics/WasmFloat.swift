// The floating-point representation the numeric operators work on (§4.3.1):
// values travel as IEEE 754 bit patterns, so NaN payloads survive untouched;
// arithmetic runs on the Swift float of the same width.

// `addingProduct` lowers to a call of the C library's `fma` on targets without a
// fused multiply-add instruction; importing the C library links it.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Android)
    import Android
#endif

/// A binary floating-point type of WebAssembly (`f32` as `Float`, `f64` as `Double`),
/// with the few concrete conversions the generic operators need to stay fast.
public protocol WasmFloat: BinaryFloatingPoint, Sendable {
    /// The unsigned integer holding the bit pattern.
    associatedtype Bits: WasmInteger

    init(bitPattern: Bits)
    var bitPattern: Bits { get }

    /// The correctly rounded value of a signed 64-bit integer.
    static func fromInt64(_ value: Int64) -> Self
    /// The correctly rounded value of an unsigned 64-bit integer.
    static func fromUInt64(_ value: UInt64) -> Self
    /// The value as `Int64`; only called on integral values in `Int64`'s range.
    func toInt64() -> Int64
    /// The value as `UInt64`; only called on integral values in `UInt64`'s range.
    func toUInt64() -> UInt64
    /// The exact value as a `Double` (printing goes through `Double`, as the
    /// reference interpreter's does).
    var doubleValue: Double { get }
    /// Fused multiply-add as the reference interpreter computes it: `x * y + z`
    /// rounded once in double precision, then rounded to this type.
    static func referenceFMA(_ x: Self, _ y: Self, _ z: Self) -> Self
}

extension Float: WasmFloat {
    /// The bit pattern of an `f32`.
    public typealias Bits = UInt32
    @inlinable public static func fromInt64(_ value: Int64) -> Float { Float(value) }
    @inlinable public static func fromUInt64(_ value: UInt64) -> Float { Float(value) }
    @inlinable public func toInt64() -> Int64 { Int64(self) }
    @inlinable public func toUInt64() -> UInt64 { UInt64(self) }
    @inlinable public var doubleValue: Double { Double(self) }

    /// The reference interpreter has no single-precision arithmetic and computes the
    /// fused multiply-add of `f32` operands in `f64`, so the result is rounded twice.
    @inlinable public static func referenceFMA(_ x: Float, _ y: Float, _ z: Float) -> Float {
        Float(Double(z).addingProduct(Double(x), Double(y)))
    }
}

extension Double: WasmFloat {
    /// The bit pattern of an `f64`.
    public typealias Bits = UInt64
    @inlinable public static func fromInt64(_ value: Int64) -> Double { Double(value) }
    @inlinable public static func fromUInt64(_ value: UInt64) -> Double { Double(value) }
    @inlinable public func toInt64() -> Int64 { Int64(self) }
    @inlinable public func toUInt64() -> UInt64 { UInt64(self) }
    @inlinable public var doubleValue: Double { self }
    @inlinable public static func referenceFMA(_ x: Double, _ y: Double, _ z: Double) -> Double {
        z.addingProduct(x, y)
    }
}

// LEB128 integers (§5.2.2) and UTF-8 names (§5.2.4).

import Testing
import WasmBinary

@Suite struct LEB128Tests {
    private func unsigned(_ bytes: [UInt8], bits: Int) -> Result<UInt64, DecodeError> {
        var at = 0
        return Result { () throws(DecodeError) in try LEB128.readUnsigned(bytes, at: &at, bits: bits) }
    }

    private func signed(_ bytes: [UInt8], bits: Int) -> Result<Int64, DecodeError> {
        var at = 0
        return Result { () throws(DecodeError) in try LEB128.readSigned(bytes, at: &at, bits: bits) }
    }

    private func message<T>(_ r: Result<T, DecodeError>) -> String? {
        if case .failure(let e) = r { return e.message }
        return nil
    }

    @Test func unsigned32() throws {
        #expect(try unsigned([0x00], bits: 32).get() == 0)
        #expect(try unsigned([0x7F], bits: 32).get() == 127)
        #expect(try unsigned([0x80, 0x01], bits: 32).get() == 128)
        // Padded forms are allowed up to five bytes.
        #expect(try unsigned([0x80, 0x80, 0x80, 0x80, 0x00], bits: 32).get() == 0)
        #expect(try unsigned([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], bits: 32).get() == 0xFFFF_FFFF)
        // In the fifth byte only four bits are left; the continuation bit does not count.
        #expect(message(unsigned([0xFF, 0xFF, 0xFF, 0xFF, 0x10], bits: 32)) == "integer too large")
        #expect(message(unsigned([0x80, 0x80, 0x80, 0x80, 0x8F], bits: 32)) == "integer representation too long")
        #expect(message(unsigned([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], bits: 32)) == "integer representation too long")
        #expect(message(unsigned([0x80], bits: 32)) == "unexpected end of section or function")
        #expect(message(unsigned([], bits: 32)) == "unexpected end of section or function")
    }

    @Test func unsigned64() throws {
        let max: [UInt8] = [UInt8](repeating: 0xFF, count: 9) + [0x01]
        #expect(try unsigned(max, bits: 64).get() == UInt64.max)
        #expect(message(unsigned([UInt8](repeating: 0xFF, count: 9) + [0x02], bits: 64)) == "integer too large")
        #expect(message(unsigned([UInt8](repeating: 0x80, count: 10) + [0x00], bits: 64)) == "integer representation too long")
    }

    @Test func unsigned8() throws {
        #expect(try unsigned([0x80, 0x01], bits: 8).get() == 128)
        #expect(try unsigned([0xFF, 0x01], bits: 8).get() == 255)
        #expect(message(unsigned([0x80, 0x02], bits: 8)) == "integer too large")
        #expect(message(unsigned([0x80, 0x81, 0x00], bits: 8)) == "integer representation too long")
    }

    @Test func signed32() throws {
        #expect(try signed([0x7F], bits: 32).get() == -1)
        #expect(try signed([0x3F], bits: 32).get() == 63)
        #expect(try signed([0xC0, 0x00], bits: 32).get() == 64)
        #expect(try signed([0x80, 0x80, 0x80, 0x80, 0x78], bits: 32).get() == Int64(Int32.min))
        #expect(try signed([0xFF, 0xFF, 0xFF, 0xFF, 0x07], bits: 32).get() == Int64(Int32.max))
        #expect(try signed([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], bits: 32).get() == -1)
        // The unused bits of the last byte must all copy the sign bit.
        #expect(message(signed([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], bits: 32)) == "integer too large")
        #expect(message(signed([0x80, 0x80, 0x80, 0x80, 0x70], bits: 32)) == "integer too large")
        #expect(message(signed([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], bits: 32)) == "integer representation too long")
    }

    @Test func signed33() throws {
        #expect(try signed([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], bits: 33).get() == 0xFFFF_FFFF)
        #expect(try signed([0x80, 0x80, 0x80, 0x80, 0x70], bits: 33).get() == -0x1_0000_0000)
        #expect(message(signed([0x80, 0x80, 0x80, 0x80, 0x10], bits: 33)) == "integer too large")
    }

    @Test func signed64() throws {
        #expect(try signed([UInt8](repeating: 0x80, count: 9) + [0x7F], bits: 64).get() == Int64.min)
        #expect(try signed([UInt8](repeating: 0xFF, count: 9) + [0x00], bits: 64).get() == Int64.max)
        #expect(message(signed([UInt8](repeating: 0x80, count: 9) + [0x01], bits: 64)) == "integer too large")
        #expect(message(signed([UInt8](repeating: 0x80, count: 9) + [0x40], bits: 64)) == "integer too large")
    }

    @Test func offsetAdvances() throws {
        var at = 1
        let v = try LEB128.readUnsigned([0xAA, 0xE5, 0x8E, 0x26, 0xBB], at: &at, bits: 32)
        #expect(v == 624_485)
        #expect(at == 4)
    }

    @Test func encodingIsMinimalAndRoundTrips() throws {
        var out: [UInt8] = []
        LEB128.appendUnsigned(624_485, to: &out)
        #expect(out == [0xE5, 0x8E, 0x26])
        out = []
        LEB128.appendSigned(-123_456, to: &out)
        #expect(out == [0xC0, 0xBB, 0x78])
        out = []
        LEB128.appendSigned(64, to: &out)
        #expect(out == [0xC0, 0x00])
        out = []
        LEB128.appendSigned(-64, to: &out)
        #expect(out == [0x40])

        var rng = SplitMix64(state: 42)
        for _ in 0..<2000 {
            let raw = rng.next()
            let u = raw >> (raw & 63)
            out = []
            LEB128.appendUnsigned(u, to: &out)
            var at = 0
            #expect(try LEB128.readUnsigned(out, at: &at, bits: 64) == u)
            #expect(at == out.count)
            let s = Int64(bitPattern: raw) >> Int64(raw & 63)
            out = []
            LEB128.appendSigned(s, to: &out)
            at = 0
            #expect(try LEB128.readSigned(out, at: &at, bits: 64) == s)
            #expect(at == out.count)
        }
    }
}

@Suite struct UTF8Tests {
    @Test func acceptsWellFormed() {
        #expect(decodeUTF8([]) == "")
        #expect(decodeUTF8(Array("héllo €𝄞".utf8)) == "héllo €𝄞")
        #expect(decodeUTF8([0x00]) == "\u{0}")
        #expect(decodeUTF8([0xF4, 0x8F, 0xBF, 0xBF]) == "\u{10FFFF}")
        #expect(decodeUTF8([0xEF, 0xBF, 0xBF]) == "\u{FFFF}")
    }

    @Test(arguments: [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xE0, 0x80, 0x80],
        [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE1, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF7, 0xBF, 0xBF, 0xBF], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xFE], [0xFF], [0x41, 0xF0, 0x90, 0x80],
    ] as [[UInt8]])
    func rejectsMalformed(_ bytes: [UInt8]) {
        #expect(decodeUTF8(bytes) == nil)
        #expect(!isWellFormedUTF8(bytes))
    }

    /// Names keep their exact bytes through a round trip.
    @Test func namesRoundTripByteForByte() throws {
        let names = ["", "a", "\u{0}", "e\u{301}", "é", "\u{FEFF}x", "𝄞"]
        var m = Module()
        for (i, n) in names.enumerated() {
            m.exports.append(Export(name: n, kind: .func, index: UInt32(i)))
        }
        let bytes = m.encode()
        let again = try Module(binary: bytes)
        #expect(again.exports.map { Array($0.name.utf8) } == names.map { Array($0.utf8) })
    }
}

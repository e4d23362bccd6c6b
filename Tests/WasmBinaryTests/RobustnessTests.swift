// Bad input never crashes the decoder, nor makes it allocate by untrusted counts.

import Testing
import WasmBinary

@Suite struct RobustnessTests {
    private var samples: [[UInt8]] {
        var m = richModule
        m.funcs.append(Func(type: 0, body: everyInstruction))
        return [m.encode(), B.function([0x02, 0x40, 0x04, 0x40, 0x05, 0x0B, 0x0B, 0x0B])]
    }

    /// Every prefix of a module that cuts a section short fails to decode, cleanly.
    @Test func everyPrefixFails() throws {
        for bytes in samples {
            // Section boundaries: a prefix ending there may well be a module of its own.
            var boundaries: Set<Int> = [8]
            var at = 8
            while at < bytes.count {
                var next = at + 1
                let size = Int(try LEB128.readUnsigned(bytes, at: &next, bits: 32))
                at = next + size
                boundaries.insert(at)
            }
            for n in 0..<bytes.count where !boundaries.contains(n) {
                #expect(decodeError(Array(bytes.prefix(n))) != nil, "prefix of \(n) bytes decoded")
            }
        }
    }

    /// Random damage: decoding returns or throws, and what decodes round-trips.
    @Test func mutationsNeverCrash() throws {
        var rng = SplitMix64(state: 7)
        var decoded = 0
        for bytes in samples {
            for _ in 0..<5000 {
                let mutant = mutate(bytes, &rng)
                guard let m = try? Module(binary: mutant) else { continue }
                decoded += 1
                #expect(try Module(binary: m.encode()) == m)
            }
        }
        #expect(decoded > 0)
    }

    /// Counts far beyond the input are rejected before anything is allocated for them.
    @Test func hugeCounts() {
        let H = B.header
        let huge: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
        for id: UInt8 in [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13] {
            #expect(decodeError(H + B.section(id, huge))?.message == "length out of bounds", "section \(id)")
        }
        #expect(decodeError(B.function([0x0E] + huge + [0x00, 0x0B]))?.message == "length out of bounds")
        #expect(decodeError(B.function([0x1C] + huge + [0x0B]))?.message == "length out of bounds")
        #expect(decodeError(B.function([0x0B], locals: huge + [0x7F]))?.message == "length out of bounds")
        #expect(decodeError(H + B.section(11, [0x01, 0x01] + huge))?.message == "length out of bounds")
        // A count the input could just about hold, but whose elements are not there.
        let many = B.u(1_000_000) + [UInt8](repeating: 0x00, count: 999_999)
        #expect(decodeError(H + [3] + B.u(UInt64(many.count)) + many)?.message == "unexpected end of section or function")
    }

    /// Four billion locals cost one run, not four billion entries.
    @Test func manyLocalsStayCheap() throws {
        let m = try Module(binary: B.function([0x0B], locals: B.vec([[0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7B]])))
        #expect(m.funcs[0].locals == [Locals(0xFFFF_FFFF, .v128)])
    }
}

import Testing
import WasmBinary
import WasmSpec

/// Hostile inputs end in a result or an error in time linear in their size (issue 13's
/// list of hangs): 100,000 nested blocks in text and in binary, long runs of locals,
/// vectors whose LEB count claims billions of elements, huge limits, long names. Each
/// test doubles the input and expects the time at most about to double (below 3, as
/// in ScalingTests), measuring again, up to three times, when a burst of load on the
/// machine spoils a measurement. Many types in one recursion group are measured in
/// TypeScalingTests, and printing many locals in PrintScalingTests.
@Suite struct HostileInputScalingTests {
    /// Expects `work(make(2n))` to take less than three times `work(make(n))`.
    static func expectLinear<Input>(
        _ n: Int, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
        make: (Int) throws -> Input, _ work: (Input) throws -> Void
    ) throws {
        try ScalingTests.expectRatio(below: 3, "\(what), \(n) and \(2 * n)", sourceLocation: sourceLocation) {
            try ScalingTests.growth(n, make: make, work)
        }
    }

    /// Instantiates `module` and calls `f` in both engines, expecting `expected`.
    static func runInBothEngines(_ module: Module, _ expected: [Value]) throws {
        for engine in EngineKind.allCases {
            let instance = try instantiate(module: module, limits: ExecutionLimits(engine: engine))
            #expect(try interpret(instance, "f") == expected, "\(engine)")
        }
    }

    static let exportF = [Export(name: "f", kind: .func, index: 0)]
    static let returnsI32 = RecType([SubType(.func(FuncType([], [.i32])))])

    // MARK: Nesting

    /// `block (result i32)` nested n deep around `i32.const 7; br n-1`: the branch
    /// leaves every block at once.
    static func nestedBlocks(_ n: Int) -> [Instruction] {
        var body = [Instruction](repeating: .block(.value(.i32)), count: n)
        body += [.i32Const(7), .br(UInt32(n - 1))]
        body += [Instruction](repeating: .end, count: n)
        return body
    }

    @Test func nestedBlocksInTextScaleLinearly() throws {
        try Self.expectLinear(50_000, "nested blocks in text", make: { n in
            "(module (func (export \"f\") (result i32) " + String(repeating: "(block (result i32) ", count: n)
                + "(br \(n - 1) (i32.const 7))" + String(repeating: ")", count: n) + "))"
        }) { text in
            try Self.runInBothEngines(try Module(text: Array(text.utf8)), [.i32(7)])
        }
    }

    @Test func nestedBlocksInBinaryScaleLinearly() throws {
        try Self.expectLinear(50_000, "nested blocks in binary", make: { n in
            Module(types: [Self.returnsI32], funcs: [Func(type: 0, body: Self.nestedBlocks(n))], exports: Self.exportF).encode()
        }) { bytes in
            try Self.runInBothEngines(try Module(binary: bytes), [.i32(7)])
        }
    }

    // MARK: Locals

    /// n runs of one local each, alternating `i32` and `i64` so that no two merge; the
    /// function returns its last `i32` local.
    @Test func longRunsOfLocalsScaleLinearly() throws {
        try Self.expectLinear(50_000, "runs of locals", make: { n in
            let locals = (0 ..< n).map { Locals(1, $0 % 2 == 0 ? .i32 : .i64) }
            let body: [Instruction] = [.i32Const(3), .localSet(UInt32(n - 2)), .localGet(UInt32(n - 2))]
            return Module(types: [Self.returnsI32], funcs: [Func(type: 0, locals: locals, body: body)], exports: Self.exportF).encode()
        }) { bytes in
            try Self.runInBothEngines(try Module(binary: bytes), [.i32(3)])
        }
    }

    /// A run of 2^32 - 1 locals costs the binary five bytes: it ends in an error at once,
    /// as does a function whose runs add up past 2^32.
    @Test func billionsOfLocalsEndInAnError() throws {
        let clock = ContinuousClock()
        for locals in [[Locals(.max, .i32)], [Locals(.max / 2 + 1, .i32), Locals(.max / 2 + 1, .i64)]] {
            let bytes = Module(types: [Self.returnsI32], funcs: [Func(type: 0, locals: locals, body: [.i32Const(0)])], exports: Self.exportF).encode()
            let time = clock.measure {
                for engine in EngineKind.allCases {
                    #expect(throws: WasmError.self) {
                        let instance = try instantiate(bytes, limits: ExecutionLimits(engine: engine))
                        _ = try interpret(instance, "f")
                    }
                }
            }
            #expect(time < .seconds(2))
        }
    }

    // MARK: LEB counts

    static func leb(_ x: UInt64) -> [UInt8] {
        var x = x
        var out: [UInt8] = []
        repeat {
            let b = UInt8(x & 0x7F)
            x >>= 7
            out.append(x == 0 ? b : b | 0x80)
        } while x != 0
        return out
    }

    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    static func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + leb(UInt64(content.count)) + content }

    /// Sections whose vectors claim 2^32 - 1 elements and hold n: the type section (n
    /// empty function types), the function section, a body's locals and a `br_table`'s
    /// labels. Each ends in a decoding error in time linear in n, asking for no memory
    /// in proportion to the claim.
    static func hugeCounts(_ n: Int) -> [[UInt8]] {
        let claim = leb(0xFFFF_FFFF)
        let types = section(1, claim + Array(repeatElement([0x60, 0x00, 0x00] as [UInt8], count: n).joined()))
        let oneType = section(1, [0x01, 0x60, 0x00, 0x00])
        let funcs = section(3, claim + [UInt8](repeating: 0, count: n))
        func code(_ body: [UInt8]) -> [UInt8] { section(3, [0x01, 0x00]) + section(10, [0x01] + leb(UInt64(body.count)) + body) }
        let locals = code(claim + Array(repeatElement([0x01, 0x7F] as [UInt8], count: n).joined()))
        let labels = code([0x00, 0x41, 0x00, 0x0E] + claim + [UInt8](repeating: 0, count: n))
        return [header + types, header + oneType + funcs, header + oneType + locals, header + oneType + labels]
    }

    @Test func hugeLEBCountsScaleLinearly() throws {
        for k in 0 ..< 4 {
            try Self.expectLinear(200_000, "vector \(k) claiming 2^32 - 1 elements", make: { Self.hugeCounts($0)[k] }) { bytes in
                #expect(throws: (any Error).self) { try Module(binary: bytes) }
            }
        }
    }

    // MARK: Limits

    /// Memories and tables as large as their limits allow end quickly, in a module or an
    /// error; a table's time is linear in its size.
    @Test func hugeLimitsEndQuickly() throws {
        let cases = [
            "(memory 65536)", "(memory 65536 65536)", "(memory i64 0x1_0000_0000)", "(memory i64 1 0x1_0000_0000)",
            "(table 0xFFFF_FFFF funcref)", "(table i64 0x1_0000_0000_0000 funcref)", "(table 0x400_0000 funcref)",
        ]
        let clock = ContinuousClock()
        for field in cases {
            let time = clock.measure {
                for engine in EngineKind.allCases {
                    _ = try? instantiate(text: "(module \(field) (func (export \"f\")))", limits: ExecutionLimits(engine: engine))
                }
            }
            #expect(time < .seconds(10), "\(field): \(time)")
        }
        // Both sizes above glibc's largest mmap threshold (32 MiB), so that each is a
        // fresh mapping whose pages are all touched: below it the smaller table reuses
        // memory freed before, without page faults, and the larger one does not, which
        // measured the allocator (a ratio of 6 to 10), not the table.
        try Self.expectLinear(1 << 23, "table size", make: { "(module (table \($0) funcref))" }) { text in
            _ = try instantiate(text: text)
        }
    }

    // MARK: Names

    /// An export named with n bytes, found by name; an import of that name from a
    /// module that does not exist fails with a message that names it.
    @Test func longNamesScaleLinearly() throws {
        try Self.expectLinear(1 << 20, "long export names", make: { n in
            let name = String(repeating: "x", count: n)
            return (name, Module(types: [Self.returnsI32], funcs: [Func(type: 0, body: [.i32Const(5)])],
                exports: [Export(name: name, kind: .func, index: 0)]).encode())
        }) { (name, bytes) in
            let instance = try instantiate(bytes)
            #expect(try interpret(instance, name) == [.i32(5)])
        }
        try Self.expectLinear(1 << 20, "long names in text", make: { n in
            "(module (import \"m\" \"" + String(repeating: "y", count: n) + "\" (func)) (func $" + String(repeating: "z", count: n) + "))"
        }) { text in
            #expect(throws: WasmError.self) { try instantiate(text: text) }
        }
    }
}

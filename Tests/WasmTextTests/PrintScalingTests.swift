import Testing
import WasmText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Printing costs time and memory linear in the module's size: a few bytes declaring
/// billions of locals end in an error, and doubling a module's nesting depth, functions,
/// types, names or runs of locals at most about doubles the time to print it.
///
/// Serialized, so that the timings of one size are not taken while another runs.
@Suite(.serialized) struct PrintScalingTests {
    // MARK: Locals past the budget

    /// A 30-byte module: type `[] -> []`, one function whose locals are a single run of
    /// 2^32 - 1 `i32`. Its text would be 17 GB.
    static let billionsOfLocals: [UInt8] =
        [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        + [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]  // type section: (func)
        + [0x03, 0x02, 0x01, 0x00]  // function section: type 0
        // Code section: one body of 8 bytes, one run of 0xFFFF_FFFF locals of i32, `end`.
        + [0x0A, 0x0A, 0x01, 0x08, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B]

    /// The process's peak resident memory so far, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
        #else
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
        #endif
    }

    @Test func billionsOfLocalsEndInAnErrorQuickly() throws {
        let m = try Module(binary: Self.billionsOfLocals)
        #expect(m.funcs.first?.locals == [Locals(0xFFFF_FFFF, .i32)])
        let peak = Self.peakResidentBytes()
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: PrintError(locals: 0xFFFF_FFFF, limit: Module.maxPrintedLocals)) {
            try m.text(maxLocals: Module.maxPrintedLocals)
        }
        let elapsed = clock.now - start
        #expect(elapsed < .milliseconds(500), "\(elapsed)")
        // Spelling out the locals would take gigabytes; the process's peak may still rise
        // with tests running alongside, hence the generous bound.
        #expect(Self.peakResidentBytes() - peak < 512 << 20)
        let error = PrintError(locals: 0xFFFF_FFFF, limit: 1 << 24)
        #expect(error.message == "module too large to print: 4294967295 locals (the limit is 16777216)")
    }

    /// The budget counts the locals of all functions together, and a module within it
    /// prints exactly as without a budget.
    @Test func budgetCountsEveryFunctionsLocals() throws {
        func module(_ runs: [[Locals]]) -> Module {
            Module(
                types: [RecType([SubType(.func(FuncType()))])],
                funcs: runs.map { Func(type: 0, locals: $0, body: [.nop]) })
        }
        let within = module([[Locals(400, .i32), Locals(0, .f64)], [Locals(100, .i64), Locals(500, .v128)]])
        #expect(try within.text(maxLocals: 1_000) == within.text())
        #expect(try within.text(width: 20, customSections: true, maxLocals: 1_000) == within.text(width: 20))
        let over = module([[Locals(400, .i32)], [Locals(601, .i64)]])
        #expect(throws: PrintError(locals: 1_001, limit: 1_000)) { try over.text(maxLocals: 1_000) }

        // The count goes past 32 bits.
        let huge = module([[Locals(.max, .i32), Locals(.max, .f32)], [Locals(.max, .i64)]])
        #expect(throws: PrintError(locals: 3 * 0xFFFF_FFFF, limit: 1 << 32)) { try huge.text(maxLocals: 1 << 32) }
    }

    /// Within the budget the output is the reference's, byte for byte.
    @Test func fixturesPrintTheSameWithinTheBudget() throws {
        for (source, printed) in [
            (PrintFixtures.basics, PrintFixtures.basicsPrinted),
            (PrintFixtures.operators, PrintFixtures.operatorsPrinted),
            (PrintFixtures.gc, PrintFixtures.gcPrinted),
        ] {
            let m = try Module(text: Array(source.utf8))
            #expect(try m.text(maxLocals: Module.maxPrintedLocals) == printed + "\n")
        }
    }

    // MARK: Time linear in size

    /// The best of three timings of printing `m`.
    static func printTime(_ m: Module) -> Duration {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        for _ in 0..<3 {
            let start = clock.now
            let text = m.text()
            let elapsed = clock.now - start
            #expect(!text.isEmpty)
            best = min(best, elapsed)
        }
        return best
    }

    /// How a module grows with `n`.
    enum Growth: String, CaseIterable, CustomTestStringConvertible {
        case nestedBlocks, nestedIfs, functions, types, recursiveGroup, longName, localRuns, dataBytes

        var testDescription: String { rawValue }

        /// Sizes at which printing takes 25 to 150 milliseconds in a debug build.
        var n: Int {
            switch self {
            case .nestedIfs, .functions, .types, .recursiveGroup: 10_000
            case .nestedBlocks: 20_000
            case .localRuns: 40_000
            case .longName, .dataBytes: 500_000
            }
        }

        func module(_ n: Int) -> Module {
            let unit = RecType([SubType(.func(FuncType()))])
            switch self {
            case .nestedBlocks:
                let body = [Instruction](repeating: .block(.empty), count: n) + [.nop]
                    + [Instruction](repeating: .end, count: n)
                return Module(types: [unit], funcs: [Func(type: 0, body: body)])
            case .nestedIfs:
                let body = [Instruction](repeating: .if(.empty), count: n)  // closed by the body's end
                return Module(types: [unit], funcs: [Func(type: 0, body: body)])
            case .functions:
                return Module(types: [unit], funcs: Array(repeating: Func(type: 0, body: [.nop]), count: n))
            case .types:
                let t = RecType([SubType(.func(FuncType([.i32], [.i64])))])
                return Module(types: Array(repeating: t, count: n))
            case .recursiveGroup:
                let st = SubType(.struct([FieldType(mutable: true, .val(.ref(RefType(nullable: true, .index(0)))))]))
                return Module(types: [RecType(Array(repeating: st, count: n))])
            case .longName:
                // One export with a long name, half of it written as the escape `\u{e9}`.
                let name = String(repeating: "a\u{e9}", count: n / 2)
                return Module(
                    types: [unit], funcs: [Func(type: 0, body: [])],
                    exports: [Export(name: name, kind: .func, index: 0)])
            case .localRuns:
                let runs = (0..<n).map { Locals(1, $0 % 2 == 0 ? .i32 : .i64) }
                return Module(types: [unit], funcs: [Func(type: 0, locals: runs, body: [])])
            case .dataBytes:
                return Module(datas: [DataSegment(bytes: [UInt8](repeating: 0x55, count: n), mode: .passive)])
            }
        }
    }

    @Test(arguments: Growth.allCases)
    func doublingAtMostDoublesPrintTime(_ growth: Growth) {
        let small = growth.module(growth.n)
        let large = growth.module(2 * growth.n)
        _ = small.text()  // warms up
        // Linear is 2; quadratic would be 4. Timings under a millisecond say little. The
        // machine's other work can stretch one measurement, never all three: a ratio
        // below 3 in any of them passes.
        var measured: [String] = []
        for _ in 0..<3 {
            let t1 = Self.printTime(small)
            let t2 = Self.printTime(large)
            let ratio = t2 / max(t1, .milliseconds(1))
            if ratio < 3 { return }
            measured.append("\(t1) for n = \(growth.n), \(t2) for twice that")
        }
        Issue.record("\(growth): \(measured)")
    }
}

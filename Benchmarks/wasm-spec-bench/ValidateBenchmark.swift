// Validation speed: a generated module with over 1 MB of code (deeply nested blocks,
// long straight-line runs, locals, calls, memory accesses, br_table), validated at two
// sizes to show that the time grows linearly.
import WasmSpec

/// A module of `functions` functions, each about 2 KB of code in the binary format.
func makeValidationBenchmarkModule(functions: Int) -> Module {
    let types = [
        RecType([SubType(.func(FuncType([.i32, .i64], [.i32])))]),
        RecType([SubType(.func(FuncType([.i32], [.i32])))]),
    ]
    var funcs: [Func] = []
    for f in 0 ..< functions {
        var body: [Instruction] = []
        // Straight-line arithmetic and memory traffic.
        for k in 0 ..< 24 {
            let offset = UInt64(k * 4)
            body += [
                .localGet(0), .i32Const(UInt32(k)), .numeric(.i32Add), .localSet(2),
                .localGet(2), .load(.i32Load, MemArg(align: 2, offset: offset)),
                .i32Const(3), .numeric(.i32Mul), .localGet(3), .numeric(.i32Xor), .localSet(3),
                .localGet(2), .localGet(3), .store(.i32Store, MemArg(align: 2, offset: offset)),
                .localGet(1), .i64Const(UInt64(k)), .numeric(.i64Add), .localTee(4),
                .localGet(4), .numeric(.i64Mul), .numeric(.f64ConvertI64S), .localGet(5),
                .numeric(.f64Add), .localSet(5),
            ]
        }
        // Deeply nested blocks, loops and ifs with branches out of them.
        let depth = 40
        for d in 0 ..< depth {
            switch d % 3 {
            case 0: body.append(.block(.empty))
            case 1: body += [.loop(.empty)]
            default: body += [.localGet(3), .if(.empty)]
            }
            body += [
                .localGet(3), .i32Const(UInt32(d)), .numeric(.i32GtU), .brIf(UInt32(d / 2)),
                .localGet(2), .i32Const(1), .numeric(.i32Sub), .localSet(2),
            ]
        }
        body += [.localGet(2), .brTable((0 ..< 16).map { UInt32($0 * 2) }, 0)]
        for _ in 0 ..< depth { body.append(.end) }
        // Calls, direct and indirect.
        let callee = UInt32((f + 1) % functions)
        body += [
            .localGet(0), .localGet(1), .call(callee), .localGet(3), .numeric(.i32Add), .localSet(3),
            .localGet(3), .i32Const(0), .callIndirect(table: 0, type: 1), .drop,
            .block(.value(.i32)), .localGet(3), .localGet(2), .numeric(.i32Add), .end,
        ]
        funcs.append(
            Func(type: 0, locals: [Locals(2, .i32), Locals(1, .i64), Locals(1, .f64)], body: body))
    }
    return Module(
        types: types, funcs: funcs,
        tables: [Table(type: TableType(.i32, Limits(min: 1), .funcref))],
        memories: [MemoryType(.i32, Limits(min: 1))])
}

func runValidateBenchmark() {
    func measure(_ m: Module, runs: Int) -> Double {
        var best = Double.infinity
        for _ in 0 ..< runs {
            let start = now()
            do {
                _ = try m.validate()
            } catch {
                print("unexpected: \(error)")
                return .nan
            }
            best = min(best, now() - start)
        }
        return best
    }
    let small = makeValidationBenchmarkModule(functions: 800)
    let large = makeValidationBenchmarkModule(functions: 1600)
    // Speed is measured on the size of the binary module.
    let sizes = [small.encode().count, large.encode().count]
    let instructions = [small, large].map { $0.funcs.reduce(0) { $0 + $1.body.count } }
    let times = [measure(small, runs: 7), measure(large, runs: 7)]
    for i in 0 ..< 2 {
        let mb = Double(sizes[i]) / 1_000_000
        print(
            "validate \(i == 0 ? "1x" : "2x"): \(sizes[i]) bytes encoded, "
                + "\(instructions[i]) instructions, \(ms(times[i])) ms, \(fixed(mb / times[i])) MB/s")
    }
    print("ratio 2x/1x: \(fixed(times[1] / times[0]))")
}

private func ms(_ t: Double) -> String { fixed(t * 1000) }

private func fixed(_ x: Double) -> String {
    let scaled = (x * 100).rounded() / 100
    return "\(scaled)"
}

import Foundation
import Testing
import WasmText

/// Every module a script writes: text modules as parsed, binary ones decoded and quoted
/// ones parsed where that succeeds, with where they come from.
private struct SuiteModule {
    enum Origin: String { case text, binary, quote }
    var module: Module
    var origin: Origin
    var location: String
}

private struct ModuleCounts {
    var text = 0
    var binary = 0
    var binaryUndecodable = 0
    var quote = 0
    var quoteUnparsable = 0
}

private func collectModules(
    _ cmds: [ScriptCommand], file: String, into out: inout [SuiteModule], _ counts: inout ModuleCounts
) {
    func add(_ m: ScriptModule) {
        let at = "\(file):\(m.location)"
        switch m.source {
        case .text(let module):
            counts.text += 1
            out.append(SuiteModule(module: module, origin: .text, location: at))
        case .binary(let bytes):
            if let module = try? Module(binary: bytes) {
                counts.binary += 1
                out.append(SuiteModule(module: module, origin: .binary, location: at))
            } else {
                counts.binaryUndecodable += 1
            }
        case .quote(let bytes):
            if let module = try? Module(text: bytes) {
                counts.quote += 1
                out.append(SuiteModule(module: module, origin: .quote, location: at))
            } else {
                counts.quoteUnparsable += 1
            }
        }
    }
    for c in cmds {
        switch c.command {
        case .module(let m): add(m)
        case .script(_, let inner): collectModules(inner, file: file, into: &out, &counts)
        case .assertion(let a):
            if let m = a.module { add(m) }
        default: break
        }
    }
}

/// Every module of the suite, in file order.
private func suiteModules() throws -> ([SuiteModule], ModuleCounts) {
    var modules: [SuiteModule] = []
    var counts = ModuleCounts()
    for f in wastFiles() {
        let bytes = try [UInt8](Data(contentsOf: f))
        guard let script = try? parseScript(bytes) else { continue }
        collectModules(script, file: f.lastPathComponent, into: &modules, &counts)
    }
    return (modules, counts)
}

/// What the text format cannot distinguish, made equal:
/// - locals: text declares them one by one, so the parser merges adjacent runs of the
///   same type and writes no empty runs;
/// - an empty `else` arm: the printer, as the reference, always writes `(else)`, and
///   the parser keeps an `else` only when its arm has instructions, so an `else`
///   directly followed by its `end` is dropped;
/// - custom sections: the text parser keeps none (and `text()` writes none by default).
private func normalised(_ m: Module) -> Module {
    func expr(_ e: Expr) -> Expr {
        var out: Expr = []
        out.reserveCapacity(e.count)
        for (i, instr) in e.enumerated() {
            if instr == .else && i + 1 < e.count && e[i + 1] == .end { continue }
            out.append(instr)
        }
        return out
    }
    var m = m
    for i in m.funcs.indices { m.funcs[i].body = expr(m.funcs[i].body) }
    for i in m.globals.indices { m.globals[i].initializer = expr(m.globals[i].initializer) }
    for i in m.tables.indices { m.tables[i].initializer = expr(m.tables[i].initializer) }
    for i in m.elems.indices {
        m.elems[i].inits = m.elems[i].inits.map(expr)
        if case .active(let x, let offset) = m.elems[i].mode {
            m.elems[i].mode = .active(table: x, offset: expr(offset))
        }
    }
    for i in m.datas.indices {
        if case .active(let x, let offset) = m.datas[i].mode {
            m.datas[i].mode = .active(memory: x, offset: expr(offset))
        }
    }
    for i in m.funcs.indices {
        var runs: [Locals] = []
        for run in m.funcs[i].locals where run.count > 0 {
            if let last = runs.last, last.type == run.type,
                UInt64(last.count) + UInt64(run.count) <= UInt64(UInt32.max)
            {
                runs[runs.count - 1].count += run.count
            } else {
                runs.append(run)
            }
        }
        m.funcs[i].locals = runs
    }
    m.customs = []
    return m
}

/// Where two modules differ first, for failure messages.
private func difference(_ a: Module, _ b: Module) -> String {
    if a.types != b.types { return "types \(a.types) vs \(b.types)" }
    if a.imports != b.imports { return "imports \(a.imports) vs \(b.imports)" }
    if a.funcs.count != b.funcs.count { return "\(a.funcs.count) vs \(b.funcs.count) funcs" }
    for (f, g) in zip(a.funcs, b.funcs) where f != g {
        if f.type != g.type || f.locals != g.locals { return "func \(f.type) \(f.locals) vs \(g.type) \(g.locals)" }
        for (i, (x, y)) in zip(f.body, g.body).enumerated() where x != y { return "instruction \(i): \(x) vs \(y)" }
        return "body lengths \(f.body.count) vs \(g.body.count)"
    }
    if a.tables != b.tables { return "tables \(a.tables) vs \(b.tables)" }
    if a.memories != b.memories { return "memories \(a.memories) vs \(b.memories)" }
    if a.globals != b.globals { return "globals \(a.globals) vs \(b.globals)" }
    if a.tags != b.tags { return "tags \(a.tags) vs \(b.tags)" }
    if a.exports != b.exports { return "exports \(a.exports) vs \(b.exports)" }
    if a.start != b.start { return "start \(String(describing: a.start)) vs \(String(describing: b.start))" }
    if a.elems != b.elems { return "elems \(a.elems) vs \(b.elems)" }
    if a.datas != b.datas { return "datas \(a.datas) vs \(b.datas)" }
    return "customs"
}

private func localCount(_ m: Module) -> UInt64 {
    m.funcs.reduce(0) { sum, f in f.locals.reduce(sum) { $0 + UInt64($1.count) } }
}

@Suite struct PrintTests {
    // MARK: Round trip over the suite

    @Test func everySuiteModuleRoundTrips() throws {
        let (modules, counts) = try suiteModules()
        try #require(!modules.isEmpty, "spec test suite not found")
        var passed: [SuiteModule.Origin: Int] = [:]
        var total: [SuiteModule.Origin: Int] = [:]
        var skippedHugeLocals = 0
        var equalAfterNormalising = 0
        var failures: [String] = []
        for sm in modules {
            // A binary module may declare billions of locals (invalid, but it decodes);
            // its text would have to spell each one.
            if localCount(sm.module) > 100_000 {
                skippedHugeLocals += 1
                continue
            }
            total[sm.origin, default: 0] += 1
            let text = sm.module.text()
            do {
                let back = try Module(text: Array(text.utf8))
                if back == sm.module {
                    passed[sm.origin, default: 0] += 1
                } else if normalised(back) == normalised(sm.module) {
                    passed[sm.origin, default: 0] += 1
                    equalAfterNormalising += 1
                } else {
                    failures.append(
                        "\(sm.location) (\(sm.origin)): \(difference(normalised(back), normalised(sm.module)))")
                }
            } catch {
                failures.append("\(sm.location) (\(sm.origin)): \(error)\n\(text.prefix(2000))")
            }
        }
        func line(_ o: SuiteModule.Origin) -> String {
            "\(passed[o, default: 0])/\(total[o, default: 0]) \(o.rawValue)"
        }
        print(
            "print round trip: \(line(.text)), \(line(.binary)), \(line(.quote)) modules; "
                + "\(equalAfterNormalising) of them equal only after normalising; "
                + "\(counts.binaryUndecodable) binary modules do not decode, "
                + "\(counts.quoteUnparsable) quoted ones do not parse, "
                + "\(skippedHugeLocals) skipped for over 100,000 locals")
        for f in failures.prefix(30) { print("  " + f) }
        #expect(failures.isEmpty, "\(failures.count) modules do not round trip")
    }

    // MARK: Every instruction

    /// A module using every instruction form and every operator of the tables, with
    /// immediates that exercise the printer (non-natural alignment, offsets, memory
    /// indices, lane indices, NaN payloads, negative numbers). It need not validate.
    private static func everyInstruction() -> Module {
        var body: [Instruction] = []
        let mem = MemArg(memory: 1, align: 0, offset: 0x1_0000_0000)
        let natural = MemArg(memory: 0, align: 2, offset: 0)
        for op in NumericOp.allCases { body.append(.numeric(op)) }
        for op in VectorOp.allCases { body.append(.vector(op)) }
        for op in LoadOp.allCases { body += [.load(op, mem), .load(op, MemArg(align: op.info.alignment))] }
        for op in StoreOp.allCases { body += [.store(op, mem), .store(op, natural)] }
        for op in LaneMemoryOp.allCases { body += [.laneMemory(op, mem, 1), .laneMemory(op, natural, 0)] }
        for op in LaneOp.allCases { body.append(.lane(op, 1)) }
        let any = RefType.anyref
        let node = RefType(nullable: false, .index(0))
        body += [
            .unreachable, .nop,
            .block(.empty), .loop(.value(.i32)), .if(.type(0)), .else, .end, .end, .end,
            .if(.empty), .end,
            .tryTable(.value(.ref(node)), [.catch(tag: 0, label: 1), .catchRef(tag: 1, label: 0),
                .catchAll(label: 2), .catchAllRef(label: 3)]),
            .tryTable(.empty, []), .end, .end,
            .br(0), .brIf(1), .brTable([], 0), .brTable([1, 2, 3_000_000], 4), .brOnNull(0), .brOnNonNull(1),
            .brOnCast(0, any, node), .brOnCastFail(1, RefType(nullable: true, .none), .i31ref),
            .return, .call(1_000), .callRef(0), .callIndirect(table: 1, type: 0), .returnCall(0),
            .returnCallRef(0), .returnCallIndirect(table: 0, type: 0), .throw(0), .throwRef,
            .drop, .select(nil), .select([.i32]), .select([.i32, .ref(node)]),
            .localGet(0), .localSet(1), .localTee(2), .globalGet(0), .globalSet(1),
            .tableGet(0), .tableSet(1), .tableSize(0), .tableGrow(0), .tableFill(0), .tableCopy(0, 1),
            .tableInit(1, 0), .elemDrop(0),
            .memorySize(0), .memoryGrow(1), .memoryFill(0), .memoryCopy(1, 0), .memoryInit(0, 1), .dataDrop(0),
            .refNull(.func), .refNull(.nofunc), .refNull(.extern), .refNull(.noextern), .refNull(.any),
            .refNull(.none), .refNull(.eq), .refNull(.i31), .refNull(.struct), .refNull(.array),
            .refNull(.exn), .refNull(.noexn), .refNull(.index(0)),
            .refFunc(0), .refIsNull, .refAsNonNull, .refEq, .refTest(node), .refTest(.funcref),
            .refCast(.externref), .refCast(RefType(nullable: false, .eq)),
            .refI31, .i31Get(.s), .i31Get(.u), .structNew(0), .structNewDefault(0),
            .structGet(0, 1, nil), .structGet(0, 1, .s), .structGet(0, 1, .u), .structSet(0, 1),
            .arrayNew(1), .arrayNewDefault(1), .arrayNewFixed(1, 3), .arrayNewData(1, 0), .arrayNewElem(1, 0),
            .arrayGet(1, nil), .arrayGet(1, .s), .arrayGet(1, .u), .arraySet(1), .arrayLen, .arrayFill(1),
            .arrayCopy(1, 1), .arrayInitData(1, 0), .arrayInitElem(1, 0), .anyConvertExtern, .externConvertAny,
            .i32Const(0x8000_0000), .i32Const(1_234_567), .i64Const(.max), .i64Const(1 << 63),
            .f32Const(0x7FC0_0000), .f32Const(0xFF80_0001), .f32Const(0x8000_0000), .f32Const(0x0000_0001),
            .f32Const(0x7F7F_FFFF), .f32Const(0x3DCC_CCCD),
            .f64Const(0x7FF8_0000_0000_0001), .f64Const(0xFFF0_0000_0000_0000), .f64Const(0x0000_0000_0000_0001),
            .f64Const(0x3FB9_9999_9999_999A), .f64Const(0x4415_AF1D_78B5_8C40),
            .v128Const(V128(lo: 0x8000_0000_FFFF_FFFF, hi: 0x0123_4567_89AB_CDEF)),
            .i8x16Shuffle(V128(bytes: [0, 31, 1, 30, 2, 29, 3, 28, 4, 27, 5, 26, 6, 25, 7, 24])),
        ]
        let types = [
            RecType([
                SubType(isFinal: false, .struct([FieldType(mutable: true, .packed(.i8)),
                    FieldType(mutable: false, .val(.ref(RefType(nullable: true, .index(0)))))])),
                SubType(supertypes: [.index(0)], .array(FieldType(mutable: true, .packed(.i16)))),
            ]),
            RecType([SubType(.func(FuncType([.i32, .v128, .funcref], [.ref(.nullexnref)])))]),
            RecType([]),
        ]
        return Module(
            types: types,
            imports: [
                Import(module: "\u{0}\u{7F}\u{80}\u{FFFF}\u{10FFFF}", name: "\t\n\r\"\\'", type: .func(.index(2))),
                Import(module: "m", name: "t", type: .table(TableType(.i64, Limits(min: 0, max: .max), .funcref))),
                Import(module: "m", name: "m", type: .memory(MemoryType(.i64, Limits(min: 1 << 48)))),
                Import(module: "m", name: "g", type: .global(GlobalType(mutable: true, .v128))),
                Import(module: "m", name: "e", type: .tag(TagType(.index(2)))),
            ],
            funcs: [
                Func(type: 2, locals: [Locals(2, .i32), Locals(1, .ref(.externref)), Locals(1, .i32)], body: body)
            ],
            tables: [
                Table(
                    type: TableType(.i32, Limits(min: 1), RefType(nullable: false, .func)),
                    initializer: [.refFunc(0)])
            ],
            memories: [MemoryType(.i32, Limits(min: 0, max: 0))],
            globals: [Global(type: GlobalType(mutable: false, .f32), initializer: [.f32Const(0x7FA0_0000)])],
            tags: [TagType(.index(2))],
            exports: [Export(name: "", kind: .func, index: 0), Export(name: "ünïcødé", kind: .tag, index: 1)],
            start: 0,
            elems: [
                ElemSegment(type: .funcref, inits: [], mode: .passive),
                ElemSegment(type: .externref, inits: [[.refNull(.extern)], []], mode: .declarative),
                ElemSegment(
                    type: RefType(nullable: false, .func), inits: [[.refFunc(0)], [.refFunc(0), .nop]],
                    mode: .active(table: 0, offset: [.i32Const(1)])),
                ElemSegment(
                    type: RefType(nullable: false, .func), inits: [[.refFunc(0)]],
                    mode: .active(table: 1, offset: [.i64Const(1), .i64Const(2), .numeric(.i64Add)])),
                ElemSegment(
                    type: .funcref, inits: [[.block(.value(.funcref)), .refFunc(0), .end]],
                    mode: .active(table: 0, offset: [.block(.value(.i32)), .i32Const(0), .end])),
            ],
            datas: [
                DataSegment(bytes: Array(0...40), mode: .active(memory: 1, offset: [.i64Const(0)])),
                DataSegment(bytes: [], mode: .passive),
            ])
    }

    @Test func everyInstructionRoundTrips() throws {
        let m = Self.everyInstruction()
        for width in [0, 40, 80, 1_000_000] {
            let text = m.text(width: width)
            let back = try Module(text: Array(text.utf8))
            #expect(normalised(back) == normalised(m), "width \(width): \(difference(normalised(back), normalised(m)))")
        }
        // At a huge width, everything is on one line.
        #expect(m.text(width: 1_000_000).filter { $0 == "\n" }.count == 1)
    }

    /// Operators are written with the mnemonics of the operator tables.
    @Test func operatorsUseTheirTableNames() {
        for op in NumericOp.allCases {
            #expect(Module(funcs: [Func(type: 0, body: [.numeric(op)])]).text().contains("(\(op.name))"))
        }
        for op in VectorOp.allCases {
            #expect(Module(funcs: [Func(type: 0, body: [.vector(op)])]).text().contains("(\(op.name))"))
        }
    }

    // MARK: Deep nesting

    @Test func hundredThousandNestedBlocksPrint() throws {
        let depth = 100_000
        let body = [Instruction](repeating: .block(.empty), count: depth) + [.nop]
            + [Instruction](repeating: .end, count: depth)
        let m = Module(types: [RecType([SubType(.func(FuncType()))])], funcs: [Func(type: 0, body: body)])
        let text = m.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // `(module`, the type, `(func $0`, `(type 0)`, a line for each block opening and
        // each closing, two for `(nop` and `)` (nothing fits that far right), the closing
        // lines of the function and the module, and the empty rest after the last newline.
        #expect(lines.count == 2 * depth + 9)
        // Indentation stops growing at 200 columns.
        #expect(lines.map { $0.prefix { $0 == " " }.count }.max() == 200)
        let back = try Module(text: Array(text.utf8))
        #expect(back == m)

        // Nested `if`s and `try_table`s, never closed in the flat sequence.
        let ifs = [Instruction](repeating: .if(.empty), count: depth)
        let ifText = Module(funcs: [Func(type: 0, body: ifs)]).text()
        #expect(ifText.hasPrefix("(module\n  (func $0\n    (type 0)\n    (if\n      (then\n        (if\n"))
        let tries = [Instruction](repeating: .tryTable(.empty, [.catchAll(label: 0)]), count: depth)
        let tryText = Module(globals: [Global(type: GlobalType(mutable: false, .i32), initializer: tries)]).text()
        #expect(tryText.hasPrefix("(module\n  (global $0\n    i32\n    (try_table\n      (catch_all 0)\n"))
    }

    /// Locals are run-length encoded in the syntax; text spells each one.
    @Test func manyLocalsPrint() throws {
        let m = Module(
            types: [RecType([SubType(.func(FuncType()))])],
            funcs: [Func(type: 0, locals: [Locals(1_000_000, .i32), Locals(0, .f32), Locals(2, .i64)], body: [])])
        let text = m.text(width: 1 << 30)
        #expect(text.hasPrefix("(module (type $0 (func)) (func $0 (type 0) (local i32 i32 "))
        #expect(text.hasSuffix(" i32 i64 i64)))\n"))
        // `(module (type $0 (func)) (func $0 (type 0) (local`, ` i32` each, ` i64 i64`, `)))\n`.
        #expect(text.utf8.count == 49 + 4 * 1_000_000 + 8 + 4)
        #expect(normalised(try Module(text: Array(text.utf8))) == normalised(m))
    }

    // MARK: What the text format cannot say

    /// Forms only validation creates are written as the reference writes them in
    /// messages; they do not parse back.
    @Test func semanticFormsPrintAsInMessages() {
        let dt = DefType(RecType([SubType(.func(FuncType([.i32], [])))]), 0)
        let field = FieldType(mutable: false, .val(.ref(RefType(nullable: true, .def(dt)))))
        let group = DefType(RecType([SubType(.struct([])), SubType(.array(field))]), 1)
        let body: [Instruction] = [
            .refNull(.rec(3)), .refNull(.bot), .refNull(.def(dt)), .refNull(.def(group)), .select([.bot]),
        ]
        let text = Module(funcs: [Func(type: 0, body: body)]).text(width: 1000)
        #expect(text.contains("(ref.null rec.3)"))
        #expect(text.contains("(ref.null something)"))
        #expect(text.contains("(ref.null (func [i32] -> []))"))
        #expect(text.contains("(ref.null ((rec (struct) (array (ref null (...)))).1))"))
        #expect(text.contains("(select (result bot))"))
    }

    /// Where the reference's output would not parse back, the printer writes the text
    /// that does: lane indices from 128 up (the reference prints them as garbled 63-bit
    /// numbers, `9_223_372_036_854_775_807` for 255).
    @Test func laneIndicesPrintAsNumbers() throws {
        let body: [Instruction] = [
            .lane(.i8x16ExtractLaneS, 255), .laneMemory(.v128Load8Lane, MemArg(align: 0), 128),
            .i8x16Shuffle(V128(bytes: [UInt8](repeating: 200, count: 16))),
        ]
        let m = Module(funcs: [Func(type: 0, body: body)])
        let text = m.text()
        #expect(text.contains("(i8x16.extract_lane_s 255)"))
        #expect(text.contains("(v128.load8_lane 0 128)"))
        #expect(text.contains("(i8x16.shuffle 200 200 200"))
        #expect(try Module(text: Array(text.utf8)) == m)
    }

    /// Sequences no parser or decoder produces still print without trapping.
    @Test func malformedSequencesPrint() {
        let body: [Instruction] = [.end, .else, .block(.empty), .else, .end, .select([])]
        let text = Module(funcs: [Func(type: 0, body: body)]).text()
        #expect(text.contains("(end)"))
        #expect(text.contains("(block (else))"))
        #expect(text.contains("(select (result))"))
        let align = Module(funcs: [Func(type: 0, body: [.load(.i32Load, MemArg(align: 63, offset: .max))])]).text()
        #expect(align.contains("align=9_223_372_036_854_775_808"))
        #expect(align.contains("offset=18_446_744_073_709_551_615"))
    }

    // MARK: Exact output

    private func printed(_ source: String, width: Int = 80) throws -> String {
        try Module(text: Array(source.utf8)).text(width: width)
    }

    @Test func basicsPrintAsTheReference() throws {
        #expect(try printed(PrintFixtures.basics) == PrintFixtures.basicsPrinted + "\n")
    }

    @Test func operatorsPrintAsTheReference() throws {
        #expect(try printed(PrintFixtures.operators) == PrintFixtures.operatorsPrinted + "\n")
        #expect(try printed(PrintFixtures.operators, width: 40) == PrintFixtures.operatorsPrintedWidth40 + "\n")
    }

    @Test func gcPrintsAsTheReference() throws {
        #expect(try printed(PrintFixtures.gc) == PrintFixtures.gcPrinted + "\n")
    }

    /// `wasm -c custom -u -d -e '(module binary "...") (output)'` and the same without
    /// `-c custom`.
    @Test func customSectionsPrintAsTheReference() throws {
        let binary: [UInt8] =
            [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
            + [0x00, 0x06, 0x02, 0x68, 0x69, 0x61, 0x62, 0x63]  // custom "hi" "abc"
            + [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]  // type section: (func)
            + [0x00, 0x03, 0x02, 0x78, 0x0A]  // custom "x\n", empty
        let m = try Module(binary: binary)
        #expect(m.text() == "(module (type $0 (func)))\n")
        #expect(
            m.text(customSections: true) == #"""
                (module
                  (type $0 (func))
                  (@custom "hi" (before type) "\61\62\63")
                  (@custom "x\n" (after type))
                )

                """#)
        // The annotations parse (and are dropped) by the text parser.
        let back = try Module(text: Array(m.text(customSections: true).utf8))
        #expect(back.customs.isEmpty)
        #expect(normalised(back) == normalised(m))
    }
}

// MARK: Fixtures

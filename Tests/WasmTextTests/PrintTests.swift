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
            switch a {
            case .malformed(let m, _), .invalid(let m, _), .malformedCustom(let m, _),
                .invalidCustom(let m, _):
                add(m)
            case .unlinkable(.module(let m), _), .uninstantiable(.module(let m), _):
                add(m)
            default: break
            }
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

/// Modules written for these tests, and what the reference interpreter (spec main at
/// 285a903) prints for them with `wasm -u -d <file> -o <out>.wat` (`-w 40` where the
/// width is 40). `-u` because some are deliberately invalid: printing does not
/// validate. The reference ends its output with a newline, which the literals leave
/// out.
private enum PrintFixtures {
    /// Types, imports, tables, memory64, globals with every kind of number, tags,
    /// exports with escapes, start, element segments, a function with blocks.
    static let basics = #"""
    (module
      (type $t (func (param i32 funcref externref (ref null $t)) (result i32)))
      (type $s (sub (struct (field i32) (field (mut i8)) (field (ref null $s)))))
      (rec (type $a (array (mut i16))) (type $b (sub final $s (struct (field i32) (field (mut i8)) (field (ref null $s))))))
      (import "spectest" "print_i32" (func $p (param i32)))
      (import "spectest" "memory" (memory 1 2))
      (import "spectest" "global_i32" (global i32))
      (table 10 funcref)
      (table $t2 i64 5 (ref null extern))
      (memory $m64 i64 1)
      (global $g (mut f32) (f32.const 0.1))
      (global f64 (f64.const -nan:0x123456789))
      (global f64 (f64.const 123456789.5e3))
      (global f64 (f64.const 1e300))
      (global f64 (f64.const 1e-300))
      (global f32 (f32.const -inf))
      (global i64 (i64.const -1234567890123))
      (global v128 (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))
      (tag $e (param i32))
      (export "f" (func $f))
      (export "m\00\u{ff}\u{1F600}\"\\\t" (memory 1))
      (start $p2)
      (elem (i32.const 0) $f $f)
      (elem declare func $f)
      (elem funcref (ref.null func) (ref.func $f))
      (elem (table $t2) (i64.const 0) externref (ref.null extern))
      (func $p2)
      (func $f (type $t) (local i32 i64 v128)
        (block $l (result i32)
          (i32.const 1)
          (br_if $l (local.get 0))
          (drop)
          (i32.load8_s offset=4 align=1 (i32.const 0))
        )
        (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))
        drop drop
        (i64.store32 $m64 offset=100000 (i64.const 0) (i64.const 1))
        (v128.load8_lane 1 3 (i64.const 0) (local.get 6)) drop
        (select (i32.const 1) (i32.const 2) (i32.const 3)) drop
        (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)) drop
        (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (local.get 6) (local.get 6)) drop
        (block $x (result i32) (try_table (catch $e $x) (nop)) (i32.const 0)) drop (try_table (catch_all 0) (nop))
        (loop)
        (call_indirect (type 0) (i32.const 0) (ref.null func) (ref.null extern) (ref.null $t) (i32.const 0))
      )
      (data (i32.const 0) "hello world 0123456789abcdef\n")
      (data "")
    )
    """#

    static let basicsPrinted = #"""
    (module
      (rec
        (type $0
          (func
            (param i32 (ref null func) (ref null extern) (ref null 0))
            (result i32)
          )
        )
      )
      (rec
        (type $1 (sub (struct (field i32) (field (mut i8)) (field (ref null 1)))))
      )
      (rec
        (type $2 (array (mut i16)))
        (type $3
          (sub final 1 (struct (field i32) (field (mut i8)) (field (ref null 1))))
        )
      )
      (type $4 (func (param i32)))
      (type $5 (func))
      (import "spectest" "print_i32" (func $0 (type 4)))
      (import "spectest" "memory" (memory $0 i32 1 2))
      (import "spectest" "global_i32" (global $0 i32))
      (table $0 i32 10 funcref (ref.null func))
      (table $1 i64 5 (ref null extern) (ref.null extern))
      (memory $1 i64 1)
      (tag $0 (type 4))
      (global $1 (mut f32) (f32.const 0.100_000_001_490_116_12))
      (global $2 f64 (f64.const -nan:0x1_2345_6789))
      (global $3 f64 (f64.const 123_456_789_500))
      (global $4 f64 (f64.const 1.000_000_000_000_000_1e+300))
      (global $5 f64 (f64.const 1e-300))
      (global $6 f32 (f32.const -inf))
      (global $7 i64 (i64.const -1_234_567_890_123))
      (global $8
        v128
        (v128.const i32x4 67_305_985 134_678_021 202_050_057 269_422_093)
      )
      (export "f" (func 2))
      (export "m\u{00}\u{ff}\u{1f600}\"\\\t" (memory 1))
      (start 1)
      (elem $0 (i32.const 0) func 2 2)
      (elem $1 declare func 2)
      (elem $2 funcref (ref.null func) (ref.func 2))
      (elem $3 (table 1) (i64.const 0) (ref null extern) (ref.null extern))
      (func $1 (type 5))
      (func $2
        (type 0)
        (local i32 i64 v128)
        (block
          (result i32)
          (i32.const 1)
          (local.get 0)
          (br_if 0)
          (drop)
          (i32.const 0)
          (i32.load8_s 0 offset=4)
        )
        (i32.const 1)
        (if (result i32) (then (i32.const 2)) (else (i32.const 3)))
        (drop)
        (drop)
        (i64.const 0)
        (i64.const 1)
        (i64.store32 1 offset=100_000)
        (i64.const 0)
        (local.get 6)
        (v128.load8_lane 1 3)
        (drop)
        (i32.const 1)
        (i32.const 2)
        (i32.const 3)
        (select)
        (drop)
        (i32.const 1)
        (i32.const 2)
        (i32.const 3)
        (select (result i32))
        (drop)
        (local.get 6)
        (local.get 6)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31)
        (drop)
        (block (result i32) (try_table (catch 0 0) (nop)) (i32.const 0))
        (drop)
        (try_table (catch_all 0) (nop))
        (loop)
        (i32.const 0)
        (ref.null func)
        (ref.null extern)
        (ref.null 0)
        (i32.const 0)
        (call_indirect 0 (type 0))
      )
      (data $0
        (i32.const 0)
        "\68\65\6c\6c\6f\20\77\6f\72\6c\64\20\30\31\32\33"
        "\34\35\36\37\38\39\61\62\63\64\65\66\0a"
      )
      (data $1)
    )
    """#

    /// Long heads, block types, constants, operators, segments.
    static let operators = #"""
    (module
      (type (func (result i32 i64)))
      (func (local i32 i32 i64 i32)
        (br_table 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)
        (block (type 0) unreachable)
        (if (i32.const 0) (then))
        (f32.const 1) (f32.const 1e10) (f32.const 1e-10) (f64.const 0.0001) (f64.const 0.00001) (f64.const 1e16) (f64.const 1e17) (f64.const 123456.789)
        (f64.const -0) (f64.const 0x1p-1074) (f64.const 1.7976931348623157e308) (f32.const nan) (f32.const -nan:0x1)
        (i32.const -2147483648) (i64.const 9223372036854775807)
        (v128.const i32x4 -1 0x80000000 1000 1)
        (i8x16.extract_lane_s 15 (v128.const i64x2 0 0))
        (f32x4.replace_lane 3 (v128.const i64x2 0 0) (f32.const 0))
        (i64.load offset=0xffffffffff align=16 (i32.const 0))
        (memory.copy) (memory.init 0 0) (table.copy) (ref.test (ref null any)) (ref.cast (ref i31)) (br_on_cast 0 anyref (ref null none))
        (struct.get_s 0 1) (array.new_fixed 0 3) (i31.get_u) (ref.null extern) (ref.null noexn) (throw_ref) (any.convert_extern) (extern.convert_any)
        (i32.trunc_sat_f32_s) (f32x4.relaxed_madd) (i32x4.relaxed_dot_i8x16_i7x16_add_s)
      )
      (memory 1)
      (data (memory 0) (offset (i32.const 0) (i32.const 1) (i32.add)) "")
      (table 1 (ref null func))
      (elem (ref func) (item (ref.func 0)))
      (elem (table 0) (offset (i32.const 0)) func)
      (elem func)
    )
    """#

    static let operatorsPrinted = #"""
    (module
      (type $0 (func (result i32 i64)))
      (type $1 (func))
      (table $0 i32 1 funcref (ref.null func))
      (memory $0 i32 1)
      (elem $0 func 0)
      (elem $1 (i32.const 0) func)
      (elem $2 func)
      (func $0
        (type 1)
        (local i32 i32 i64 i32)
        (br_table 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        )
        (block (type 0) (unreachable))
        (i32.const 0)
        (if (then) (else))
        (f32.const 1)
        (f32.const 10_000_000_000)
        (f32.const 1.000_000_013_351_432e-10)
        (f64.const 0.000_1)
        (f64.const 1.000_000_000_000_000_1e-05)
        (f64.const 10_000_000_000_000_000)
        (f64.const 1e+17)
        (f64.const 123_456.789)
        (f64.const -0)
        (f64.const 4.940_656_458_412_465_4e-324)
        (f64.const 1.797_693_134_862_315_7e+308)
        (f32.const nan:0x40_0000)
        (f32.const -nan:0x1)
        (i32.const -2_147_483_648)
        (i64.const 9_223_372_036_854_775_807)
        (v128.const i32x4 -1 -2_147_483_648 1_000 1)
        (v128.const i32x4 0 0 0 0)
        (i8x16.extract_lane_s 15)
        (v128.const i32x4 0 0 0 0)
        (f32.const 0)
        (f32x4.replace_lane 3)
        (i32.const 0)
        (i64.load 0 offset=1_099_511_627_775 align=16)
        (memory.copy 0 0)
        (memory.init 0 0)
        (table.copy 0 0)
        (ref.test anyref)
        (ref.cast (ref i31))
        (br_on_cast 0 anyref (ref null none))
        (struct.get_s 0 1)
        (array.new_fixed 0 3)
        (i31.get_u)
        (ref.null extern)
        (ref.null noexn)
        (throw_ref)
        (any.convert_extern)
        (extern.convert_any)
        (i32.trunc_sat_f32_s)
        (f32x4.relaxed_madd)
        (i32x4.relaxed_dot_i8x16_i7x16_add_s)
      )
      (data $0 (offset (i32.const 0) (i32.const 1) (i32.add)))
    )
    """#

    static let operatorsPrintedWidth40 = #"""
    (module
      (type $0 (func (result i32 i64)))
      (type $1 (func))
      (table $0
        i32 1
        funcref
        (ref.null func)
      )
      (memory $0 i32 1)
      (elem $0 func 0)
      (elem $1 (i32.const 0) func)
      (elem $2 func)
      (func $0
        (type 1)
        (local i32 i32 i64 i32)
        (br_table 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        )
        (block (type 0) (unreachable))
        (i32.const 0)
        (if (then) (else))
        (f32.const 1)
        (f32.const 10_000_000_000)
        (f32.const 1.000_000_013_351_432e-10
        )
        (f64.const 0.000_1)
        (f64.const 1.000_000_000_000_000_1e-05
        )
        (f64.const 10_000_000_000_000_000)
        (f64.const 1e+17)
        (f64.const 123_456.789)
        (f64.const -0)
        (f64.const 4.940_656_458_412_465_4e-324
        )
        (f64.const 1.797_693_134_862_315_7e+308
        )
        (f32.const nan:0x40_0000)
        (f32.const -nan:0x1)
        (i32.const -2_147_483_648)
        (i64.const 9_223_372_036_854_775_807
        )
        (v128.const i32x4 -1 -2_147_483_648 1_000 1
        )
        (v128.const i32x4 0 0 0 0)
        (i8x16.extract_lane_s 15)
        (v128.const i32x4 0 0 0 0)
        (f32.const 0)
        (f32x4.replace_lane 3)
        (i32.const 0)
        (i64.load 0 offset=1_099_511_627_775 align=16
        )
        (memory.copy 0 0)
        (memory.init 0 0)
        (table.copy 0 0)
        (ref.test anyref)
        (ref.cast (ref i31))
        (br_on_cast 0
          anyref
          (ref null none)
        )
        (struct.get_s 0 1)
        (array.new_fixed 0 3)
        (i31.get_u)
        (ref.null extern)
        (ref.null noexn)
        (throw_ref)
        (any.convert_extern)
        (extern.convert_any)
        (i32.trunc_sat_f32_s)
        (f32x4.relaxed_madd)
        (i32x4.relaxed_dot_i8x16_i7x16_add_s
        )
      )
      (data $0
        (offset
          (i32.const 0)
          (i32.const 1)
          (i32.add)
        )
      )
    )
    """#

    /// GC types and instructions, exceptions, tables, memories, segment modes.
    static let gc = #"""
    (module
      (rec
        (type $node (sub (struct (field $v i32) (field $next (mut (ref null $node))))))
        (type $leaf (sub final $node (struct (field i32) (field (mut (ref null $node))))))
      )
      (type $bytes (array (mut i8)))
      (type $refs (array (ref null any)))
      (type $f (func (param (ref $node)) (result i32)))
      (type $g (sub (func)))
      (import "env" "t" (table $it 0 100 (ref null extern)))
      (import "env" "f" (func $imp (type $f)))
      (import "env" "tag" (tag $exn (param i64)))
      (memory $m0 1)
      (memory $m1 i64 0 65536)
      (table $tt 4 (ref null $f) (ref.func $id))
      (global $k i32 (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))))
      (global $r (ref null $node) (ref.null none))
      (elem $e1 (table $tt) (offset (i32.const 1) (i32.const 1) (i32.add)) (ref null $f) (item (ref.func $id)) (ref.null $f))
      (elem $e2 (ref func) (ref.func $id) (ref.func $imp))
      (elem $e3 declare (ref null any) (item (ref.i31 (i32.const 7))))
      (data $d1 (memory $m1) (i64.const 16) "\00\01\02")
      (func $id (type $f) (param $n (ref $node)) (result i32)
        (struct.get $node $v (local.get $n)))
      (func $gc (param anyref) (result i32)
        (local $a (ref null $bytes)) (local i32 i32) (local f32) (local i32)
        (block $out (result (ref $node))
          (br_on_cast_fail $out anyref (ref $node) (local.get 0))
        )
        (drop)
        (block $b (result anyref)
          (br_on_cast $b anyref (ref null i31) (local.get 0))
          (br_on_null $b)
          (br_on_non_null $b)
          (ref.null eq)
        )
        (ref.test (ref struct))
        (drop)
        (local.set $a (array.new_default $bytes (i32.const 10)))
        (array.fill $bytes (local.get $a) (i32.const 0) (i32.const 255) (i32.const 10))
        (array.copy $bytes $bytes (local.get $a) (i32.const 0) (local.get $a) (i32.const 1) (i32.const 2))
        (array.init_data $bytes $d1 (local.get $a) (i32.const 0) (i32.const 0) (i32.const 1))
        (drop (array.new_data $bytes $d1 (i32.const 0) (i32.const 1)))
        (drop (array.new_elem $refs $e3 (i32.const 0) (i32.const 1)))
        (drop (array.new_fixed $refs 2 (ref.i31 (i32.const 1)) (ref.null none)))
        (drop (array.get_u $bytes (local.get $a) (i32.const 0)))
        (array.set $bytes (local.get $a) (i32.const 0) (i32.const 1))
        (drop (array.len (local.get $a)))
        (drop (i31.get_s (ref.cast (ref i31) (local.get 0))))
        (drop (struct.new $node (i32.const 1) (ref.null $node)))
        (drop (struct.new_default $leaf))
        (struct.set $node 1 (struct.new_default $node) (ref.null none))
        (drop (any.convert_extern (extern.convert_any (local.get 0))))
        (drop (call_ref $f (struct.new_default $node) (ref.func $id)))
        (drop (ref.as_non_null (ref.func $id)))
        (drop (ref.eq (ref.null eq) (ref.null none)))
        (drop (ref.is_null (ref.null exn)))
        (try_table (result i32) (catch $exn 0) (catch_ref $exn 0) (catch_all_ref 0)
          (throw $exn (i64.const -1)))
        (drop)
        (table.set $tt (i32.const 0) (table.get $tt (i32.const 1)))
        (drop (table.grow $tt (ref.null $f) (i32.const 1)))
        (table.fill $tt (i32.const 0) (ref.null $f) (table.size $tt))
        (table.init $tt $e1 (i32.const 0) (i32.const 0) (i32.const 0))
        (elem.drop $e2)
        (memory.fill $m1 (i64.const 0) (i32.const 0) (i64.const 1))
        (memory.copy $m0 $m1 (i32.const 0) (i64.const 0) (i32.const 0))
        (memory.init $m1 $d1 (i64.const 0) (i32.const 0) (i32.const 0))
        (data.drop $d1)
        (drop (memory.grow $m1 (memory.size $m1)))
        (f64.store $m1 offset=8 align=4 (i64.const 0) (f64.const 0x1.8p+1))
        (v128.store64_lane $m1 offset=3 1 (i64.const 0) (v128.const f32x4 1.5 -0 nan -inf))
        (drop (v128.load32_zero $m0 (i32.const 0)))
        (drop (v128.load16x4_u align=2 (i32.const 0)))
        (drop (i32x4.dot_i16x8_s (v128.const i16x8 1 -1 2 -2 3 -3 32767 -32768) (i8x16.splat (i32.const -1))))
        (drop (f64x2.convert_low_i32x4_u (v128.const i64x2 0x7fffffffffffffff -1)))
        (drop (i16x8.extmul_high_i8x16_s (v128.const i32x4 0 0 0 0) (v128.const i32x4 0 0 0 0)))
        (drop (v128.bitselect (v128.const i32x4 0 0 0 0) (v128.const i32x4 0 0 0 0) (v128.const i32x4 0 0 0 0)))
        (return_call_indirect $tt (type $f) (struct.new_default $node) (i32.const 0))
      )
      (func $loops (type $g)
        (loop $l (br_if $l (i32.eqz (i32.const 0))))
        (if (i32.const 1) (then (return)))
        (return_call $loops)
      )
      (export "gc" (func $gc))
      (export "tt" (table $tt))
      (export "m1" (memory $m1))
      (export "k" (global $k))
      (export "exn" (tag $exn))
    )
    """#

    static let gcPrinted = #"""
    (module
      (rec
        (type $0 (sub (struct (field i32) (field (mut (ref null 0))))))
        (type $1 (sub final 0 (struct (field i32) (field (mut (ref null 0))))))
      )
      (type $2 (array (mut i8)))
      (type $3 (array (ref null any)))
      (type $4 (func (param (ref 0)) (result i32)))
      (type $5 (sub (func)))
      (type $6 (func (param i64)))
      (type $7 (func (param (ref null any)) (result i32)))
      (import "env" "t" (table $0 i32 0 100 (ref null extern)))
      (import "env" "f" (func $0 (type 4)))
      (import "env" "tag" (tag $0 (type 6)))
      (table $1 i32 4 (ref null 4) (ref.func 1))
      (memory $0 i32 1)
      (memory $1 i64 0 65_536)
      (global $0 i32 (i32.const 1) (i32.const 2) (i32.const 3) (i32.mul) (i32.add))
      (global $1 (ref null 0) (ref.null none))
      (export "gc" (func 2))
      (export "tt" (table 1))
      (export "m1" (memory 1))
      (export "k" (global 0))
      (export "exn" (tag 0))
      (elem $0
        (table 1)
        (offset (i32.const 1) (i32.const 1) (i32.add))
        (ref null 4)
        (ref.func 1)
        (ref.null 4)
      )
      (elem $1 func 1 0)
      (elem $2 declare anyref (item (i32.const 7) (ref.i31)))
      (func $1 (type 4) (local.get 0) (struct.get 0 0))
      (func $2
        (type 7)
        (local (ref null 2) i32 i32 f32 i32)
        (block (result (ref 0)) (local.get 0) (br_on_cast_fail 0 anyref (ref 0)))
        (drop)
        (block
          (result (ref null any))
          (local.get 0)
          (br_on_cast 0 anyref i31ref)
          (br_on_null 0)
          (br_on_non_null 0)
          (ref.null eq)
        )
        (ref.test (ref struct))
        (drop)
        (i32.const 10)
        (array.new_default 2)
        (local.set 1)
        (local.get 1)
        (i32.const 0)
        (i32.const 255)
        (i32.const 10)
        (array.fill 2)
        (local.get 1)
        (i32.const 0)
        (local.get 1)
        (i32.const 1)
        (i32.const 2)
        (array.copy 2 2)
        (local.get 1)
        (i32.const 0)
        (i32.const 0)
        (i32.const 1)
        (array.init_data 2 0)
        (i32.const 0)
        (i32.const 1)
        (array.new_data 2 0)
        (drop)
        (i32.const 0)
        (i32.const 1)
        (array.new_elem 3 2)
        (drop)
        (i32.const 1)
        (ref.i31)
        (ref.null none)
        (array.new_fixed 3 2)
        (drop)
        (local.get 1)
        (i32.const 0)
        (array.get_u 2)
        (drop)
        (local.get 1)
        (i32.const 0)
        (i32.const 1)
        (array.set 2)
        (local.get 1)
        (array.len)
        (drop)
        (local.get 0)
        (ref.cast (ref i31))
        (i31.get_s)
        (drop)
        (i32.const 1)
        (ref.null 0)
        (struct.new 0)
        (drop)
        (struct.new_default 1)
        (drop)
        (struct.new_default 0)
        (ref.null none)
        (struct.set 0 1)
        (local.get 0)
        (extern.convert_any)
        (any.convert_extern)
        (drop)
        (struct.new_default 0)
        (ref.func 1)
        (call_ref 4)
        (drop)
        (ref.func 1)
        (ref.as_non_null)
        (drop)
        (ref.null eq)
        (ref.null none)
        (ref.eq)
        (drop)
        (ref.null exn)
        (ref.is_null)
        (drop)
        (try_table
          (result i32)
          (catch 0 0)
          (catch_ref 0 0)
          (catch_all_ref 0)
          (i64.const -1)
          (throw 0)
        )
        (drop)
        (i32.const 0)
        (i32.const 1)
        (table.get 1)
        (table.set 1)
        (ref.null 4)
        (i32.const 1)
        (table.grow 1)
        (drop)
        (i32.const 0)
        (ref.null 4)
        (table.size 1)
        (table.fill 1)
        (i32.const 0)
        (i32.const 0)
        (i32.const 0)
        (table.init 1 0)
        (elem.drop 1)
        (i64.const 0)
        (i32.const 0)
        (i64.const 1)
        (memory.fill 1)
        (i32.const 0)
        (i64.const 0)
        (i32.const 0)
        (memory.copy 0 1)
        (i64.const 0)
        (i32.const 0)
        (i32.const 0)
        (memory.init 1 0)
        (data.drop 0)
        (memory.size 1)
        (memory.grow 1)
        (drop)
        (i64.const 0)
        (f64.const 3)
        (f64.store 1 offset=8 align=4)
        (i64.const 0)
        (v128.const i32x4 1_069_547_520 -2_147_483_648 2_143_289_344 -8_388_608)
        (v128.store64_lane 1 offset=3 1)
        (i32.const 0)
        (v128.load32_zero 0)
        (drop)
        (i32.const 0)
        (v128.load16x4_u 0 align=2)
        (drop)
        (v128.const i32x4 -65_535 -131_070 -196_605 -2_147_450_881)
        (i32.const -1)
        (i8x16.splat)
        (i32x4.dot_i16x8_s)
        (drop)
        (v128.const i32x4 -1 2_147_483_647 -1 -1)
        (f64x2.convert_low_i32x4_u)
        (drop)
        (v128.const i32x4 0 0 0 0)
        (v128.const i32x4 0 0 0 0)
        (i16x8.extmul_high_i8x16_s)
        (drop)
        (v128.const i32x4 0 0 0 0)
        (v128.const i32x4 0 0 0 0)
        (v128.const i32x4 0 0 0 0)
        (v128.bitselect)
        (drop)
        (struct.new_default 0)
        (i32.const 0)
        (return_call_indirect 1 (type 4))
      )
      (func $3
        (type 5)
        (loop (i32.const 0) (i32.eqz) (br_if 0))
        (i32.const 1)
        (if (then (return)) (else))
        (return_call 3)
      )
      (data $0 (memory 1) (i64.const 16) "\00\01\02")
    )
    """#

}

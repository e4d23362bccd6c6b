import Testing

@testable import WasmSpec

/// Module-level validation (§3.2, §3.4.12); the expected messages are the reference
/// interpreter's on the equivalent text modules.
@Suite struct ValidationModuleTests {
    static let emptyFunc = typeDef(.func(FuncType()))

    @Test func constantExpressions() {
        let g = { (t: ValType, e: Expr) in Global(type: GlobalType(mutable: false, t), initializer: e) }
        expectInvalid(Module(globals: [g(.i32, [.globalGet(0)])]), "unknown global 0")
        expectInvalid(
            Module(globals: [Global(type: GlobalType(mutable: true, .i32), initializer: [.i32Const(0)]), g(.i32, [.globalGet(0)])]),
            "constant expression required")
        expectInvalid(Module(globals: [g(.i32, [.globalGet(1)]), g(.i32, [.i32Const(0)])]), "unknown global 1")
        expectValid(
            Module(
                imports: [Import(module: "m", name: "g", type: .global(GlobalType(mutable: false, .i32)))],
                globals: [g(.i32, [.globalGet(0), .i32Const(1), .numeric(.i32Add)])]))
        expectInvalid(Module(globals: [g(.i64, [.i32Const(0)])]), "type mismatch: instruction requires [i64] but stack has [i32]")
        expectInvalid(
            Module(globals: [g(.i32, [.i32Const(0), .i32Const(0)])]), "type mismatch: block requires [i32] but stack has [i32 i32]")
        expectInvalid(Module(globals: [g(.i32, [])]), "type mismatch: instruction requires [i32] but stack has []")
        expectInvalid(
            Module(globals: [g(.i32, [.i32Const(1), .i32Const(2), .numeric(.i32DivS)])]), "constant expression required")
        expectInvalid(Module(globals: [g(.i32, [.i32Const(0), .nop])]), "constant expression required")
        expectValid(
            Module(globals: [
                g(.v128, [.v128Const(.zero)]), g(.i64, [.i64Const(1), .i64Const(2), .numeric(.i64Mul)]),
                g(ref(.extern), [.i32Const(0), .refI31, .externConvertAny]),
            ]))
        expectValid(
            Module(
                types: [
                    typeDef(.struct([FieldType(mutable: false, .val(.i32))])),
                    typeDef(.array(FieldType(mutable: false, .packed(.i8)))),
                ],
                globals: [
                    g(ref(.struct), [.i32Const(0), .structNew(0)]),
                    g(.ref(.anyref), [.arrayNewFixed(1, 0)]),
                    g(.ref(.structref), [.structNewDefault(0)]),
                    g(.ref(.arrayref), [.i32Const(0), .i32Const(0), .arrayNew(1)]),
                ]))
        expectInvalid(
            Module(funcs: [Func(type: 0, body: [])], globals: [g(.funcref, [.refFunc(1)])]) .with { $0.types = [Self.emptyFunc] },
            "unknown function 1")
        // Tables are checked before globals, so their initialisers see imported globals only.
        expectInvalid(
            Module(
                tables: [Table(type: TableType(.i32, Limits(min: 1), .funcref), initializer: [.globalGet(0)])],
                globals: [g(.funcref, [.refNull(.func)])]),
            "unknown global 0")
    }

    @Test func tablesAndSegments() {
        let funcref1 = TableType(.i32, Limits(min: 1), .funcref)
        expectInvalid(
            Module(tables: [Table(type: TableType(.i32, Limits(min: 1), RefType(nullable: false, .func)))]),
            "type mismatch: instruction requires [(ref func)] but stack has [(ref null func)]")
        expectValid(
            Module(
                types: [Self.emptyFunc], funcs: [Func(type: 0, body: [])],
                tables: [Table(type: TableType(.i32, Limits(min: 1), RefType(nullable: false, .func)), initializer: [.refFunc(0)])]))
        expectInvalid(
            Module(elems: [ElemSegment(type: .funcref, inits: [[.refFunc(0)]], mode: .active(table: 0, offset: [.i32Const(0)]))]),
            "unknown function 0")
        expectInvalid(
            Module(elems: [ElemSegment(type: .funcref, inits: [], mode: .active(table: 0, offset: [.i32Const(0)]))]),
            "unknown table 0")
        expectInvalid(
            Module(
                tables: [Table(type: funcref1)],
                elems: [ElemSegment(type: .externref, inits: [[.refNull(.extern)]], mode: .active(table: 0, offset: [.i32Const(0)]))]),
            "type mismatch: element segment's type (ref null extern) does not match table's element type (ref null func)")
        expectInvalid(
            Module(
                tables: [Table(type: TableType(.i64, Limits(min: 1), .funcref))],
                elems: [ElemSegment(type: .funcref, inits: [], mode: .active(table: 0, offset: [.i32Const(0)]))]),
            "type mismatch: instruction requires [i64] but stack has [i32]")
        expectInvalid(
            Module(elems: [ElemSegment(type: .funcref, inits: [[.refNull(.extern)]], mode: .passive)]),
            "type mismatch: instruction requires [(ref null func)] but stack has [(ref null extern)]")
        expectInvalid(
            Module(elems: [ElemSegment(type: RefType(nullable: true, .index(0)), inits: [], mode: .declarative)]),
            "unknown type 0")
        expectInvalid(
            Module(memories: [MemoryType(.i32, Limits(min: 1))], datas: [DataSegment(bytes: [], mode: .active(memory: 0, offset: [.i64Const(0)]))]),
            "type mismatch: instruction requires [i32] but stack has [i64]")
        expectInvalid(Module(datas: [DataSegment(bytes: [], mode: .active(memory: 0, offset: [.i32Const(0)]))]), "unknown memory 0")
        expectValid(
            Module(memories: [MemoryType(.i64, Limits(min: 1))], datas: [DataSegment(bytes: [1], mode: .active(memory: 0, offset: [.i64Const(0)]))]))
    }

    @Test func limits() {
        expectInvalid(Module(memories: [MemoryType(.i32, Limits(min: 65537))]), "memory size must be at most 2^16 pages (4 GiB) for i32")
        expectInvalid(Module(memories: [MemoryType(.i32, Limits(min: 0, max: 65537))]), "memory size must be at most 2^16 pages (4 GiB) for i32")
        expectValid(Module(memories: [MemoryType(.i32, Limits(min: 65536, max: 65536))]))
        expectInvalid(
            Module(memories: [MemoryType(.i64, Limits(min: 0x1_0000_0000_0001))]),
            "memory size must be at most 2^48 pages (256 TiB) for i64")
        expectValid(Module(memories: [MemoryType(.i64, Limits(min: 0x1_0000_0000_0000))]))
        expectInvalid(Module(memories: [MemoryType(.i64, Limits(min: 1, max: 0))]), "size minimum must not be greater than maximum")
        expectInvalid(
            Module(tables: [Table(type: TableType(.i32, Limits(min: 0x1_0000_0000), .funcref))]),
            "table size must be at most 2^32-1 for i32")
        expectValid(Module(tables: [Table(type: TableType(.i64, Limits(min: 0x1_0000_0000, max: UInt64.max), .funcref))]))
        expectInvalid(
            Module(tables: [Table(type: TableType(.i64, Limits(min: 2, max: 1), .funcref))]),
            "size minimum must not be greater than maximum")
        // Multiple memories are allowed.
        expectValid(Module(memories: [MemoryType(.i32, Limits(min: 1)), MemoryType(.i64, Limits(min: 1))]))
    }

    @Test func importsAndExports() {
        let im = { (t: ExternType) in Import(module: "m", name: "x", type: t) }
        expectValid(Module(imports: [im(.table(TableType(.i32, Limits(min: 1), RefType(nullable: false, .func))))]))
        expectInvalid(Module(imports: [im(.func(.index(3)))]), "unknown type 3")
        expectInvalid(Module(types: [typeDef(.struct([]))], imports: [im(.func(.index(0)))]), "non-function type 0")
        expectInvalid(Module(types: [typeDef(.struct([]))], tags: [TagType(.index(0))]), "non-function type 0")
        expectInvalid(
            Module(types: [typeDef(.func(FuncType([.i32], [.i32])))], tags: [TagType(.index(0))]), "non-empty tag result type")
        expectInvalid(Module(imports: [im(.memory(MemoryType(.i32, Limits(min: 70000))))]), "memory size must be at most 2^16 pages (4 GiB) for i32")
        expectInvalid(Module(imports: [im(.global(GlobalType(mutable: false, ref(.index(0)))))]), "unknown type 0")
        expectInvalid(Module(start: 0), "unknown function 0")
        expectInvalid(
            Module(types: [typeDef(.func(FuncType([.i32], [])))], funcs: [Func(type: 0, body: [])], start: 0),
            "start function must not have parameters or results")
        expectValid(Module(types: [Self.emptyFunc], imports: [im(.func(.index(0)))], start: 0))
        for (kind, what) in [(ExternKind.global, "global"), (.memory, "memory"), (.table, "table"), (.tag, "tag"), (.func, "function")] {
            expectInvalid(Module(exports: [WasmBinary.Export(name: "a", kind: kind, index: 0)]), "unknown \(what) 0")
        }
        let twice = Module(
            types: [Self.emptyFunc], funcs: [Func(type: 0, body: [])],
            exports: [WasmBinary.Export(name: "a\u{0}\u{FF}\"\\", kind: .func, index: 0), WasmBinary.Export(name: "a\u{0}\u{FF}\"\\", kind: .func, index: 0)])
        expectInvalid(twice, "duplicate export name \"a\\u{00}\\u{ff}\\\"\\\\\"")
        // The function bodies are checked before the exports.
        expectInvalid(
            Module(types: [Self.emptyFunc], funcs: [Func(type: 0, body: [.drop])], exports: [WasmBinary.Export(name: "a", kind: .func, index: 5)]),
            "type mismatch: instruction requires [bot] but stack has []")
        expectInvalid(Module(funcs: [Func(type: 0, body: [])]), "unknown type 0")
        let e = invalid(Module(types: [Self.emptyFunc], funcs: [Func(type: 0, body: []), Func(type: 0, body: [.nop, .drop])]))
        #expect(e?.location == .function(index: 1, instruction: 1))
        let imported = invalid(
            Module(types: [Self.emptyFunc], imports: [im(.func(.index(0)))], funcs: [Func(type: 0, body: [.unreachable, .localGet(0)])]))
        #expect(imported?.location == .function(index: 1, instruction: 1))
        #expect(imported?.message == "unknown local 0")
    }

    @Test func validatedModule() throws {
        let m = Module(
            types: [Self.emptyFunc, typeDef(.struct([FieldType(mutable: true, .val(ref(.index(0), null: true)))]))],
            imports: [
                Import(module: "m", name: "f", type: .func(.index(0))),
                Import(module: "m", name: "g", type: .global(GlobalType(mutable: true, ref(.index(1))))),
                Import(module: "m", name: "t", type: .table(TableType(.i32, Limits(min: 1), RefType(nullable: true, .index(0))))),
            ],
            funcs: [Func(type: 0, body: [])],
            tables: [Table(type: TableType(.i64, Limits(min: 1), RefType(nullable: true, .index(1))))],
            memories: [MemoryType(.i32, Limits(min: 1))],
            globals: [Global(type: GlobalType(mutable: false, ref(.index(0), null: true)), initializer: [.refFunc(1)])],
            tags: [TagType(.index(0))],
            exports: [
                WasmBinary.Export(name: "f", kind: .func, index: 1), WasmBinary.Export(name: "t", kind: .table, index: 1),
                WasmBinary.Export(name: "g", kind: .global, index: 1), WasmBinary.Export(name: "e", kind: .tag, index: 0),
            ],
            elems: [ElemSegment(type: RefType(nullable: true, .index(0)), inits: [[.refFunc(0)]], mode: .passive)],
            datas: [DataSegment(bytes: [1, 2], mode: .passive)])
        let v = try m.validate()
        #expect(v.types.count == 2)
        let t0 = v.types[0]
        let t1 = v.types[1]
        #expect(v.types[1].expanded == .struct([FieldType(mutable: true, .val(.ref(RefType(nullable: true, .def(t0)))))]))
        #expect(v.funcs.count == 2 && v.funcs.allSatisfy { $0 === t0 })
        #expect(v.tables == [TableType(.i32, Limits(min: 1), RefType(nullable: true, .def(t0))), TableType(.i64, Limits(min: 1), RefType(nullable: true, .def(t1)))])
        #expect(v.globals == [GlobalType(mutable: true, .ref(RefType(nullable: false, .def(t1)))), GlobalType(mutable: false, .ref(RefType(nullable: true, .def(t0))))])
        #expect(v.memories == [MemoryType(.i32, Limits(min: 1))])
        #expect(v.tags.count == 1 && v.tags[0] === t0)
        #expect(v.elems == [RefType(nullable: true, .def(t0))])
        #expect(v.datas == 1)
        #expect(v.imports[0] == .func(.def(t0)))
        #expect(v.exports.map(\.name) == ["f", "t", "g", "e"])
        #expect(v.exports[1].type == .table(TableType(.i64, Limits(min: 1), RefType(nullable: true, .def(t1)))))
        #expect(v.exports[3].type == .tag(TagType(.def(t0))))
        #expect(v.refs == [1, 0, 1])
    }
}

// Sections (§5.5): decoding each one, the encoder's choices, and round trips.

import Testing
import WasmBinary

private let H = B.header

/// A module that uses every section and most forms within them.
let richModule: Module = {
    var m = Module()
    let point = SubType(isFinal: false, .struct([FieldType(mutable: true, .val(.i32)), FieldType(mutable: false, .packed(.i8))]))
    m.types = [
        RecType([SubType(.func(FuncType([], [])))]),
        RecType([SubType(.func(FuncType([.i32, .i64], [.f32, .f64, .v128])))]),
        RecType([
            point,
            SubType(isFinal: true, supertypes: [.index(2)], .struct([FieldType(mutable: true, .val(.i32))])),
            SubType(isFinal: false, supertypes: [], .array(FieldType(mutable: true, .packed(.i16)))),
        ]),
        RecType([SubType(isFinal: true, supertypes: [.index(4)], .array(FieldType(mutable: true, .packed(.i16))))]),
        RecType([SubType(.func(FuncType([.ref(RefType(nullable: false, .index(2))), .ref(.eqref)], [.externref])))]),
    ]
    m.imports = [
        Import(module: "env", name: "f", type: .func(.index(0))),
        Import(module: "env", name: "t", type: .table(TableType(.i64, Limits(min: 1, max: 10), .funcref))),
        Import(module: "env", name: "m", type: .memory(MemoryType(.i64, Limits(min: 0, max: 1 << 40)))),
        Import(module: "env", name: "g", type: .global(GlobalType(mutable: true, .ref(.anyref)))),
        Import(module: "env", name: "e", type: .tag(TagType(.index(0)))),
    ]
    m.funcs = [
        Func(type: 0, body: []),
        Func(
            type: 1, locals: [Locals(2, .i32), Locals(0, .f64), Locals(1, .i32), Locals(3, .ref(.exnref))],
            body: [.localGet(0), .drop, .f32Const(0x7FC0_0001), .f64Const(1), .v128Const(V128(lo: 1, hi: 2))]),
    ]
    m.tables = [
        Table(type: TableType(.i32, Limits(min: 0), .funcref)),
        Table(type: TableType(.i32, Limits(min: 2, max: 2), RefType(nullable: false, .func)), initializer: [.refFunc(0)]),
        Table(type: TableType(.i32, Limits(min: 1), .externref), initializer: [.refNull(.extern)]),
    ]
    m.memories = [MemoryType(.i32, Limits(min: 1)), MemoryType(.i32, Limits(min: 1, max: 2))]
    m.tags = [TagType(.index(0))]
    m.globals = [
        Global(type: GlobalType(mutable: false, .i32), initializer: [.i32Const(42)]),
        Global(type: GlobalType(mutable: true, .i64), initializer: [.i64Const(1), .i64Const(2), .numeric(.i64Add)]),
    ]
    m.exports = [
        Export(name: "f", kind: .func, index: 1), Export(name: "t", kind: .table, index: 0),
        Export(name: "m", kind: .memory, index: 0), Export(name: "g", kind: .global, index: 0),
        Export(name: "e", kind: .tag, index: 0),
    ]
    m.start = 1
    let funcRef = RefType(nullable: false, .func)
    m.elems = [
        ElemSegment(type: funcRef, inits: [[.refFunc(0)], [.refFunc(1)]], mode: .active(table: 0, offset: [.i32Const(0)])),
        ElemSegment(type: funcRef, inits: [[.refFunc(1)]], mode: .passive),
        ElemSegment(type: funcRef, inits: [[.refFunc(0)]], mode: .active(table: 1, offset: [.i32Const(1)])),
        ElemSegment(type: funcRef, inits: [[.refFunc(0)]], mode: .declarative),
        ElemSegment(type: .funcref, inits: [[.refFunc(0)], [.refNull(.func)]], mode: .active(table: 0, offset: [.i32Const(2)])),
        ElemSegment(type: .externref, inits: [[.refNull(.extern)]], mode: .passive),
        ElemSegment(type: .funcref, inits: [[.refNull(.func)]], mode: .active(table: 1, offset: [.globalGet(0)])),
        ElemSegment(type: .funcref, inits: [[.refFunc(1)]], mode: .declarative),
    ]
    m.datas = [
        DataSegment(bytes: [1, 2, 3], mode: .active(memory: 0, offset: [.i32Const(0)])),
        DataSegment(bytes: [], mode: .passive),
        DataSegment(bytes: [0xFF], mode: .active(memory: 1, offset: [.i32Const(8)])),
    ]
    m.customs = [
        CustomSection(name: "first", content: [1], place: .before(.type)),
        CustomSection(name: "after types", content: [], place: .after(.type)),
        CustomSection(name: "name", content: [0, 1, 2], place: .after(.data)),
    ]
    return m
}()

@Suite struct SectionTests {
    @Test func richModuleRoundTrips() throws {
        let bytes = richModule.encode()
        let decoded = try Module(binary: bytes)
        #expect(decoded == richModule)
        #expect(decoded.encode() == bytes)
    }

    @Test func emptyModule() throws {
        #expect(Module().encode() == H)
        #expect(try Module(binary: H) == Module())
    }

    /// Sections and function bodies get five-byte sizes, as the reference writes them.
    @Test func sizesArePaddedToFiveBytes() {
        var m = Module()
        m.types = [RecType([SubType(.func(FuncType()))])]
        #expect(m.encode() == H + [0x01, 0x84, 0x80, 0x80, 0x80, 0x00, 0x01, 0x60, 0x00, 0x00])
    }

    @Test func recursionGroupsAndSubTypes() throws {
        var m = Module()
        let f = CompType.func(FuncType())
        m.types = [
            RecType([SubType(f)]),
            RecType([SubType(isFinal: false, f)]),
            RecType([SubType(isFinal: true, supertypes: [.index(1)], f)]),
            RecType([SubType(f), SubType(f)]),
            RecType([]),
        ]
        let content: [UInt8] = [
            0x05,
            0x60, 0x00, 0x00,  // a group of one, final without supertypes: bare
            0x50, 0x00, 0x60, 0x00, 0x00,  // sub
            0x4F, 0x01, 0x01, 0x60, 0x00, 0x00,  // sub final with a supertype
            0x4E, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00,  // rec of two
            0x4E, 0x00,  // empty rec
        ]
        let bytes = m.encode()
        #expect(Array(bytes[14...]) == content)
        #expect(try Module(binary: bytes) == m)
        // Written with minimal sizes, the same types decode the same.
        #expect(try Module(binary: H + B.section(1, content)) == m)
    }

    @Test func tableForms() throws {
        var m = Module()
        m.tables = [
            Table(type: TableType(.i32, Limits(min: 1), .funcref)),
            Table(type: TableType(.i32, Limits(min: 1), .funcref), initializer: [.refNull(.func)]),
            Table(type: TableType(.i64, Limits(min: 1, max: 3), .funcref), initializer: [.refFunc(0)]),
            // Not the default: the null of a different heap type.
            Table(type: TableType(.i32, Limits(min: 1), .funcref), initializer: [.refNull(.nofunc)]),
        ]
        let bytes = m.encode()
        #expect(
            Array(bytes[14...]) == [
                0x04, 0x70, 0x00, 0x01, 0x70, 0x00, 0x01, 0x40, 0x00, 0x70, 0x05, 0x01, 0x03, 0xD2, 0x00, 0x0B,
                0x40, 0x00, 0x70, 0x00, 0x01, 0xD0, 0x73, 0x0B,
            ])
        let decoded = try Module(binary: bytes)
        #expect(decoded == m)
        #expect(decoded.tables[0].hasDefaultInitializer && decoded.tables[1].hasDefaultInitializer)
        // The long form with the default initialiser decodes like the short form.
        let long = H + B.section(4, B.vec([[0x40, 0x00, 0x70, 0x00, 0x01, 0xD0, 0x70, 0x0B]]))
        #expect(try Module(binary: long).tables == [m.tables[0]])
    }

    @Test func memoryLimits() throws {
        let memories: [([UInt8], MemoryType)] = [
            ([0x00, 0x01], MemoryType(.i32, Limits(min: 1))),
            ([0x01, 0x01, 0x02], MemoryType(.i32, Limits(min: 1, max: 2))),
            ([0x04, 0x80, 0x80, 0x80, 0x80, 0x10], MemoryType(.i64, Limits(min: 1 << 32))),
            ([0x05, 0x00] + [UInt8](repeating: 0xFF, count: 9) + [0x01], MemoryType(.i64, Limits(min: 0, max: .max))),
        ]
        for (bytes, mt) in memories {
            let m = try Module(binary: H + B.section(5, B.vec([bytes])))
            #expect(m.memories == [mt])
            #expect(try Module(binary: m.encode()) == m)
        }
    }

    /// The eight element segment forms, normalised as the reference does.
    @Test func elementSegmentForms() throws {
        let funcRef = RefType(nullable: false, .func)
        let offset: [UInt8] = [0x41, 0x07, 0x0B]
        let forms: [([UInt8], ElemSegment)] = [
            ([0x00] + offset + [0x02, 0x00, 0x01],
             ElemSegment(type: funcRef, inits: [[.refFunc(0)], [.refFunc(1)]], mode: .active(table: 0, offset: [.i32Const(7)]))),
            ([0x01, 0x00, 0x01, 0x03], ElemSegment(type: funcRef, inits: [[.refFunc(3)]], mode: .passive)),
            ([0x02, 0x02] + offset + [0x00, 0x01, 0x03],
             ElemSegment(type: funcRef, inits: [[.refFunc(3)]], mode: .active(table: 2, offset: [.i32Const(7)]))),
            ([0x03, 0x00, 0x00], ElemSegment(type: funcRef, inits: [], mode: .declarative)),
            ([0x04] + offset + [0x01, 0xD2, 0x05, 0x0B],
             ElemSegment(type: .funcref, inits: [[.refFunc(5)]], mode: .active(table: 0, offset: [.i32Const(7)]))),
            ([0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B], ElemSegment(type: .externref, inits: [[.refNull(.extern)]], mode: .passive)),
            ([0x06, 0x01] + offset + [0x64, 0x70, 0x01, 0xD2, 0x00, 0x0B],
             ElemSegment(type: funcRef, inits: [[.refFunc(0)]], mode: .active(table: 1, offset: [.i32Const(7)]))),
            ([0x07, 0x70, 0x01, 0xD2, 0x00, 0x0B], ElemSegment(type: .funcref, inits: [[.refFunc(0)]], mode: .declarative)),
        ]
        for (bytes, seg) in forms {
            let m = try Module(binary: H + B.section(9, B.vec([bytes])))
            #expect(m.elems == [seg])
            #expect(try Module(binary: m.encode()) == m)
        }
    }

    /// The encoder picks the form as the reference does.
    @Test func elementSegmentFormChoice() {
        let funcRef = RefType(nullable: false, .func)
        let off: Expr = [.i32Const(0)]
        func form(_ seg: ElemSegment) -> UInt8 {
            var m = Module()
            m.elems = [seg]
            return m.encode()[15]  // after the header, id, five-byte size and count
        }
        #expect(form(ElemSegment(type: funcRef, inits: [[.refFunc(0)]], mode: .active(table: 0, offset: off))) == 0)
        #expect(form(ElemSegment(type: funcRef, inits: [[.refFunc(0)]], mode: .passive)) == 1)
        #expect(form(ElemSegment(type: funcRef, inits: [[.refFunc(0)]], mode: .active(table: 3, offset: off))) == 2)
        #expect(form(ElemSegment(type: funcRef, inits: [], mode: .declarative)) == 3)
        #expect(form(ElemSegment(type: .funcref, inits: [[.refFunc(0)]], mode: .active(table: 0, offset: off))) == 4)
        #expect(form(ElemSegment(type: .funcref, inits: [[.refFunc(0)]], mode: .passive)) == 5)
        #expect(form(ElemSegment(type: funcRef, inits: [[.refFunc(0), .nop]], mode: .passive)) == 5)
        #expect(form(ElemSegment(type: .funcref, inits: [[.refFunc(0)]], mode: .active(table: 1, offset: off))) == 6)
        #expect(form(ElemSegment(type: .externref, inits: [], mode: .active(table: 0, offset: off))) == 6)
        #expect(form(ElemSegment(type: .funcref, inits: [], mode: .declarative)) == 7)
    }

    @Test func dataSegmentForms() throws {
        let forms: [([UInt8], DataSegment)] = [
            ([0x00, 0x41, 0x01, 0x0B, 0x02, 0xAA, 0xBB], DataSegment(bytes: [0xAA, 0xBB], mode: .active(memory: 0, offset: [.i32Const(1)]))),
            ([0x01, 0x00], DataSegment(bytes: [], mode: .passive)),
            ([0x02, 0x03, 0x42, 0x01, 0x0B, 0x01, 0x00], DataSegment(bytes: [0], mode: .active(memory: 3, offset: [.i64Const(1)]))),
        ]
        for (bytes, seg) in forms {
            let m = try Module(binary: H + B.section(11, B.vec([bytes])))
            #expect(m.datas == [seg])
            #expect(try Module(binary: m.encode()) == m)
        }
    }

    /// A data count section is written when some instruction names a data segment.
    @Test func dataCountSection() throws {
        func hasDataCount(_ m: Module) throws -> Bool {
            // Decoding tells: with the section removed, the module must still decode.
            let bytes = m.encode()
            var i = 8
            while i < bytes.count {
                if bytes[i] == 12 { return true }
                var at = i + 1
                let size = try LEB128.readUnsigned(bytes, at: &at, bits: 32)
                i = at + Int(size)
            }
            return false
        }
        var m = Module()
        m.types = [RecType([SubType(.func(FuncType()))])]
        m.memories = [MemoryType(.i32, Limits(min: 1))]
        m.datas = [DataSegment(bytes: [1], mode: .passive)]
        m.funcs = [Func(type: 0, body: [.nop])]
        #expect(try !hasDataCount(m))
        for use in [Instruction.dataDrop(0), .memoryInit(0, 0), .arrayNewData(0, 0), .arrayInitData(0, 0)] {
            var n = m
            n.funcs[0].body = [use]
            #expect(try hasDataCount(n))
            #expect(try Module(binary: n.encode()) == n)
        }
        var g = m
        g.globals = [Global(type: GlobalType(mutable: false, .ref(.anyref)), initializer: [.i32Const(0), .i32Const(0), .arrayNewData(0, 0)])]
        #expect(try hasDataCount(g))
    }

    /// Custom sections take the place after the last section before them.
    @Test func customSectionPlaces() throws {
        let custom = { (n: String) in B.section(0, B.name(n) + [0xC0, 0xDE]) }
        let bytes = H + custom("a") + B.voidType + custom("b") + custom("c")
            + B.section(3, B.vec([[0]])) + B.section(12, [0]) + custom("d")
            + B.section(10, B.vec([[2, 0, 0x0B]])) + custom("e")
        let m = try Module(binary: bytes)
        #expect(m.customs.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(m.customs.map(\.place) == [.before(.type), .after(.type), .after(.type), .after(.dataCount), .after(.code)])
        #expect(m.customs[0].content == [0xC0, 0xDE])
        #expect(try Module(binary: m.encode()) == m)
        // Only custom sections: all before the type section.
        let only = try Module(binary: H + custom("x") + custom("y"))
        #expect(only.customs.map(\.place) == [.before(.type), .before(.type)])
    }

    /// An empty section still gives a place to custom sections after it; the encoder
    /// writes it empty again so that the place survives.
    @Test func customSectionAfterAnEmptySection() throws {
        let bytes = H + B.section(2, [0]) + B.section(0, B.name("x")) + B.section(12, [0]) + B.section(0, B.name("y"))
        let m = try Module(binary: bytes)
        #expect(m.imports.isEmpty && m.datas.isEmpty)
        #expect(m.customs.map(\.place) == [.after(.import), .after(.dataCount)])
        #expect(try Module(binary: m.encode()) == m)
    }

    /// Custom sections of a module built by hand go where their places say, in order.
    @Test func customSectionsAreSortedByPlace() throws {
        var m = Module()
        m.types = [RecType([SubType(.func(FuncType()))])]
        m.customs = [
            CustomSection(name: "z", content: [], place: .after(.data)),
            CustomSection(name: "b", content: [], place: .after(.type)),
            CustomSection(name: "a", content: [], place: .before(.type)),
            CustomSection(name: "c", content: [], place: .after(.type)),
        ]
        let decoded = try Module(binary: m.encode())
        #expect(decoded.customs.map(\.name) == ["a", "b", "c", "z"])
        #expect(decoded.customs.map(\.place) == [.before(.type), .after(.type), .after(.type), .after(.data)])
    }

    @Test func startSection() throws {
        let m = try Module(binary: H + B.section(8, [0x80, 0x01]))
        #expect(m.start == 128)
        #expect(try Module(binary: m.encode()) == m)
    }

    /// Locals stay run-length encoded as written, zero counts included.
    @Test func localsStayRunLengthEncoded() throws {
        let locals = B.vec([[0x80, 0x80, 0x80, 0x80, 0x08, 0x7F], [0x00, 0x7E], [0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x7F]])
        let m = try Module(binary: B.function([0x0B], locals: locals))
        #expect(m.funcs[0].locals == [Locals(1 << 31, .i32), Locals(0, .i64), Locals(0x7FFF_FFFF, .i32)])
        #expect(try Module(binary: m.encode()) == m)
    }
}

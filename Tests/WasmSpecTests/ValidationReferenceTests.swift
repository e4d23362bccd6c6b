import Testing

@testable import WasmSpec

/// References, aggregates (GC) and exceptions (§3.4.3, §3.4.8); the expected messages
/// are the reference interpreter's on the equivalent text modules.
@Suite struct ValidationReferenceTests {
    static let structS = typeDef(.struct([FieldType(mutable: true, .val(.i32)), FieldType(mutable: false, .packed(.i8))]))

    @Test func structs() {
        let m = { (body: [Instruction]) in
            Module(
                types: [Self.structS, typeDef(.func(FuncType([ref(.index(0), null: true)], [])))],
                funcs: [Func(type: 1, body: body)])
        }
        expectValid(m([.localGet(0), .structGet(0, 0, nil), .drop, .localGet(0), .structGet(0, 1, .s), .drop]))
        expectInvalid(m([.localGet(0), .structGet(0, 0, .s), .drop]), "field is unpacked")
        expectInvalid(m([.localGet(0), .structGet(0, 1, nil), .drop]), "field is packed")
        expectInvalid(m([.localGet(0), .structGet(0, 2, nil), .drop]), "unknown field 2")
        expectInvalid(m([.localGet(0), .i32Const(0), .structSet(0, 1)]), "immutable field")
        expectValid(m([.localGet(0), .i32Const(0), .structSet(0, 0)]))
        expectValid(m([.structNewDefault(0), .drop, .i32Const(0), .i32Const(0), .structNew(0), .drop]))
        expectInvalid(
            m([.i32Const(0), .structNew(0), .drop]),
            "type mismatch: instruction requires [i32 i32] but stack has [i32]")
        expectInvalid(m([.structNew(1), .drop]), "non-structure type 1")
        expectInvalid(m([.structNew(2), .drop]), "unknown type 2")
        expectInvalid(
            Module(
                types: [typeDef(.struct([FieldType(mutable: false, .val(ref(.func)))])), typeDef(.func(FuncType()))],
                funcs: [Func(type: 1, body: [.structNewDefault(0), .drop])]),
            "field type is not defaultable")
    }

    @Test func arrays() {
        let types = [
            typeDef(.array(FieldType(mutable: false, .val(.i32)))),  // 0
            typeDef(.array(FieldType(mutable: true, .packed(.i8)))),  // 1
            typeDef(.array(FieldType(mutable: true, .packed(.i16)))),  // 2
            typeDef(.array(FieldType(mutable: true, .val(.funcref)))),  // 3
            typeDef(.array(FieldType(mutable: true, .val(.i32)))),  // 4
            typeDef(.array(FieldType(mutable: false, .val(ref(.any))))),  // 5
            typeDef(
                .func(FuncType([0, 1, 2, 3, 4].map { ref(.index($0)) }, []))),  // 6
        ]
        let m = { (body: [Instruction]) in
            Module(
                types: types, funcs: [Func(type: 6, body: body)],
                elems: [ElemSegment(type: .funcref, inits: [], mode: .passive)],
                datas: [DataSegment(bytes: [], mode: .passive)])
        }
        expectInvalid(m([.localGet(0), .i32Const(0), .i32Const(0), .arraySet(0)]), "immutable array")
        expectValid(m([.localGet(1), .i32Const(0), .i32Const(0), .arraySet(1)]))
        expectInvalid(m([.localGet(1), .i32Const(0), .arrayGet(1, nil), .drop]), "array is packed")
        expectInvalid(m([.localGet(0), .i32Const(0), .arrayGet(0, .u), .drop]), "array is unpacked")
        expectValid(m([.localGet(1), .i32Const(0), .arrayGet(1, .u), .drop]))
        expectInvalid(
            m([.localGet(1), .i32Const(0), .localGet(2), .i32Const(0), .i32Const(0), .arrayCopy(1, 2)]),
            "array types do not match")
        expectInvalid(
            m([.localGet(0), .i32Const(0), .localGet(0), .i32Const(0), .i32Const(0), .arrayCopy(0, 0)]),
            "immutable array")
        expectValid(
            m([.localGet(4), .i32Const(0), .localGet(0), .i32Const(0), .i32Const(0), .arrayCopy(4, 0)]))
        expectInvalid(
            m([.localGet(3), .i32Const(0), .i32Const(0), .i32Const(0), .arrayInitData(3, 0)]),
            "array type is not numeric or vector")
        expectValid(m([.localGet(1), .i32Const(0), .i32Const(0), .i32Const(0), .arrayInitData(1, 0)]))
        expectInvalid(
            m([.localGet(4), .i32Const(0), .i32Const(0), .i32Const(0), .arrayInitElem(4, 0)]),
            "type mismatch: element segment's type (ref null func) does not match array's field type (mut i32)")
        expectValid(m([.localGet(3), .i32Const(0), .i32Const(0), .i32Const(0), .arrayInitElem(3, 0)]))
        expectInvalid(
            m([.i32Const(0), .i32Const(0), .arrayNewElem(4, 0), .drop]),
            "type mismatch: element segment's type (ref null func) does not match array's field type (mut i32)")
        expectInvalid(m([.i32Const(0), .arrayNewDefault(5), .drop]), "array type is not defaultable")
        expectInvalid(m([.i32Const(0), .i32Const(0), .arrayNewData(0, 1), .drop]), "unknown data segment 1")
        expectInvalid(m([.i32Const(0), .arrayNewDefault(6), .drop]), "non-array type 6")
        expectInvalid(
            m([.i32Const(0), .arrayNewFixed(1, 2), .drop]),
            "type mismatch: instruction requires [i32 i32] but stack has [i32]")
        expectValid(m([.i32Const(0), .i32Const(0), .arrayNewFixed(1, 2), .arrayLen, .drop]))
        expectValid(m([.unreachable, .arrayNewFixed(1, UInt32.max), .drop]))
        // A huge count is described without listing billions of types.
        let e = invalid(m([.i64Const(0), .arrayNewFixed(1, UInt32.max), .drop]))
        #expect(e?.message.hasPrefix("type mismatch: instruction requires [i32 i32 i32") == true)
        // It stops after TypeDescription.maxLength bytes (docs/deviations.md).
        #expect((e?.message.utf8.count ?? 0) < TypeDescription.maxLength + 1_000)
        #expect(e?.message.contains("... but stack has") == true)
        expectValid(m([.localGet(4), .i32Const(0), .i32Const(1), .i32Const(2), .arrayFill(4)]))
    }

    @Test func references() {
        let m = { (params: [ValType], results: [ValType], body: [Instruction]) in
            funcModule(params, results, body)
        }
        expectInvalid(m([.i32], [], [.localGet(0), .refIsNull, .drop]),
            "type mismatch: instruction requires reference type but stack has i32")
        expectInvalid(m([], [], [.refAsNonNull, .drop]),
            "type mismatch: instruction requires [(ref null something)] but stack has []")
        expectValid(m([], [ref(.func)], [.refNull(.func), .refAsNonNull]))
        expectValid(m([], [], [.unreachable, .refAsNonNull, .refIsNull, .drop]))
        expectInvalid(m([], [.i32], [.unreachable, .refAsNonNull]),
            "type mismatch: instruction requires [i32] but stack has [(ref something)]")
        expectInvalid(m([.ref(.eqref), .ref(.anyref)], [.i32], [.localGet(0), .localGet(1), .refEq]),
            "type mismatch: instruction requires [(ref null eq) (ref null eq)] but stack has [(ref null eq) (ref null any)]")
        expectValid(m([.ref(.i31ref)], [.i32], [.localGet(0), .i31Get(.s)]))
        expectValid(m([], [ref(.i31)], [.i32Const(0), .refI31]))
        expectInvalid(m([.ref(.anyref)], [.i32], [.localGet(0), .refTest(RefType(nullable: false, .index(5)))]),
            "unknown type 5")
        expectInvalid(m([.funcref], [.i32], [.localGet(0), .refTest(RefType(nullable: false, .i31))]),
            "type mismatch: instruction requires [(ref null any)] but stack has [(ref null func)]")
        expectValid(m([.funcref], [ref(.index(0))], [.localGet(0), .refCast(RefType(nullable: false, .index(0)))]))
        expectValid(m([.externref], [.ref(.anyref)], [.localGet(0), .anyConvertExtern]))
        expectInvalid(m([.ref(.anyref)], [ref(.extern)], [.localGet(0), .externConvertAny]),
            "type mismatch: instruction requires [(ref extern)] but stack has [(ref null extern)]")
        expectInvalid(m([], [], [.refNull(.index(3)), .drop]), "unknown type 3")
        expectInvalid(m([], [], [.refFunc(1), .drop]), "unknown function 1")
        expectInvalid(m([], [], [.refFunc(0), .drop]), "undeclared function reference 0")
        // Declared by an export, an element segment, a global or a table initialiser.
        expectValid(funcModule([], [], [.refFunc(0), .drop]) { $0.exports = [WasmBinary.Export(name: "f", kind: .func, index: 0)] })
        expectValid(funcModule([], [], [.refFunc(0), .drop]) {
            $0.globals = [Global(type: GlobalType(mutable: false, .funcref), initializer: [.refFunc(0)])]
        })
        expectValid(funcModule([], [], [.refFunc(0), .drop]) {
            $0.tables = [Table(type: TableType(.i32, Limits(min: 1), .funcref), initializer: [.refFunc(0)])]
        })
        // ... but not by the start function or another body.
        expectInvalid(funcModule([], [], [.refFunc(0), .drop]) { $0.start = 0 }, "undeclared function reference 0")
    }

    @Test func nullBranches() {
        let m = { (params: [ValType], results: [ValType], body: [Instruction]) in
            funcModule(params, results, body)
        }
        expectInvalid(m([.funcref], [.funcref], [.localGet(0), .brOnNull(0)]),
            "type mismatch: instruction requires [(ref null func) (ref null func)] but stack has [(ref null func)]")
        expectValid(m([.funcref], [ref(.func)], [.block(.empty), .localGet(0), .brOnNull(0), .return, .end, .unreachable]))
        expectInvalid(m([.funcref], [], [.localGet(0), .brOnNonNull(0)]),
            "type mismatch: instruction requires reference type but label has []")
        expectInvalid(m([.funcref], [.i32], [.localGet(0), .brOnNonNull(0), .i32Const(0)]),
            "type mismatch: instruction requires reference type but label has i32")
        expectValid(m([.funcref], [.funcref], [.localGet(0), .brOnNonNull(0), .refNull(.func)]))
        expectInvalid(m([], [.funcref], [.unreachable, .brOnNull(0)]),
            "type mismatch: block requires [(ref null func)] but stack has [(ref null func) (ref something)]")
    }

    @Test func castBranches() {
        let anyref = RefType.anyref
        let i31 = RefType(nullable: false, .i31)
        expectValid(funcModule([.ref(anyref)], [.ref(i31)],
            [.block(.value(.ref(anyref))), .localGet(0), .brOnCastFail(0, anyref, i31), .return, .end, .unreachable]))
        expectInvalid(funcModule([.ref(anyref)], [.ref(.i31ref)],
            [.block(.value(.ref(i31))), .localGet(0), .brOnCastFail(0, anyref, i31), .drop, .unreachable, .end, .unreachable]),
            "type mismatch: instruction requires type (ref null any) but label has [(ref i31)]")
        expectInvalid(funcModule([], [], [.refNull(.any), .brOnCast(0, anyref, .i31ref), .drop]),
            "type mismatch: instruction requires type (ref null i31) but label has []")
        expectInvalid(funcModule([], [.ref(anyref)], [.refNull(.any), .brOnCast(0, .i31ref, anyref), .drop]),
            "type mismatch on cast: type (ref null any) does not match (ref null i31)")
        expectValid(funcModule([], [.ref(anyref)], [.refNull(.any), .brOnCast(0, anyref, .i31ref)]))
        expectInvalid(funcModule([], [.ref(anyref)], [.refNull(.any), .brOnCast(0, anyref, RefType(nullable: true, .index(4)))]),
            "unknown type 4")
    }

    @Test func exceptions() {
        let m = { (results: [ValType], body: [Instruction]) in
            funcModule([], results, body) {
                $0.types.append(typeDef(.func(FuncType([.i32], []))))
                $0.tags = [TagType(.index(1))]
            }
        }
        expectValid(m([], [.i32Const(0), .throw(0)]))
        expectInvalid(m([], [.i64Const(0), .throw(0)]), "type mismatch: instruction requires [i32] but stack has [i64]")
        expectInvalid(m([], [.throw(1)]), "unknown tag 1")
        expectInvalid(m([], [.refNull(.func), .throwRef]),
            "type mismatch: instruction requires [(ref null exn)] but stack has [(ref null func)]")
        expectValid(m([], [.refNull(.exn), .throwRef]))
        expectInvalid(m([], [.block(.value(.i64)), .tryTable(.empty, [.catch(tag: 0, label: 0)]), .end, .i64Const(0), .end, .drop]),
            "type mismatch: catch handler requires [i64] but label has [i32]")
        expectValid(m([.i32], [.block(.value(.i32)), .tryTable(.empty, [.catch(tag: 0, label: 0)]), .end, .unreachable, .end]))
        expectInvalid(m([.ref(.exnref)], [.block(.value(.ref(.exnref))), .tryTable(.empty, [.catchAll(label: 0)]), .end, .unreachable, .end]),
            "type mismatch: catch handler requires [(ref null exn)] but label has []")
        expectInvalid(m([], [.block(.empty), .tryTable(.empty, [.catchAllRef(label: 0)]), .end, .end]),
            "type mismatch: catch handler requires [] but label has [(ref exn)]")
        expectInvalid(m([], [.tryTable(.empty, [.catchAll(label: 1)]), .end]), "unknown label 1")
        // Handlers branch to labels outside the try_table.
        expectValid(m([], [.tryTable(.value(.i32), [.catchAll(label: 0)]), .i32Const(0), .end, .drop]))
        expectInvalid(m([], [.tryTable(.empty, [.catch(tag: 3, label: 0)]), .end]), "unknown tag 3")
        expectValid(m([], [.block(.empty), .tryTable(.empty, [.catchRef(tag: 0, label: 1)]), .end, .end]) .with {
            $0.types[0] = typeDef(.func(FuncType([], [.i32, .ref(.exnref)])))
            $0.funcs[0].body = [.block(.type(0)), .tryTable(.empty, [.catchRef(tag: 0, label: 0)]), .end, .unreachable, .end]
        })
    }
}

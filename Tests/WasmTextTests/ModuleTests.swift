import Testing
import WasmText

func module(_ s: String) throws -> Module {
    try Module(text: Array(s.utf8))
}

func textError(_ s: String) -> TextError? {
    do {
        _ = try Module(text: Array(s.utf8))
        return nil
    } catch {
        return error
    }
}

func body(_ s: String, _ k: Int = 0) throws -> Expr {
    try module(s).funcs[k].body
}

@Suite struct AbbreviationTests {
    @Test func implicitTypesFollowTheReferenceOrder() throws {
        let m = try module(
            """
            (type $t (func (result i64)))
            (func (param i32))
            (func (param i32))
            (func call_indirect (param f32) call_indirect (param f64))
            (func (type $t) (i64.const 0))
            (func (result i64) (i64.const 0))
            """)
        let ft = { (p: [ValType], r: [ValType]) in RecType([SubType(.func(FuncType(p, r)))]) }
        #expect(m.types == [ft([], [.i64]), ft([.i32], []), ft([], []), ft([.f64], []), ft([.f32], [])])
        #expect(m.funcs.map(\.type) == [1, 1, 2, 0, 0])
        #expect(m.funcs[2].body == [.callIndirect(table: 0, type: 4), .callIndirect(table: 0, type: 3)])
    }

    /// The reference adds implicit types in the order OCaml evaluates its parser's
    /// actions: sequences and operands last to first, folded `if` conditions first to
    /// last, then `else`, then `then`.
    @Test func implicitTypeOrderInBodies() throws {
        func sig(_ p: [ValType], _ r: [ValType]) -> RecType { RecType([SubType(.func(FuncType(p, r)))]) }
        let folded = try module(
            "(func (if (block (param i32) (result i32)) (then (block (param i64))) (else (block (param f32)))))")
        #expect(folded.types == [sig([], []), sig([.i32], [.i32]), sig([.f32], []), sig([.i64], [])])
        let plain = try module(
            "(func i32.const 0 if (param i32) block (param i64) end else block (param f32) end block (param f64) end end)")
        #expect(plain.types == [sig([], []), sig([.i64], []), sig([.i32], []), sig([.f64], []), sig([.f32], [])])
        let operands = try module(
            "(func (drop (i32.add (block (param i32) (result i32)) (block (param i64) (result i32)))))")
        #expect(operands.types == [sig([], []), sig([.i64], [.i32]), sig([.i32], [.i32])])
        let reuse = try module("(type (func (param i32))) (rec (type (func (param i64)))) (func (param i64)) (func (param i32))")
        #expect(reuse.types.count == 2)
        #expect(reuse.funcs.map(\.type) == [1, 0])
        let notReused = try module("(type (sub (func))) (rec (type (func)) (type (func))) (func)")
        #expect(notReused.types.count == 3)
        #expect(notReused.funcs[0].type == 3)
    }

    @Test func foldedInstructions() throws {
        #expect(try body("(func (i32.add (i32.const 1) (i32.const 2)) drop)")
            == [.i32Const(1), .i32Const(2), .numeric(.i32Add), .drop])
        #expect(try body("(func (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))")
            == [.localGet(0), .if(.value(.i32)), .i32Const(1), .else, .i32Const(2), .end])
        #expect(try body("(func (if (local.get 0) (then nop) (else)))") == [.localGet(0), .if(.empty), .nop, .end])
        #expect(try body("(func local.get 0 if nop else end)") == [.localGet(0), .if(.empty), .nop, .end])
        #expect(try body("(func local.get 0 if $l nop else $l nop end $l)")
            == [.localGet(0), .if(.empty), .nop, .else, .nop, .end])
        #expect(try body("(func (block (loop (br 1))))") == [.block(.empty), .loop(.empty), .br(1), .end, .end])
        #expect(try body("(func (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)) drop select drop)")
            == [.i32Const(1), .i32Const(2), .i32Const(3), .select([.i32]), .drop, .select(nil), .drop])
        #expect(try body("(func (select (result) (nop)))") == [.nop, .select([])])
    }

    @Test func blockTypes() throws {
        let m = try module(
            """
            (type $p (func (param i32) (result i32)))
            (func (block (result i32) (i32.const 0)) drop
                  (block (type $p) (param i32) (result i32)) drop
                  (block (param i64) (result i32) drop (i32.const 0)) drop)
            """)
        #expect(m.funcs[0].body[0] == .block(.value(.i32)))
        #expect(m.funcs[0].body[4] == .block(.type(0)))
        #expect(m.types.count == 3)
        #expect(m.funcs[0].body[7] == .block(.type(2)))
    }

    @Test func labels() throws {
        #expect(try body("(func (block $a (block $b (br $a) (br $b) (br 0))))")
            == [.block(.empty), .block(.empty), .br(1), .br(0), .br(0), .end, .end])
        #expect(try body("(func (block $a (block $a (br $a))))") == [.block(.empty), .block(.empty), .br(0), .end, .end])
        #expect(try body("(func block $a block $b br_table $a $b 0 end end)")
            == [.block(.empty), .block(.empty), .brTable([1, 0], 0), .end, .end])
        #expect(try body("(func (if $l (i32.const 0) (then (br $l))))")
            == [.i32Const(0), .if(.empty), .br(0), .end])
    }

    @Test func locals() throws {
        let f = try module("(func (param $x i32) (param i64) (local $y f32) (local f32 f32 i32) (local.get $x) (local.get $y) drop drop)").funcs[0]
        #expect(f.body == [.localGet(0), .localGet(2), .drop, .drop])
        #expect(f.locals == [Locals(3, .f32), Locals(1, .i32)])
        let g = try module("(type $t (func (param i32 i32))) (func (type $t) (local $y i32) (local.get $y) drop)").funcs[0]
        #expect(g.body == [.localGet(2), .drop])
    }

    @Test func inlineImportsAndExports() throws {
        let m = try module(
            """
            (func $f (export "a") (export "b") (import "m" "n") (param i32))
            (global $g (export "g") (import "m" "g") (mut i32))
            (memory $m (export "m") (import "m" "mem") i64 1 2)
            (table (export "t") 1 funcref)
            (tag (export "e") (param i32))
            (func (export "c"))
            """)
        #expect(m.imports.count == 3)
        #expect(m.imports[0] == Import(module: "m", name: "n", type: .func(.index(0))))
        #expect(m.imports[1] == Import(module: "m", name: "g", type: .global(GlobalType(mutable: true, .i32))))
        #expect(m.imports[2] == Import(module: "m", name: "mem", type: .memory(MemoryType(.i64, Limits(min: 1, max: 2)))))
        #expect(m.exports.map(\.name) == ["a", "b", "g", "m", "t", "e", "c"])
        #expect(m.exports.last == Export(name: "c", kind: .func, index: 1))
        #expect(m.tags == [TagType(.index(0))])
    }

    @Test func memoryAndTableAbbreviations() throws {
        let m = try module(
            """
            (memory (data "ab" "c"))
            (memory i64 (data))
            (func $f) (func $g)
            (table $t funcref (elem $f $g))
            (table i64 (ref null func) (elem (ref.func $g)))
            """)
        #expect(m.memories == [MemoryType(.i32, Limits(min: 1, max: 1)), MemoryType(.i64, Limits(min: 0, max: 0))])
        #expect(m.datas[0] == DataSegment(bytes: Array("abc".utf8), mode: .active(memory: 0, offset: [.i32Const(0)])))
        #expect(m.datas[1] == DataSegment(bytes: [], mode: .active(memory: 1, offset: [.i64Const(0)])))
        #expect(m.tables[0].type == TableType(.i32, Limits(min: 2, max: 2), .funcref))
        #expect(m.elems[0] == ElemSegment(type: .funcref, inits: [[.refFunc(0)], [.refFunc(1)]], mode: .active(table: 0, offset: [.i32Const(0)])))
        #expect(m.elems[1] == ElemSegment(type: .funcref, inits: [[.refFunc(1)]], mode: .active(table: 1, offset: [.i64Const(0)])))
    }

    @Test func elemAndDataSegments() throws {
        let m = try module(
            """
            (table $t 10 funcref) (memory $m 1)
            (func $f)
            (elem declare func $f)
            (elem (i32.const 0) $f)
            (elem $e funcref (item ref.null func) (ref.func $f))
            (elem (table $t) (offset (i32.const 1)) func $f)
            (elem (offset (i32.const 2)) funcref (ref.null func))
            (elem func)
            (data "x")
            (data (memory $m) (i32.const 0) "y")
            (data (offset (i32.const 1)) "z" "w")
            (func (elem.drop $e) (table.init 1) (table.init $t $e) (memory.init 2) (data.drop 0))
            """)
        let nonNullFunc = RefType(nullable: false, .func)
        #expect(m.elems[0] == ElemSegment(type: nonNullFunc, inits: [[.refFunc(0)]], mode: .declarative))
        #expect(m.elems[1] == ElemSegment(type: nonNullFunc, inits: [[.refFunc(0)]], mode: .active(table: 0, offset: [.i32Const(0)])))
        #expect(m.elems[2] == ElemSegment(type: .funcref, inits: [[.refNull(.func)], [.refFunc(0)]], mode: .passive))
        #expect(m.elems[3].mode == .active(table: 0, offset: [.i32Const(1)]))
        #expect(m.elems[4] == ElemSegment(type: .funcref, inits: [[.refNull(.func)]], mode: .active(table: 0, offset: [.i32Const(2)])))
        #expect(m.elems[5] == ElemSegment(type: nonNullFunc, inits: [], mode: .passive))
        #expect(m.datas == [
            DataSegment(bytes: [0x78], mode: .passive),
            DataSegment(bytes: [0x79], mode: .active(memory: 0, offset: [.i32Const(0)])),
            DataSegment(bytes: [0x7A, 0x77], mode: .active(memory: 0, offset: [.i32Const(1)])),
        ])
        #expect(m.funcs[1].body == [.elemDrop(2), .tableInit(0, 1), .tableInit(0, 2), .memoryInit(0, 2), .dataDrop(0)])
    }

    @Test func memoryInstructions() throws {
        let b = try body(
            """
            (memory 1) (memory $m 1)
            (func (i32.load offset=4 align=2 (i32.const 0)) drop
                  (i64.load8_s $m (i32.const 0)) drop
                  (v128.load8_lane 1 offset=2 3 (i32.const 0) (v128.const i64x2 0 0)) drop
                  (v128.load16_lane 3 (i32.const 0) (v128.const i64x2 0 0)) drop
                  (v128.store offset=0x10 align=1 (i32.const 0) (v128.const i32x4 0 0 0 0)))
            """)
        #expect(b[1] == .load(.i32Load, MemArg(memory: 0, align: 1, offset: 4)))
        #expect(b[4] == .load(.i64Load8S, MemArg(memory: 1, align: 0, offset: 0)))
        #expect(b[8] == .laneMemory(.v128Load8Lane, MemArg(memory: 1, align: 0, offset: 2), 3))
        #expect(b[12] == .laneMemory(.v128Load16Lane, MemArg(memory: 0, align: 1, offset: 0), 3))
        #expect(b[16] == .store(.v128Store, MemArg(memory: 0, align: 0, offset: 16)))
    }

    @Test func vectorConstants() throws {
        let b = try body(
            """
            (func (v128.const i8x16 -1 0 1 255 0 0 0 0 0 0 0 0 0 0 0 0x80) drop
                  (v128.const i16x8 -1 0 0 0 0 0 0 65535) drop
                  (v128.const f32x4 1 -0 nan inf) drop
                  (v128.const f64x2 1.5 -nan:0x1) drop
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop
                  (i32x4.extract_lane 3 (v128.const i64x2 0 0)) drop)
            """)
        var v = V128.zero
        v[byte: 0] = 0xFF
        v[byte: 2] = 1
        v[byte: 3] = 0xFF
        v[byte: 15] = 0x80
        #expect(b[0] == .v128Const(v))
        #expect(b[2] == .v128Const(V128(lo: 0xFFFF, hi: 0xFFFF_0000_0000_0000)))
        #expect(b[4] == .v128Const(V128(lo: 0x8000_0000_3F80_0000, hi: 0x7F80_0000_7FC0_0000)))
        #expect(b[6] == .v128Const(V128(lo: 1.5.bitPattern, hi: 0xFFF0_0000_0000_0001)))
        var s = V128(bytes: Array(0...15))
        s[byte: 15] = 31
        #expect(b[10] == .i8x16Shuffle(s))
        #expect(b[13] == .lane(.i32x4ExtractLane, 3))
    }

    @Test func exceptionsAndReferences() throws {
        let b = try body(
            """
            (tag $e (param i32)) (type $ft (func))
            (func (result i32)
              (block $h (result i32)
                (try_table (result i32) (catch $e $h) (catch_all_ref 1) (catch_ref 0 0) (catch_all 0)
                  (i32.const 1)))
              (ref.null $ft) (ref.is_null) drop (ref.func 0) drop (ref.null noextern) drop
              (ref.test (ref null $ft) (ref.null func)) drop
              (br_on_cast 0 anyref (ref i31) (ref.null any)) drop)
            """)
        #expect(b[1] == .tryTable(.value(.i32), [
            .catch(tag: 0, label: 0), .catchAllRef(label: 1), .catchRef(tag: 0, label: 0), .catchAll(label: 0),
        ]))
        #expect(b[5] == .refNull(.index(0)))
        #expect(b[10] == .refNull(.noextern))
        #expect(b[13] == .refTest(RefType(nullable: true, .index(0))))
        #expect(b[16] == .brOnCast(0, .anyref, RefType(nullable: false, .i31)))
    }

    @Test func gcTypes() throws {
        let m = try module(
            """
            (rec (type $a (sub (struct (field $x i32) (field i8 (mut i16)) (field $y (mut (ref null $b))))))
                 (type $b (sub final $a (struct (field i32) (field i8 i16) (field (mut (ref null $b)))))))
            (type $arr (array (mut i8)))
            (func (param (ref $a)) (struct.get $a $y (local.get 0)) drop
                  (struct.get_s $a 1 (local.get 0)) drop
                  (array.new_fixed $arr 2 (i32.const 1) (i32.const 2)) drop)
            """)
        let a = SubType(isFinal: false, supertypes: [], .struct([
            FieldType(mutable: false, .val(.i32)), FieldType(mutable: false, .packed(.i8)),
            FieldType(mutable: true, .packed(.i16)),
            FieldType(mutable: true, .val(.ref(RefType(nullable: true, .index(1))))),
        ]))
        #expect(m.types[0].subTypes[0] == a)
        #expect(m.types[0].subTypes[1].supertypes == [.index(0)])
        #expect(m.types[0].subTypes[1].isFinal)
        #expect(m.types[1] == RecType([SubType(.array(FieldType(mutable: true, .packed(.i8))))]))
        #expect(m.funcs[0].body[1] == .structGet(0, 3, nil))
        #expect(m.funcs[0].body[4] == .structGet(0, 1, .s))
        #expect(m.funcs[0].body[8] == .arrayNewFixed(2, 2))
    }

    @Test func identifiersWithStrings() throws {
        let m = try module(#"(func $"a b" (export "x")) (func (call $"a b") (call $"\61 b"))"#)
        #expect(m.funcs[1].body == [.call(0), .call(0)])
        #expect(try module(#"(func $x) (func (call $"x"))"#).funcs[1].body == [.call(0)])
    }

    @Test func startAndGlobals() throws {
        let m = try module("(global $g i32 (i32.const 7)) (func $s) (start $s) (global (mut f64) (f64.const -0))")
        #expect(m.start == 0)
        #expect(m.globals[0] == Global(type: GlobalType(mutable: false, .i32), initializer: [.i32Const(7)]))
        #expect(m.globals[1].initializer == [.f64Const(1 << 63)])
    }

    @Test func moduleWrapperAndEmpty() throws {
        #expect(try module("") == Module())
        #expect(try module("(module $m)") == Module())
        #expect(try module(";; c\n(module (func)) (;x;)").funcs.count == 1)
    }
}

@Suite struct ErrorMessageTests {
    static let cases: [(String, String)] = [
        ("(func (local.get $x))", "unknown local $x"),
        ("(func $f) (func $f)", "duplicate function $f"),
        ("(func (param $x i32) (local $x i32))", "duplicate local $x"),
        ("(func (block $a end $b))", "unexpected token"),
        ("(func block end $b)", "mismatching label"),
        ("(func block $a else $a end)", "unexpected token"),
        ("(func i32.const 0 if $a else $b end $a)", "mismatching label"),
        ("(func block $a end $b)", "mismatching label"),
        ("(func (br $l))", "unknown label"),
        ("(func) (import \"a\" \"b\" (func))", "import after function definition"),
        ("(global i32 (i32.const 0)) (import \"a\" \"b\" (func))", "import after global definition"),
        ("(memory 1) (func) (import \"a\" \"b\" (table 1 funcref))", "import after function definition"),
        ("(func) (start 0) (start 0)", "multiple start sections"),
        ("(type (func)) (func (type 0) (param i32))", "inline function type does not match explicit type"),
        ("(type (func)) (func (block (type 0) (result i32)))", "inline function type does not match explicit type"),
        ("(type (struct)) (func (type 0) (param i32))", "non-function type 0"),
        ("(func (type 5) (local $x i32))", "unknown type 5"),
        ("(func (type $t))", "unknown type $t"),
        ("(memory 1) (func (i32.load align=3 (i32.const 0)) drop)", "alignment must be a power of two"),
        ("(memory 1) (func (i32.load align=0 (i32.const 0)) drop)", "alignment must be a power of two"),
        ("(func (i32.const 4294967296) drop)", "constant out of range"),
        ("(func (i32.const 1.5) drop)", "constant out of range"),
        ("(func (f32.const 1e39) drop)", "constant out of range"),
        ("(func (f32.const nan:0x800000) drop)", "constant out of range"),
        ("(func (v128.const i32x4 1 2 3) drop)", "wrong number of lane literals"),
        ("(func (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) drop)", "constant out of range"),
        ("(func (i8x16.shuffle 0 1) drop)", "invalid lane length"),
        ("(func (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 256) drop)", "i8 constant out of range"),
        ("(func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)) drop)", "i8 constant out of range"),
        ("(func (call 4294967296))", "i32 constant out of range"),
        ("(memory 18446744073709551616)", "i64 constant out of range"),
        ("(func (i32.foo))", "unknown operator i32.foo"),
        ("(func x)", "unknown operator x"),
        ("(func $)", "empty identifier"),
        ("(func $\"\")", "empty identifier"),
        ("(func \"\\q\")", "illegal escape"),
        ("(func \"abc", "unclosed string literal"),
        ("(func \"a\u{1}b\")", "illegal control character in string literal"),
        ("(; abc (; ;)", "unclosed comment"),
        ("(@ x)", "empty annotation id"),
        ("(@x (y", "unclosed annotation"),
        ("(@x \u{1})", "illegal character"),
        ("(memory f32 1)", "malformed address type"),
        ("(func (br_table))", "unexpected token"),
        ("(table 1 funcref select)", "unexpected token"),
        ("(func (if (then) (else) (then)))", "unexpected token"),
        ("(func (nop) (local i32))", "unexpected token"),
        ("(func (block (param $x i32)))", "unexpected token"),
        ("(import \"a\" \"b\" (func (type 0) (param i32)))", "unexpected token"),
        ("(type $s (struct (field $a i32) (field $a i32)))", "duplicate field $a"),
        ("(type $s (struct)) (func (struct.get $s $x (unreachable)) drop)", "unknown field"),
        ("(export \"\\ff\" (func 0))", "malformed UTF-8 encoding"),
        ("(func $\"\\ff\")", "malformed UTF-8 encoding"),
        ("(func) \u{e9}", "misplaced unicode character"),
        ("(func) \u{7}", "misplaced control character"),
        ("(module binary \"\")", "unexpected token"),
        ("(func (i32.const nan:canonical))", "unexpected token"),
        ("(func (v128.const i32x4 nan 1 2 3) drop)", "constant out of range"),
    ]

    @Test(arguments: cases) func message(_ source: String, _ expected: String) {
        let e = textError(source)
        #expect(e?.message.hasPrefix(expected) == true, "\(source): got \(e?.message ?? "no error")")
        #expect(e?.isCustom == false)
    }

    @Test func misplacedAnnotationIsCustom() {
        let e = textError("(@a) (module)")
        #expect(e?.message == "misplaced annotation")
        #expect(e?.isCustom == true)
        #expect(textError("(module (@a))") == nil)
        #expect(textError("(@a) (func)") == nil)
    }

    @Test func malformedSourceBytes() {
        for bytes: [UInt8] in [[0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x7F]] {
            do {
                _ = try Module(text: Array("(func) ".utf8) + bytes)
                Issue.record("accepted \(bytes)")
            } catch {
                #expect(error.message == "malformed UTF-8 encoding")
            }
        }
        #expect(textError(";; \u{10FFFF}\n(func)") == nil)
        #expect(textError("(func \"\u{10FFFF}\")") != nil)
    }

    @Test func locations() {
        #expect(textError("(func\n  (call $nope))")?.location == SourceLocation(line: 2, column: 9))
        #expect(textError("(func) foo")?.location == SourceLocation(line: 1, column: 8))
    }
}

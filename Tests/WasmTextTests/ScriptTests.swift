import Testing
import WasmText

func script(_ s: String) throws(TextError) -> Script {
    try parseScript(Array(s.utf8))
}

@Suite struct ScriptTests {
    @Test func modulesAndInstances() throws {
        let s = try script(
            """
            (module $M (func (export "f")))
            (module definition $D binary "\\00asm" "\\01\\00\\00\\00")
            (module quote "(func)" "(func)")
            (module instance $I $D)
            (module instance $D)
            (module instance)
            (register "m" $M)
            (register "n")
            """)
        #expect(s.count == 8)
        guard case .module(let m) = s[0].command, case .text(let mod) = m.source else {
            Issue.record("not a text module")
            return
        }
        #expect(m.id == "M")
        #expect(!m.isDefinition)
        #expect(mod.exports.first?.name == "f")
        #expect(s[0].location == SourceLocation(line: 1, column: 1))
        #expect(s[1].command == .module(ScriptModule(
            id: "D", isDefinition: true, source: .binary([0, 0x61, 0x73, 0x6D, 1, 0, 0, 0]),
            location: SourceLocation(line: 2, column: 1))))
        #expect(s[2].command == .module(ScriptModule(
            id: nil, isDefinition: false, source: .quote(Array("(func)(func)".utf8)),
            location: SourceLocation(line: 3, column: 1))))
        #expect(s[3].command == .instance(instance: "I", module: "D"))
        #expect(s[4].command == .instance(instance: nil, module: "D"))
        #expect(s[5].command == .instance(instance: nil, module: nil))
        #expect(s[6].command == .register(name: "m", instance: "M"))
        #expect(s[7].command == .register(name: "n", instance: nil))
    }

    @Test func actionsAndValues() throws {
        let s = try script(
            """
            (invoke "f" (i32.const -1) (i64.const 0x10) (f32.const 1.5) (f64.const -nan)
                        (v128.const i16x8 1 2 3 4 5 6 7 -1) (ref.null func) (ref.null 3)
                        (ref.host 7) (ref.extern 8))
            (get $M "g")
            """)
        #expect(s[0].command == .action(.invoke(instance: nil, name: "f", args: [
            .i32(0xFFFF_FFFF), .i64(16), .f32(0x3FC0_0000), .f64(0xFFF8_0000_0000_0000),
            .v128(V128(lo: 0x0004_0003_0002_0001, hi: 0xFFFF_0007_0006_0005)), .refNull(.func),
            .refNull(.index(3)), .refHost(7), .refExtern(8),
        ])))
        #expect(s[1].command == .action(.get(instance: "M", name: "g")))
    }

    @Test func resultPatterns() throws {
        let s = try script(
            """
            (assert_return (invoke "f")
              (i32.const 1) (f32.const nan:canonical) (f64.const nan:arithmetic) (f64.const -0)
              (v128.const f32x4 nan:canonical 1 -1 nan:arithmetic)
              (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 255)
              (ref.null) (ref.null extern) (ref.host 1) (ref.extern 2) (ref.extern)
              (ref) (ref.eq) (ref.i31) (ref.struct) (ref.array) (ref.func) (ref.exn)
              (either (i32.const 1) (either (i32.const 2) (i32.const 3))))
            """)
        guard case .assertion(.returns(let act, let rs)) = s[0].command else {
            Issue.record("not assert_return")
            return
        }
        #expect(act == .invoke(instance: nil, name: "f", args: []))
        var lanes: [NumPattern] = [.i32(255)]
        lanes += Array(repeating: .i32(0), count: 14)
        lanes.append(.i32(255))
        #expect(rs == [
            .num(.i32(1)), .num(.nan(.f32, .canonical)), .num(.nan(.f64, .arithmetic)), .num(.f64(1 << 63)),
            .vec(.f32x4, [.nan(.f32, .canonical), .f32(0x3F80_0000), .f32(0xBF80_0000), .nan(.f32, .arithmetic)]),
            .vec(.i8x16, lanes),
            .ref(.anyNull), .ref(.null(.extern)), .ref(.host(1)), .ref(.extern(2)), .ref(.type(.extern)),
            .ref(.type(.any)), .ref(.type(.eq)), .ref(.type(.i31)), .ref(.type(.struct)), .ref(.type(.array)),
            .ref(.type(.func)), .ref(.type(.exn)),
            .either([.num(.i32(1)), .either([.num(.i32(2)), .num(.i32(3))])]),
        ])
    }

    @Test func assertions() throws {
        let s = try script(
            """
            (assert_malformed (module quote "x") "unknown operator")
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_malformed_custom (module binary "") "m")
            (assert_invalid_custom (module quote "") "i")
            (assert_unlinkable (module (import "a" "b" (func))) "unknown import")
            (assert_unlinkable (module instance $I $M) "incompatible import")
            (assert_trap (module (start 0) (func unreachable)) "unreachable")
            (assert_trap (invoke "f") "unreachable")
            (assert_exhaustion (invoke $I "g" (i32.const 0)) "call stack exhausted")
            (assert_exception (invoke "h"))
            (script $S (module) (invoke "x"))
            (input $S "file.wast")
            (output $S "out.wasm")
            (output)
            """)
        #expect(s.count == 14)
        guard case .assertion(.malformed(let m, let msg)) = s[0].command else {
            Issue.record("not assert_malformed")
            return
        }
        #expect(m.source == .quote([0x78]))
        #expect(msg == "unknown operator")
        guard case .assertion(.invalid(let im, "type mismatch")) = s[1].command, case .text = im.source else {
            Issue.record("not assert_invalid")
            return
        }
        guard case .assertion(.unlinkable(.module, "unknown import")) = s[4].command else {
            Issue.record("not assert_unlinkable")
            return
        }
        #expect(s[5].command == .assertion(.unlinkable(.instance(instance: "I", module: "M"), "incompatible import")))
        guard case .assertion(.uninstantiable(.module, "unreachable")) = s[6].command else {
            Issue.record("not assert_trap on module")
            return
        }
        #expect(s[7].command == .assertion(.trap(.invoke(instance: nil, name: "f", args: []), "unreachable")))
        #expect(s[8].command == .assertion(.exhaustion(.invoke(instance: "I", name: "g", args: [.i32(0)]), "call stack exhausted")))
        #expect(s[9].command == .assertion(.exception(.invoke(instance: nil, name: "h", args: []))))
        guard case .script(id: "S", let inner) = s[10].command else {
            Issue.record("not a script")
            return
        }
        #expect(inner.count == 2)
        #expect(s[11].command == .input(id: "S", file: "file.wast"))
        #expect(s[12].command == .output(id: "S", file: "out.wasm"))
        #expect(s[13].command == .output(id: nil, file: nil))
        #expect(s[13].location == SourceLocation(line: 14, column: 1))
    }

    @Test func bareModuleScript() throws {
        let s = try script("(func (export \"f\")) (memory 1)")
        guard s.count == 1, case .module(let m) = s[0].command, case .text(let mod) = m.source else {
            Issue.record("not a bare module")
            return
        }
        #expect(m.id == nil)
        #expect(mod.memories.count == 1)
        #expect(try script("").isEmpty)
        #expect(throws: TextError.self) { try script("(func) (invoke \"f\")") }
    }

    @Test func scriptErrors() {
        func message(_ s: String) -> String? {
            do {
                _ = try script(s)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message("(assert_trap (module definition (func)) \"x\")") == "misplaced module definition")
        #expect(message("(assert_return (invoke \"f\") (i32.const nan:canonical))") == "NaN pattern with non-float type")
        #expect(message("(assert_return (invoke \"f\") (v128.const i32x4 nan:canonical 0 0 0))") == "invalid vector constant")
        #expect(message("(assert_return (invoke \"f\") (v128.const i32x4 0 0 0))") == "wrong number of lane literals")
        #expect(message("(invoke \"f\" (i32.const 0x100000000))") == "constant out of range")
        #expect(message("(invoke \"f\" (ref.null $t))") == "unknown type $t")
        #expect(message("(module (func (call $x)))") == "unknown function $x")
        #expect(message("(@a) (module)") == "misplaced annotation")
        #expect(message("(module (@a))") == nil)
        #expect(message("(module) (module binary (@a))") == "misplaced annotation")
        #expect(message("(register \"\\ff\")") == "malformed UTF-8 encoding")
        #expect(message("(foo)") == "unknown operator foo")
        #expect(message("(func) (module)") == "unexpected token")
    }
}

@Suite struct AnnotationTests {
    @Test func annotationsAfterModulesAreNotClaimed() {
        #expect(throws: TextError.self) { try script("(module) (@a)") }
        #expect(throws: Never.self) { try script("(module (@a)) (module (@b (c)))") }
        #expect(throws: Never.self) { try script("(@a) (func) (@b)") }
        #expect(textError("(module) (@a)")?.message == "misplaced annotation")
    }
}

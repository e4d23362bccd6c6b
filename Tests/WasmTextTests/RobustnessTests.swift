import Testing
import WasmText

/// Deep nesting must not reach the native stack, and no input may crash.
@Suite struct RobustnessTests {
    static let depth = 100_000

    private func rep(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    @Test func deeplyNestedPlainBlocks() throws {
        let m = try module("(func " + rep("block ", Self.depth) + rep("end ", Self.depth) + ")")
        #expect(m.funcs[0].body.count == 2 * Self.depth)
    }

    @Test func deeplyNestedFoldedBlocks() throws {
        let m = try module("(func " + rep("(block ", Self.depth) + "(br \(Self.depth - 1))" + rep(")", Self.depth) + ")")
        #expect(m.funcs[0].body.count == 2 * Self.depth + 1)
        #expect(m.funcs[0].body[Self.depth] == .br(UInt32(Self.depth - 1)))
    }

    @Test func deeplyNestedOperandsAndConditions() throws {
        let ops = try module("(func (result i32) " + rep("(i32.eqz ", Self.depth) + "(i32.const 0)" + rep(")", Self.depth) + ")")
        #expect(ops.funcs[0].body.first == .i32Const(0))
        #expect(ops.funcs[0].body.last == .numeric(.i32Eqz))
        let n = Self.depth / 4
        let ifs = try module(
            "(func (result i32) " + rep("(if (result i32) ", n) + "(i32.const 0)"
                + rep(" (then (i32.const 0)) (else (i32.const 1)))", n) + ")")
        #expect(ifs.funcs[0].body.count == 1 + 5 * n)
    }

    @Test func deeplyNestedLabelsResolve() throws {
        let n = 20_000
        var s = "(func "
        for k in 0..<n { s += "(block $l\(k) " }
        s += "(br $l0)"
        s += rep(")", n) + ")"
        let m = try module(s)
        #expect(m.funcs[0].body[n] == .br(UInt32(n - 1)))
    }

    @Test func deeplyNestedCommentsAndAnnotations() throws {
        #expect(try module(rep("(;", Self.depth) + rep(";)", Self.depth)) == Module())
        #expect(try module("(module (@a " + rep("(", Self.depth) + rep(")", Self.depth) + "))") == Module())
        #expect(textError(rep("(;", Self.depth))?.message == "unclosed comment")
        #expect(textError("(@a " + rep("(", Self.depth))?.message == "unclosed annotation")
    }

    @Test func deeplyNestedScriptsAreRefused() {
        let n = 10_000
        #expect(throws: TextError.self) { try script(rep("(script ", n) + rep(")", n)) }
        #expect(throws: TextError.self) {
            try script("(assert_return (invoke \"f\") " + rep("(either ", n) + "(i32.const 0)" + rep(")", n + 1))
        }
        #expect(throws: Never.self) { try script(rep("(script ", 50) + rep(")", 50)) }
    }

    @Test func unbalancedInputsFail() {
        for s in ["(", ")", "(func", "(func (block", "(func block", "(module", "(func (if (then", "((", "(module (func))"] {
            _ = textError(s)
        }
        #expect(textError("(func") != nil)
        #expect(textError("(func block") != nil)
        #expect(textError("(func (if (i32.const 0) (then)") != nil)
    }

    /// Every prefix of a module with many constructs fails cleanly or parses.
    @Test func truncationsNeverCrash() {
        let src = Array("""
            (module $m (type $t (func (param i32) (result i32))) (import "a" "b" (func $i (type $t)))
              (memory (export "m") 1) (table 2 funcref) (global $g (mut i64) (i64.const -1))
              (func $f (export "f") (param $x i32) (result i32) (local $y f32)
                (block $b (result i32) (if (result i32) (local.get $x) (then (br $b (i32.const 1)))
                  (else (call_indirect (type $t) (i32.const 2) (i32.const 0))))))
              (elem (i32.const 0) $f $i) (data (i32.const 0) "\\00\\u{41}") (start $i2) (func $i2)
              (@custom "x" "y") (; c ;) ;; end
            )
            """.utf8)
        for n in 0...src.count {
            _ = try? Module(text: Array(src[0..<n]))
            _ = try? parseScript(Array(src[0..<n]))
        }
        var bytes = src
        for i in stride(from: 0, to: bytes.count, by: 7) {
            bytes[i] ^= 0xA5
            _ = try? Module(text: bytes)
            bytes[i] ^= 0xA5
        }
    }
}

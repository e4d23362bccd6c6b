// Regression tests for the differences the differential tests (DifferentialTests.swift)
// found between WasmSpec and the reference interpreter. Each expected result below was
// produced by the reference interpreter on the same module and call, and written down.

import Testing
import WasmSpec

@Suite struct DifferentialRegressionTests {
    static func outcome(_ instance: Instance, _ name: String, _ args: [Value] = []) -> String {
        do {
            return "\(try interpret(instance, name, args))"
        } catch {
            return error.description
        }
    }

    /// The reference writes the expected and the actual type into the messages of a
    /// failed `call_indirect` type check and of a failed `ref.cast` (eval.ml); the cast's
    /// expected type as the instruction names it, by type index.
    @Test func trapMessagesNameTheTypes() throws {
        let instance = try instantiate(text: """
            (module
              (type $s (struct (field (mut i32))))
              (type $sub (sub (struct (field i64))))
              (type $f0 (func))
              (type $f1 (func (param i32) (result i64)))
              (rec (type $r0 (func)) (type $r1 (struct)))
              (rec (type $q0 (struct)) (type $q1 (func)))
              (type $a (array (mut i8)))
              (table 4 funcref)
              (elem (i32.const 0) $g0 $g1 $g2)
              (func $g0 (type $f0))
              (func $g1 (type $f1) (i64.const 0))
              (func $g2 (type $r0))
              (func (export "indirect") (param i32)
                (call_indirect (type $f1) (i32.const 5) (local.get 0)) (drop))
              (func (export "indirect-rec") (param i32)
                (call_indirect (type $q1) (local.get 0)))
              (func (export "cast-null") (result anyref) (ref.cast (ref $s) (ref.null any)))
              (func (export "cast-i31") (result anyref) (ref.cast (ref null $s) (ref.i31 (i32.const 7))))
              (func (export "cast-struct") (result anyref) (ref.cast (ref $a) (struct.new $s (i32.const 1))))
              (func (export "cast-sub") (result anyref) (ref.cast (ref $s) (struct.new_default $sub)))
              (func (export "cast-array") (result anyref) (ref.cast (ref i31) (array.new_default $a (i32.const 1))))
              (func (export "cast-func") (result funcref) (ref.cast (ref $f1) (ref.func $g0)))
              (func (export "cast-rec") (result funcref) (ref.cast (ref null $f0) (ref.func $g2)))
              (func (export "cast-extern") (param externref) (result anyref)
                (ref.cast (ref struct) (any.convert_extern (local.get 0))))
              (func (export "cast-host") (param anyref) (result anyref) (ref.cast (ref none) (local.get 0)))
            )
            """)
        let cases: [(String, [Value], String)] = [
            ("indirect", [.i32(0)], "indirect call type mismatch, expected func [i32] -> [i64] but got func [] -> []"),
            ("indirect", [.i32(2)],
             "indirect call type mismatch, expected func [i32] -> [i64] but got (rec (func [] -> []) (struct)).0"),
            ("indirect-rec", [.i32(0)],
             "indirect call type mismatch, expected (rec (struct) (func [] -> [])).1 but got func [] -> []"),
            ("indirect-rec", [.i32(2)],
             "indirect call type mismatch, expected (rec (struct) (func [] -> [])).1 but got (rec (func [] -> []) (struct)).0"),
            ("cast-null", [], "cast failure, expected (ref 0) but got (ref null something)"),
            ("cast-i31", [], "cast failure, expected (ref null 0) but got (ref i31)"),
            ("cast-struct", [], "cast failure, expected (ref 8) but got (ref (struct (field (mut i32))))"),
            ("cast-sub", [], "cast failure, expected (ref 0) but got (ref (sub (struct (field i64))))"),
            ("cast-array", [], "cast failure, expected (ref i31) but got (ref (array (mut i8)))"),
            ("cast-func", [], "cast failure, expected (ref 3) but got (ref (func [] -> []))"),
            ("cast-rec", [], "cast failure, expected (ref null 2) but got (ref ((rec (func [] -> []) (struct)).0))"),
            ("cast-extern", [.ref(.extern(.host(3)))], "cast failure, expected (ref struct) but got (ref any)"),
            ("cast-host", [.ref(.host(3))], "cast failure, expected (ref none) but got (ref any)"),
        ]
        for (name, args, message) in cases {
            #expect(Self.outcome(instance, name, args) == "trap: " + message, "\(name) \(args)")
        }
    }

    /// `call_indirect` through a table64 with an index of 2^63 or more: the reference
    /// writes the index signed in its message.
    @Test func table64IndexInTrapMessageIsSigned() throws {
        let instance = try instantiate(text: """
            (module
              (type $v (func))
              (table $t64 i64 2 funcref)
              (table $t32 2 funcref)
              (func (export "call64") (param i64) (call_indirect $t64 (type $v) (local.get 0)))
              (func (export "call32") (param i32) (call_indirect $t32 (type $v) (local.get 0)))
            )
            """)
        let cases: [(String, Value, String)] = [
            ("call64", .i64(UInt64(bitPattern: -16)), "undefined element -16"),
            ("call64", .i64(0x8000_0000_0000_0000), "undefined element -9223372036854775808"),
            ("call64", .i64(1), "uninitialized element 1"),
            ("call64", .i64(2), "undefined element 2"),
            ("call32", .i32(0xFFFF_FFFF), "undefined element 4294967295"),
        ]
        for (name, arg, message) in cases {
            #expect(Self.outcome(instance, name, [arg]) == "trap: " + message, "\(name) \(arg)")
        }
    }

    /// An uncaught exception's message lists its arguments as the reference writes
    /// values, last first: numbers grouped, vectors as four i32 lanes, references by kind.
    @Test func uncaughtExceptionListsItsArguments() throws {
        let instance = try instantiate(text: """
            (module
              (type $s (struct (field i32) (field (mut i8))))
              (type $e (struct))
              (type $a (array (mut i16)))
              (tag $t (param anyref funcref externref v128 i64 f32))
              (tag $inner (param i32 i64))
              (tag $x (param exnref))
              (tag $one (param i32))
              (tag $none)
              (func $f)
              (elem declare func $f)
              (func (export "refs") (param externref)
                (throw $t (ref.i31 (i32.const -5)) (ref.func $f) (local.get 0)
                  (v128.const i32x4 1 -2 3 1000000) (i64.const -1000000) (f32.const -0x1p-149)))
              (func (export "nulls")
                (throw $t (ref.null any) (ref.null func) (ref.null extern) (v128.const i64x2 0 0)
                  (i64.const 0) (f32.const nan:0x200)))
              (func (export "struct")
                (throw $t (struct.new $s (i32.const 7) (i32.const 300)) (ref.null func) (ref.null extern)
                  (v128.const i64x2 0 0) (i64.const 0) (f32.const 0)))
              (func (export "empty")
                (throw $t (struct.new $e) (ref.null func) (ref.null extern) (v128.const i64x2 0 0)
                  (i64.const 0) (f32.const 0)))
              (func (export "array")
                (throw $t (array.new $a (i32.const -1) (i32.const 3)) (ref.null func)
                  (extern.convert_any (ref.i31 (i32.const 0x7fffffff))) (v128.const i64x2 0 0)
                  (i64.const 0) (f32.const 0)))
              (func (export "exn")
                (block $h (result exnref)
                  (try_table (catch_all_ref $h) (throw $inner (i32.const 1) (i64.const 2)))
                  (unreachable))
                (throw $x))
              (func (export "one") (throw $one (i32.const 1234567)))
              (func (export "none") (throw $none))
            )
            """)
        let cases: [(String, [Value], String)] = [
            ("refs", [.ref(.extern(.host(3)))],
             "[-1.401_298_464_324_817_1e-45 -1_000_000 1 -2 3 1_000_000 (extern (host 3)) func (i31 2147483643)]"),
            ("nulls", [], "[nan:0x200 0 0 0 0 0 null null null]"),
            ("struct", [], "[0 0 0 0 0 0 null null (struct ...)]"),
            ("empty", [], "[0 0 0 0 0 0 null null (struct)]"),
            ("array", [], "[0 0 0 0 0 0 (extern (i31 2147483647)) null (array ...)]"),
            ("exn", [], "(tag 2 1)"),
            ("one", [], "1_234_567"),
            ("none", [], "[]"),
        ]
        for (name, args, values) in cases {
            #expect(Self.outcome(instance, name, args) == "exception: uncaught exception with args " + values, "\(name)")
        }
    }
}

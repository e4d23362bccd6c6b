import Testing
import WasmSpec

/// The call-depth budget counts frames as the reference interpreter's `-b` does: with a
/// budget of N, N frames may be active at once, in either engine.
@Suite struct CallDepthTests {
    static let recursion = """
        (module
          (func $f (export "f") (param i64) (result i32)
            (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 99))
              (else (call $f (i64.sub (local.get 0) (i64.const 1)))))))
        """

    @Test(arguments: EngineKind.allCases)
    func budgetOfNAllowsNFrames(engine: EngineKind) throws {
        for budget in [1, 2, 5, 100] {
            let limits = ExecutionLimits(engine: engine, maxCallDepth: budget)
            let instance = try instantiate(text: Self.recursion, limits: limits)
            // f(k) needs k + 1 frames.
            #expect(try interpret(instance, "f", [.i64(UInt64(budget - 1))]) == [.i32(99)])
            #expect(throws: WasmError.exhaustion("call stack exhausted")) {
                _ = try interpret(instance, "f", [.i64(UInt64(budget))])
            }
        }
    }

    /// A host function takes no frame, but calling one needs budget left, as in the
    /// reference interpreter (which checks before it tells host from Wasm functions).
    @Test(arguments: EngineKind.allCases)
    func hostCallNeedsBudget(engine: EngineKind) throws {
        let text = """
            (module
              (import "spectest" "print_i32" (func $print (param i32)))
              (func $f (export "f") (param i64)
                (if (i64.eqz (local.get 0))
                  (then (call $print (i32.const 7)))
                  (else (call $f (i64.sub (local.get 0) (i64.const 1)))))))
            """
        let instance = try instantiate(text: text, limits: ExecutionLimits(engine: engine, maxCallDepth: 3))
        #expect(try interpret(instance, "f", [.i64(1)]) == [])
        #expect(throws: WasmError.exhaustion("call stack exhausted")) {
            _ = try interpret(instance, "f", [.i64(2)])
        }
    }
}

import Dispatch
import Foundation
import Testing
import WasmSpec

/// `memory.grow` costs what it adds, and allocations the host cannot serve end in the
/// "out of memory" trap (or -1 from a grow), never in the death of the process.
@Suite struct MemoryScalingTests {
    /// A memory without a maximum that grows page by page ("grow-marking"), writing
    /// each new page's number plus one at its start, and counts the marks still in place
    /// ("marks").
    static let markingGrow = """
        (module
          (memory 0)
          (func (export "grow-marking") (param $n i32) (result i32)
            (local $i i32)
            (block $done
              (loop $again
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
                (i32.store (i32.mul (local.get $i) (i32.const 0x10000)) (i32.add (local.get $i) (i32.const 1)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $again)))
            (local.get $i))
          (func (export "marks") (result i32)
            (local $i i32)
            (block $done
              (loop $again
                (br_if $done (i32.ge_u (local.get $i) (memory.size)))
                (br_if $done
                  (i32.ne (i32.load (i32.mul (local.get $i) (i32.const 0x10000))) (i32.add (local.get $i) (i32.const 1))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $again)))
            (local.get $i)))
        """

    /// Seconds for one fresh memory to grow page by page to `pages`.
    func growTime(_ pages: UInt32) throws -> Double {
        let instance = try instantiate(text: Self.markingGrow)
        let clock = ContinuousClock()
        var result: [Value] = []
        let elapsed = try clock.measure { result = try interpret(instance, "grow-marking", [.i32(pages)]) }
        #expect(result == [.i32(pages)], "the memory did not reach \(pages) pages")
        #expect(try interpret(instance, "marks") == [.i32(pages)])
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    /// Twice the grows take about twice the time, not four times (as when every grow
    /// copied the whole memory).
    @Test func growingPageByPageIsLinear() throws {
        // Copying on every grow takes seconds for 512 pages already, and hours for the
        // sizes below: fail early rather than hang.
        let canary = try growTime(512)
        guard canary < 1 else {
            Issue.record("512 one-page grows took \(canary) s")
            return
        }
        let n: UInt32 = 8192
        var best = (small: Double.infinity, large: Double.infinity)
        for _ in 0..<5 {
            best.small = min(best.small, try growTime(n))
            best.large = min(best.large, try growTime(2 * n))
        }
        // A floor of a millisecond keeps timer noise from deciding a ratio of tiny times.
        let ratio = max(best.large, 1e-3) / max(best.small, 1e-3)
        #expect(ratio < 3, "\(n) grows: \(best.small) s, \(2 * n) grows: \(best.large) s")
    }

    /// Runs under an address-space limit of about 490 MB (so an allocation of 512 MiB
    /// must fail whatever the process already uses): arrays of 1 GiB allocated and kept
    /// (in a table: dropped ones would be collected) until the host refuses, a table
    /// grow too large to serve, memories that cannot be had, and a memory that has to
    /// move as it grows.
    static let underLimit = """
        (module
          (type $bytes (array (mut i64)))
          (table $keep 0 (ref null $bytes))
          (func (export "arrays")
            (loop (drop (table.grow $keep (array.new_default $bytes (i32.const 0x800_0000)) (i32.const 1))) (br 0)))
          (func (export "filled-arrays")
            (loop (drop (table.grow $keep (array.new $bytes (i64.const 1) (i32.const 0x800_0000)) (i32.const 1))) (br 0)))
          (func (export "huge")
            (loop (drop (array.new_default $bytes (i32.const 0x3fff_ffff))) (br 0))))
        (assert_trap (invoke "arrays") "out of memory")
        (assert_trap (invoke "filled-arrays") "out of memory")
        (assert_trap (invoke "huge") "out of memory")

        (module
          (table $t 0 funcref)
          (func (export "grow") (param i32) (result i32)
            (table.grow $t (ref.null func) (local.get 0))))
        (assert_return (invoke "grow" (i32.const 0x400_0000)) (i32.const -1))
        (assert_return (invoke "grow" (i32.const 0x10_0000)) (i32.const 0))

        (assert_trap (module (memory 0x2000)) "out of memory")
        (module
          (memory i64 0)
          (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))
        (assert_return (invoke "grow" (i64.const 0x2000)) (i64.const -1))
        (assert_return (invoke "grow" (i64.const 1)) (i64.const 0))

        ;; The whole 32-bit range cannot be reserved here, so the memory moves as it
        ;; grows: each page's mark must move with it.
        \(markingGrow)
        (assert_return (invoke "grow-marking" (i32.const 1000)) (i32.const 1000))
        (assert_return (invoke "marks") (i32.const 1000))
        """

    /// The command-line runner built beside this test binary.
    static let runner: String? = {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On Darwin the test binary sits three levels down in its .xctest bundle.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("wasm-spec-run").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    /// Whether the tests and `wasm-spec-run` are built with the address sanitizer
    /// (.ci/run says so in WASM_SPEC_SANITIZER): its shadow memory needs terabytes of
    /// address space, so no program of it starts under `ulimit -v`.
    static let underAddressSanitizer = ProcessInfo.processInfo.environment["WASM_SPEC_SANITIZER"] == "address"

    /// Runs `wasm-spec-run --engine engine folder` (suite mode, which prints a tally per
    /// file and each failure) under an address-space limit of 480 MB (none under the
    /// address sanitizer); returns how it ended and what it printed.
    static func runLimited(_ engine: EngineKind, _ folder: URL) throws -> (Process, String) {
        let runner = try #require(Self.runner)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limit = underAddressSanitizer ? "" : "ulimit -v 480000 && "
        p.arguments = ["-c", limit + "exec \"$0\" --engine \"$@\"", runner, engine.rawValue, folder.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if done.wait(timeout: .now() + 120) == .timedOut {
            p.terminate()
            done.wait()
            Issue.record("the run did not finish in 120 s")
        }
        return (p, output)
    }

    @Test(
        .enabled(if: runner != nil, "wasm-spec-run is not built beside the tests"),
        .disabled(if: underAddressSanitizer, "ulimit -v leaves the address sanitizer no room; the plain run tests this"),
        arguments: EngineKind.allCases)
    func exhaustedHostMemoryTrapsInsteadOfAborting(engine: EngineKind) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wasm-scaling-\(getpid())-\(engine)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("limits.wast")
        try Data(Self.underLimit.utf8).write(to: script)
        let (p, output) = try Self.runLimited(engine, dir)
        // A signal (SIGABRT from a failed Swift allocation) shows as `.uncaughtSignal`.
        #expect(p.terminationReason == .exit, "ended by signal \(p.terminationStatus):\n\(output)")
        #expect(p.terminationStatus == 0, "exit status \(p.terminationStatus):\n\(output)")
        #expect(output.contains("limits.wast: 19 passed, 0 failed, 0 skipped"), "\(output)")
    }

    /// The stack reproducers (2^24 locals, recursion with large frames) under the same
    /// limit: a result where the stacks fit in what the limit leaves, exhaustion where
    /// not, never a signal.
    @Test(.enabled(if: runner != nil, "wasm-spec-run is not built beside the tests"), arguments: EngineKind.allCases)
    func stackReproducersEndInResultOrExhaustion(engine: EngineKind) throws {
        let stacks = URL(fileURLWithPath: SpecSuiteTests.packageRoot + "/spectests/own/stack-bounds.wast")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wasm-stacks-\(getpid())-\(engine)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: stacks, to: dir.appendingPathComponent("stack-bounds.wast"))
        let (p, output) = try Self.runLimited(engine, dir)
        #expect(p.terminationReason == .exit, "ended by signal \(p.terminationStatus):\n\(output)")
        #expect(p.terminationStatus == 0 || p.terminationStatus == 1, "exit status \(p.terminationStatus)")
        #expect(output.contains(" passed, "), "no summary:\n\(output)")
        let failures = output.split(separator: "\n").filter { $0.hasPrefix("  stack-bounds.wast:") }
        for f in failures where !(f.contains("exhaust") || f.contains("no module instance")) {
            Issue.record("not exhaustion: \(f)")
        }
    }
}

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
    /// must fail whatever the process already uses): arrays allocated until the host
    /// refuses, a table grow too large to serve, memories that cannot be had, and a
    /// memory that has to move as it grows.
    static let underLimit = """
        (module
          (type $bytes (array (mut i8)))
          (func (export "arrays")
            (loop (drop (array.new_default $bytes (i32.const 0x800_0000))) (br 0)))
          (func (export "filled-arrays")
            (loop (drop (array.new $bytes (i32.const 1) (i32.const 0x800_0000))) (br 0)))
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

    @Test(.enabled(if: runner != nil, "wasm-spec-run is not built beside the tests"))
    func exhaustedHostMemoryTrapsInsteadOfAborting() throws {
        let runner = try #require(Self.runner)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wasm-scaling-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("limits.wast")
        try Data(Self.underLimit.utf8).write(to: script)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        // -q: suite mode, which reports the file's tally.
        p.arguments = ["-c", "ulimit -v 480000 && exec \"$0\" -q \"$1\"", runner, script.path]
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
        // A signal (SIGABRT from a failed Swift allocation) shows as `.uncaughtSignal`.
        #expect(p.terminationReason == .exit, "ended by signal \(p.terminationStatus):\n\(output)")
        #expect(p.terminationStatus == 0, "exit status \(p.terminationStatus):\n\(output)")
        #expect(output.contains("limits.wast: 19 passed, 0 failed, 0 skipped"), "\(output)")
    }
}

// Opt-in comparisons with the reference interpreter itself (`WASM_REFERENCE_INTERPRETER`
// names its `wasm`): the same command lines must print the same, end with the same
// status, and write the same files, byte for byte. By default a sample of the suite is
// converted; `WASM_DIFF_SUITE=all` converts every script of `core/`.

import Foundation
import Testing

@Suite struct ReferenceDifferentialTests {
    static let enabled = CommandLineTool.reference != nil

    /// Runs both with the same arguments and input, each in a folder of its own holding
    /// `files`; returns both results and the folders.
    func both(_ args: [String], input: String? = nil, files: [String: String] = [:]) throws
        -> (ours: RunResult, theirs: RunResult, ourDir: String, theirDir: String)
    {
        let ourDir = try CommandLineTool.folder(files)
        let theirDir = try CommandLineTool.folder(files)
        let ours = try CommandLineTool.run(CommandLineTool.path, args, input: input, in: ourDir)
        let theirs = try CommandLineTool.run(CommandLineTool.reference ?? "", args, input: input, in: theirDir)
        return (ours, theirs, ourDir, theirDir)
    }

    static let cases: [(args: [String], input: String?)] = [
        (["-"], "(module (func (export \"f\") (result i32) (i32.const 42)))\n(invoke \"f\")\n"),
        ([], "(module\n  (func (export \"f\") (result i32) (i32.const 7)))\n\n(invoke \"g\")\n(invoke \"f\") (invoke \"f\")\n"),
        ([], ";; comment\n\n(module)\n(; block\n comment ;)\n(module $X) (module $Y)\n(invoke $Y \"f\")\n(bad\n(nop)\n"),
        (["-v", "-e", "(module)"], nil),
        (["-s", "-e", #"(module $M (import "spectest" "print_i32" (func (param i32))) (global (export "g") (mut f64) (f64.const 1)) (table (export "t") 2 funcref) (memory (export "m") 1 2) (tag (export "e") (param i32)))"#], nil),
        (["-e", #"(module (func (export "f") (param i32 i64 f32 f64) (result i32 i64 f32 f64) (local.get 0) (local.get 1) (local.get 2) (local.get 3)))"#,
          "-e", #"(invoke "f" (i32.const -1) (i64.const 1234567) (f32.const nan:0x1) (f64.const -0.125))"#], nil),
        (["-e", #"(module (func (export "f") (result i32) (i32.const 1)))"#, "-e", #"(assert_return (invoke "f") (i32.const 2))"#], nil),
        (["-e", #"(module (func (export "t") (unreachable)))"#, "-e", #"(assert_trap (invoke "t") "x")"#], nil),
        (["-e", #"(module (import "a" "b" (func)))"#], nil),
        (["-e", "(module $M) (module $M)"], nil),
        (["-e", #"(module binary "\00asm\01\00\00\00\01")"#], nil),
        (["-e", #"(module quote "(func (i32.ad))")"#], nil),
        (["-w", "30", "-e", #"(module (func (export "f") (result i32) (i32.add (i32.const 1) (i32.const 2))))"#, "-e", "(output)"], nil),
        (["-d", "-e", #"(module (func (export "f") (result i32) (i32.const 1)))"#, "-e", #"(invoke "f")"#], nil),
        (["-b", "3", "-e", #"(module (func $r (export "r") (param i32) (if (local.get 0) (then (call $r (i32.sub (local.get 0) (i32.const 1)))))))"#,
          "-e", #"(assert_exhaustion (invoke "r" (i32.const 3)) "call stack exhausted")"#], nil),
        (["-c", "foo"], nil),
        // -t: the phases of each kind of command, of a failure and of the prompt.
        (["-t", "-e", #"(module $M (func (export "f") (result i32) (i32.const 1)) (func (export "t") (unreachable)) (global (export "g") i32 (i32.const 2)))"#,
          "-e", #"(register "m" $M) (invoke "f") (get "g") (assert_return (invoke "f") (i32.const 1))"#,
          "-e", #"(assert_trap (invoke "t") "unreachable") (assert_invalid (module (func (result i32))) "type mismatch")"#,
          "-e", #"(assert_malformed (module quote "(func") "unexpected") (module binary "\00asm\01\00\00\00") (output)"#,
          "-e", #"(assert_unlinkable (module (import "m" "h" (func))) "unknown import")"#,
          "-e", #"(assert_return (invoke "f") (i32.const 2))"#], nil),
        (["-t", "-"], "(module (func (export \"f\") (result i32) (i32.const 3)))\n\n(invoke \"f\")\n(bad\n"),
        (["nonexist.wast"], nil),
    ]

    @Test(.enabled(if: enabled, "set WASM_REFERENCE_INTERPRETER to run"))
    func commandLinesPrintAsTheReference() throws {
        for c in Self.cases {
            var r = try both(c.args, input: c.input)
            if c.args.contains("-t") {
                // -t also writes the reduction steps, which the reference cannot show,
                // on standard error: everything else is the reference's.
                let steps = r.ours.err.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(steps.contains { $0.hasPrefix("  [") }, "no steps: wasm \(c.args.joined(separator: " "))")
                r.ours.err = steps.filter { !$0.hasPrefix("  [") }.joined(separator: "\n")
            }
            #expect(r.ours == r.theirs, "wasm \(c.args.joined(separator: " "))")
        }
    }

    /// Conversions of suite scripts: `.bin.wast`, `.wast` and `.js`, then the
    /// `.bin.wast` back to `.wast`, byte for byte the reference's files; and running the
    /// script prints the same.
    @Test(.enabled(if: enabled, "set WASM_REFERENCE_INTERPRETER to run"))
    func suiteConversionsAreTheReferences() throws {
        guard let suite = ProcessInfo.processInfo.environment["WASM_SPECTESTS"] ?? ReferenceFlagTests.locateSuite() else {
            return
        }
        var scripts: [(String, [String])] = []
        for name in ["custom/custom/custom_annot.wast", "custom/name/name_annot.wast",
                     "custom/metadata.code.branch_hint/branch_hint.wast"] {
            scripts.append((suite + "/" + name, ["-ca"]))
        }
        let all = ProcessInfo.processInfo.environment["WASM_DIFF_SUITE"] == "all"
        let core = FileManager.default.enumerator(atPath: suite + "/core")?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".wast") }.sorted() ?? []
        let sample: Set<String> = ["binary.wast", "float_literals.wast", "simd/simd_lane.wast", "gc/type-subtyping.wast",
                                   "exceptions/throw.wast", "linking.wast", "names.wast", "memory64/memory64.wast"]
        for name in core where all || sample.contains(name) { scripts.append((suite + "/core/" + name, [])) }
        for (path, flags) in scripts {
            // The reference fails branch_hint.wast with -ca where its runner lets a
            // custom validation error escape an assert_invalid_custom (see
            // ReferenceFlagTests.theCustomSuitePassesWithAllHandlers).
            if !path.hasSuffix("branch_hint.wast") {
                let r = try both(flags + [path])
                #expect(r.ours == r.theirs, "running \(path)")
            }
            for ext in ["bin.wast", "wast", "js"] {
                let c = try both(flags + ["-d", path, "-o", "out." + ext])
                #expect(c.ours == c.theirs, "\(path) -> .\(ext)")
                #expect(CommandLineTool.read(c.ourDir + "/out." + ext) == CommandLineTool.read(c.theirDir + "/out." + ext),
                        "\(path) -> .\(ext) differs")
                if ext == "bin.wast" {
                    let ours = try CommandLineTool.run(CommandLineTool.path, flags + ["-d", "out.bin.wast", "-o", "back.wast"], in: c.ourDir)
                    let theirs = try CommandLineTool.run(CommandLineTool.reference ?? "", flags + ["-d", "out.bin.wast", "-o", "back.wast"], in: c.theirDir)
                    #expect(ours == theirs)
                    #expect(CommandLineTool.read(c.ourDir + "/back.wast") == CommandLineTool.read(c.theirDir + "/back.wast"),
                            "\(path) -> .bin.wast -> .wast differs")
                }
            }
        }
    }
}

// Opt-in checks against the reference interpreter itself, for when it is at hand:
//
// - `WASM_REFERENCE_CORPUS`: a directory of `.bin.wast` scripts that the reference wrote
//   from the suite (`wasm -d x.wast -o x.bin.wast`). Every binary module in them came from
//   the reference encoder, so it must decode, and our encoder must give back the very
//   same bytes.
// - `WASM_REFERENCE_INTERPRETER`: the reference `wasm` executable. Mutated modules are
//   decoded by both (`wasm -c custom -u -d file.wasm -o out.wasm`): messages and offsets
//   must agree, and where both accept, so must the re-encodings, custom sections included.

import Foundation
import Testing
import WasmBinary

private let corpusDirectory = ProcessInfo.processInfo.environment["WASM_REFERENCE_CORPUS"]
private let referenceInterpreter = ProcessInfo.processInfo.environment["WASM_REFERENCE_INTERPRETER"]

@Suite struct ReferenceCorpusTests {
    /// Binary modules the reference encoded: decode, and re-encode to identical bytes.
    @Test(.enabled(if: corpusDirectory != nil, "set WASM_REFERENCE_CORPUS to run"))
    func referenceEncodedModules() throws {
        let dir = URL(fileURLWithPath: corpusDirectory ?? "")
        var total = 0
        var identical = 0
        for url in SpecSuite.wastFiles(in: dir) {
            let commands = try WastScanner.parse([UInt8](Data(contentsOf: url)))
            var ordinal = 0
            for command in commands {
                guard let items = command.list, let head = items.first?.atom else { continue }
                let modules = WastScanner.binaryModule(command).map { [$0] }
                    ?? items.compactMap(WastScanner.binaryModule)
                for bytes in modules {
                    defer { ordinal += 1 }
                    if head == "assert_malformed" { continue }
                    total += 1
                    let label = "\(url.lastPathComponent) #\(ordinal) (\(head))"
                    do {
                        let m = try Module(binary: bytes)
                        let encoded = m.encode()
                        if encoded == bytes {
                            identical += 1
                        } else {
                            let at = zip(encoded, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(encoded.count, bytes.count)
                            Issue.record("\(label): encoding differs from the reference's at byte \(at)")
                        }
                    } catch {
                        Issue.record("\(label): \(error)")
                    }
                }
            }
        }
        print("reference-encoded modules: \(identical)/\(total) decode and re-encode identically")
        #expect(total > 0)
    }
}

/// A small deterministic generator (SplitMix64), so every run mutates the same way.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int {
        n <= 0 ? 0 : Int(next() % UInt64(n))
    }
}

/// Mutates a binary module a little: a byte changed, inserted or removed, or the input
/// cut short.
func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var b = bytes
    let interesting: [UInt8] = [0x00, 0x01, 0x05, 0x0B, 0x3F, 0x40, 0x41, 0x63, 0x64, 0x70, 0x7F, 0x80, 0xFF]
    let rounds = 1 + rng.below(3)
    for _ in 0..<rounds {
        let at = rng.below(b.count)
        switch rng.below(6) {
        case 0: if !b.isEmpty { b[at] = UInt8(truncatingIfNeeded: rng.next()) }
        case 1: if !b.isEmpty { b[at] = interesting[rng.below(interesting.count)] }
        case 2: b = Array(b.prefix(8 + rng.below(max(1, b.count - 8))))
        case 3: if !b.isEmpty { b.remove(at: at) }
        case 4: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
        default: b.insert(contentsOf: [0x80, 0x80, 0x80, 0x80, 0x80], at: at)
        }
    }
    return b
}

/// A random module whose sections have correct sizes but random content: either one
/// function with a random body, or a few random sections. Such inputs get past the
/// section sizes and exercise the decoders of types, segments and instructions.
func soup(_ rng: inout SplitMix64) -> [UInt8] {
    let common: [UInt8] = [
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0B, 0x0C, 0x0E, 0x1C, 0x1F, 0x20, 0x28, 0x40, 0x41, 0x42,
        0x43, 0x4E, 0x4F, 0x50, 0x5E, 0x5F, 0x60, 0x63, 0x64, 0x69, 0x6E, 0x70, 0x71, 0x77, 0x78, 0x7B,
        0x7F, 0x80, 0x81, 0xC0, 0xD0, 0xD2, 0xFB, 0xFC, 0xFD, 0xFF,
    ]
    func randomBytes(_ n: Int, _ rng: inout SplitMix64) -> [UInt8] {
        (0..<n).map { _ in
            rng.below(4) == 0 ? UInt8(truncatingIfNeeded: rng.next()) : common[rng.below(common.count)]
        }
    }
    if rng.below(2) == 0 {
        let body = randomBytes(rng.below(24), &rng) + [0x0B]
        let extra = rng.below(3) == 0 ? [B.section(12, [0x01])] : []
        return B.function(body, locals: rng.below(4) == 0 ? randomBytes(3, &rng) : [0x00], extra: extra)
    }
    var bytes = B.header
    for _ in 0..<(1 + rng.below(3)) {
        let id = UInt8(rng.below(16))
        bytes += B.section(id, randomBytes(rng.below(32), &rng))
    }
    return bytes
}

extension Module {
    /// Whether a custom section is placed after a section that is empty here. We write
    /// such a section anyway to keep the place; the reference leaves it out, so its
    /// bytes differ from ours there.
    var hasCustomAfterEmptySection: Bool {
        func usesData(_ e: Expr) -> Bool {
            e.contains {
                switch $0 {
                case .memoryInit, .dataDrop, .arrayNewData, .arrayInitData: true
                default: false
                }
            }
        }
        var exprs: [Expr] = funcs.map(\.body) + globals.map(\.initializer) + tables.map(\.initializer)
        for seg in elems {
            exprs += seg.inits
            if case .active(_, let e) = seg.mode { exprs.append(e) }
        }
        for seg in datas { if case .active(_, let e) = seg.mode { exprs.append(e) } }
        let dataCountWritten = exprs.contains(where: usesData)
        return customs.contains { c in
            guard case .after(let kind) = c.place else { return false }
            switch kind {
            case .type: return types.isEmpty
            case .import: return imports.isEmpty
            case .function, .code: return funcs.isEmpty
            case .table: return tables.isEmpty
            case .memory: return memories.isEmpty
            case .tag: return tags.isEmpty
            case .global: return globals.isEmpty
            case .export: return exports.isEmpty
            case .start: return start == nil
            case .elem: return elems.isEmpty
            case .dataCount: return !dataCountWritten
            case .data: return datas.isEmpty
            }
        }
    }

    /// The module as the reference would re-encode it: with locals merged into maximal
    /// runs (it keeps them one by one).
    var referenceNormalised: Module {
        var m = self
        for i in m.funcs.indices {
            var runs: [Locals] = []
            for l in m.funcs[i].locals where l.count > 0 {
                if let last = runs.last, last.type == l.type {
                    runs[runs.count - 1].count += l.count
                } else {
                    runs.append(l)
                }
            }
            m.funcs[i].locals = runs
        }
        return m
    }
}

@Suite struct ReferenceDifferentialTests {
    /// Mutated modules: the reference's verdict, message and offset must be ours, and
    /// where both accept, both must re-encode to the same bytes.
    @Test(.enabled(if: referenceInterpreter != nil, "set WASM_REFERENCE_INTERPRETER to run"))
    func mutatedModulesAgreeWithTheReference() throws {
        let wasm = referenceInterpreter ?? ""
        var seeds: [[UInt8]] = (try SpecSuite.binaryModuleCases() ?? []).map(\.bytes)
        if let dir = corpusDirectory {
            for url in SpecSuite.wastFiles(in: URL(fileURLWithPath: dir)) {
                for command in try WastScanner.parse([UInt8](Data(contentsOf: url))) {
                    guard let items = command.list else { continue }
                    let modules = WastScanner.binaryModule(command).map { [$0] }
                        ?? items.compactMap(WastScanner.binaryModule)
                    seeds += modules.filter { $0.count <= 4096 }
                }
            }
        }
        let perSeed = Int(ProcessInfo.processInfo.environment["WASM_DIFF_MUTANTS"] ?? "") ?? 2
        var rng = SplitMix64(state: UInt64(ProcessInfo.processInfo.environment["WASM_DIFF_SEED"] ?? "") ?? 1)
        var inputs: [[UInt8]] = []
        for seed in seeds {
            inputs.append(seed)
            for _ in 0..<perSeed { inputs.append(mutate(seed, &rng)) }
        }
        let soups = Int(ProcessInfo.processInfo.environment["WASM_DIFF_SOUPS"] ?? "") ?? 2000
        for _ in 0..<soups { inputs.append(soup(&rng)) }

        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("wasm-diff-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        for (i, bytes) in inputs.enumerated() {
            try Data(bytes).write(to: dir.appendingPathComponent("\(i).in.wasm"))
        }
        // One reference process per input, two at a time, memory-capped: it materialises
        // locals one by one, so a mutated count may ask it for billions.
        let script = """
            cd '\(dir.path)' && ls *.in.wasm | xargs -P 2 -I{} sh -c \
            'ulimit -v 2000000; timeout 20 "$0" -c custom -u -d {} -o {}.out.wasm 2> {}.err; echo $? > {}.rc' '\(wasm)'
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        try p.run()
        p.waitUntilExit()

        var agree = 0
        var skipped = 0
        var offsetMismatches = 0
        var emptySectionsKept = 0
        for (i, bytes) in inputs.enumerated() {
            let base = dir.appendingPathComponent("\(i).in.wasm").path
            let rc = (try? String(contentsOfFile: base + ".rc", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let err = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
            let ours = Result { () throws(DecodeError) in try Module(binary: bytes) }
            let hex = bytes.map { String($0, radix: 16) }.joined(separator: " ")
            if rc == "0" {
                guard case .success(let m) = ours else {
                    if case .failure(let e) = ours {
                        Issue.record("input \(i): reference accepts, we say \(e)\n\(hex)")
                    }
                    continue
                }
                if (try? Module(binary: m.encode())) != m {
                    Issue.record("input \(i): does not survive encode and decode\n\(hex)")
                }
                let theirs = fm.contents(atPath: base + ".out.wasm").map { [UInt8]($0) }
                if theirs == m.referenceNormalised.encode() {
                    agree += 1
                } else if m.hasCustomAfterEmptySection {
                    agree += 1
                    emptySectionsKept += 1
                } else {
                    Issue.record("input \(i): re-encodings differ\n\(hex)")
                }
                continue
            }
            guard let range = err.range(of: ": decoding error: ") else {
                skipped += 1  // out of memory or time in the reference, not a decoding verdict
                if skipped <= 5 { print("skipped input \(i) (rc \(rc ?? "?")): \(err.prefix(200))") }
                continue
            }
            let message = String(err[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
            let location = err[..<range.lowerBound]
            let offsetText = location.split(separator: ":").last.map(String.init) ?? ""
            let offset = Int(offsetText.drop { $0 == "0" || $0 == "x" }.prefix { $0 != "-" }, radix: 16) ?? 0
            switch ours {
            case .success:
                Issue.record("input \(i): reference says \"\(message)\", we accept\n\(hex)")
            case .failure(let e):
                if e.message != message {
                    Issue.record("input \(i): reference says \"\(message)\", we say \"\(e.message)\"\n\(hex)")
                } else {
                    agree += 1
                    if e.offset != offset {
                        offsetMismatches += 1
                        Issue.record("input \(i): \"\(message)\" at 0x\(String(e.offset, radix: 16)), reference at \(offsetText)\n\(hex)")
                    }
                }
            }
        }
        print(
            "differential: \(agree)/\(inputs.count) agree with the reference "
                + "(\(skipped) skipped: reference out of resources; \(offsetMismatches) offsets differ; "
                + "\(emptySectionsKept) encodings keep an empty section for a custom section's place)")
    }
}

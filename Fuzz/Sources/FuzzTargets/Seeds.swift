// The seed corpora, made from scripts (the official suite's and our own) by
// Fuzz/seeds.sh: every target gets the inputs that reach furthest into it, and the text
// targets a dictionary of the words the scripts use.

import Foundation
import WasmText

package enum SeedCorpus {
    /// How many generator inputs the run targets get, besides the suite's modules.
    static let generatorInputs = 300
    /// The most bytes of script one seed of the script target holds.
    static let maxScriptSeed = 4096

    /// Writes each target's seeds to `directory/<executable>/` (one file each, named by
    /// a hash of its content) and the dictionary to `directory/wat.dict`; returns how
    /// many seeds each target got.
    package static func write(scripts paths: [String], to directory: String) throws -> [(String, Int)] {
        var modules = ScriptModules()
        var chunks: [[UInt8]] = []
        var words: Set<String> = []
        for path in paths {
            let source = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            guard let script = try? parseScript(source) else { continue }
            modules.add(script)
            chunks += scriptChunks(source, script)
            words.formUnion(scriptWords(source))
        }
        var binary = modules.binary
        var texts: [[UInt8]] = modules.quoted
        for m in modules.text + modules.quoted.compactMap({ try? Module(text: $0) }) {
            binary.append(m.encode())
            if let t = try? m.text(maxLocals: FuzzTarget.maxPrintedLocals) { texts.append(Array(t.utf8)) }
        }
        binary = unique(binary)
        let runnable = binary.filter { (try? Module(binary: $0).validate()) != nil }
        // Generator inputs: bytes from a fixed sequence (xorshift), so that the seeds
        // are the same on every run.
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return x
        }
        let generated = (0 ..< generatorInputs).map { _ in
            (0 ..< 16 + Int(next() % 1009)).map { _ in UInt8(truncatingIfNeeded: next()) }
        }
        var counts: [(String, Int)] = []
        for target in FuzzTarget.allCases {
            let seeds: [[UInt8]]
            switch target {
            case .decode, .validate, .roundTrip: seeds = binary
            case .parseText: seeds = unique(texts)
            case .parseScript: seeds = unique(chunks)
            case .runReference, .runCompiled, .differential: seeds = runnable + generated
            }
            let folder = directory + "/" + target.executable
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for s in seeds { try Data(s).write(to: URL(fileURLWithPath: folder + "/" + name(s))) }
            counts.append((target.executable, seeds.count))
        }
        let dictionary = words.sorted().map { "\"" + $0 + "\"" }.joined(separator: "\n") + "\n"
        try Data(dictionary.utf8).write(to: URL(fileURLWithPath: directory + "/wat.dict"))
        return counts
    }

    static func unique(_ inputs: [[UInt8]]) -> [[UInt8]] {
        var seen: Set<[UInt8]> = []
        return inputs.filter { seen.insert($0).inserted }
    }

    /// A file name for an input: its 64-bit FNV-1a hash in hex.
    package static func name(_ input: [UInt8]) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in input { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The script cut into pieces of at most `maxScriptSeed` bytes (or one command, if
    /// longer) at the lines where its commands start, each beginning at a module so that
    /// the commands after it have a module to act on.
    static func scriptChunks(_ source: [UInt8], _ script: Script) -> [[UInt8]] {
        var lineStarts = [0]
        for (i, b) in source.enumerated() where b == UInt8(ascii: "\n") { lineStarts.append(i + 1) }
        func offset(_ line: Int) -> Int { line - 1 < lineStarts.count ? lineStarts[max(line - 1, 0)] : source.count }
        // Units: a module command and the commands after it, up to the next module.
        var units: [Range<Int>] = []
        var start: Int? = nil
        for c in script {
            let at = offset(c.location.line)
            if case .module = c.command, let s = start, at > s {
                units.append(s ..< at)
                start = at
            }
            if start == nil { start = at }
        }
        if let s = start, s < source.count { units.append(s ..< source.count) }
        var chunks: [[UInt8]] = []
        var current: Range<Int>? = nil
        for u in units {
            if let c = current, u.upperBound - c.lowerBound <= maxScriptSeed {
                current = c.lowerBound ..< u.upperBound
            } else {
                if let c = current { chunks.append(Array(source[c])) }
                current = u
            }
        }
        if let c = current { chunks.append(Array(source[c])) }
        return chunks
    }

    /// The keywords and instruction names a script uses (runs of letters, digits, `.`
    /// and `_` that start with a letter), for libFuzzer's dictionary.
    static func scriptWords(_ source: [UInt8]) -> Set<String> {
        var words: Set<String> = []
        var word: [UInt8] = []
        func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
        }
        for b in source + [0x20] {
            if isWordByte(b) {
                word.append(b)
                continue
            }
            if let first = word.first, first >= 0x61, first <= 0x7A, word.count >= 2, word.count <= 32 {
                words.insert(String(decoding: word, as: UTF8.self))
            }
            word = []
        }
        return words
    }
}

import Foundation
import FuzzTargets
import Testing

/// The kept corpus of the fuzz targets (Fuzz/corpus/<executable>, Fuzz/README.md): the
/// regression inputs of past findings and the inputs of the campaigns that reach the most
/// of the code. Each runs through its target's checks as the fuzzer runs it: a finding
/// (a broken property, a crash, a reference engine `crash` after validation, engines
/// that disagree) aborts the test process, and each input must finish in time.
@Suite struct FuzzCorpusTests {
    static let corpus = SpecSuiteTests.packageRoot + "/Fuzz/corpus"

    static func inputs(_ target: FuzzTarget) -> [URL] {
        let folder = URL(fileURLWithPath: corpus + "/" + target.executable)
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test(arguments: FuzzTarget.allCases)
    func keptInputsPass(target: FuzzTarget) throws {
        let clock = ContinuousClock()
        for file in Self.inputs(target) {
            let input = try [UInt8](Data(contentsOf: file))
            let time = clock.measure { target.run(input) }
            // The fuzzers' bound is 1 s in release; a debug build is several times slower,
            // and other tests run beside this one.
            #expect(time < .seconds(10), "\(target.executable)/\(file.lastPathComponent): \(time)")
        }
    }

    @Test func everyTargetKeepsACorpus() {
        for target in FuzzTarget.allCases {
            #expect(!Self.inputs(target).isEmpty, "no kept inputs for \(target.executable)")
        }
    }

    /// Every regression input Fuzz/corpus/REGRESSIONS lists is in the kept corpus, so
    /// that a refresh of the corpus cannot lose one.
    @Test func regressionInputsAreKept() throws {
        let path = Self.corpus + "/REGRESSIONS"
        guard FileManager.default.fileExists(atPath: path) else { return }
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count >= 2, !line.hasPrefix("#") else { continue }
            let file = Self.corpus + "/\(fields[0])/\(fields[1])"
            #expect(FileManager.default.fileExists(atPath: file), "regression input \(file) is missing")
        }
    }
}

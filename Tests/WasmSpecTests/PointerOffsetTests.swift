import Foundation
import Testing

/// Swift 6.3's SIL optimiser mistakes a pointer access at a negative constant offset
/// (`p[-1]`, `p.advanced(by: -1)`) for one that overlaps `p[0]`, and its dead-store
/// elimination then drops a store to `p[-k]` that a store to `p[0]` follows
/// (swiftlang/swift#77558). A debug build never shows it; a release build silently
/// computes wrong results. The runtime therefore addresses frame slots only upward from
/// a base; this test keeps it that way.
@Suite struct PointerOffsetTests {
    @Test func noNegativeConstantPointerOffsetsInSources() throws {
        let root = SpecSuiteTests.packageRoot + "/Sources"
        let pattern = try NSRegularExpression(pattern: #"\[\s*-\s*[0-9]|advanced\(by:\s*-\s*[0-9]"#)
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            Issue.record("cannot read \(root)")
            return
        }
        var checked = 0
        for case let path as String in walker where path.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
            checked += 1
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                if pattern.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil {
                    Issue.record("Sources/\(path):\(n + 1): negative constant offset: \(line)")
                }
            }
        }
        #expect(checked > 50)
    }
}

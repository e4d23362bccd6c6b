import Testing
import WasmSpec

/// Decoding, encoding and decoding again gives the same module, for every module of the
/// suite that decodes; a parsed text module encodes to bytes that decode to it.
@Suite struct RoundTripTests {
    @Test func binaryModulesRoundTrip() throws {
        let suite = try #require(SuiteModules.shared, "official suite not found")
        var decoded = 0
        for bytes in suite.binary {
            guard let m = try? Module(binary: bytes) else { continue }
            decoded += 1
            let again = try Module(binary: m.encode())
            #expect(again == m)
        }
        #expect(decoded > 90)
    }

    @Test func textModulesRoundTrip() throws {
        let suite = try #require(SuiteModules.shared, "official suite not found")
        var checked = 0
        for m in suite.text {
            let bytes = m.encode()
            let decoded = try Module(binary: bytes)
            #expect(decoded == m)
            checked += 1
        }
        for source in suite.quoted {
            guard let m = try? Module(text: source) else { continue }
            #expect(try Module(binary: m.encode()) == m)
            checked += 1
        }
        #expect(checked > 5000)
    }
}

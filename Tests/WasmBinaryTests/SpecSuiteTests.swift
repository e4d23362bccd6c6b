// The binary modules of the official test suite: every `assert_malformed` one must fail
// to decode with the expected message (ours may be longer, it must start with the
// expected text), every other one must decode and survive an encode/decode round trip.

import Testing
import WasmBinary

@Suite struct SpecSuiteTests {
    @Test func binaryModulesOfTheSuite() throws {
        guard let cases = try SpecSuite.binaryModuleCases() else {
            Issue.record("the official test suite was not found (set WASM_SPECTESTS)")
            return
        }
        var malformed = (total: 0, passed: 0)
        var wellFormed = (total: 0, decoded: 0, roundTripped: 0)
        var invalid = (total: 0, decoded: 0)
        for c in cases {
            let label = "\(c.file) #\(c.ordinal) (\(c.command))"
            if c.command == "assert_malformed" {
                malformed.total += 1
                let expected = c.message ?? ""
                do {
                    _ = try Module(binary: c.bytes)
                    Issue.record("\(label): decoded, expected \"\(expected)\"")
                } catch {
                    if error.message.hasPrefix(expected) {
                        malformed.passed += 1
                    } else {
                        Issue.record("\(label): \"\(error.message)\", expected \"\(expected)\"")
                    }
                }
                continue
            }
            wellFormed.total += 1
            if c.command == "assert_invalid" { invalid.total += 1 }
            let module: Module
            do {
                module = try Module(binary: c.bytes)
            } catch {
                Issue.record("\(label): failed to decode: \(error)")
                continue
            }
            wellFormed.decoded += 1
            if c.command == "assert_invalid" { invalid.decoded += 1 }
            let encoded = module.encode()
            do {
                let again = try Module(binary: encoded)
                if again == module {
                    wellFormed.roundTripped += 1
                } else {
                    Issue.record("\(label): round trip changed the module")
                }
                // Encoding is deterministic and a fixed point after one round.
                #expect(again.encode() == encoded, "\(label): re-encoding differs")
            } catch {
                Issue.record("\(label): re-encoded module fails to decode: \(error)")
            }
        }
        print(
            """
            spec suite binary modules: \(cases.count)
              assert_malformed: \(malformed.passed)/\(malformed.total) fail with the expected message
              others: \(wellFormed.decoded)/\(wellFormed.total) decode, \
            \(wellFormed.roundTripped)/\(wellFormed.total) round-trip \
            (of which assert_invalid: \(invalid.decoded)/\(invalid.total) decode)
            """)
        #expect(malformed.total > 0)
        #expect(malformed.passed == malformed.total)
        #expect(wellFormed.decoded == wellFormed.total)
        #expect(wellFormed.roundTripped == wellFormed.total)
    }
}

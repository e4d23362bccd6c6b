import Foundation
import Testing

/// Holds the rule index (docs/semantics.md) to the code: the committed file is what the
/// annotations produce, every rule of the specification (docs/spec-rules.txt) has a
/// function, no annotation names a rule the specification lacks, and each function is
/// short enough to read beside its rule.
///
/// With `RULE_INDEX_WRITE=1` in the environment the index is written instead of compared.
@Suite struct RuleIndexTests {
    /// The issue asks for functions "of at most about 40 lines"; this is the hard limit.
    static let maxLines = 45

    static let indexPath = "docs/semantics.md"

    static func spec() throws -> SpecRules {
        let text = try String(contentsOfFile: SpecSuiteTests.packageRoot + "/docs/spec-rules.txt", encoding: .utf8)
        return try SpecRules(text: text)
    }

    /// The annotations of the evaluator's files; a malformed one fails the test.
    static func annotations() throws -> [RuleAnnotation] {
        let root = SpecSuiteTests.packageRoot
        let (found, errors) = try RuleIndex.annotations(packageRoot: root, files: try RuleIndex.sourceFiles(packageRoot: root))
        for e in errors { Issue.record("malformed annotation: \(e)") }
        return found
    }

    @Test func indexIsGeneratedFromTheAnnotations() throws {
        let rendered = RuleIndex.render(try Self.spec(), try Self.annotations())
        let path = SpecSuiteTests.packageRoot + "/" + Self.indexPath
        if ProcessInfo.processInfo.environment["RULE_INDEX_WRITE"] == "1" {
            try rendered.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        if committed != rendered {
            let a = committed.split(separator: "\n", omittingEmptySubsequences: false)
            let b = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let k = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                \(Self.indexPath) is out of date (first difference at line \(k + 1): \
                "\(k < a.count ? a[k] : "")" should be "\(k < b.count ? b[k] : "")"). \
                Regenerate: \(RuleIndex.regenerate)
                """)
        }
    }

    @Test func specRuleListIsWhole() throws {
        let spec = try Self.spec()
        let names = spec.names
        #expect(Set(names).count == names.count, "a name listed twice in docs/spec-rules.txt")
        // The 219 rules of 4.3-execution.instructions.spectec at 285a903 and the 6
        // definitions of instantiation and invocation.
        #expect(names.filter { !$0.hasPrefix("$") }.count == 219)
        #expect(names.filter { $0.hasPrefix("$") }.count == 6)
        #expect(spec.sections.map(\.title).contains(SpecRules.structural))
        for name in spec.sections.first(where: { $0.title == SpecRules.structural })?.names ?? [] {
            #expect(RuleIndex.structuralRealisation[name] != nil, "no explanation for the structural rule \(name)")
        }
    }

    @Test func everyRuleOfTheSpecificationIsAnnotated() throws {
        let annotated = Set(try Self.annotations().flatMap(\.names))
        let missing = try Self.spec().implemented.filter { !annotated.contains($0) }
        #expect(missing.isEmpty, "rules no function names in a `Rule:` annotation: \(missing)")
    }

    @Test func everyAnnotationNamesARuleOfTheSpecification() throws {
        let spec = try Self.spec()
        let known = Set(spec.implemented)
        let structural = Set(spec.names).subtracting(known)
        for a in try Self.annotations() {
            for name in a.names where !known.contains(name) {
                let why = structural.contains(name) ? "a structural rule, which has no function" : "not a rule of the specification"
                Issue.record("\(a.file):\(a.line): \(name) is \(why) (docs/spec-rules.txt)")
            }
        }
    }

    @Test func parserReadsEveryFormAndRejectsOthers() {
        let text = """
            extension Configuration {
                /// Rules: Step_pure/return-frame, Step_pure/return-label,
                /// Step_pure/frame-vals (a note, with a comma)
                /// Prose: not an annotation, since it follows the list.
                @inline(__always)
                func `return`(_ x: UInt32, into y: inout [Int], run: () throws(E) -> Void = {}) throws(E) {
                    if x > 0 {
                        y.append(1)
                    }
                }

                func step() {
                    switch x {
                    case .nop: break  // Rule: Step_pure/nop
                    }
                }
            }
            final class Engine {
                /// Definition: $invoke
                func invoke(
                    _ f: F,
                    with a: [Int]
                ) -> Int { 0 }
            }
            """
        let (found, errors) = RuleIndex.annotations(in: text, file: "F.swift")
        #expect(errors.isEmpty, "\(errors)")
        #expect(found.map(\.names) == [["Step_pure/return-frame", "Step_pure/return-label", "Step_pure/frame-vals"], ["Step_pure/nop"], ["$invoke"]])
        #expect(found.map(\.function) == ["Configuration.return(_:into:run:)", "Configuration.step()", "Engine.invoke(_:with:)"])
        #expect(found.map(\.note) == ["a note, with a comma", nil, nil])
        #expect(found.map(\.dispatchCase) == [nil, ".nop", nil])
        #expect(found.map(\.line) == [2, 14, 19])
        #expect(found.map(\.length) == [5, 1, 4])

        for bad in [
            "/// Rule: Step_pure/nop\nlet x = 1\n",  // not before a function
            "/// Rules: Step_pure/nop Step_pure/drop\nfunc f() {\n}\n",  // not comma-separated
            "/// Rule: step pure\nfunc f() {\n}\n",  // not a rule name
            "    // Rule: Step_pure/nop\nfunc f() {\n}\n",  // neither doc comment nor case
            "// Rules:  Step_pure/nop\n",  // idem
            "/// Rule: Step_pure/nop\nfunc f() {\n  // }\n  g(\"}\")\n",  // a body that does not close
        ] {
            #expect(!RuleIndex.annotations(in: bad, file: "F.swift").errors.isEmpty, "accepted: \(bad)")
        }
    }

    @Test func functionsImplementingRulesAreShort() throws {
        // The limit is for the rules of §4.6; the module-level definitions of §4.7
        // (`$instantiate`...) are whole procedures, and their function is not held to it.
        let measured = try Self.annotations().filter { $0.names.contains { !$0.hasPrefix("$") } }
        var longest: [String: (RuleAnnotation, Int)] = [:]
        for a in measured {
            let key = a.file + " " + a.function
            if (longest[key]?.1 ?? 0) < a.length { longest[key] = (a, a.length) }
        }
        let ranked = longest.values.sorted { ($0.1, $1.0.function) > ($1.1, $0.0.function) }
        let report = ranked.prefix(5).map { "\($0.0.function) \($0.1)" }.joined(separator: ", ")
        print("RuleIndexTests: \(longest.count) functions implement rules of §4.6; the longest (lines): \(report)")
        for (a, n) in ranked where n > Self.maxLines {
            Issue.record("\(a.file):\(a.line): \(a.function) is \(n) lines, over \(Self.maxLines): split it so that a reader can hold it beside its rules")
        }
        #expect(measured.count > 80)
    }
}

import Foundation

// The rule index, docs/semantics.md: from each reduction rule of the specification to
// the function of the definitional evaluator that implements it. It is generated from
// the annotations in the code, here, and RuleIndexTests holds the committed file to it.
//
// An annotation is a doc-comment line naming rules after the specification's SpecTec
// names, before the function that implements them:
//
//     /// Rule: Step_read/block
//     /// Rules: Step_pure/if-true, Step_pure/if-false
//     /// Rules: Step_pure/return-frame, Step_pure/return-label,   (a line ending in a
//     /// Step_pure/frame-vals                                      comma goes on)
//     /// Rule: Step_read/call_ref-func (host functions)            (a note in parentheses)
//     /// Definitions: $instantiate, $evalglobals                   (§4.7 definitions)
//
// or a trailing `// Rule: ...` comment on a `case` of the dispatch in `step()`, for an
// instruction that has no function of its own.

/// The rule names of docs/spec-rules.txt, by section, in the specification's order.
struct SpecRules {
    /// A section of the specification and the names it presents.
    struct Section {
        var title: String
        var names: [String]
    }

    var sections: [Section]

    /// The section of the rules the evaluator realises by its design, not by a function.
    static let structural = "Structural"
    /// The section of the trap propagation rules, which the document places nowhere.
    static let traps = "Traps"

    /// Reads docs/spec-rules.txt: `## title` starts a section, `#` a comment, and every
    /// other non-empty line is a name.
    init(text: String) throws(RuleIndexError) {
        var sections: [Section] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("## ") {
                sections.append(Section(title: String(line.dropFirst(3)), names: []))
            } else if line.isEmpty || line.hasPrefix("#") {
                continue
            } else if !sections.isEmpty, RuleIndex.isName(line) {
                sections[sections.count - 1].names.append(line)
            } else {
                throw RuleIndexError("docs/spec-rules.txt:\(n + 1): not a rule name under a section: \(line)")
            }
        }
        self.sections = sections
    }

    /// Every name, in order.
    var names: [String] { sections.flatMap(\.names) }

    /// The names that must be annotated somewhere: all but the structural rules.
    var implemented: [String] {
        sections.filter { $0.title != SpecRules.structural }.flatMap(\.names)
    }
}

/// A malformed annotation or rule list, with where it is.
struct RuleIndexError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One annotation: the rules it names and the function it stands before.
struct RuleAnnotation {
    /// The rule (or, with `$`, definition) names, in the order written.
    var names: [String]
    /// The remark in parentheses after them, if any.
    var note: String?
    /// The function as a reader looks it up: `Configuration.block(_:)`.
    var function: String
    /// For an annotation on a `case` of a dispatch: the case, `.nop`.
    var dispatchCase: String?
    /// The file, relative to the package root.
    var file: String
    /// The line of the annotation, 1-based (for messages only: the index shows none, so
    /// that editing a file does not make it stale).
    var line: Int
    /// The function's length in lines, from its `func` line to its closing brace; 1 for
    /// a `case`.
    var length: Int
}

/// Parses the annotations and renders docs/semantics.md.
enum RuleIndex {
    /// The files whose annotations the index shows, relative to the package root: the
    /// definitional evaluator and the module-level instantiation.
    static func sourceFiles(packageRoot: String) throws -> [String] {
        let folder = "Sources/WasmSpec/Definitional"
        let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/" + folder)
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { folder + "/" + $0 }
            + ["Sources/WasmSpec/Runtime/Instantiation.swift"]
    }

    /// The annotations of the given files, in file and line order; each malformed one
    /// is an error in `errors`.
    static func annotations(packageRoot: String, files: [String]) throws -> (found: [RuleAnnotation], errors: [String]) {
        var found: [RuleAnnotation] = []
        var errors: [String] = []
        for file in files {
            let (f, e) = annotations(in: try String(contentsOfFile: packageRoot + "/" + file, encoding: .utf8), file: file)
            found += f
            errors += e
        }
        return (found, errors)
    }

    /// The annotations of the text of one file.
    static func annotations(in text: String, file: String) -> (found: [RuleAnnotation], errors: [String]) {
        var found: [RuleAnnotation] = []
        var errors: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < lines.count {
            do {
                if let (a, last) = try annotation(in: lines, at: i, file: file) {
                    found.append(a)
                    i = last
                }
            } catch {
                errors.append("\(file):\(i + 1): \(error)")
            }
            i += 1
        }
        return (found, errors)
    }

    /// A rule or definition name: `Step_read/block`, `Eval_expr`, `$instantiate`.
    static func isName(_ s: String) -> Bool {
        s.range(of: #"^(\$[A-Za-z0-9_]+|[A-Z][A-Za-z0-9_]*(/[A-Za-z0-9_.\-]+)?)$"#, options: .regularExpression) != nil
    }

    private static let keyword = #"(Rules?|Definitions?):\s+"#

    /// The annotation starting at line `i`, and the index of its last line; `nil` when
    /// the line starts none.
    private static func annotation(in lines: [String], at i: Int, file: String) throws(RuleIndexError)
        -> (RuleAnnotation, Int)?
    {
        let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
        if let r = trimmed.range(of: "^///\\s*" + keyword, options: .regularExpression) {
            // A doc-comment annotation, perhaps continued on the following lines.
            var text = String(trimmed[r.upperBound...])
            var last = i
            while text.trimmingCharacters(in: .whitespaces).hasSuffix(","), last + 1 < lines.count {
                let next = lines[last + 1].trimmingCharacters(in: .whitespaces)
                guard next.hasPrefix("///") else { break }
                last += 1
                text += " " + next.dropFirst(3)
            }
            let (names, note) = try list(text)
            // The function: after the rest of the doc comment and any attributes.
            var j = last + 1
            while j < lines.count {
                let t = lines[j].trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("///") || t.hasPrefix("@") else { break }
                j += 1
            }
            guard j < lines.count, let (name, labels) = try signature(lines, at: j) else {
                throw RuleIndexError("annotation not followed by a function")
            }
            let function = enclosingType(lines, before: j).map { $0 + "." } ?? ""
            let a = RuleAnnotation(
                names: names, note: note, function: function + name + "(" + labels + ")", dispatchCase: nil,
                file: file, line: i + 1, length: try length(lines, at: j))
            return (a, last)
        }
        if let r = lines[i].range(of: "//\\s*" + keyword, options: .regularExpression) {
            // A trailing annotation on a case of a dispatch.
            let code = lines[i][..<r.lowerBound]
            guard let c = code.range(of: #"^\s*case\s+\.[A-Za-z_][A-Za-z0-9_]*"#, options: .regularExpression) else {
                throw RuleIndexError("a rule annotation must be a doc comment before a function, or trail a case")
            }
            let dispatchCase = code[c].trimmingCharacters(in: .whitespaces).dropFirst(4).trimmingCharacters(in: .whitespaces)
            let (names, note) = try list(String(lines[i][r.upperBound...]))
            guard let f = (0..<i).reversed().first(where: { (try? signature(lines, at: $0)) != nil }),
                let (name, labels) = try signature(lines, at: f)
            else { throw RuleIndexError("case annotation outside a function") }
            let function = enclosingType(lines, before: f).map { $0 + "." } ?? ""
            let a = RuleAnnotation(
                names: names, note: note, function: function + name + "(" + labels + ")",
                dispatchCase: dispatchCase, file: file, line: i + 1, length: 1)
            return (a, i)
        }
        if lines[i].range(of: "(^|[^`A-Za-z0-9_])" + keyword, options: .regularExpression) != nil {
            throw RuleIndexError("a rule annotation in a form the index does not read: \(trimmed)")
        }
        return nil
    }

    /// The names of an annotation's text and its note: `a, b, c (note)`.
    private static func list(_ text: String) throws(RuleIndexError) -> ([String], String?) {
        var body = text.trimmingCharacters(in: .whitespaces)
        var note: String?
        if let open = body.range(of: " (") {
            let rest = body[open.upperBound...].trimmingCharacters(in: .whitespaces)
            guard rest.hasSuffix(")") else { throw RuleIndexError("unclosed note in: \(text)") }
            note = String(rest.dropLast())
            body = String(body[..<open.lowerBound])
        }
        let names = body.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if let bad = names.first(where: { !isName($0) }) {
            throw RuleIndexError("not a rule name: \"\(bad)\" in: \(text)")
        }
        return (names, note)
    }

    /// The name and argument labels of the function declared at line `j`
    /// (`structNew`, `_:defaults:`), or `nil` when no function is declared there.
    private static func signature(_ lines: [String], at j: Int) throws(RuleIndexError) -> (String, String)? {
        let line = lines[j]
        guard let f = line.range(of: #"^\s*([a-z]+\s+)*func\s+"#, options: .regularExpression) else { return nil }
        let rest = line[f.upperBound...]
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "`" })
            .replacingOccurrences(of: "`", with: "")
        // The parameter clause, which may go on over several lines.
        var clause = ""
        var depth = 0
        var started = false
        var k = j
        var chars = Substring(rest.dropFirst(name.count + (rest.hasPrefix("`") ? 2 : 0)))
        scan: while true {
            var previous: Character = " "
            for ch in chars {
                if !started {
                    if ch == "(" { started = true; depth = 1 }
                    continue
                }
                depth += nesting(ch, after: previous)
                if depth == 0 { break scan }
                clause.append(ch)
                previous = ch
            }
            k += 1
            guard k < lines.count, k < j + 10 else { throw RuleIndexError("unterminated parameter list") }
            chars = Substring(lines[k])
            clause.append(" ")
        }
        // Split at the top-level commas; each parameter's first word is its label.
        var labels = ""
        var part = ""
        var previous: Character = " "
        depth = 0
        for ch in clause + "," {
            depth += nesting(ch, after: previous)
            previous = ch
            if ch == ",", depth == 0 {
                let label = part.split(separator: ":").first?.split(separator: " ").first.map(String.init)
                if let label, !label.isEmpty { labels += label + ":" }
                part = ""
            } else {
                part.append(ch)
            }
        }
        return (name, labels)
    }

    /// How a character of a declaration changes the depth of brackets (the `>` of `->`
    /// closes none).
    private static func nesting(_ ch: Character, after previous: Character) -> Int {
        switch ch {
        case "(", "[", "<": 1
        case ")", "]": -1
        case ">": previous == "-" ? 0 : -1
        default: 0
        }
    }

    /// The type whose extension or declaration at the top level holds line `j`.
    private static func enclosingType(_ lines: [String], before j: Int) -> String? {
        for k in stride(from: j, through: 0, by: -1) {
            let pattern = #"^((public|internal|private|fileprivate|final)\s+)*(extension|class|struct|enum|actor)\s+"#
            guard let r = lines[k].range(of: pattern, options: .regularExpression) else { continue }
            return String(lines[k][r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        }
        return nil
    }

    /// The lines from the `func` line at `j` to the brace that closes its body (the first
    /// brace outside the parameter list), strings and `//` comments aside.
    private static func length(_ lines: [String], at j: Int) throws(RuleIndexError) -> Int {
        var parens = 0
        var braces = 0
        for k in j..<lines.count {
            var inString = false
            var previous: Character = " "
            for ch in lines[k] {
                defer { previous = ch }
                if inString {
                    if ch == "\"", previous != "\\" { inString = false }
                    continue
                }
                if ch == "/", previous == "/" { break }  // the rest of the line is a comment
                switch ch {
                case "\"": inString = true
                case "(": parens += 1
                case ")": parens -= 1
                case "{" where parens == 0: braces += 1
                case "}" where parens == 0:
                    braces -= 1
                    if braces == 0 { return k - j + 1 }
                default: break
                }
            }
        }
        throw RuleIndexError("the function's body does not close")
    }

    // MARK: Rendering

    /// How to regenerate the index.
    static let regenerate = "RULE_INDEX_WRITE=1 swift test --filter RuleIndexTests"

    /// How the evaluator realises each structural rule, which no function implements.
    static let structuralRealisation: [String: String] = [
        "Step/pure":
            "lifts a `Step_pure` rule (which neither reads nor changes the store or the frame) to a step of the configuration. Every function here acts on the one configuration (`Configuration`), so the lift is no code.",
        "Step/read":
            "lifts a `Step_read` rule (which reads the store and the frame) to a step of the configuration: likewise no code.",
        "Steps/refl":
            "zero steps. With `Steps/trans`, the reflexive-transitive closure of a step: the step loop (`run()`, Step.swift) that executes one instruction at a time until the invocation's frame is left.",
        "Steps/trans":
            "a step followed by more steps: the same step loop.",
        "Step/ctxt-instrs":
            "a step of the instructions at the front of a sequence, values before them and instructions after them unchanged. Here the sequence is flat: the step executes the instruction at `pc` on the top of the operand stack, and the values below and the code after `pc` stay as they are.",
        "Step/ctxt-label":
            "a step inside a label. The evaluator does not nest the rest of the computation inside `label` instructions: a label is an entry of the flat control stack (arity, height of its values on the operand stack, continuation), so the step inside it is just the next instruction at `pc`, with the values above the label's height.",
        "Step/ctxt-handler":
            "a step inside an exception handler: the handler lives on the control-stack entry of its `try_table`'s label, so this is the label case.",
        "Step/ctxt-frame":
            "a step inside a frame, with that frame's locals and module. The innermost frame entry of the control stack is the current frame; it is loaded into the configuration (code, module instance, locals) on every call and return, so a step always runs in it.",
    ]

    /// A section's heading in the index.
    private static func heading(_ title: String) -> String {
        switch title {
        case SpecRules.structural: "Structural rules"
        case SpecRules.traps: "Trap propagation"
        default: title
        }
    }

    /// The text of docs/semantics.md.
    static func render(_ spec: SpecRules, _ annotations: [RuleAnnotation]) -> String {
        var byName: [String: [RuleAnnotation]] = [:]
        for a in annotations {
            for n in Set(a.names) { byName[n, default: []].append(a) }
        }
        let implemented = spec.implemented
        let stepRules = implemented.filter { !$0.hasPrefix("$") }
        let functions = Set(annotations.map { $0.file + " " + $0.function })
        let structural = spec.sections.first { $0.title == SpecRules.structural }?.names.count ?? 0
        var out = """
            # Semantics index: from the specification's rules to the code

            <!-- Generated from the `Rule:` annotations in the code by Tests/WasmSpecTests/RuleIndex.swift: \
            do not edit. Regenerate with `\(regenerate)`. -->

            This is the index from the reduction rules of the WebAssembly 3.0 specification to the
            functions of the definitional evaluator (`Sources/WasmSpec/Definitional/`) that implement
            them: for every rule of §4.6 "Instructions" (each `rule Step…` of
            `specification/wasm-3.0/4.3-execution.instructions.spectec`, by its SpecTec name) and for
            the module-level definitions of §4.7 "Modules" (instantiation, invocation), the Swift
            function to read beside it and its file. Section numbers are those of the 3.0 document
            (Execution is chapter 4).

            Every function that implements rules names them in its doc comment, `/// Rule: …` or
            `/// Rules: …` (`/// Definitions: $…` for §4.7), and this file is generated from those
            lines. `RuleIndexTests` fails when it is out of date, when a rule of the specification has
            no function, when an annotation names a rule the specification does not have, or when a
            function implementing rules of §4.6 is over 45 lines. After changing an annotation,
            regenerate it:

                \(regenerate)

            The specification's rule names are in [spec-rules.txt](spec-rules.txt) (regenerated from a
            clone of WebAssembly/spec by `python3 scripts/spec-rules.py`).

            Where the evaluator does in one step what the specification does in several (a branch
            crossing labels, a `memory.fill` of many bytes, an exception carried out to its handler),
            the function names every rule it composes. A rule with several rows has several
            functions: read them together. `t.const` and `v128.const` have no rule: constants are
            values already.

            \(stepRules.count) rules of §4.6 (besides \(structural) structural ones) and \(implemented.count - stepRules.count) module-level definitions of §4.7, \
            annotated on \(functions.count) functions.

            """
        for section in spec.sections {
            let module = section.title.hasPrefix("4.7")
            if module, !out.contains("\n## Module level") {
                out += "\n## Module level (§4.7)\n\nInstantiation and invocation as the store runs them, with the definitional evaluator as its engine. Allocation (§4.7.1) happens within `$instantiate`, through the initialisers of the instances, which both engines share; it is not indexed.\n"
            }
            out += "\n" + (module ? "### " : "## ") + heading(section.title) + "\n\n"
            if section.title == SpecRules.structural {
                out += "These rules carry a step into the contexts the specification nests its instructions in. The evaluator keeps no nested contexts: a flat operand stack and a flat control stack (labels, handlers, frames, innermost last; Configuration.swift) stand for them, and these rules have no function of their own.\n\n"
                for name in section.names {
                    out += "- `\(name)`: \(structuralRealisation[name] ?? "(no explanation)")\n"
                }
                continue
            }
            if section.title == SpecRules.traps {
                out += "A trap ends the computation through every context around it; the document describes this with the administrative instructions (§4.2).\n\n"
            }
            out += "| \(module ? "Definition" : "Rule") | Function | File |\n| --- | --- | --- |\n"
            for name in section.names {
                let rows = (byName[name] ?? []).sorted { ($0.file, $0.function) < ($1.file, $1.function) }
                if rows.isEmpty { out += "| `\(name)` | (none) | |\n" }
                for a in rows {
                    var function = "`\(a.function)`"
                    if let c = a.dispatchCase { function += " (case `\(c)`)" }
                    if let n = a.note { function += " (\(n.replacingOccurrences(of: "|", with: "\\|")))" }
                    let shown = a.file.replacingOccurrences(of: "Sources/WasmSpec/", with: "")
                    out += "| `\(name)` | \(function) | [\(shown)](../\(a.file)) |\n"
                }
            }
        }
        return out
    }
}

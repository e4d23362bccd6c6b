import Testing
import WasmSpec

/// Trap messages that name long types give them in full, as the reference interpreter
/// does (types.ml writes every type whole): a struct of 400 fields in a cast failure, a
/// large recursion group in an indirect call's mismatch. The expected text is spelled
/// out here from the reference's printing rules, independently of the printer under
/// test.
@Suite struct LongTypeMessageTests {
    /// The trap message of calling `name` on the module `text`, in both engines (they
    /// must agree).
    static func trap(_ text: String, _ name: String) throws -> String {
        var messages: [String] = []
        for engine in [EngineKind.reference, .compiled] {
            let instance = try instantiate(text: text, limits: ExecutionLimits(engine: engine))
            do {
                _ = try interpret(instance, name)
                Issue.record("\(name) returned in the \(engine) engine")
            } catch {
                guard case .trap(let m) = error else { throw error }
                messages.append(m)
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1])
        return messages.first ?? ""
    }

    /// The field types of the long struct, in turn: numbers, packed, mutable, references.
    static let fieldTypes = ["i32", "i64", "f32", "f64", "v128", "i8", "(mut i16)", "(mut f64)", "anyref", "(ref null 0)"]

    /// How the reference writes each of `fieldTypes` inside a closed type: `anyref` is
    /// `(ref null any)`, and type 0 (`(struct)`) is written in place.
    static let fieldTexts = ["i32", "i64", "f32", "f64", "v128", "i8", "(mut i16)", "(mut f64)", "(ref null any)", "(ref null (struct))"]

    @Test func castFailureNamesAStructOf400Fields() throws {
        let fields = (0 ..< 400).map { "(field \(Self.fieldTypes[$0 % Self.fieldTypes.count]))" }
        let text = """
            (module
              (type (struct))
              (type $long (struct \(fields.joined(separator: " "))))
              (type $other (struct (field i32)))
              (func (export "cast") (drop (ref.cast (ref $other) (struct.new_default $long)))))
            """
        let written = (0 ..< 400).map { "(field \(Self.fieldTexts[$0 % Self.fieldTexts.count]))" }
        let expected = "cast failure, expected (ref 2) but got (ref (struct " + written.joined(separator: " ") + "))"
        let message = try Self.trap(text, "cast")
        #expect(message == expected)
        #expect(message.utf8.count == expected.utf8.count && message.utf8.count > 5_000)
    }

    @Test func indirectCallMismatchNamesALargeRecursionGroup() throws {
        // A group of 300 members: the first a function type, the others structs that
        // refer to it, to the next member and to a type outside the group.
        let size = 300
        var members = ["(type $f0 (func (param i32 (ref null $outside)) (result i64)))"]
        for i in 1 ..< size {
            let next = i + 1 < size ? "$s\(i + 1)" : "$f0"
            members.append("(type $s\(i) (sub (struct (field (mut i32)) (field (ref null \(next))) (field (ref $outside)))))")
        }
        let text = """
            (module
              (type $outside (struct (field i8)))
              (rec \(members.joined(separator: " ")))
              (type $other (func))
              (table 1 funcref)
              (elem (i32.const 0) $callee)
              (func $callee (type $other))
              (func (export "call") (result i64)
                (call_indirect (type $f0) (i32.const 7) (ref.null $outside) (i32.const 0))))
            """
        // Inside the group, members are `rec.N`; the type outside it is written in place.
        let outside = "struct (field i8)"
        var written = ["(func [i32 (ref null (\(outside)))] -> [i64])"]
        for i in 1 ..< size {
            let next = i + 1 < size ? "rec.\(i + 1)" : "rec.0"
            written.append("(sub (struct (field (mut i32)) (field (ref null \(next))) (field (ref (\(outside))))))")
        }
        let expected = "indirect call type mismatch, expected (rec " + written.joined(separator: " ")
            + ").0 but got func [] -> []"
        let message = try Self.trap(text, "call")
        #expect(message == expected)
        #expect(message.utf8.count > 20_000)
    }

    /// A chain of types, each referring to the one before, is written to its end without
    /// recursing per type: 20,000 deep.
    @Test func deepChainIsWrittenInFull() throws {
        let n = 20_000
        var types = ["(type $t0 (struct))"]
        for i in 1 ... n { types.append("(type $t\(i) (struct (field (ref null $t\(i - 1)))))") }
        let text = """
            (module
              \(types.joined(separator: "\n  "))
              (type $other (struct (field i32)))
              (func (export "cast") (drop (ref.cast (ref $other) (struct.new_default $t\(n))))))
            """
        let message = try Self.trap(text, "cast")
        let expected = "cast failure, expected (ref \(Self.grouped(n + 1))) but got (ref "
            + String(repeating: "(struct (field (ref null ", count: n) + "(struct)" + String(repeating: ")))", count: n) + ")"
        #expect(message == expected)
    }

    /// Types whose text doubles with each one (each refers twice to the one before)
    /// stop after a mebibyte with `...`, where the reference would take exponential time.
    @Test func exponentialTextStopsAtTheCap() throws {
        var types = ["(type $t0 (struct (field i32)))"]
        for i in 1 ... 40 { types.append("(type $t\(i) (struct (field (ref null $t\(i - 1))) (field (ref null $t\(i - 1)))))") }
        let text = """
            (module
              \(types.joined(separator: "\n  "))
              (type $other (struct (field i64)))
              (func (export "cast") (drop (ref.cast (ref $other) (struct.new_default $t40)))))
            """
        let clock = ContinuousClock()
        var message = ""
        let time = try clock.measure { message = try Self.trap(text, "cast") }
        #expect(message.hasSuffix("..."))
        #expect(message.utf8.count > 1 << 20 && message.utf8.count < (1 << 20) + 200)
        #expect(time < .seconds(20))
    }

    static func grouped(_ x: Int) -> String {
        let digits = Array(String(x))
        var out = ""
        for (k, d) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += "_" }
            out.append(d)
        }
        return out
    }
}

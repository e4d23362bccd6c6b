import Testing

@testable import WasmSpec

/// A module with one function of type `params -> results` (type 0, function 0), to
/// which `extra` may add more.
func funcModule(
    _ params: [ValType] = [], _ results: [ValType] = [], locals: [Locals] = [],
    _ body: [Instruction], extra: (inout Module) -> Void = { _ in }
) -> Module {
    var m = Module(
        types: [RecType([SubType(.func(FuncType(params, results)))])],
        funcs: [Func(type: 0, locals: locals, body: body)])
    extra(&m)
    return m
}

/// A recursion group of one final sub type.
func typeDef(_ ct: CompType) -> RecType {
    RecType([SubType(ct)])
}

func ref(_ ht: HeapType, null: Bool = false) -> ValType {
    .ref(RefType(nullable: null, ht))
}

func expectValid(_ m: Module, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    do {
        _ = try m.validate()
    } catch {
        Issue.record("expected valid, got \(error)", sourceLocation: sourceLocation)
    }
}

/// Expects validation to fail with exactly this message (taken from the reference
/// interpreter on the equivalent text module).
func expectInvalid(_ m: Module, _ message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    do {
        _ = try m.validate()
        Issue.record("expected invalid: \(message)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.message == message, sourceLocation: sourceLocation)
    }
}

/// Expects validation to fail, returning the error.
func invalid(_ m: Module, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ValidationError? {
    do {
        _ = try m.validate()
        Issue.record("expected invalid", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

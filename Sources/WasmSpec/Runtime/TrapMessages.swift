// The trap messages that name types. The reference interpreter (eval.ml) writes the
// expected and the actual type into them: `cast failure, expected (ref 0) but got
// (ref null something)`, `indirect call type mismatch, expected func [i32] -> [] but got
// func [] -> []`.

extension Store {
    /// The type the reference interpreter gives a reference value in messages
    /// (`Value.type_of_ref`): a null has the bottom heap type, written `something`;
    /// functions, structs and arrays their defined type; host references `any`.
    ///
    /// NOTE: The reference types an exception reference by its tag's function type (so
    /// that `ref.test (ref exn)` fails on it there); WasmSpec follows the specification,
    /// where an exception reference has type `(ref exn)` (§4.5.2), and says so here too.
    func typeOfReference(_ slot: UInt64) -> RefType {
        if slot == RefSlot.null { return RefType(nullable: true, .bot) }
        if RefSlot.isI31(slot) { return RefType(nullable: false, .i31) }
        let object = RefSlot.object(slot)
        let heap: HeapType
        switch object.kind {
        case .function: heap = (object as? FunctionInstance).map { .def($0.type) } ?? .func
        case .struct: heap = (object as? StructObject).map { .def($0.type) } ?? .struct
        case .array: heap = (object as? ArrayObject).map { .def($0.type) } ?? .array
        case .exception: heap = .exn
        case .host: heap = .any
        case .extern: heap = .extern
        }
        return RefType(nullable: false, heap)
    }

    /// `ref.cast`'s trap (§4.4.6): the type as the instruction names it, and the value's.
    func castFailure(_ slot: UInt64, expected: RefType) -> String {
        "cast failure, expected \(Describe.refType(expected)) but got \(Describe.refType(typeOfReference(slot)))"
    }

    /// `call_indirect`'s trap (§4.4.8) when the callee's type does not match.
    static func indirectCallMismatch(expected: DefType, actual: DefType) -> String {
        var e = TypeDescription()
        e.defType(expected)
        var a = TypeDescription()
        a.defType(actual)
        return "indirect call type mismatch, expected \(e.text) but got \(a.text)"
    }
}

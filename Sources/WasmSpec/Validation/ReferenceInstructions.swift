// Reference instructions (§3.4.3) and aggregate instructions on structures, arrays and
// `i31` (§3.4.3, GC).

extension CodeValidator {
    /// `(ref null? $x)` for a type index that exists, closed as the reference writes it.
    private func refTo(_ x: UInt32, nullable: Bool) throws(ValidationError) -> TypeID {
        c.id(.ref(RefType(nullable: nullable, .def(try type(x)))))
    }

    mutating func referenceInstruction(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .refNull(let ht):
            try checkHeapType(ht)
            push(c.id(.ref(RefType(nullable: true, ht))))
        case .refFunc(let x):
            guard Int(x) < c.funcs.count else { throw error("unknown function \(Describe.index(x))") }
            guard c.refs.contains(x) else { throw error("undeclared function reference \(Describe.index(x))") }
            push(c.id(.ref(RefType(nullable: false, .def(c.funcs[Int(x)])))))
        case .refIsNull:
            let rt = try peekRef(0)
            if depth > 0 {
                stack[stack.count - 1] = TypeIDs.i32
            } else {
                try pop(c.id(.ref(RefType(nullable: true, rt.heapType))))
                push(TypeIDs.i32)
            }
        case .refAsNonNull:
            let rt = try peekRef(0)
            let nonNull = c.id(.ref(RefType(nullable: false, rt.heapType)))
            if depth > 0 {
                stack[stack.count - 1] = nonNull
            } else {
                try pop(c.id(.ref(RefType(nullable: true, rt.heapType))))
                push(nonNull)
            }
        case .refTest(let rt):
            try checkRefType(rt)
            try pop(c.id(.ref(RefType(nullable: true, c.sub.top(of: rt.heapType)))))
            push(TypeIDs.i32)
        case .refCast(let rt):
            try checkRefType(rt)
            try pop(c.id(.ref(RefType(nullable: true, c.sub.top(of: rt.heapType)))))
            push(c.id(.ref(rt)))
        case .refEq:
            let eqref = c.id(.ref(.eqref))
            try pop(eqref, eqref)
            push(TypeIDs.i32)
        case .refI31:
            try pop(TypeIDs.i32)
            push(c.id(.ref(RefType(nullable: false, .i31))))
        case .i31Get:
            try pop(c.id(.ref(.i31ref)))
            push(TypeIDs.i32)
        case .anyConvertExtern, .externConvertAny:
            let toAny: Bool
            if case .anyConvertExtern = instr { toAny = true } else { toAny = false }
            let nullable = try peekRef(0).nullable
            try pop(c.id(.ref(RefType(nullable: nullable, toAny ? .extern : .any))))
            push(c.id(.ref(RefType(nullable: nullable, toAny ? .any : .extern))))
        default:
            break
        }
    }

    mutating func aggregateInstruction(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .structNew(let x):
            let fts = try structType(x)
            try pop(fts.map { c.id($0.storage.unpacked) })
            push(try refTo(x, nullable: false))
        case .structNewDefault(let x):
            let fts = try structType(x)
            guard fts.allSatisfy(\.storage.unpacked.isDefaultable) else {
                throw error("field type is not defaultable")
            }
            push(try refTo(x, nullable: false))
        case .structGet(let x, let i, let ext):
            let ft = try field(x, i)
            guard (ext != nil) == ft.storage.isPacked else {
                throw error(ext == nil ? "field is packed" : "field is unpacked")
            }
            try pop(try refTo(x, nullable: true))
            push(c.id(ft.storage.unpacked))
        case .structSet(let x, let i):
            let ft = try field(x, i)
            guard ft.mutable else { throw error("immutable field") }
            try pop(try refTo(x, nullable: true), c.id(ft.storage.unpacked))
        case .arrayNew(let x):
            let ft = try arrayType(x)
            try pop(c.id(ft.storage.unpacked), TypeIDs.i32)
            push(try refTo(x, nullable: false))
        case .arrayNewDefault(let x):
            let ft = try arrayType(x)
            guard ft.storage.unpacked.isDefaultable else { throw error("array type is not defaultable") }
            try pop(TypeIDs.i32)
            push(try refTo(x, nullable: false))
        case .arrayNewFixed(let x, let n):
            let ft = try arrayType(x)
            try pop(repeatElement(c.id(ft.storage.unpacked), count: Int(n)))
            push(try refTo(x, nullable: false))
        case .arrayNewData(let x, let y):
            let ft = try arrayType(x)
            try data(y)
            try checkNumericOrVector(ft)
            try pop(TypeIDs.i32, TypeIDs.i32)
            push(try refTo(x, nullable: false))
        case .arrayNewElem(let x, let y):
            let ft = try arrayType(x)
            let rt = try elem(y)
            try checkElemMatches(rt, ft)
            try pop(TypeIDs.i32, TypeIDs.i32)
            push(try refTo(x, nullable: false))
        case .arrayGet(let x, let ext):
            let ft = try arrayType(x)
            guard (ext != nil) == ft.storage.isPacked else {
                throw error(ext == nil ? "array is packed" : "array is unpacked")
            }
            try pop(try refTo(x, nullable: true), TypeIDs.i32)
            push(c.id(ft.storage.unpacked))
        case .arraySet(let x):
            let ft = try mutableArray(x)
            try pop(try refTo(x, nullable: true), TypeIDs.i32, c.id(ft.storage.unpacked))
        case .arrayLen:
            try pop(c.id(.ref(.arrayref)))
            push(TypeIDs.i32)
        case .arrayFill(let x):
            let ft = try mutableArray(x)
            try pop([try refTo(x, nullable: true), TypeIDs.i32, c.id(ft.storage.unpacked), TypeIDs.i32])
        case .arrayCopy(let x, let y):
            let fd = try arrayType(x)
            let fs = try arrayType(y)
            guard fd.mutable else { throw error("immutable array") }
            guard c.sub.isSubtype(fs.storage, fd.storage) else { throw error("array types do not match") }
            try pop([try refTo(x, nullable: true), TypeIDs.i32, try refTo(y, nullable: true), TypeIDs.i32, TypeIDs.i32])
        case .arrayInitData(let x, let y):
            _ = try mutableArray(x)
            let ft = try arrayType(x)
            try data(y)
            try checkNumericOrVector(ft)
            try pop([try refTo(x, nullable: true), TypeIDs.i32, TypeIDs.i32, TypeIDs.i32])
        case .arrayInitElem(let x, let y):
            let ft = try mutableArray(x)
            let rt = try elem(y)
            try checkElemMatches(rt, ft)
            try pop([try refTo(x, nullable: true), TypeIDs.i32, TypeIDs.i32, TypeIDs.i32])
        default:
            break
        }
    }

    /// Field `i` of structure type `x`.
    private func field(_ x: UInt32, _ i: UInt32) throws(ValidationError) -> FieldType {
        let fts = try structType(x)
        guard Int(i) < fts.count else { throw error("unknown field \(Describe.index(i))") }
        return fts[Int(i)]
    }

    private func mutableArray(_ x: UInt32) throws(ValidationError) -> FieldType {
        let ft = try arrayType(x)
        guard ft.mutable else { throw error("immutable array") }
        return ft
    }

    /// Arrays filled from data segments hold numbers or vectors (packed ones included).
    private func checkNumericOrVector(_ ft: FieldType) throws(ValidationError) {
        let t = ft.storage.unpacked
        guard t.isNum || t.isVec else { throw error("array type is not numeric or vector") }
    }

    /// Arrays filled from element segments: the segment's type must match the field's.
    private func checkElemMatches(_ rt: RefType, _ ft: FieldType) throws(ValidationError) {
        guard c.sub.isSubtype(.ref(rt), ft.storage.unpacked) else {
            throw error(
                "type mismatch: element segment's type " + Describe.refType(rt)
                    + " does not match array's field type " + Describe.fieldType(ft))
        }
    }
}

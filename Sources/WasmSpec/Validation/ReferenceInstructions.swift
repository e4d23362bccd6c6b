// Reference instructions (§3.4.3) and aggregate instructions on structures, arrays and
// `i31` (§3.4.3, GC).

extension CodeValidator {
    /// `(ref null? $x)` for a type index that exists, as the reference writes it: closed.
    private func refTo(_ x: UInt32, nullable: Bool) throws(ValidationError) -> ValType {
        .ref(RefType(nullable: nullable, .def(try type(x))))
    }

    mutating func referenceInstruction(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .refNull(let ht):
            try checkHeapType(ht)
            stack.append(.ref(RefType(nullable: true, ht)))
        case .refFunc(let x):
            guard Int(x) < c.funcs.count else { throw error("unknown function \(x)") }
            guard c.refs.contains(x) else { throw error("undeclared function reference \(x)") }
            stack.append(.ref(RefType(nullable: false, .def(c.funcs[Int(x)]))))
        case .refIsNull:
            let rt = try peekRef(0)
            if depth > 0 {
                stack[stack.count - 1] = .i32
            } else {
                try pop(.ref(RefType(nullable: true, rt.heapType)))
                stack.append(.i32)
            }
        case .refAsNonNull:
            let rt = try peekRef(0)
            if depth > 0 {
                stack[stack.count - 1] = .ref(RefType(nullable: false, rt.heapType))
            } else {
                try pop(.ref(RefType(nullable: true, rt.heapType)))
                stack.append(.ref(RefType(nullable: false, rt.heapType)))
            }
        case .refTest(let rt):
            try checkRefType(rt)
            try pop(.ref(RefType(nullable: true, c.sub.top(of: rt.heapType))))
            stack.append(.i32)
        case .refCast(let rt):
            try checkRefType(rt)
            try pop(.ref(RefType(nullable: true, c.sub.top(of: rt.heapType))))
            stack.append(.ref(rt))
        case .refEq:
            try pop(.ref(.eqref), .ref(.eqref))
            stack.append(.i32)
        case .refI31:
            try pop(.i32)
            stack.append(.ref(RefType(nullable: false, .i31)))
        case .i31Get:
            try pop(.ref(.i31ref))
            stack.append(.i32)
        case .anyConvertExtern, .externConvertAny:
            let toAny = instr == .anyConvertExtern
            let nullable = try peekRef(0).nullable
            try pop(.ref(RefType(nullable: nullable, toAny ? .extern : .any)))
            stack.append(.ref(RefType(nullable: nullable, toAny ? .any : .extern)))
        default:
            break
        }
    }

    mutating func aggregateInstruction(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .structNew(let x):
            let fts = try structType(x)
            try pop(fts.map(\.storage.unpacked))
            stack.append(try refTo(x, nullable: false))
        case .structNewDefault(let x):
            let fts = try structType(x)
            guard fts.allSatisfy(\.storage.unpacked.isDefaultable) else {
                throw error("field type is not defaultable")
            }
            stack.append(try refTo(x, nullable: false))
        case .structGet(let x, let i, let ext):
            let ft = try field(x, i)
            guard (ext != nil) == ft.storage.isPacked else {
                throw error(ext == nil ? "field is packed" : "field is unpacked")
            }
            try pop(try refTo(x, nullable: true))
            stack.append(ft.storage.unpacked)
        case .structSet(let x, let i):
            let ft = try field(x, i)
            guard ft.mutable else { throw error("immutable field") }
            try pop(try refTo(x, nullable: true), ft.storage.unpacked)
        case .arrayNew(let x):
            let ft = try arrayType(x)
            try pop(ft.storage.unpacked, .i32)
            stack.append(try refTo(x, nullable: false))
        case .arrayNewDefault(let x):
            let ft = try arrayType(x)
            guard ft.storage.unpacked.isDefaultable else { throw error("array type is not defaultable") }
            try pop(.i32)
            stack.append(try refTo(x, nullable: false))
        case .arrayNewFixed(let x, let n):
            let ft = try arrayType(x)
            try pop(repeatElement(ft.storage.unpacked, count: Int(n)))
            stack.append(try refTo(x, nullable: false))
        case .arrayNewData(let x, let y):
            let ft = try arrayType(x)
            try data(y)
            try checkNumericOrVector(ft)
            try pop(.i32, .i32)
            stack.append(try refTo(x, nullable: false))
        case .arrayNewElem(let x, let y):
            let ft = try arrayType(x)
            let rt = try elem(y)
            try checkElemMatches(rt, ft)
            try pop(.i32, .i32)
            stack.append(try refTo(x, nullable: false))
        case .arrayGet(let x, let ext):
            let ft = try arrayType(x)
            guard (ext != nil) == ft.storage.isPacked else {
                throw error(ext == nil ? "array is packed" : "array is unpacked")
            }
            try pop(try refTo(x, nullable: true), .i32)
            stack.append(ft.storage.unpacked)
        case .arraySet(let x):
            let ft = try mutableArray(x)
            try pop(try refTo(x, nullable: true), .i32, ft.storage.unpacked)
        case .arrayLen:
            try pop(.ref(.arrayref))
            stack.append(.i32)
        case .arrayFill(let x):
            let ft = try mutableArray(x)
            try pop([try refTo(x, nullable: true), .i32, ft.storage.unpacked, .i32])
        case .arrayCopy(let x, let y):
            let fd = try arrayType(x)
            let fs = try arrayType(y)
            guard fd.mutable else { throw error("immutable array") }
            guard c.sub.isSubtype(fs.storage, fd.storage) else { throw error("array types do not match") }
            try pop([try refTo(x, nullable: true), .i32, try refTo(y, nullable: true), .i32, .i32])
        case .arrayInitData(let x, let y):
            let ft = try mutableArray(x)
            try data(y)
            try checkNumericOrVector(ft)
            try pop([try refTo(x, nullable: true), .i32, .i32, .i32])
        case .arrayInitElem(let x, let y):
            let ft = try mutableArray(x)
            let rt = try elem(y)
            try checkElemMatches(rt, ft)
            try pop([try refTo(x, nullable: true), .i32, .i32, .i32])
        default:
            break
        }
    }

    /// Field `i` of structure type `x`.
    private func field(_ x: UInt32, _ i: UInt32) throws(ValidationError) -> FieldType {
        let fts = try structType(x)
        guard Int(i) < fts.count else { throw error("unknown field \(i)") }
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
        guard matches(.ref(rt), ft.storage.unpacked) else {
            throw error(
                "type mismatch: element segment's type " + Describe.refType(rt)
                    + " does not match array's field type " + Describe.fieldType(ft))
        }
    }
}

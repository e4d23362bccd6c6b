// Instructions the step loop hands off: the less frequent numeric operators, vectors,
// tables, references, memories other than 0, and the bulk operations.

extension Executor {
    /// Subtyping between closed types, as run-time checks need it.
    static let subtyping = Subtyping()

    /// Executes an instruction outside the step loop's inline cases: numeric operators
    /// in register form, the rest in the stack convention (`sp` is the slot in `a`).
    func slowPath(
        _ op: Op, _ fn: CompiledFunction, _ inst: ModuleInstance, _ fp: UnsafeMutablePointer<UInt64>
    ) throws(ExecutionError) {
        let code = op.code
        if let numeric = code.numericOp {
            do {
                // The one-operand entry answers nil for two-operand operators; asking it
                // first avoids copying the operator's signature (and its reference
                // counting) on every execution.
                if let r = try Numerics.apply(numeric, fp[Int(op.b)]) {
                    fp[Int(op.a)] = r
                } else {
                    fp[Int(op.a)] = try Numerics.apply(numeric, fp[Int(op.b)], fp[Int(op.c)]) ?? 0
                }
            } catch {
                throw error.executionError
            }
            return
        }
        var sp = fp + Int(op.a)
        switch code {
        case .memorySize:
            let m = inst.memories[Int(op.b)]
            sp[0] = m.pages
        case .dataDrop:
            inst.datas[Int(op.b)] = []
        case .load:
            _ = try load(fn.memoryAccesses[Int(op.b)], inst, sp)
        case .store:
            _ = try store(fn.memoryAccesses[Int(op.b)], inst, sp)
        case .laneMemory:
            _ = try laneMemory(fn.memoryAccesses[Int(op.b)], inst, sp)
        case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop:
            _ = try tableInstruction(op.immediates, inst, sp)
        case .refNull:
            sp[0] = RefSlot.null
        case .refFunc:
            sp[0] = RefSlot.of(inst.funcs[Int(op.b)])
        case .refIsNull:
            sp[-1] = sp[-1] == RefSlot.null ? 1 : 0
        case .refAsNonNull:
            if sp[-1] == RefSlot.null { throw .trap("null reference") }
        case .refEq:
            sp -= 1
            sp[-1] = sp[-1] == sp[0] ? 1 : 0
        case .refTest:
            sp[-1] = castMatches(sp[-1], fn.casts[Int(op.b)].type) ? 1 : 0
        case .refCast:
            let cast = fn.casts[Int(op.b)]
            if !castMatches(sp[-1], cast.type) { throw .trap(castFailure(sp[-1], expected: cast.written)) }
        case .refI31:
            sp[-1] = RefSlot.i31(UInt32(truncatingIfNeeded: sp[-1]))
        case .i31GetS, .i31GetU:
            let r = sp[-1]
            if r == RefSlot.null { throw .trap("null i31 reference") }
            let v = RefSlot.i31Value(r)
            sp[-1] = code == .i31GetU ? UInt64(v) : UInt64(UInt32(bitPattern: Int32(bitPattern: v << 1) >> 1))
        case .anyConvertExtern:
            let r = sp[-1]
            if RefSlot.kind(r) == .extern, let e = RefSlot.object(r) as? ExternObject {
                sp[-1] = e.inner
            }
        case .externConvertAny:
            let r = sp[-1]
            if r != RefSlot.null {
                sp[-1] = store.allocate(ExternObject(r))
            }
        case .structNew, .structNewDefault, .structGet, .structSet, .arrayNew, .arrayNewDefault,
            .arrayNewFixed, .arrayNewData, .arrayNewElem, .arrayGet, .arraySet, .arrayLen,
            .arrayFill, .arrayCopy, .arrayInitData, .arrayInitElem:
            _ = try aggregateInstruction(op.immediates, inst, sp)
        case .vector, .lane, .shuffle:
            _ = try vectorInstruction(op.immediates, fn, sp)
        default:
            throw .trap("unimplemented instruction \(code)")
        }
    }

    /// Whether a reference matches a closed reference type at run time (§4.4.3
    /// `ref.test`): nulls match nullable types; otherwise the object's own type must be
    /// a subtype.
    func castMatches(_ slot: UInt64, _ type: RefType) -> Bool {
        if slot == RefSlot.null { return type.nullable }
        let target = type.heapType
        let actual: HeapType
        if RefSlot.isI31(slot) {
            actual = .i31
        } else {
            let object = RefSlot.object(slot)
            switch object.kind {
            case .function: actual = .def((object as? FunctionInstance)?.type ?? DefType(RecType([]), 0))
            case .struct: actual = .def((object as? StructObject)?.type ?? DefType(RecType([]), 0))
            case .array: actual = .def((object as? ArrayObject)?.type ?? DefType(RecType([]), 0))
            case .exception: actual = .exn
            case .host: actual = .any
            case .extern: actual = .extern
            }
        }
        return Executor.subtyping.isSubtype(RefType(nullable: false, actual), RefType(nullable: true, target))
    }

    /// The function at `index` of table `table` for `call_indirect`, checked against the
    /// expected type (§4.4.8.12).
    func indirectCallee(_ inst: ModuleInstance, table: UInt32, type: UInt32, index: UInt64)
        throws(ExecutionError) -> FunctionInstance
    {
        let t = inst.tables[Int(table)]
        // The reference writes the index as a signed 64-bit number (`Int64.to_string`):
        // a table64 index from 2^63 up comes out negative.
        guard index < t.size else { throw .trap("undefined element \(Int64(bitPattern: index))") }
        let slot = t.elements[Int(index)]
        guard slot != RefSlot.null else { throw .trap("uninitialized element \(Int64(bitPattern: index))") }
        guard let f = RefSlot.object(slot) as? FunctionInstance else {
            throw .trap("indirect call type mismatch")
        }
        let expected = inst.types[Int(type)]
        guard f.type === expected || Executor.subtyping.isSubtype(f.type, expected) else {
            throw .trap(Executor.indirectCallMismatch(expected: expected, actual: f.type))
        }
        return f
    }
}

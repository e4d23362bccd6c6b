// Instructions the step loop hands off: the less frequent numeric operators, vectors,
// tables, references, memories other than 0, and the bulk operations.

extension Executor {
    /// Executes a numeric operator that the step loop does not inline.
    static func numericSlowPath(_ op: Op, _ fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) {
        guard let numeric = op.code.numericOp else { return }
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
    }

    /// Executes an instruction outside the step loop's inline cases in the stack
    /// convention: `a` is the slot of the first operand, and the results are written
    /// from there. The function and instance come unretained: the store keeps them
    /// alive, and the step loop calls this without reference counting.
    func slowPath(
        _ op: Op, _ fnRef: Unmanaged<CompiledFunction>, _ instRef: Unmanaged<ModuleInstance>,
        _ fp: UnsafeMutablePointer<UInt64>
    ) throws(ExecutionError) {
        let code = op.code
        unowned(unsafe) let fn = fnRef.takeUnretainedValue()
        unowned(unsafe) let inst = instRef.takeUnretainedValue()
        // Operands are addressed upward from the first one, never at negative offsets:
        // Swift 6.3's dead-store elimination drops a store to `p[-k]` followed by one to
        // `p[0]` (swiftlang/swift#77558).
        let args = fp + Int(op.a)
        switch code {
        case .memorySize:
            let m = inst.memories[Int(op.b)]
            args[0] = m.pages
        case .dataDrop:
            inst.datas[Int(op.b)] = []
        case .load:
            try load(fn.memoryAccesses[Int(op.b)], inst, args)
        case .store:
            try store(fn.memoryAccesses[Int(op.b)], inst, args)
        case .laneMemory:
            try laneMemory(fn.memoryAccesses[Int(op.b)], inst, args)
        case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop:
            try tableInstruction(op.immediates, inst, args)
        case .refNull:
            args[0] = RefSlot.null
        case .refFunc:
            args[0] = RefSlot.of(inst.funcs[Int(op.b)])
        case .refIsNull:
            args[0] = args[0] == RefSlot.null ? 1 : 0
        case .refAsNonNull:
            if args[0] == RefSlot.null { throw .trap("null reference") }
        case .refEq:
            args[0] = args[0] == args[1] ? 1 : 0
        case .refTest:
            args[0] = store.matches(args[0], fn.casts[Int(op.b)].type) ? 1 : 0
        case .refCast:
            let cast = fn.casts[Int(op.b)]
            if !store.matches(args[0], cast.type) { throw .trap(store.castFailure(args[0], expected: cast.written)) }
        case .refI31:
            args[0] = RefSlot.i31(UInt32(truncatingIfNeeded: args[0]))
        case .i31GetS, .i31GetU:
            let r = args[0]
            if r == RefSlot.null { throw .trap("null i31 reference") }
            let v = RefSlot.i31Value(r)
            args[0] = code == .i31GetU ? UInt64(v) : UInt64(UInt32(bitPattern: Int32(bitPattern: v << 1) >> 1))
        case .anyConvertExtern:
            let r = args[0]
            if RefSlot.kind(r) == .extern, let e = RefSlot.object(r) as? ExternObject {
                args[0] = e.inner
            }
        case .externConvertAny:
            try heapRoom(0, top: fp + fn.frameSize)
            let r = args[0]
            if r != RefSlot.null {
                args[0] = store.allocate(ExternObject(r))
            }
        case .structNew, .structNewDefault, .structGet, .structSet, .arrayNew, .arrayNewDefault,
            .arrayNewFixed, .arrayNewData, .arrayNewElem, .arrayGet, .arraySet, .arrayLen,
            .arrayFill, .arrayCopy, .arrayInitData, .arrayInitElem:
            try aggregateInstruction(op.immediates, inst, args, top: fp + fn.frameSize)
        case .vector, .lane, .shuffle:
            try vectorInstruction(op.immediates, fn, args)
        default:
            throw .trap("unimplemented instruction \(code)")
        }
    }
}

// Table instructions (§4.6.7), through the runtime's table operations
// (Runtime/TableAccess.swift).

extension Executor {
    /// `args` is the first operand's slot; results are written from there.
    func tableInstruction(_ op: Op, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        switch op.code {
        case .tableGet:
            args[0] = try inst.tables[Int(op.a)].get(args[0])
        case .tableSet:
            try inst.tables[Int(op.a)].set(args[0], args[1])
        case .tableSize:
            args[0] = inst.tables[Int(op.a)].size
        case .tableGrow:
            args[0] = inst.tables[Int(op.a)].growResult(by: args[1], initial: args[0])
        case .tableFill:
            try inst.tables[Int(op.a)].fill(args[0], args[1], args[2])
        case .tableCopy:
            try inst.tables[Int(op.a)].copy(args[0], from: inst.tables[Int(op.b)], args[1], args[2])
        case .tableInit:
            try inst.tables[Int(op.a)].initialize(args[0], from: inst.elems[Int(op.b)], args[1], args[2])
        case .elemDrop:
            inst.elems[Int(op.a)] = []
        default:
            break
        }
    }
}

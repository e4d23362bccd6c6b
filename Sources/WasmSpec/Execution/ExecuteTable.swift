// Table instructions (§4.4.6).

extension Executor {
    private static let oob = ExecutionError.trap("out of bounds table access")

    /// `args` is the first operand's slot; results are written from there.
    func tableInstruction(_ op: Op, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        switch op.code {
        case .tableGet:
            let t = inst.tables[Int(op.a)]
            let i = args[0]
            guard i < t.size else { throw Executor.oob }
            args[0] = t.elements[Int(i)]
        case .tableSet:
            let t = inst.tables[Int(op.a)]
            let i = args[0]
            guard i < t.size else { throw Executor.oob }
            t.elements[Int(i)] = args[1]
        case .tableSize:
            args[0] = inst.tables[Int(op.a)].size
        case .tableGrow:
            let t = inst.tables[Int(op.a)]
            let minusOne: UInt64 = t.type.addrType == .i32 ? 0xFFFF_FFFF : UInt64.max
            args[0] = t.grow(by: args[1], initial: args[0]) ?? minusOne
        case .tableFill:
            let t = inst.tables[Int(op.a)]
            let (i, value, n) = (args[0], args[1], args[2])
            guard Executor.inRange(i, n, t.size) else { throw Executor.oob }
            for k in 0..<Int(n) { t.elements[Int(i) + k] = value }
        case .tableCopy:
            let dst = inst.tables[Int(op.a)]
            let src = inst.tables[Int(op.b)]
            let (d, s, n) = (args[0], args[1], args[2])
            guard Executor.inRange(d, n, dst.size), Executor.inRange(s, n, src.size) else { throw Executor.oob }
            if n > 0 {
                if dst === src {
                    let slice = Array(src.elements[Int(s)..<Int(s + n)])
                    dst.elements.replaceSubrange(Int(d)..<Int(d + n), with: slice)
                } else {
                    dst.elements.replaceSubrange(Int(d)..<Int(d + n), with: src.elements[Int(s)..<Int(s + n)])
                }
            }
        case .tableInit:
            let t = inst.tables[Int(op.a)]
            let elem = inst.elems[Int(op.b)]
            let (d, s, n) = (args[0], args[1], args[2])
            guard Executor.inRange(d, n, t.size), Executor.inRange(s, n, UInt64(elem.count))
            else { throw Executor.oob }
            if n > 0 {
                t.elements.replaceSubrange(Int(d)..<Int(d + n), with: elem[Int(s)..<Int(s + n)])
            }
        case .elemDrop:
            inst.elems[Int(op.a)] = []
        default:
            break
        }
    }
}

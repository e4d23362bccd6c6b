// Table instructions (§4.4.6).

extension Executor {
    private static let oob = ExecutionError.trap("out of bounds table access")

    func tableInstruction(_ op: Op, _ inst: ModuleInstance, _ spIn: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        var sp = spIn
        switch op.code {
        case .tableGet:
            let t = inst.tables[Int(op.a)]
            let i = sp[-1]
            guard i < t.size else { throw Executor.oob }
            sp[-1] = t.elements[Int(i)]
        case .tableSet:
            sp -= 2
            let t = inst.tables[Int(op.a)]
            let i = sp[0]
            guard i < t.size else { throw Executor.oob }
            t.elements[Int(i)] = sp[1]
        case .tableSize:
            sp[0] = inst.tables[Int(op.a)].size
            sp += 1
        case .tableGrow:
            sp -= 1
            let t = inst.tables[Int(op.a)]
            let minusOne: UInt64 = t.type.addrType == .i32 ? 0xFFFF_FFFF : UInt64.max
            sp[-1] = t.grow(by: sp[0], initial: sp[-1]) ?? minusOne
        case .tableFill:
            sp -= 3
            let t = inst.tables[Int(op.a)]
            let (i, value, n) = (sp[0], sp[1], sp[2])
            guard i <= t.size, n <= t.size - i else { throw Executor.oob }
            for k in 0..<Int(n) { t.elements[Int(i) + k] = value }
        case .tableCopy:
            sp -= 3
            let dst = inst.tables[Int(op.a)]
            let src = inst.tables[Int(op.b)]
            let (d, s, n) = (sp[0], sp[1], sp[2])
            guard d <= dst.size, n <= dst.size - d, s <= src.size, n <= src.size - s else { throw Executor.oob }
            if n > 0 {
                if dst === src {
                    let slice = Array(src.elements[Int(s)..<Int(s + n)])
                    dst.elements.replaceSubrange(Int(d)..<Int(d + n), with: slice)
                } else {
                    dst.elements.replaceSubrange(Int(d)..<Int(d + n), with: src.elements[Int(s)..<Int(s + n)])
                }
            }
        case .tableInit:
            sp -= 3
            let t = inst.tables[Int(op.a)]
            let elem = inst.elems[Int(op.b)]
            let (d, s, n) = (sp[0], sp[1], sp[2])
            guard d <= t.size, n <= t.size - d, s <= UInt64(elem.count), n <= UInt64(elem.count) - s
            else { throw Executor.oob }
            if n > 0 {
                t.elements.replaceSubrange(Int(d)..<Int(d + n), with: elem[Int(s)..<Int(s + n)])
            }
        case .elemDrop:
            inst.elems[Int(op.a)] = []
        default:
            break
        }
        return sp
    }
}

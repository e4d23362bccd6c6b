// Compiling the GC instructions on structs and arrays (§3.3.3), in the stack convention.

extension BodyCompiler {
    /// The fields of a struct type, or the element of an array type, by type index.
    private func fields(_ x: UInt32) -> [FieldType] {
        let types = compiler.module.types
        guard Int(x) < types.count else { return [] }
        switch types[Int(x)].rolledSubType.compType {
        case .struct(let fs): return fs
        case .array(let f): return [f]
        case .func: return []
        }
    }

    private func fieldType(_ x: UInt32, _ i: UInt32) -> ValType {
        let fs = fields(x)
        return Int(i) < fs.count ? fs[Int(i)].storage.unpacked : .i32
    }

    private static func extension_(_ sx: Signedness?) -> UInt32 {
        sx == nil ? 0 : (sx == .s ? 1 : 2)
    }

    mutating func compileAggregate(_ instr: Instruction) {
        switch instr {
        case .structNew(let x):
            stackOp(.structNew, operands: fields(x).count, results: [.i32], x)
        case .structNewDefault(let x):
            stackOp(.structNewDefault, operands: 0, results: [.i32], x)
        case .structGet(let x, let i, let sx):
            stackOp(.structGet, operands: 1, results: [fieldType(x, i)], x, i | Self.extension_(sx) << 24)
        case .structSet(let x, let i):
            stackOp(.structSet, operands: 2, results: [], x, i)
        case .arrayNew(let x):
            stackOp(.arrayNew, operands: 2, results: [.i32], x)
        case .arrayNewDefault(let x):
            stackOp(.arrayNewDefault, operands: 1, results: [.i32], x)
        case .arrayNewFixed(let x, let n):
            stackOp(.arrayNewFixed, operands: Int(n), results: [.i32], x, n)
        case .arrayNewData(let x, let d):
            stackOp(.arrayNewData, operands: 2, results: [.i32], x, d)
        case .arrayNewElem(let x, let e):
            stackOp(.arrayNewElem, operands: 2, results: [.i32], x, e)
        case .arrayGet(let x, let sx):
            stackOp(.arrayGet, operands: 2, results: [fieldType(x, 0)], x, Self.extension_(sx))
        case .arraySet(let x):
            stackOp(.arraySet, operands: 3, results: [], x)
        case .arrayLen:
            stackOp(.arrayLen, operands: 1, results: [.i32])
        case .arrayFill(let x):
            stackOp(.arrayFill, operands: 4, results: [], x)
        case .arrayCopy(let x, let y):
            stackOp(.arrayCopy, operands: 5, results: [], x, y)
        case .arrayInitData(let x, let d):
            stackOp(.arrayInitData, operands: 4, results: [], x, d)
        case .arrayInitElem(let x, let e):
            stackOp(.arrayInitElem, operands: 4, results: [], x, e)
        default:
            break
        }
    }
}

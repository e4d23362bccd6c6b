// Compiles a validated function body into the evaluator's flat code.
//
// The compiler walks the flat instruction sequence once, keeping the operand stack's
// height in slots (a v128 takes two) and a control stack of open blocks. Because the
// body has been validated, every height is static, so each branch can be compiled to a
// jump that knows how many slots to keep and where to put them (§4.4.8 computes the same
// thing at run time by unwinding labels). Code after an unconditional transfer of
// control is unreachable and not compiled.

/// Compiles the functions of one validated module.
struct Compiler {
    let module: ValidatedModule

    /// The function type of a type index, in rolled form (enough for slot widths).
    func funcType(_ typeIndex: UInt32) -> FuncType {
        guard Int(typeIndex) < module.types.count,
            case .func(let ft) = module.types[Int(typeIndex)].rolledSubType.compType
        else { return FuncType() }
        return ft
    }

    /// The closed type of a type index; a placeholder only for an index validation
    /// rejects.
    func defType(_ typeIndex: UInt32) -> DefType? {
        Int(typeIndex) < module.types.count ? module.types[Int(typeIndex)] : nil
    }

    func funcType(ofFunction index: UInt32) -> FuncType {
        guard Int(index) < module.funcs.count,
            case .func(let ft) = module.funcs[Int(index)].rolledSubType.compType
        else { return FuncType() }
        return ft
    }

    /// The parameter and result types of a block type.
    func blockType(_ bt: BlockType) -> FuncType {
        switch bt {
        case .empty: FuncType()
        case .value(let t): FuncType([], [t])
        case .type(let x): funcType(x)
        }
    }

    func globalWidth(_ x: UInt32) -> Int {
        Int(x) < module.globals.count ? module.globals[Int(x)].valType.slotCount : 1
    }

    /// The payload types of a tag.
    func tagParams(_ x: UInt32) -> [ValType] {
        guard Int(x) < module.tags.count, case .func(let ft) = module.tags[Int(x)].rolledSubType.compType
        else { return [] }
        return ft.params
    }

    /// Closes a reference type written in the module over the module's defined types.
    func close(_ rt: RefType) -> RefType {
        if case .index(let x) = rt.heapType, Int(x) < module.types.count {
            return RefType(nullable: rt.nullable, .def(module.types[Int(x)]))
        }
        return rt
    }

    /// Compiles a constant expression (§3.3.10) as a function without parameters that
    /// returns its value.
    func compile(expression: Expr, result: ValType) -> CompiledFunction {
        var body = BodyCompiler(compiler: self, params: [], locals: [], results: [result], body: expression)
        for instr in expression { body.compile(instr) }
        body.finish()
        return body.build()
    }

    /// Compiles the `index`-th function the module defines (imports not counted).
    func compile(definedFunction index: Int) -> CompiledFunction {
        let importCount = module.funcs.count - module.module.funcs.count
        let f = module.module.funcs[index]
        let type = funcType(ofFunction: UInt32(importCount + index))
        var body = BodyCompiler(
            compiler: self, params: type.params, locals: f.locals, results: type.results, body: f.body)
        for instr in f.body { body.compile(instr) }
        body.finish()
        return body.build()
    }
}

/// The slot layout of a function's locals: parameters first, then the declared locals,
/// kept run-length encoded as the module writes them.
struct LocalLayout {
    private var firstIndex: [UInt64] = []
    private var firstSlot: [UInt64] = []
    private var widths: [UInt8] = []
    private var counts: [UInt64] = []
    private(set) var paramSlots = 0
    private(set) var totalSlots: UInt64 = 0

    init(params: [ValType], locals: [Locals]) {
        var index: UInt64 = 0
        for p in params {
            add(count: 1, width: p.slotCount, &index)
        }
        paramSlots = Int(totalSlots)
        for group in locals where group.count > 0 {
            add(count: UInt64(group.count), width: group.type.slotCount, &index)
        }
    }

    private mutating func add(count: UInt64, width: Int, _ index: inout UInt64) {
        firstIndex.append(index)
        firstSlot.append(totalSlots)
        widths.append(UInt8(width))
        counts.append(count)
        index += count
        totalSlots += count * UInt64(width)
    }

    /// The first slot and the width of local `x`.
    func slot(of x: UInt32) -> (slot: UInt64, width: Int) {
        // Binary search for the last group starting at or before x.
        var lo = 0
        var hi = firstIndex.count - 1
        let x = UInt64(x)
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if firstIndex[mid] <= x { lo = mid } else { hi = mid - 1 }
        }
        guard lo < firstIndex.count else { return (0, 1) }
        return (firstSlot[lo] + (x - firstIndex[lo]) * UInt64(widths[lo]), Int(widths[lo]))
    }
}

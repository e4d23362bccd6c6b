// One reduction step (§4.6): the instruction at `pc` is executed by the rule for it.
//
// NOTE: This is the dispatch only: each case hands the instruction's immediates to the
// function of its rule family, which names its rules (`Rule:` in its comment) and
// lives in the file of its section. docs/semantics.md lists them; a test keeps that
// list and these comments in step.

extension Configuration {
    /// Performs one step: executes the instruction at `pc`.
    @inline(__always)
    mutating func step() throws(ExecutionError) {
        let at = pc
        pc = at &+ 1
        switch instrs[at] {
        // §4.6.1 Parametric
        case .unreachable: throw .trap("unreachable executed")  // Rule: Step_pure/unreachable
        case .nop: break  // Rule: Step_pure/nop
        case .drop: try drop()
        case .select: try select()

        // §4.6.2-4.6.5 Control, blocks, exceptions, calls
        case .block(let bt): try block(bt)
        case .loop(let bt): try loop(bt)
        case .if(let bt): try self.if(bt)
        case .else: try self.else()
        case .end: try end()
        case .tryTable(let bt, _): try tryTable(bt)
        case .br(let l): try br(l)
        case .brIf(let l): try brIf(l)
        case .brTable(let ls, let l): try brTable(ls, l)
        case .brOnNull(let l): try brOnNull(l)
        case .brOnNonNull(let l): try brOnNonNull(l)
        case .brOnCast(let l, _, let rt): try brOnCast(l, rt)
        case .brOnCastFail(let l, _, let rt): try brOnCastFail(l, rt)
        case .return: try self.return()
        case .call(let x): try call(x)
        case .callRef: try callRef()
        case .callIndirect(let x, let y): try callIndirect(x, y)
        case .returnCall(let x): try returnCall(x)
        case .returnCallRef: try returnCallRef()
        case .returnCallIndirect(let x, let y): try returnCallIndirect(x, y)
        case .throw(let x): try self.throw(x)
        case .throwRef: try throwRef()

        // §4.6.6 Variables
        case .localGet(let x): try localGet(x)
        case .localSet(let x): try localSet(x)
        case .localTee(let x): try localTee(x)
        case .globalGet(let x): try globalGet(x)
        case .globalSet(let x): try globalSet(x)

        // §4.6.7 Tables
        case .tableGet(let x): try tableGet(x)
        case .tableSet(let x): try tableSet(x)
        case .tableSize(let x): try tableSize(x)
        case .tableGrow(let x): try tableGrow(x)
        case .tableFill(let x): try tableFill(x)
        case .tableCopy(let x, let y): try tableCopy(x, y)
        case .tableInit(let x, let y): try tableInit(x, y)
        case .elemDrop(let y): try elemDrop(y)

        // §4.6.8 Memories
        case .load(let op, let m): try load(op, m)
        case .store(let op, let m): try store(op, m)
        case .laneMemory(let op, let m, let lane): try laneMemory(op, m, lane)
        case .memorySize(let x): try memorySize(x)
        case .memoryGrow(let x): try memoryGrow(x)
        case .memoryFill(let x): try memoryFill(x)
        case .memoryCopy(let x, let y): try memoryCopy(x, y)
        case .memoryInit(let x, let y): try memoryInit(x, y)
        case .dataDrop(let y): try dataDrop(y)

        // §4.6.9 References and aggregates
        case .refNull: try refNull()
        case .refFunc(let x): try refFunc(x)
        case .refIsNull: try refIsNull()
        case .refAsNonNull: try refAsNonNull()
        case .refEq: try refEq()
        case .refTest(let rt): try refTest(rt)
        case .refCast(let rt): try refCast(rt)
        case .refI31: try refI31()
        case .i31Get(let sx): try i31Get(sx)
        case .structNew(let x): try structNew(x, defaults: false)
        case .structNewDefault(let x): try structNew(x, defaults: true)
        case .structGet(let x, let i, let sx): try structGet(x, i, sx)
        case .structSet(let x, let i): try structSet(x, i)
        case .arrayNew(let x): try arrayNew(x)
        case .arrayNewDefault(let x): try arrayNew(x, defaults: true)
        case .arrayNewFixed(let x, let n): try arrayNew(x, fixed: n)
        case .arrayNewData(let x, let y): try arrayNewData(x, y)
        case .arrayNewElem(let x, let y): try arrayNewElem(x, y)
        case .arrayGet(let x, let sx): try arrayGet(x, sx)
        case .arraySet(let x): try arraySet(x)
        case .arrayLen: try arrayLen()
        case .arrayFill(let x): try arrayFill(x)
        case .arrayCopy(let x, let y): try arrayCopy(x, y)
        case .arrayInitData(let x, let y): try arrayInitData(x, y)
        case .arrayInitElem(let x, let y): try arrayInitElem(x, y)
        case .anyConvertExtern: try anyConvertExtern()
        case .externConvertAny: try externConvertAny()

        // §4.6.10 Numerics
        case .i32Const(let c): try const(.i32(c))
        case .i64Const(let c): try const(.i64(c))
        case .f32Const(let c): try const(.f32(c))
        case .f64Const(let c): try const(.f64(c))
        case .numeric(let op): try numeric(op)

        // §4.6.11 Vectors
        case .v128Const(let c): try const(.v128(c))
        case .vector(let op): try vector(op)
        case .i8x16Shuffle(let lanes): try shuffle(lanes)
        case .lane(let op, let lane): try self.lane(op, lane)
        }
    }

    /// Steps until the frame this invocation entered is left, counting fuel.
    mutating func run() throws(ExecutionError) {
        if let observer { return try runObserved(observer) }
        let stop = entryFrame
        while cp > stop {
            fuel &-= 1
            if fuel < 0 { throw .exhaustion("step budget exhausted") }
            try step()
        }
    }
}

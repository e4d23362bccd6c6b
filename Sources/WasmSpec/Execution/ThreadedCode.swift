// Compiled code in the form the threaded core runs (Sources/CWasmSpecThreaded): each op
// with the address of its handler, and the branch tables as the core reads them.
//
// NOTE: The core only accelerates. Every op keeps its Swift implementation in the step
// loop, which stays the definition: an op whose kind is `exit` here, and any case the
// core leaves (a trap, a NaN, a returning branch), runs there. The core runs only when
// no step budget is counted: it counts no steps.
import CWasmSpecThreaded

enum ThreadedCode {
    /// The core's handler addresses by kind, as integers (immutable once read).
    static let handlers: [UInt] = {
        var h = [UnsafeRawPointer?](repeating: nil, count: Int(WASMSPEC_KIND_COUNT.rawValue))
        h.withUnsafeMutableBufferPointer { wasmspec_handlers($0.baseAddress.unsafelyUnwrapped) }
        return h.map { UInt(bitPattern: $0) }
    }()

    /// `ops` for the core, one threaded op per op, so that both share their indices.
    static func make(_ ops: UnsafeMutableBufferPointer<Op>) -> UnsafeMutablePointer<wasmspec_op> {
        let code = UnsafeMutablePointer<wasmspec_op>.allocate(capacity: max(ops.count, 1))
        let handlers = self.handlers
        for (i, op) in ops.enumerated() {
            let handler = UnsafeRawPointer(bitPattern: handlers[Int(kind(op.code).rawValue)])
            (code + i).initialize(to: wasmspec_op(handler: handler, a: op.a, b: op.b, c: op.c))
        }
        return code
    }

    /// Branch tables for the core.
    static func make(_ targets: [BranchTarget]) -> UnsafeMutablePointer<wasmspec_branch> {
        let table = UnsafeMutablePointer<wasmspec_branch>.allocate(capacity: max(targets.count, 1))
        for (i, t) in targets.enumerated() {
            (table + i).initialize(to: wasmspec_branch(target: t.target, from: t.from, to: t.to, count: t.count))
        }
        return table
    }

    /// The core's kind for an opcode: the same operation on the same operands, or
    /// `exit` for the ops only the step loop runs.
    static func kind(_ code: OpCode) -> wasmspec_kind {
        switch code {
        case .call: WASMSPEC_call
        case .callIndirect: WASMSPEC_call_indirect
        case .return: WASMSPEC_return
        case .jump: WASMSPEC_jump
        case .jumpIf: WASMSPEC_jump_if
        case .jumpIfNot: WASMSPEC_jump_if_not
        case .jumpIfZero64: WASMSPEC_jump_if_zero64
        case .jumpIfNonZero64: WASMSPEC_jump_if_nonzero64
        case .jumpIfI32Eq: WASMSPEC_jump_if_i32_eq
        case .jumpIfI32Ne: WASMSPEC_jump_if_i32_ne
        case .jumpIfI32LtS: WASMSPEC_jump_if_i32_lt_s
        case .jumpIfI32LtU: WASMSPEC_jump_if_i32_lt_u
        case .jumpIfI32GtS: WASMSPEC_jump_if_i32_gt_s
        case .jumpIfI32GtU: WASMSPEC_jump_if_i32_gt_u
        case .jumpIfI32LeS: WASMSPEC_jump_if_i32_le_s
        case .jumpIfI32LeU: WASMSPEC_jump_if_i32_le_u
        case .jumpIfI32GeS: WASMSPEC_jump_if_i32_ge_s
        case .jumpIfI32GeU: WASMSPEC_jump_if_i32_ge_u
        case .jumpIfI64Eq: WASMSPEC_jump_if_i64_eq
        case .jumpIfI64Ne: WASMSPEC_jump_if_i64_ne
        case .jumpIfI64LtS: WASMSPEC_jump_if_i64_lt_s
        case .jumpIfI64LtU: WASMSPEC_jump_if_i64_lt_u
        case .jumpIfI64GtS: WASMSPEC_jump_if_i64_gt_s
        case .jumpIfI64GtU: WASMSPEC_jump_if_i64_gt_u
        case .jumpIfI64LeS: WASMSPEC_jump_if_i64_le_s
        case .jumpIfI64LeU: WASMSPEC_jump_if_i64_le_u
        case .jumpIfI64GeS: WASMSPEC_jump_if_i64_ge_s
        case .jumpIfI64GeU: WASMSPEC_jump_if_i64_ge_u
        case .brTable: WASMSPEC_br_table
        case .move: WASMSPEC_move
        case .move2: WASMSPEC_move2
        case .globalGet: WASMSPEC_global_get
        case .globalSet: WASMSPEC_global_set
        case .select: WASMSPEC_select
        case .select2: WASMSPEC_select2
        case .i32Load: WASMSPEC_i32_load
        case .i64Load: WASMSPEC_i64_load
        case .i32Load8S: WASMSPEC_i32_load8_s
        case .i32Load8U: WASMSPEC_i32_load8_u
        case .i32Load16S: WASMSPEC_i32_load16_s
        case .i32Load16U: WASMSPEC_i32_load16_u
        case .i64Load8S: WASMSPEC_i64_load8_s
        case .i64Load8U: WASMSPEC_i64_load8_u
        case .i64Load16S: WASMSPEC_i64_load16_s
        case .i64Load16U: WASMSPEC_i64_load16_u
        case .i64Load32S: WASMSPEC_i64_load32_s
        case .i64Load32U: WASMSPEC_i64_load32_u
        case .i32Store: WASMSPEC_i32_store
        case .i64Store: WASMSPEC_i64_store
        case .i32Store8: WASMSPEC_i32_store8
        case .i32Store16: WASMSPEC_i32_store16
        case .i64Store8: WASMSPEC_i64_store8
        case .i64Store16: WASMSPEC_i64_store16
        case .i64Store32: WASMSPEC_i64_store32
        case .i32Eqz: WASMSPEC_i32_eqz
        case .i32Clz: WASMSPEC_i32_clz
        case .i32Ctz: WASMSPEC_i32_ctz
        case .i32Popcnt: WASMSPEC_i32_popcnt
        case .i32Add: WASMSPEC_i32_add
        case .i32Sub: WASMSPEC_i32_sub
        case .i32Mul: WASMSPEC_i32_mul
        case .i32And: WASMSPEC_i32_and
        case .i32Or: WASMSPEC_i32_or
        case .i32Xor: WASMSPEC_i32_xor
        case .i32Shl: WASMSPEC_i32_shl
        case .i32ShrS: WASMSPEC_i32_shr_s
        case .i32ShrU: WASMSPEC_i32_shr_u
        case .i32Rotl: WASMSPEC_i32_rotl
        case .i32Rotr: WASMSPEC_i32_rotr
        case .i32DivS: WASMSPEC_i32_div_s
        case .i32DivU: WASMSPEC_i32_div_u
        case .i32RemS: WASMSPEC_i32_rem_s
        case .i32RemU: WASMSPEC_i32_rem_u
        case .i32Eq: WASMSPEC_i32_eq
        case .i32Ne: WASMSPEC_i32_ne
        case .i32LtS: WASMSPEC_i32_lt_s
        case .i32LtU: WASMSPEC_i32_lt_u
        case .i32GtS: WASMSPEC_i32_gt_s
        case .i32GtU: WASMSPEC_i32_gt_u
        case .i32LeS: WASMSPEC_i32_le_s
        case .i32LeU: WASMSPEC_i32_le_u
        case .i32GeS: WASMSPEC_i32_ge_s
        case .i32GeU: WASMSPEC_i32_ge_u
        case .i64Eqz: WASMSPEC_i64_eqz
        case .i64Clz: WASMSPEC_i64_clz
        case .i64Ctz: WASMSPEC_i64_ctz
        case .i64Popcnt: WASMSPEC_i64_popcnt
        case .i64Add: WASMSPEC_i64_add
        case .i64Sub: WASMSPEC_i64_sub
        case .i64Mul: WASMSPEC_i64_mul
        case .i64And: WASMSPEC_i64_and
        case .i64Or: WASMSPEC_i64_or
        case .i64Xor: WASMSPEC_i64_xor
        case .i64Shl: WASMSPEC_i64_shl
        case .i64ShrS: WASMSPEC_i64_shr_s
        case .i64ShrU: WASMSPEC_i64_shr_u
        case .i64Rotl: WASMSPEC_i64_rotl
        case .i64Rotr: WASMSPEC_i64_rotr
        case .i64DivS: WASMSPEC_i64_div_s
        case .i64DivU: WASMSPEC_i64_div_u
        case .i64RemS: WASMSPEC_i64_rem_s
        case .i64RemU: WASMSPEC_i64_rem_u
        case .i64Eq: WASMSPEC_i64_eq
        case .i64Ne: WASMSPEC_i64_ne
        case .i64LtS: WASMSPEC_i64_lt_s
        case .i64LtU: WASMSPEC_i64_lt_u
        case .i64GtS: WASMSPEC_i64_gt_s
        case .i64GtU: WASMSPEC_i64_gt_u
        case .i64LeS: WASMSPEC_i64_le_s
        case .i64LeU: WASMSPEC_i64_le_u
        case .i64GeS: WASMSPEC_i64_ge_s
        case .i64GeU: WASMSPEC_i64_ge_u
        case .f32Abs: WASMSPEC_f32_abs
        case .f32Neg: WASMSPEC_f32_neg
        case .f32Sqrt: WASMSPEC_f32_sqrt
        case .f32Ceil: WASMSPEC_f32_ceil
        case .f32Floor: WASMSPEC_f32_floor
        case .f32Trunc: WASMSPEC_f32_trunc
        case .f32Add: WASMSPEC_f32_add
        case .f32Sub: WASMSPEC_f32_sub
        case .f32Mul: WASMSPEC_f32_mul
        case .f32Div: WASMSPEC_f32_div
        case .f32Min: WASMSPEC_f32_min
        case .f32Max: WASMSPEC_f32_max
        case .f32Copysign: WASMSPEC_f32_copysign
        case .f32Eq: WASMSPEC_f32_eq
        case .f32Ne: WASMSPEC_f32_ne
        case .f32Lt: WASMSPEC_f32_lt
        case .f32Gt: WASMSPEC_f32_gt
        case .f32Le: WASMSPEC_f32_le
        case .f32Ge: WASMSPEC_f32_ge
        case .f64Abs: WASMSPEC_f64_abs
        case .f64Neg: WASMSPEC_f64_neg
        case .f64Sqrt: WASMSPEC_f64_sqrt
        case .f64Ceil: WASMSPEC_f64_ceil
        case .f64Floor: WASMSPEC_f64_floor
        case .f64Trunc: WASMSPEC_f64_trunc
        case .f64Add: WASMSPEC_f64_add
        case .f64Sub: WASMSPEC_f64_sub
        case .f64Mul: WASMSPEC_f64_mul
        case .f64Div: WASMSPEC_f64_div
        case .f64Min: WASMSPEC_f64_min
        case .f64Max: WASMSPEC_f64_max
        case .f64Copysign: WASMSPEC_f64_copysign
        case .f64Eq: WASMSPEC_f64_eq
        case .f64Ne: WASMSPEC_f64_ne
        case .f64Lt: WASMSPEC_f64_lt
        case .f64Gt: WASMSPEC_f64_gt
        case .f64Le: WASMSPEC_f64_le
        case .f64Ge: WASMSPEC_f64_ge
        case .i32WrapI64: WASMSPEC_i32_wrap_i64
        case .i64ExtendI32S: WASMSPEC_i64_extend_i32_s
        case .i64ExtendI32U: WASMSPEC_i64_extend_i32_u
        case .i32Extend8S: WASMSPEC_i32_extend8_s
        case .i32Extend16S: WASMSPEC_i32_extend16_s
        case .i64Extend8S: WASMSPEC_i64_extend8_s
        case .i64Extend16S: WASMSPEC_i64_extend16_s
        case .i64Extend32S: WASMSPEC_i64_extend32_s
        case .f64ConvertI32S: WASMSPEC_f64_convert_i32_s
        case .f64ConvertI32U: WASMSPEC_f64_convert_i32_u
        case .f64ConvertI64S: WASMSPEC_f64_convert_i64_s
        case .f32ConvertI32S: WASMSPEC_f32_convert_i32_s
        case .f32ConvertI32U: WASMSPEC_f32_convert_i32_u
        case .f64PromoteF32: WASMSPEC_f64_promote_f32
        case .f32DemoteF64: WASMSPEC_f32_demote_f64
        default: WASMSPEC_exit
        }
    }
}

extension ThreadedCode {
    /// Table 0's elements for the core, or `nil` (the core then leaves `call_indirect`
    /// to the step loop) when there is none or when `TableElements` is not laid out as
    /// the core's `wasmspec_table`.
    @inline(__always)
    static func tables(_ table0: UnsafeMutablePointer<TableElements>?) -> UnsafePointer<wasmspec_table>? {
        guard tableLayoutMatches, let table0 else { return nil }
        return UnsafeRawPointer(table0).assumingMemoryBound(to: wasmspec_table.self)
    }

    static let tableLayoutMatches =
        MemoryLayout<TableElements>.size == MemoryLayout<wasmspec_table>.size
        && MemoryLayout<TableElements>.offset(of: \TableElements.slots) == MemoryLayout<wasmspec_table>.offset(of: \.slots)
        && MemoryLayout<TableElements>.offset(of: \TableElements.count) == MemoryLayout<wasmspec_table>.offset(of: \.count)

    /// Records, after the step loop made the call `op` of `caller` within the instance
    /// `inst` (with the frame `fp` it was made from), the callee for the core: by call
    /// site for `call`; for `call_indirect` through table 0, with the element it found.
    @inline(__always)
    static func cache(
        _ op: Op, _ caller: Unmanaged<CompiledFunction>, _ callee: UnsafePointer<wasmspec_function>,
        _ inst: ModuleInstance, _ fp: UnsafeMutablePointer<UInt64>
    ) {
        let f = caller.takeUnretainedValue()
        switch op.code {
        case .call:
            f.callees[Int(op.c)] = callee
        case .callIndirect:
            guard f.indirect[Int(op.c)].table == 0, let table = inst.table0?.pointee else { return }
            let i = fp[Int(op.b)]
            // The call succeeded, so the index was in bounds; checked again all the same.
            guard i < UInt64(table.count) else { return }
            f.indirectCallees[Int(op.c)] = wasmspec_indirect(slot: table.slots[Int(i)], callee: callee)
        default:
            break
        }
    }
}

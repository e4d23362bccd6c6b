// The compiled engine's threaded core: the register ops that need neither the store nor
// the runtime (control inside a function, moves, globals, memory 0, integer and float
// arithmetic), run with one indirect jump per op ("direct threading": each op carries
// the address of its handler), where a `switch` in Swift has one shared jump.
//
// It is an accelerator, never the definition: an op it does not handle, and every case
// it would have to decide like the reference interpreter (a trap, a NaN result, a
// branch that returns), ends the run and returns that op's index; the Swift step loop
// then executes the op itself. Everything it reads and writes is what the Swift loop
// would: frame slots named by the op (in bounds by the frame-size invariant at the top
// of Interpreter.swift), memory 0 after the same bounds check, the instance's globals.

#ifndef WASMSPEC_THREADED_H
#define WASMSPEC_THREADED_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The kinds of op the core handles, in one list: the enum below and the core's table
/// of handlers are made from it. `exit` ends the run at the op that carries it.
#define WASMSPEC_KINDS(X) \
    X(exit) X(jump) X(jump_if) X(jump_if_not) \
    X(jump_if_zero64) X(jump_if_nonzero64) X(jump_if_i32_eq) X(jump_if_i32_ne) \
    X(jump_if_i32_lt_s) X(jump_if_i32_lt_u) X(jump_if_i32_gt_s) X(jump_if_i32_gt_u) \
    X(jump_if_i32_le_s) X(jump_if_i32_le_u) X(jump_if_i32_ge_s) X(jump_if_i32_ge_u) \
    X(jump_if_i64_eq) X(jump_if_i64_ne) X(jump_if_i64_lt_s) X(jump_if_i64_lt_u) \
    X(jump_if_i64_gt_s) X(jump_if_i64_gt_u) X(jump_if_i64_le_s) X(jump_if_i64_le_u) \
    X(jump_if_i64_ge_s) X(jump_if_i64_ge_u) X(br_table) X(move) \
    X(move2) X(global_get) X(global_set) X(select) \
    X(select2) X(i32_load) X(i64_load) X(i32_load8_s) \
    X(i32_load8_u) X(i32_load16_s) X(i32_load16_u) X(i64_load8_s) \
    X(i64_load8_u) X(i64_load16_s) X(i64_load16_u) X(i64_load32_s) \
    X(i64_load32_u) X(i32_store) X(i64_store) X(i32_store8) \
    X(i32_store16) X(i64_store8) X(i64_store16) X(i64_store32) \
    X(i32_eqz) X(i32_clz) X(i32_ctz) X(i32_popcnt) \
    X(i32_add) X(i32_sub) X(i32_mul) X(i32_and) \
    X(i32_or) X(i32_xor) X(i32_shl) X(i32_shr_s) \
    X(i32_shr_u) X(i32_rotl) X(i32_rotr) X(i32_div_s) \
    X(i32_div_u) X(i32_rem_s) X(i32_rem_u) X(i32_eq) \
    X(i32_ne) X(i32_lt_s) X(i32_lt_u) X(i32_gt_s) \
    X(i32_gt_u) X(i32_le_s) X(i32_le_u) X(i32_ge_s) \
    X(i32_ge_u) X(i64_eqz) X(i64_clz) X(i64_ctz) \
    X(i64_popcnt) X(i64_add) X(i64_sub) X(i64_mul) \
    X(i64_and) X(i64_or) X(i64_xor) X(i64_shl) \
    X(i64_shr_s) X(i64_shr_u) X(i64_rotl) X(i64_rotr) \
    X(i64_div_s) X(i64_div_u) X(i64_rem_s) X(i64_rem_u) \
    X(i64_eq) X(i64_ne) X(i64_lt_s) X(i64_lt_u) \
    X(i64_gt_s) X(i64_gt_u) X(i64_le_s) X(i64_le_u) \
    X(i64_ge_s) X(i64_ge_u) X(f32_abs) X(f32_neg) \
    X(f32_sqrt) X(f32_ceil) X(f32_floor) X(f32_trunc) \
    X(f32_add) X(f32_sub) X(f32_mul) X(f32_div) \
    X(f32_min) X(f32_max) X(f32_copysign) X(f32_eq) \
    X(f32_ne) X(f32_lt) X(f32_gt) X(f32_le) \
    X(f32_ge) X(f64_abs) X(f64_neg) X(f64_sqrt) \
    X(f64_ceil) X(f64_floor) X(f64_trunc) X(f64_add) \
    X(f64_sub) X(f64_mul) X(f64_div) X(f64_min) \
    X(f64_max) X(f64_copysign) X(f64_eq) X(f64_ne) \
    X(f64_lt) X(f64_gt) X(f64_le) X(f64_ge) \
    X(i32_wrap_i64) X(i64_extend_i32_s) X(i64_extend_i32_u) X(i32_extend8_s) \
    X(i32_extend16_s) X(i64_extend8_s) X(i64_extend16_s) X(i64_extend32_s) \
    X(f64_convert_i32_s) X(f64_convert_i32_u) X(f64_convert_i64_s) X(f32_convert_i32_s) \
    X(f32_convert_i32_u) X(f64_promote_f32) X(f32_demote_f64) X(call) \
    X(call_indirect) X(return)

#define WASMSPEC_KIND_ENUM(k) WASMSPEC_##k,
/// A kind of op.
typedef enum wasmspec_kind { WASMSPEC_KINDS(WASMSPEC_KIND_ENUM) WASMSPEC_KIND_COUNT } wasmspec_kind;
#undef WASMSPEC_KIND_ENUM

/// One op of threaded code: its handler's address and the op's three operands, as the
/// Swift `Op` has them.
typedef struct wasmspec_op {
    const void *_Nullable handler;
    uint32_t a, b, c;
} wasmspec_op;

/// A branch table's entry, as the Swift `BranchTarget`.
typedef struct wasmspec_branch {
    int32_t target;
    uint32_t from, to, count;
} wasmspec_branch;

struct wasmspec_function;

/// A `call_indirect` site's last callee: when table 0 still holds `slot` at the index
/// the call reads, the callee is `callee` (a function of the same instance, which
/// passed the site's type check, as the same function always does).
typedef struct wasmspec_indirect {
    uint64_t slot;
    const struct wasmspec_function *_Nullable callee;
} wasmspec_indirect;

/// A table's elements, as the Swift `TableElements` keeps them.
typedef struct wasmspec_table {
    uint64_t *_Nonnull slots;
    intptr_t count;
} wasmspec_table;

/// A compiled function as the core sees it; the Swift `CompiledFunction` owns it.
typedef struct wasmspec_function {
    /// Its threaded code and branch tables.
    const wasmspec_op *_Nonnull code;
    const wasmspec_branch *_Nonnull branches;
    /// By `call` site (an op's `c`), the callee when it is a Wasm function of the same
    /// instance that has been compiled, or null: the Swift loop fills an entry the
    /// first time it makes that call, and the core makes a call only through one.
    const struct wasmspec_function *_Nullable *_Nonnull callees;
    /// By `call_indirect` site (an op's `c`), the site's last callee through table 0,
    /// filled likewise by the Swift loop.
    wasmspec_indirect *_Nonnull indirect;
    /// The constants copied into a frame on entry.
    const uint64_t *_Nonnull constants;
    /// The frame's parts, as `CompiledFunction` has them: `frame_size` slots in all,
    /// parameters first, then locals (zeroed on entry), then constants.
    intptr_t frame_size, param_slots, local_slots, constant_count;
    /// The Swift ops (`Op`) and the Swift `CompiledFunction`, unretained, for the
    /// frames the core pushes.
    void *_Nonnull ops;
    void *_Nonnull function;
} wasmspec_function;

/// A suspended caller, the Swift `Frame` (which is this type, so the layouts agree).
typedef struct wasmspec_frame {
    /// The caller's Swift ops and the index of the op after the call.
    void *_Nonnull ops;
    intptr_t pc;
    /// The caller's frame.
    uint64_t *_Nonnull fp;
    /// The caller's `CompiledFunction` and `ModuleInstance`, unretained, and the
    /// function again as the core sees it.
    void *_Nonnull fn;
    void *_Nonnull inst;
    const wasmspec_function *_Nonnull desc;
} wasmspec_frame;

/// What an op may touch besides its own operands, and the machine's registers, which
/// the core reads on entry and writes back when it stops.
typedef struct wasmspec_state {
    /// The frame.
    uint64_t *_Nonnull fp;
    /// The running function.
    const wasmspec_function *_Nonnull function;
    /// Memory 0's bytes and size (size 0 and any base when there is none).
    uint8_t *_Nullable memory;
    uint64_t memory_size;
    /// Each global's first slot, by index.
    uint64_t *_Nonnull const *_Nonnull globals;
    /// Table 0's elements, or null (no table 0, or `call_indirect` left to Swift).
    const wasmspec_table *_Nullable table0;
    /// The running instance (unretained); the core calls and returns only within it,
    /// so memory 0 and the globals above stay the running instance's.
    void *_Nonnull instance;
    /// The stack of suspended callers: `depth` in use, room for `max_depth`; the core
    /// returns to a caller only above `min_depth` (those of this run of the Swift loop).
    wasmspec_frame *_Nonnull frames;
    intptr_t depth, min_depth, max_depth;
    /// The end of the operand stack: no frame the core enters reaches past it.
    uint64_t *_Nonnull stack_end;
} wasmspec_state;

/// Runs the threaded code of `state->function` from op `pc` until an op it leaves to
/// the caller, whose index it returns; `state` then holds the frame, function and depth
/// at that op.
intptr_t wasmspec_run(intptr_t pc, wasmspec_state *_Nonnull state);

/// Fills `handlers[k]` with the address of kind `k`'s handler, for every kind below
/// `WASMSPEC_KIND_COUNT`.
void wasmspec_handlers(const void *_Nullable *_Nonnull handlers);

#ifdef __cplusplus
}
#endif

#endif

// The threaded core (see include/WasmSpecThreaded.h for what it is and is not).
//
// Portability: handlers are labels whose addresses the code carries (`&&label`,
// `goto *`), a GNU C extension that clang and gcc accept on every target (Linux x86_64
// and aarch64, Darwin). Elsewhere every op is `exit`, and the Swift loop runs alone.
// Values move between slots and memory with memcpy, so no access is misaligned or
// breaks aliasing rules. Nothing here writes below a pointer.

#include "WasmSpecThreaded.h"

#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define WASMSPEC_THREADED 1
#else
#define WASMSPEC_THREADED 0
#endif

static inline uint32_t u32(uint64_t x) { return (uint32_t)x; }
static inline int32_t s32(uint64_t x) { return (int32_t)(uint32_t)x; }
static inline int64_t s64(uint64_t x) { return (int64_t)x; }
static inline float f32(uint64_t x) {
    uint32_t b = (uint32_t)x;
    float f;
    memcpy(&f, &b, 4);
    return f;
}
static inline double f64(uint64_t x) {
    double d;
    memcpy(&d, &x, 8);
    return d;
}
static inline uint64_t bits32(float f) {
    uint32_t b;
    memcpy(&b, &f, 4);
    return b;
}
static inline uint64_t bits64(double d) {
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

#if WASMSPEC_THREADED

#define NEXT() \
    do { \
        ip++; \
        goto *ip->handler; \
    } while (0)
#define JUMP(target) \
    do { \
        ip = code + (target); \
        goto *ip->handler; \
    } while (0)
// Stopping writes the registers back (wasmspec_state).
#define EXIT() \
    do { \
        state->fp = fp; \
        state->function = fn; \
        state->depth = depth; \
        return ip - code; \
    } while (0)
#define A (ip->a)
#define B (ip->b)
#define C (ip->c)

// The effective address of an access of `size` bytes at slot b's address plus offset
// c, or exit (the Swift loop traps): the same check as MemoryInstance.effectiveAddress.
#define ADDRESS(size) \
    uint64_t base_ = fp[B]; \
    uint64_t ea = base_ + (uint64_t)C; \
    if (ea < base_ || ea > memory_size || memory_size - ea < (size)) EXIT();

#define LOAD(T, size, convert) \
    { \
        ADDRESS(size) \
        T v; \
        memcpy(&v, memory + ea, size); \
        fp[A] = convert; \
        NEXT(); \
    }
#define STORE(T, size) \
    { \
        ADDRESS(size) \
        T v = (T)fp[A]; \
        memcpy(memory + ea, &v, size); \
        NEXT(); \
    }

// A float result that is NaN exits: its payload is the reference's choice, which the
// Swift loop makes. Any other result is IEEE 754's, the same in every language.
#define FLOAT32(expr) \
    { \
        float r = (expr); \
        if (r != r) EXIT(); \
        fp[A] = bits32(r); \
        NEXT(); \
    }
#define FLOAT64(expr) \
    { \
        double r = (expr); \
        if (r != r) EXIT(); \
        fp[A] = bits64(r); \
        NEXT(); \
    }

static intptr_t run(intptr_t pc, wasmspec_state *state, const void **handlers) {
#define WASMSPEC_LABEL(k) &&L_##k,
    static const void *const labels[] = {WASMSPEC_KINDS(WASMSPEC_LABEL)};
#undef WASMSPEC_LABEL
    if (handlers) {
        for (int k = 0; k < WASMSPEC_KIND_COUNT; k++) handlers[k] = labels[k];
        return 0;
    }
    // The registers: they change at calls and returns.
    uint64_t *fp = state->fp;
    const wasmspec_function *fn = state->function;
    const wasmspec_op *code = fn->code;
    intptr_t depth = state->depth;
    // Fixed for the run: the instance's memory 0 and globals (a call or return that
    // would change instance stops instead), and the stacks' bounds.
    uint8_t *const memory = state->memory;
    const uint64_t memory_size = state->memory_size;
    uint64_t *const *const globals = state->globals;
    const wasmspec_table *const table0 = state->table0;
    void *const instance = state->instance;
    wasmspec_frame *const frames = state->frames;
    const intptr_t min_depth = state->min_depth, max_depth = state->max_depth;
    uint64_t *const stack_end = state->stack_end;
    const wasmspec_op *ip = code + pc;
    goto *ip->handler;

L_exit:
    EXIT();

    // Control
L_jump: JUMP(A);
L_jump_if: if (u32(fp[B]) != 0) JUMP(A); NEXT();
L_jump_if_not: if (u32(fp[B]) == 0) JUMP(A); NEXT();
L_jump_if_zero64: if (fp[B] == 0) JUMP(A); NEXT();
L_jump_if_nonzero64: if (fp[B] != 0) JUMP(A); NEXT();
L_jump_if_i32_eq: if (u32(fp[B]) == u32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_ne: if (u32(fp[B]) != u32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_lt_s: if (s32(fp[B]) < s32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_lt_u: if (u32(fp[B]) < u32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_gt_s: if (s32(fp[B]) > s32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_gt_u: if (u32(fp[B]) > u32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_le_s: if (s32(fp[B]) <= s32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_le_u: if (u32(fp[B]) <= u32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_ge_s: if (s32(fp[B]) >= s32(fp[C])) JUMP(A); NEXT();
L_jump_if_i32_ge_u: if (u32(fp[B]) >= u32(fp[C])) JUMP(A); NEXT();
L_jump_if_i64_eq: if (fp[B] == fp[C]) JUMP(A); NEXT();
L_jump_if_i64_ne: if (fp[B] != fp[C]) JUMP(A); NEXT();
L_jump_if_i64_lt_s: if (s64(fp[B]) < s64(fp[C])) JUMP(A); NEXT();
L_jump_if_i64_lt_u: if (fp[B] < fp[C]) JUMP(A); NEXT();
L_jump_if_i64_gt_s: if (s64(fp[B]) > s64(fp[C])) JUMP(A); NEXT();
L_jump_if_i64_gt_u: if (fp[B] > fp[C]) JUMP(A); NEXT();
L_jump_if_i64_le_s: if (s64(fp[B]) <= s64(fp[C])) JUMP(A); NEXT();
L_jump_if_i64_le_u: if (fp[B] <= fp[C]) JUMP(A); NEXT();
L_jump_if_i64_ge_s: if (s64(fp[B]) >= s64(fp[C])) JUMP(A); NEXT();
L_jump_if_i64_ge_u: if (fp[B] >= fp[C]) JUMP(A); NEXT();
L_br_table: {
    // Entries a ..< a + c; the last is the default. A branch to the function's own
    // label (target < 0) returns, which the Swift loop does.
    uint64_t i = u32(fp[B]);
    uint64_t last = (uint64_t)C - 1;
    const wasmspec_branch *t = fn->branches + A + (i < last ? i : last);
    if (t->target < 0) EXIT();
    if (t->from != t->to)
        for (uint32_t k = 0; k < t->count; k++) fp[t->to + k] = fp[t->from + k];
    JUMP(t->target);
}

    // Calls within the instance (§4.4.10 "Function calls"), as the Swift loop's `call`
    // and `return`: b is the callee's first slot in the caller's frame, c the call site.
    // Whatever the Swift loop would decide otherwise (a callee not yet compiled, in
    // another instance or the host; no depth or stack left, which is exhaustion; a
    // return to a caller of another run or instance) stops here, and it decides.
    const wasmspec_function *callee;
    uint64_t *callee_fp;
L_call:
    callee = fn->callees[C];
    if (!callee) EXIT();
    callee_fp = fp + B;
    goto enter;
L_call_indirect: {
    // a is the callee's first slot, b the slot of the table index, c the site.
    const wasmspec_indirect *site = fn->indirect + C;
    uint64_t i = fp[B];
    if (!table0 || !site->callee || i >= (uint64_t)table0->count || table0->slots[i] != site->slot) EXIT();
    callee = site->callee;
    callee_fp = fp + A;
    goto enter;
}
enter: {
    if (depth + 1 >= max_depth || callee->frame_size > stack_end - callee_fp) EXIT();
    wasmspec_frame *f = frames + depth;
    f->ops = fn->ops;
    f->pc = (ip - code) + 1;
    f->fp = fp;
    f->fn = fn->function;
    f->inst = instance;
    f->desc = fn;
    depth++;
    uint64_t *locals = callee_fp + callee->param_slots;
    for (intptr_t i = 0; i < callee->local_slots; i++) locals[i] = 0;
    uint64_t *constants = locals + callee->local_slots;
    for (intptr_t i = 0; i < callee->constant_count; i++) constants[i] = callee->constants[i];
    fp = callee_fp;
    fn = callee;
    code = fn->code;
    ip = code;
    goto *ip->handler;
}
L_return: {
    // The `b` results at slot a go to the frame's base, as `Executor.popFrame` moves them.
    if (depth <= min_depth) EXIT();
    const wasmspec_frame *f = frames + depth - 1;
    if (f->inst != instance) EXIT();
    if (A != 0)
        for (uint32_t k = 0; k < B; k++) fp[k] = fp[A + k];
    depth--;
    fp = f->fp;
    fn = f->desc;
    code = fn->code;
    ip = code + f->pc;
    goto *ip->handler;
}

    // Variables and parametric
L_move: fp[A] = fp[B]; NEXT();
L_move2: fp[A] = fp[B]; fp[A + 1] = fp[B + 1]; NEXT();
L_global_get: fp[A] = globals[B][0]; NEXT();
L_global_set: globals[A][0] = fp[B]; NEXT();
L_select: if (u32(fp[C]) == 0) fp[A] = fp[B]; NEXT();
L_select2: if (u32(fp[C]) == 0) { fp[A] = fp[B]; fp[A + 1] = fp[B + 1]; } NEXT();

    // Memory 0
L_i32_load: LOAD(uint32_t, 4, v)
L_i64_load: LOAD(uint64_t, 8, v)
L_i32_load8_s: LOAD(int8_t, 1, (uint32_t)(int32_t)v)
L_i32_load8_u: LOAD(uint8_t, 1, v)
L_i32_load16_s: LOAD(int16_t, 2, (uint32_t)(int32_t)v)
L_i32_load16_u: LOAD(uint16_t, 2, v)
L_i64_load8_s: LOAD(int8_t, 1, (uint64_t)(int64_t)v)
L_i64_load8_u: LOAD(uint8_t, 1, v)
L_i64_load16_s: LOAD(int16_t, 2, (uint64_t)(int64_t)v)
L_i64_load16_u: LOAD(uint16_t, 2, v)
L_i64_load32_s: LOAD(int32_t, 4, (uint64_t)(int64_t)v)
L_i64_load32_u: LOAD(uint32_t, 4, v)
L_i32_store: STORE(uint32_t, 4)
L_i64_store: STORE(uint64_t, 8)
L_i32_store8: STORE(uint8_t, 1)
L_i32_store16: STORE(uint16_t, 2)
L_i64_store8: STORE(uint8_t, 1)
L_i64_store16: STORE(uint16_t, 2)
L_i64_store32: STORE(uint32_t, 4)

    // i32: results are kept zero-extended in their slots.
L_i32_eqz: fp[A] = u32(fp[B]) == 0; NEXT();
L_i32_clz: { uint32_t x = u32(fp[B]); fp[A] = x ? (uint32_t)__builtin_clz(x) : 32; NEXT(); }
L_i32_ctz: { uint32_t x = u32(fp[B]); fp[A] = x ? (uint32_t)__builtin_ctz(x) : 32; NEXT(); }
L_i32_popcnt: fp[A] = (uint32_t)__builtin_popcount(u32(fp[B])); NEXT();
L_i32_add: fp[A] = (uint32_t)(u32(fp[B]) + u32(fp[C])); NEXT();
L_i32_sub: fp[A] = (uint32_t)(u32(fp[B]) - u32(fp[C])); NEXT();
L_i32_mul: fp[A] = (uint32_t)(u32(fp[B]) * u32(fp[C])); NEXT();
L_i32_and: fp[A] = u32(fp[B]) & u32(fp[C]); NEXT();
L_i32_or: fp[A] = u32(fp[B]) | u32(fp[C]); NEXT();
L_i32_xor: fp[A] = u32(fp[B]) ^ u32(fp[C]); NEXT();
L_i32_shl: fp[A] = (uint32_t)(u32(fp[B]) << (u32(fp[C]) & 31)); NEXT();
L_i32_shr_s: fp[A] = (uint32_t)(s32(fp[B]) >> (u32(fp[C]) & 31)); NEXT();
L_i32_shr_u: fp[A] = u32(fp[B]) >> (u32(fp[C]) & 31); NEXT();
L_i32_rotl: { uint32_t x = u32(fp[B]), n = u32(fp[C]) & 31; fp[A] = (uint32_t)((x << n) | (x >> ((32 - n) & 31))); NEXT(); }
L_i32_rotr: { uint32_t x = u32(fp[B]), n = u32(fp[C]) & 31; fp[A] = (uint32_t)((x >> n) | (x << ((32 - n) & 31))); NEXT(); }
L_i32_div_s: { int32_t x = s32(fp[B]), y = s32(fp[C]); if (y == 0 || (x == INT32_MIN && y == -1)) EXIT(); fp[A] = (uint32_t)(x / y); NEXT(); }
L_i32_div_u: { uint32_t y = u32(fp[C]); if (y == 0) EXIT(); fp[A] = u32(fp[B]) / y; NEXT(); }
L_i32_rem_s: { int32_t x = s32(fp[B]), y = s32(fp[C]); if (y == 0) EXIT(); fp[A] = y == -1 ? 0 : (uint32_t)(x % y); NEXT(); }
L_i32_rem_u: { uint32_t y = u32(fp[C]); if (y == 0) EXIT(); fp[A] = u32(fp[B]) % y; NEXT(); }
L_i32_eq: fp[A] = u32(fp[B]) == u32(fp[C]); NEXT();
L_i32_ne: fp[A] = u32(fp[B]) != u32(fp[C]); NEXT();
L_i32_lt_s: fp[A] = s32(fp[B]) < s32(fp[C]); NEXT();
L_i32_lt_u: fp[A] = u32(fp[B]) < u32(fp[C]); NEXT();
L_i32_gt_s: fp[A] = s32(fp[B]) > s32(fp[C]); NEXT();
L_i32_gt_u: fp[A] = u32(fp[B]) > u32(fp[C]); NEXT();
L_i32_le_s: fp[A] = s32(fp[B]) <= s32(fp[C]); NEXT();
L_i32_le_u: fp[A] = u32(fp[B]) <= u32(fp[C]); NEXT();
L_i32_ge_s: fp[A] = s32(fp[B]) >= s32(fp[C]); NEXT();
L_i32_ge_u: fp[A] = u32(fp[B]) >= u32(fp[C]); NEXT();

    // i64
L_i64_eqz: fp[A] = fp[B] == 0; NEXT();
L_i64_clz: { uint64_t x = fp[B]; fp[A] = x ? (uint64_t)__builtin_clzll(x) : 64; NEXT(); }
L_i64_ctz: { uint64_t x = fp[B]; fp[A] = x ? (uint64_t)__builtin_ctzll(x) : 64; NEXT(); }
L_i64_popcnt: fp[A] = (uint64_t)__builtin_popcountll(fp[B]); NEXT();
L_i64_add: fp[A] = fp[B] + fp[C]; NEXT();
L_i64_sub: fp[A] = fp[B] - fp[C]; NEXT();
L_i64_mul: fp[A] = fp[B] * fp[C]; NEXT();
L_i64_and: fp[A] = fp[B] & fp[C]; NEXT();
L_i64_or: fp[A] = fp[B] | fp[C]; NEXT();
L_i64_xor: fp[A] = fp[B] ^ fp[C]; NEXT();
L_i64_shl: fp[A] = fp[B] << (fp[C] & 63); NEXT();
L_i64_shr_s: fp[A] = (uint64_t)(s64(fp[B]) >> (fp[C] & 63)); NEXT();
L_i64_shr_u: fp[A] = fp[B] >> (fp[C] & 63); NEXT();
L_i64_rotl: { uint64_t x = fp[B], n = fp[C] & 63; fp[A] = (x << n) | (x >> ((64 - n) & 63)); NEXT(); }
L_i64_rotr: { uint64_t x = fp[B], n = fp[C] & 63; fp[A] = (x >> n) | (x << ((64 - n) & 63)); NEXT(); }
L_i64_div_s: { int64_t x = s64(fp[B]), y = s64(fp[C]); if (y == 0 || (x == INT64_MIN && y == -1)) EXIT(); fp[A] = (uint64_t)(x / y); NEXT(); }
L_i64_div_u: { uint64_t y = fp[C]; if (y == 0) EXIT(); fp[A] = fp[B] / y; NEXT(); }
L_i64_rem_s: { int64_t x = s64(fp[B]), y = s64(fp[C]); if (y == 0) EXIT(); fp[A] = y == -1 ? 0 : (uint64_t)(x % y); NEXT(); }
L_i64_rem_u: { uint64_t y = fp[C]; if (y == 0) EXIT(); fp[A] = fp[B] % y; NEXT(); }
L_i64_eq: fp[A] = fp[B] == fp[C]; NEXT();
L_i64_ne: fp[A] = fp[B] != fp[C]; NEXT();
L_i64_lt_s: fp[A] = s64(fp[B]) < s64(fp[C]); NEXT();
L_i64_lt_u: fp[A] = fp[B] < fp[C]; NEXT();
L_i64_gt_s: fp[A] = s64(fp[B]) > s64(fp[C]); NEXT();
L_i64_gt_u: fp[A] = fp[B] > fp[C]; NEXT();
L_i64_le_s: fp[A] = s64(fp[B]) <= s64(fp[C]); NEXT();
L_i64_le_u: fp[A] = fp[B] <= fp[C]; NEXT();
L_i64_ge_s: fp[A] = s64(fp[B]) >= s64(fp[C]); NEXT();
L_i64_ge_u: fp[A] = fp[B] >= fp[C]; NEXT();

    // f32: sign operations on bits; min and max only where no zero or NaN is involved.
L_f32_abs: fp[A] = u32(fp[B]) & 0x7fffffffu; NEXT();
L_f32_neg: fp[A] = u32(fp[B]) ^ 0x80000000u; NEXT();
L_f32_copysign: fp[A] = (u32(fp[B]) & 0x7fffffffu) | (u32(fp[C]) & 0x80000000u); NEXT();
L_f32_sqrt: FLOAT32(__builtin_sqrtf(f32(fp[B])))
L_f32_ceil: FLOAT32(__builtin_ceilf(f32(fp[B])))
L_f32_floor: FLOAT32(__builtin_floorf(f32(fp[B])))
L_f32_trunc: FLOAT32(__builtin_truncf(f32(fp[B])))
L_f32_add: FLOAT32(f32(fp[B]) + f32(fp[C]))
L_f32_sub: FLOAT32(f32(fp[B]) - f32(fp[C]))
L_f32_mul: FLOAT32(f32(fp[B]) * f32(fp[C]))
L_f32_div: FLOAT32(f32(fp[B]) / f32(fp[C]))
L_f32_min: { float x = f32(fp[B]), y = f32(fp[C]); if (!(x < y || y < x)) EXIT(); fp[A] = x < y ? u32(fp[B]) : u32(fp[C]); NEXT(); }
L_f32_max: { float x = f32(fp[B]), y = f32(fp[C]); if (!(x < y || y < x)) EXIT(); fp[A] = x > y ? u32(fp[B]) : u32(fp[C]); NEXT(); }
L_f32_eq: fp[A] = f32(fp[B]) == f32(fp[C]); NEXT();
L_f32_ne: fp[A] = f32(fp[B]) != f32(fp[C]); NEXT();
L_f32_lt: fp[A] = f32(fp[B]) < f32(fp[C]); NEXT();
L_f32_gt: fp[A] = f32(fp[B]) > f32(fp[C]); NEXT();
L_f32_le: fp[A] = f32(fp[B]) <= f32(fp[C]); NEXT();
L_f32_ge: fp[A] = f32(fp[B]) >= f32(fp[C]); NEXT();

    // f64
L_f64_abs: fp[A] = fp[B] & 0x7fffffffffffffffull; NEXT();
L_f64_neg: fp[A] = fp[B] ^ 0x8000000000000000ull; NEXT();
L_f64_copysign: fp[A] = (fp[B] & 0x7fffffffffffffffull) | (fp[C] & 0x8000000000000000ull); NEXT();
L_f64_sqrt: FLOAT64(__builtin_sqrt(f64(fp[B])))
L_f64_ceil: FLOAT64(__builtin_ceil(f64(fp[B])))
L_f64_floor: FLOAT64(__builtin_floor(f64(fp[B])))
L_f64_trunc: FLOAT64(__builtin_trunc(f64(fp[B])))
L_f64_add: FLOAT64(f64(fp[B]) + f64(fp[C]))
L_f64_sub: FLOAT64(f64(fp[B]) - f64(fp[C]))
L_f64_mul: FLOAT64(f64(fp[B]) * f64(fp[C]))
L_f64_div: FLOAT64(f64(fp[B]) / f64(fp[C]))
L_f64_min: { double x = f64(fp[B]), y = f64(fp[C]); if (!(x < y || y < x)) EXIT(); fp[A] = x < y ? fp[B] : fp[C]; NEXT(); }
L_f64_max: { double x = f64(fp[B]), y = f64(fp[C]); if (!(x < y || y < x)) EXIT(); fp[A] = x > y ? fp[B] : fp[C]; NEXT(); }
L_f64_eq: fp[A] = f64(fp[B]) == f64(fp[C]); NEXT();
L_f64_ne: fp[A] = f64(fp[B]) != f64(fp[C]); NEXT();
L_f64_lt: fp[A] = f64(fp[B]) < f64(fp[C]); NEXT();
L_f64_gt: fp[A] = f64(fp[B]) > f64(fp[C]); NEXT();
L_f64_le: fp[A] = f64(fp[B]) <= f64(fp[C]); NEXT();
L_f64_ge: fp[A] = f64(fp[B]) >= f64(fp[C]); NEXT();

    // Conversions: exact, or rounded to nearest as IEEE 754 and the reference both do.
L_i32_wrap_i64: fp[A] = u32(fp[B]); NEXT();
L_i64_extend_i32_s: fp[A] = (uint64_t)(int64_t)s32(fp[B]); NEXT();
L_i64_extend_i32_u: fp[A] = u32(fp[B]); NEXT();
L_i32_extend8_s: fp[A] = (uint32_t)(int32_t)(int8_t)fp[B]; NEXT();
L_i32_extend16_s: fp[A] = (uint32_t)(int32_t)(int16_t)fp[B]; NEXT();
L_i64_extend8_s: fp[A] = (uint64_t)(int64_t)(int8_t)fp[B]; NEXT();
L_i64_extend16_s: fp[A] = (uint64_t)(int64_t)(int16_t)fp[B]; NEXT();
L_i64_extend32_s: fp[A] = (uint64_t)(int64_t)(int32_t)fp[B]; NEXT();
L_f64_convert_i32_s: fp[A] = bits64((double)s32(fp[B])); NEXT();
L_f64_convert_i32_u: fp[A] = bits64((double)u32(fp[B])); NEXT();
L_f64_convert_i64_s: fp[A] = bits64((double)s64(fp[B])); NEXT();
L_f32_convert_i32_s: fp[A] = bits32((float)s32(fp[B])); NEXT();
L_f32_convert_i32_u: fp[A] = bits32((float)u32(fp[B])); NEXT();
L_f64_promote_f32: FLOAT64((double)f32(fp[B]))
L_f32_demote_f64: FLOAT32((float)f64(fp[B]))
}

intptr_t wasmspec_run(intptr_t pc, wasmspec_state *state) { return run(pc, state, 0); }

void wasmspec_handlers(const void **handlers) { run(0, 0, handlers); }

#else

intptr_t wasmspec_run(intptr_t pc, wasmspec_state *state) {
    (void)state;
    return pc;
}

void wasmspec_handlers(const void **handlers) {
    for (int k = 0; k < WASMSPEC_KIND_COUNT; k++) handlers[k] = 0;
}

#endif

/*
 * Tests of the C ABI (Sources/CWasmSpec/include/wasm_spec.h): the reference functions,
 * typed errors, null and invalid arguments, the store's linking and host functions,
 * and 16 threads at once (run it under the thread sanitizer too: bindings/c/run.sh).
 * Prints "N passed, N failed" and exits non-zero on a failure.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "wasm_spec.h"

static int passed, failed;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (cond) {                                                        \
            passed++;                                                      \
        } else {                                                           \
            failed++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                  \
    } while (0)

/* (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)) */
static const uint8_t add_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f,
    0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 'a',  'd',  'd',
    0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b};

#define NAME(s) s, strlen(s)

/* Checks that `e` is an error of `kind` whose message starts with `prefix`; frees it. */
static int is_error(wasm_spec_error *e, uint32_t kind, const char *prefix) {
    int ok = e != NULL && wasm_spec_error_kind(e) == kind &&
             strncmp(wasm_spec_error_message(e), prefix, strlen(prefix)) == 0;
    if (!ok && e) fprintf(stderr, "  got kind %u: %s\n", wasm_spec_error_kind(e), wasm_spec_error_message(e));
    if (!ok && !e) fprintf(stderr, "  got no error\n");
    wasm_spec_error_free(e);
    return ok;
}

static wasm_spec_value i32(uint32_t x) {
    wasm_spec_value v = {0};
    v.kind = WASM_SPEC_I32;
    v.of.i32 = x;
    return v;
}

/* Calls `name` with two i32s; returns the i32 result or 0xDEAD on any failure. */
static uint32_t call2(wasm_spec_instance *inst, const char *name, uint32_t a, uint32_t b) {
    wasm_spec_value args[2] = {i32(a), i32(b)};
    wasm_spec_value *results = NULL;
    size_t n = 0;
    wasm_spec_error *e = wasm_spec_interpret(inst, NAME(name), args, 2, &results, &n);
    uint32_t r = (e == NULL && n == 1 && results[0].kind == WASM_SPEC_I32) ? results[0].of.i32 : 0xDEAD;
    wasm_spec_error_free(e);
    wasm_spec_values_free(results);
    return r;
}

static void test_reference_functions(void) {
    wasm_spec_instance *inst = NULL;
    CHECK(wasm_spec_instantiate(add_wasm, sizeof add_wasm, NULL, &inst) == NULL && inst != NULL);
    CHECK(call2(inst, "add", 42, 1) == 43);
    CHECK(call2(inst, "add", 0xFFFFFFFFu, 1) == 0);

    /* Zeroes for the parameters, and the legacy first-export call. */
    wasm_spec_value *results = NULL;
    size_t n = 99;
    CHECK(wasm_spec_interpret(inst, NAME("add"), NULL, WASM_SPEC_ZERO_ARGS, &results, &n) == NULL);
    CHECK(n == 1 && results[0].kind == WASM_SPEC_I32 && results[0].of.i32 == 0);
    wasm_spec_values_free(results);
    wasm_spec_value args[2] = {i32(20), i32(23)};
    CHECK(wasm_spec_interpret_legacy(add_wasm, sizeof add_wasm, NULL, args, 2, &results, &n) == NULL);
    CHECK(n == 1 && results[0].of.i32 == 43);
    wasm_spec_values_free(results);

    /* Typed errors with the reference's messages. */
    CHECK(is_error(wasm_spec_interpret(inst, NAME("nope"), args, 2, &results, &n), WASM_SPEC_ERROR_USAGE,
                   "undefined export"));
    CHECK(is_error(wasm_spec_interpret(inst, NAME("add"), args, 1, &results, &n), WASM_SPEC_ERROR_USAGE,
                   "wrong number of arguments"));
    uint8_t junk[] = {0, 1, 2, 3};
    wasm_spec_instance *bad = NULL;
    CHECK(is_error(wasm_spec_instantiate(junk, sizeof junk, NULL, &bad), WASM_SPEC_ERROR_MALFORMED,
                   "magic header not detected"));
    CHECK(bad == NULL);
    wasm_spec_instance_free(inst);
}

static const char *memory_module =
    "(module (memory (export \"mem\") 1 1) (global (export \"g\") (mut i32) (i32.const 7))"
    " (func (export \"store\") (param i32 i32) (i32.store (local.get 0) (local.get 1))"
    "   (global.set 0 (local.get 1)))"
    " (func (export \"div\") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))"
    " (func (export \"spin\") (loop (br 0)))"
    " (func $f (export \"deep\") (call $f)))";

static void test_exports_and_limits(void) {
    wasm_spec_limits limits = {0};
    limits.engine = WASM_SPEC_ENGINE_COMPILED;
    limits.fuel = 100000;
    limits.max_call_depth = 300;
    wasm_spec_store *store = NULL;
    CHECK(wasm_spec_store_new(&limits, &store) == NULL);
    wasm_spec_instance *inst = NULL;
    CHECK(wasm_spec_store_instantiate_text(store, memory_module, strlen(memory_module), &inst) == NULL);
    wasm_spec_value g;
    CHECK(wasm_spec_global_get(inst, NAME("g"), &g) == NULL && g.kind == WASM_SPEC_I32 && g.of.i32 == 7);
    CHECK(call2(inst, "store", 4, 42) == 0xDEAD); /* no result: call2 reports it */
    CHECK(wasm_spec_global_get(inst, NAME("g"), &g) == NULL && g.of.i32 == 42);
    uint8_t *bytes = NULL;
    size_t length = 0;
    CHECK(wasm_spec_memory_copy(inst, NAME("mem"), &bytes, &length) == NULL);
    CHECK(length == 65536 && bytes[4] == 42 && bytes[5] == 0 && bytes[3] == 0);
    wasm_spec_bytes_free(bytes);
    uint64_t size = 0;
    uint8_t window[3] = {9, 9, 9};
    CHECK(wasm_spec_memory_size(inst, NAME("mem"), &size) == NULL && size == 65536);
    CHECK(wasm_spec_memory_read(inst, NAME("mem"), 3, window, 3) == NULL);
    CHECK(window[0] == 0 && window[1] == 42 && window[2] == 0);
    CHECK(is_error(wasm_spec_memory_read(inst, NAME("mem"), 65534, window, 3), WASM_SPEC_ERROR_USAGE,
                   "out of bounds memory read"));
    CHECK(is_error(wasm_spec_memory_read(inst, NAME("mem"), 0, NULL, 3), WASM_SPEC_ERROR_USAGE, "null buffer"));
    CHECK(is_error(wasm_spec_memory_size(inst, NAME("g"), &size), WASM_SPEC_ERROR_USAGE, "export \"g\" is not a memory"));
    uint32_t kind = 99;
    CHECK(wasm_spec_export_kind(inst, NAME("mem"), &kind) == NULL && kind == WASM_SPEC_EXTERN_MEMORY);
    CHECK(wasm_spec_export_count(inst) == 6);
    uint8_t *name = NULL;
    size_t name_length = 0;
    CHECK(wasm_spec_export_at(inst, 1, &name, &name_length, &kind) == NULL);
    CHECK(name_length == 1 && name[0] == 'g' && kind == WASM_SPEC_EXTERN_GLOBAL);
    wasm_spec_bytes_free(name);
    CHECK(is_error(wasm_spec_export_at(inst, 6, &name, &name_length, NULL), WASM_SPEC_ERROR_USAGE, "export index"));

    wasm_spec_value args[2] = {i32(1), i32(0)};
    wasm_spec_value *results = NULL;
    size_t n = 0;
    CHECK(is_error(wasm_spec_interpret(inst, NAME("div"), args, 2, &results, &n), WASM_SPEC_ERROR_TRAP,
                   "integer divide by zero"));
    CHECK(is_error(wasm_spec_interpret(inst, NAME("spin"), NULL, 0, &results, &n), WASM_SPEC_ERROR_EXHAUSTION,
                   "step budget exhausted"));
    CHECK(is_error(wasm_spec_interpret(inst, NAME("deep"), NULL, 0, &results, &n), WASM_SPEC_ERROR_EXHAUSTION,
                   "call stack exhausted"));
    CHECK(is_error(wasm_spec_global_get(inst, NAME("mem"), &g), WASM_SPEC_ERROR_USAGE, "export \"mem\" is not a global"));
    wasm_spec_instance_free(inst);
    wasm_spec_store_free(store);
}

static const char *grow_module =
    "(module (memory 1) (table 1 funcref)"
    " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))"
    " (func (export \"grow_table\") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))";

/* The store's budgets: a grow past one returns -1, a memory past one is not made. */
static void test_budgets(void) {
    for (uint32_t engine = WASM_SPEC_ENGINE_REFERENCE; engine <= WASM_SPEC_ENGINE_COMPILED; engine++) {
        wasm_spec_limits limits = {0};
        limits.engine = engine;
        limits.budgets = WASM_SPEC_BUDGET_MEMORY_BYTES | WASM_SPEC_BUDGET_TABLE_ELEMENTS | WASM_SPEC_BUDGET_GC_HEAP_BYTES;
        limits.memory_bytes = 2 * 65536;
        limits.table_elements = 3;
        limits.gc_heap_bytes = 1 << 20;
        wasm_spec_store *store = NULL;
        wasm_spec_instance *inst = NULL;
        CHECK(wasm_spec_store_new(&limits, &store) == NULL);
        CHECK(wasm_spec_store_instantiate_text(store, grow_module, strlen(grow_module), &inst) == NULL);
        wasm_spec_value arg = i32(1), *results = NULL;
        size_t n = 0;
        CHECK(wasm_spec_interpret(inst, NAME("grow"), &arg, 1, &results, &n) == NULL && n == 1 && results[0].of.i32 == 1);
        wasm_spec_values_free(results);
        CHECK(wasm_spec_interpret(inst, NAME("grow"), &arg, 1, &results, &n) == NULL && n == 1 &&
              results[0].of.i32 == UINT32_MAX);
        wasm_spec_values_free(results);
        arg = i32(3);
        CHECK(wasm_spec_interpret(inst, NAME("grow_table"), &arg, 1, &results, &n) == NULL && n == 1 &&
              results[0].of.i32 == UINT32_MAX);
        wasm_spec_values_free(results);
        wasm_spec_instance_free(inst);
        wasm_spec_store_free(store);

        /* A budget of 0 is one: the module's memory of one page is not made. */
        limits.budgets = WASM_SPEC_BUDGET_MEMORY_BYTES;
        limits.memory_bytes = 0;
        inst = NULL;
        CHECK(wasm_spec_store_new(&limits, &store) == NULL);
        CHECK(is_error(wasm_spec_store_instantiate_text(store, grow_module, strlen(grow_module), &inst),
                       WASM_SPEC_ERROR_TRAP, "out of memory"));
        wasm_spec_store_free(store);
    }
}

static void test_null_and_invalid_arguments(void) {
    wasm_spec_instance *inst = NULL;
    wasm_spec_value *results = NULL;
    size_t n = 0;
    wasm_spec_value v;
    CHECK(is_error(wasm_spec_instantiate(add_wasm, sizeof add_wasm, NULL, NULL), WASM_SPEC_ERROR_USAGE, "null"));
    CHECK(is_error(wasm_spec_instantiate(NULL, 8, NULL, &inst), WASM_SPEC_ERROR_USAGE, "null"));
    CHECK(is_error(wasm_spec_instantiate(NULL, 0, NULL, &inst), WASM_SPEC_ERROR_MALFORMED, ""));
    CHECK(is_error(wasm_spec_interpret(NULL, NAME("add"), NULL, 0, &results, &n), WASM_SPEC_ERROR_USAGE, "null instance"));
    CHECK(is_error(wasm_spec_global_get(NULL, NAME("g"), &v), WASM_SPEC_ERROR_USAGE, "null instance"));
    CHECK(is_error(wasm_spec_memory_copy(NULL, NAME("m"), NULL, NULL), WASM_SPEC_ERROR_USAGE, "null"));
    CHECK(wasm_spec_export_count(NULL) == 0);
    CHECK(wasm_spec_error_kind(NULL) == 0 && strcmp(wasm_spec_error_message(NULL), "") == 0);
    wasm_spec_error_free(NULL);
    wasm_spec_instance_free(NULL);
    wasm_spec_store_free(NULL);
    wasm_spec_values_free(NULL);
    wasm_spec_bytes_free(NULL);

    /* A limits record naming no engine. */
    wasm_spec_limits limits = {0};
    limits.engine = 7;
    CHECK(is_error(wasm_spec_instantiate(add_wasm, sizeof add_wasm, &limits, &inst), WASM_SPEC_ERROR_USAGE, "unknown engine"));
    limits.engine = WASM_SPEC_ENGINE_REFERENCE;
    limits.budgets = 1u << 7;
    CHECK(is_error(wasm_spec_instantiate(add_wasm, sizeof add_wasm, &limits, &inst), WASM_SPEC_ERROR_USAGE,
                   "unknown budget bits 128"));

    CHECK(wasm_spec_instantiate(add_wasm, sizeof add_wasm, NULL, &inst) == NULL);
    /* A handle of the wrong kind, and a pointer to something that is no handle. */
    wasm_spec_store *store = NULL;
    CHECK(wasm_spec_store_new(NULL, &store) == NULL);
    CHECK(is_error(wasm_spec_interpret((wasm_spec_instance *)store, NAME("add"), NULL, 0, &results, &n),
                   WASM_SPEC_ERROR_USAGE, "not an instance handle"));
    CHECK(is_error(wasm_spec_store_register((wasm_spec_store *)inst, NAME("x"), inst), WASM_SPEC_ERROR_USAGE,
                   "not a store handle"));
    uint64_t garbage[4] = {1, 2, 3, 4};
    CHECK(is_error(wasm_spec_interpret((wasm_spec_instance *)garbage, NAME("add"), NULL, 0, &results, &n),
                   WASM_SPEC_ERROR_USAGE, "not an instance handle"));
    wasm_spec_error_free((wasm_spec_error *)garbage); /* ignored: not an error handle */
    CHECK(wasm_spec_error_kind((wasm_spec_error *)inst) == 0);

    /* Arguments: a value of no kind, a NULL array, an object reference, a wrong type. */
    wasm_spec_value args[2] = {i32(1), i32(2)};
    args[1].kind = 99;
    CHECK(is_error(wasm_spec_interpret(inst, NAME("add"), args, 2, &results, &n), WASM_SPEC_ERROR_USAGE, "unknown value kind"));
    CHECK(is_error(wasm_spec_interpret(inst, NAME("add"), NULL, 2, &results, &n), WASM_SPEC_ERROR_USAGE, "null arguments"));
    args[1].kind = WASM_SPEC_REF_FUNC;
    CHECK(is_error(wasm_spec_interpret(inst, NAME("add"), args, 2, &results, &n), WASM_SPEC_ERROR_USAGE, "an object reference"));
    args[1].kind = WASM_SPEC_I64;
    CHECK(is_error(wasm_spec_interpret(inst, NAME("add"), args, 2, &results, &n), WASM_SPEC_ERROR_USAGE, "wrong type of argument"));
    CHECK(is_error(wasm_spec_interpret(inst, NAME("add"), args, 2, NULL, &n), WASM_SPEC_ERROR_USAGE, "null results_out"));
    /* Names: NULL with a length, and bytes that are not UTF-8. */
    CHECK(is_error(wasm_spec_interpret(inst, NULL, 3, args, 2, &results, &n), WASM_SPEC_ERROR_USAGE, "null name"));
    CHECK(is_error(wasm_spec_interpret(inst, "\xff\xfe", 2, args, 2, &results, &n), WASM_SPEC_ERROR_USAGE, "name is not UTF-8"));
    /* An instance of another store cannot be registered. */
    CHECK(is_error(wasm_spec_store_register(store, NAME("x"), inst), WASM_SPEC_ERROR_USAGE, "instance from another store"));
    CHECK(is_error(wasm_spec_store_define_func(store, NAME("m"), NAME("f"), NULL, 0, NULL, 0, NULL, NULL, NULL),
                   WASM_SPEC_ERROR_USAGE, "null callback"));
    uint32_t bad_type = 42;
    CHECK(is_error(wasm_spec_store_define_global(store, NAME("m"), NAME("g"), bad_type, 0, args), WASM_SPEC_ERROR_USAGE,
                   "unknown value type"));
    CHECK(is_error(wasm_spec_store_define_memory(store, NAME("m"), NAME("mem"), 2, 1), WASM_SPEC_ERROR_USAGE,
                   "size minimum must not be greater than maximum"));
    CHECK(is_error(wasm_spec_store_define_table(store, NAME("m"), NAME("t"), WASM_SPEC_TYPE_I32, 1, 1, NULL),
                   WASM_SPEC_ERROR_USAGE, "a table holds references"));
    wasm_spec_store_free(store);
    wasm_spec_instance_free(inst);

    wasm_spec_error *made = wasm_spec_error_new(123, "odd");
    CHECK(wasm_spec_error_kind(made) == WASM_SPEC_ERROR_USAGE && strcmp(wasm_spec_error_message(made), "odd") == 0);
    wasm_spec_error_free(made);
}

/* A host function: adds its two arguments and the number in `env`; traps on 0, 0. */
static wasm_spec_error *host_add(void *env, const wasm_spec_value *args, size_t nargs, wasm_spec_value *results,
                                 size_t nresults) {
    if (nargs != 2 || nresults != 1) return wasm_spec_error_new(WASM_SPEC_ERROR_USAGE, "bad arity");
    if (args[0].of.i32 == 0 && args[1].of.i32 == 0) return wasm_spec_error_new(WASM_SPEC_ERROR_TRAP, "zeroes");
    results[0] = i32(args[0].of.i32 + args[1].of.i32 + *(uint32_t *)env);
    return NULL;
}

static int finalized;
static void finalize(void *env) {
    (void)env;
    finalized++;
}

static const char *importer =
    "(module (import \"host\" \"add\" (func $add (param i32 i32) (result i32)))"
    " (import \"A\" \"twice\" (func $twice (param i32) (result i32)))"
    " (import \"host\" \"g\" (global $g i64)) (import \"host\" \"mem\" (memory 1))"
    " (import \"host\" \"tab\" (table 2 externref)) (import \"spectest\" \"print_i32\" (func (param i32)))"
    " (func (export \"f\") (param i32 i32) (result i32)"
    "   (call $twice (call $add (local.get 0) (local.get 1))))"
    " (func (export \"g\") (result i64) (global.get $g))"
    " (func (export \"tab\") (result externref) (table.get 0 (i32.const 1))))";

static void test_store_linking(void) {
    wasm_spec_store *store = NULL;
    CHECK(wasm_spec_store_new(NULL, &store) == NULL);
    static uint32_t extra = 100;
    uint32_t types[2] = {WASM_SPEC_TYPE_I32, WASM_SPEC_TYPE_I32};
    CHECK(wasm_spec_store_define_func(store, NAME("host"), NAME("add"), types, 2, types, 1, host_add, &extra, finalize) == NULL);
    wasm_spec_value g = {0};
    g.kind = WASM_SPEC_I64;
    g.of.i64 = 1ull << 40;
    CHECK(wasm_spec_store_define_global(store, NAME("host"), NAME("g"), WASM_SPEC_TYPE_I64, 0, &g) == NULL);
    CHECK(wasm_spec_store_define_memory(store, NAME("host"), NAME("mem"), 1, WASM_SPEC_NO_MAX) == NULL);
    wasm_spec_value ext = {0};
    ext.kind = WASM_SPEC_REF_EXTERN;
    ext.of.ref = 77;
    CHECK(wasm_spec_store_define_table(store, NAME("host"), NAME("tab"), WASM_SPEC_TYPE_EXTERNREF, 2, 10, &ext) == NULL);

    const char *a = "(module (func (export \"twice\") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))";
    wasm_spec_instance *ia = NULL, *ib = NULL;
    CHECK(wasm_spec_store_instantiate_text(store, a, strlen(a), &ia) == NULL);
    CHECK(is_error(wasm_spec_store_instantiate_text(store, importer, strlen(importer), &ib), WASM_SPEC_ERROR_LINK,
                   "unknown import \"A\".\"twice\""));
    CHECK(wasm_spec_store_register(store, NAME("A"), ia) == NULL);
    CHECK(wasm_spec_store_instantiate_text(store, importer, strlen(importer), &ib) == NULL);
    CHECK(call2(ib, "f", 1, 2) == 206);
    CHECK(call2(ib, "f", 0, 0) == 0xDEAD);
    wasm_spec_value args[2] = {i32(0), i32(0)};
    wasm_spec_value *results = NULL;
    size_t n = 0;
    CHECK(is_error(wasm_spec_interpret(ib, NAME("f"), args, 2, &results, &n), WASM_SPEC_ERROR_TRAP, "zeroes"));
    CHECK(wasm_spec_interpret(ib, NAME("g"), NULL, 0, &results, &n) == NULL);
    CHECK(n == 1 && results[0].kind == WASM_SPEC_I64 && results[0].of.i64 == 1ull << 40);
    wasm_spec_values_free(results);
    CHECK(wasm_spec_interpret(ib, NAME("tab"), NULL, 0, &results, &n) == NULL);
    CHECK(n == 1 && results[0].kind == WASM_SPEC_REF_EXTERN && results[0].of.ref == 77);
    wasm_spec_values_free(results);
    /* An import of the wrong type. */
    const char *wrong = "(module (import \"host\" \"add\" (func (param i64))))";
    wasm_spec_instance *ic = NULL;
    CHECK(is_error(wasm_spec_store_instantiate_text(store, wrong, strlen(wrong), &ic), WASM_SPEC_ERROR_LINK,
                   "incompatible import type"));
    wasm_spec_instance_free(ia);
    wasm_spec_instance_free(ib);
    CHECK(finalized == 0);
    wasm_spec_store_free(store);
    CHECK(finalized == 1);
}

/* 16 threads: each instantiates modules of its own and calls them, and all of them
   call into one shared instance (one store) at once. */
enum { THREADS = 16, ROUNDS = 200 };
static wasm_spec_instance *shared_instance;

static void *worker(void *arg) {
    uintptr_t t = (uintptr_t)arg;
    uintptr_t bad = 0;
    for (uint32_t i = 0; i < ROUNDS; i++) {
        wasm_spec_instance *inst = NULL;
        wasm_spec_error *e = wasm_spec_instantiate(add_wasm, sizeof add_wasm, NULL, &inst);
        if (e) {
            bad++;
            wasm_spec_error_free(e);
            continue;
        }
        if (call2(inst, "add", (uint32_t)t, i) != t + i) bad++;
        if (call2(shared_instance, "add", i, (uint32_t)t) != t + i) bad++;
        wasm_spec_instance_free(inst);
    }
    return (void *)bad;
}

static void test_threads(void) {
    CHECK(wasm_spec_instantiate(add_wasm, sizeof add_wasm, NULL, &shared_instance) == NULL);
    pthread_t threads[THREADS];
    for (uintptr_t t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, worker, (void *)t);
    uintptr_t bad = 0;
    for (int t = 0; t < THREADS; t++) {
        void *r;
        pthread_join(threads[t], &r);
        bad += (uintptr_t)r;
    }
    CHECK(bad == 0);
    wasm_spec_instance_free(shared_instance);
}

int main(void) {
    test_reference_functions();
    test_exports_and_limits();
    test_budgets();
    test_null_and_invalid_arguments();
    test_store_linking();
    test_threads();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}

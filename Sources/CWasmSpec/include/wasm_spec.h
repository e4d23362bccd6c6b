/*
 * wasm_spec.h: the C ABI of WasmSpec, a reimplementation of the WebAssembly
 * reference interpreter.
 *
 * Link with libCWasmSpec.so (the `CWasmSpec` product) or libCWasmSpecStatic.a.
 *
 * Conventions
 * - Every function that can fail returns a `wasm_spec_error *`: NULL on success,
 *   otherwise an error the caller owns and frees with `wasm_spec_error_free`.
 * - A NULL or invalid argument (a NULL out-pointer, a handle of the wrong kind, a
 *   value of an unknown kind, a name that is not UTF-8) is an error of kind
 *   WASM_SPEC_ERROR_USAGE, never a crash. A handle that was already freed cannot
 *   be detected: do not use one.
 * - Names are given as a pointer and a length in bytes (UTF-8; they may contain
 *   NUL). A NULL pointer with length 0 is the empty name.
 * - Everything the library allocates for the caller has its own free function:
 *   stores, instances, errors, value arrays and byte arrays.
 * - No Swift type crosses the boundary.
 *
 * Threads: every function may be called from any thread. Calls into one store
 * (and into the instances in it) are serialized by that store's own lock; calls
 * into different stores run in parallel. There is no global lock.
 */
#ifndef WASM_SPEC_H
#define WASM_SPEC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- Handles */

/** A store: instances linked together and every object they allocate. */
typedef struct wasm_spec_store wasm_spec_store;
/** An instantiated module. It keeps its store alive. */
typedef struct wasm_spec_instance wasm_spec_instance;
/** An error: a kind and the reference interpreter's message. */
typedef struct wasm_spec_error wasm_spec_error;

/* ---------------------------------------------------------------- Errors */

/** The kinds of error, as the reference interpreter classifies them. */
enum wasm_spec_error_kind {
    /** The binary could not be decoded (or the text parsed). */
    WASM_SPEC_ERROR_MALFORMED = 1,
    /** The module is not valid. */
    WASM_SPEC_ERROR_INVALID = 2,
    /** An import could not be resolved or did not match. */
    WASM_SPEC_ERROR_LINK = 3,
    /** Execution trapped (also: a start function trapped during instantiation). */
    WASM_SPEC_ERROR_TRAP = 4,
    /** The call stack or the step budget (fuel) ran out. */
    WASM_SPEC_ERROR_EXHAUSTION = 5,
    /** A Wasm exception escaped to the host. */
    WASM_SPEC_ERROR_EXCEPTION = 6,
    /** Execution reached a state only an invalid module reaches (reference: Crash). */
    WASM_SPEC_ERROR_CRASH = 7,
    /** The caller asked for something that does not exist or does not fit. */
    WASM_SPEC_ERROR_USAGE = 8,
};

/** The error's kind (a `wasm_spec_error_kind`); 0 for NULL. */
uint32_t wasm_spec_error_kind(const wasm_spec_error *error);

/** The error's message, NUL-terminated, valid until the error is freed; "" for NULL. */
const char *wasm_spec_error_message(const wasm_spec_error *error);

/** Frees an error; NULL is ignored. */
void wasm_spec_error_free(wasm_spec_error *error);

/**
 * Makes an error, for a host function to return. `message` is copied; NULL is the
 * empty message. An unknown kind becomes WASM_SPEC_ERROR_USAGE. Returns NULL only
 * when memory runs out.
 */
wasm_spec_error *wasm_spec_error_new(uint32_t kind, const char *message);

/* ---------------------------------------------------------------- Values */

/** What a `wasm_spec_value` holds. */
enum wasm_spec_value_kind {
    WASM_SPEC_I32 = 0,  /**< `of.i32` */
    WASM_SPEC_I64 = 1,  /**< `of.i64` */
    WASM_SPEC_F32 = 2,  /**< `of.f32`: the IEEE 754 bits, NaN payloads kept */
    WASM_SPEC_F64 = 3,  /**< `of.f64`: the IEEE 754 bits */
    WASM_SPEC_V128 = 4, /**< `of.v128`: 16 bytes, lane 0 first (little-endian) */
    WASM_SPEC_REF_NULL = 5,   /**< a null reference of any type */
    WASM_SPEC_REF_EXTERN = 6, /**< `ref.extern n`, an external reference: `of.ref` is n */
    WASM_SPEC_REF_HOST = 7,   /**< `ref.host n`, a host reference (anyref): `of.ref` is n */
    WASM_SPEC_REF_I31 = 8,    /**< an i31ref: `of.ref` holds the low 31 bits */
    /* Opaque references to objects of a store; results only, never arguments. */
    WASM_SPEC_REF_FUNC = 9,
    WASM_SPEC_REF_STRUCT = 10,
    WASM_SPEC_REF_ARRAY = 11,
    WASM_SPEC_REF_EXN = 12,
    /** An external reference to an internal value (extern.convert_any). */
    WASM_SPEC_REF_EXTERN_OTHER = 13,
};

/** A WebAssembly value. Numbers are bit patterns, so NaNs cross unchanged. */
typedef struct wasm_spec_value {
    /** A `wasm_spec_value_kind`. */
    uint32_t kind;
    /** Ignored; set it to 0. */
    uint32_t reserved;
    union {
        uint32_t i32;
        uint64_t i64;
        uint32_t f32;
        uint64_t f64;
        uint8_t v128[16];
        uint32_t ref;
    } of;
} wasm_spec_value;

/** Frees an array of values the library returned; NULL is ignored. */
void wasm_spec_values_free(wasm_spec_value *values);

/** Frees bytes the library returned (a memory's copy, a name); NULL is ignored. */
void wasm_spec_bytes_free(uint8_t *bytes);

/** Value types of host items (`wasm_spec_store_define_*`). */
enum wasm_spec_valtype {
    WASM_SPEC_TYPE_I32 = 0,
    WASM_SPEC_TYPE_I64 = 1,
    WASM_SPEC_TYPE_F32 = 2,
    WASM_SPEC_TYPE_F64 = 3,
    WASM_SPEC_TYPE_V128 = 4,
    WASM_SPEC_TYPE_FUNCREF = 5,
    WASM_SPEC_TYPE_EXTERNREF = 6,
    WASM_SPEC_TYPE_ANYREF = 7,
};

/** Added to a reference type code that `wasm_spec_func_type` reports when the
    reference type is not nullable. */
#define WASM_SPEC_TYPE_NON_NULLABLE 0x100u
/** The exception references' family, as `wasm_spec_func_type` reports it. */
#define WASM_SPEC_TYPE_EXNREF 8u

/** Frees an array of type codes the library returned; NULL is ignored. */
void wasm_spec_types_free(uint32_t *types);

/* ---------------------------------------------------------------- Limits */

/** The engines. */
enum wasm_spec_engine {
    /** The definitional evaluator: one reduction rule per step (the default). */
    WASM_SPEC_ENGINE_REFERENCE = 0,
    /** The compiled register machine: faster, same results. */
    WASM_SPEC_ENGINE_COMPILED = 1,
};

/** Bits of `wasm_spec_limits.budgets`: which of the store's budgets are set. */
enum wasm_spec_budget {
    /** `memory_bytes` is set. */
    WASM_SPEC_BUDGET_MEMORY_BYTES = 1u << 0,
    /** `table_elements` is set. */
    WASM_SPEC_BUDGET_TABLE_ELEMENTS = 1u << 1,
    /** `gc_heap_bytes` is set. */
    WASM_SPEC_BUDGET_GC_HEAP_BYTES = 1u << 2,
};

/**
 * Limits of execution in a store; zero fields take the defaults. A budget is read only
 * when its bit is set in `budgets`, so that a budget of 0 can be asked for.
 */
typedef struct wasm_spec_limits {
    /** A `wasm_spec_engine`. */
    uint32_t engine;
    /** The `wasm_spec_budget` bits of the budgets set below; other bits: usage error. */
    uint32_t budgets;
    /** How many frames calls may nest; 0: 100000. Past it: "call stack exhausted". */
    uint64_t max_call_depth;
    /** How many steps one invocation may take; 0: no limit. Past it: exhaustion. */
    uint64_t fuel;
    /** How many 64-bit slots the operand stack may use; 0: 16M. */
    uint64_t stack_slots;
    /**
     * The most bytes of linear memory the store's memories may hold together (default
     * 2^48). A memory that would pass it is not made (instantiation traps "out of
     * memory"); a `memory.grow` that would pass it returns -1.
     */
    uint64_t memory_bytes;
    /**
     * The most elements the store's tables may hold together (default 2^32), likewise:
     * a table past it is not made, a `table.grow` past it returns -1.
     */
    uint64_t table_elements;
    /**
     * The most bytes the store's structures, arrays and other collected objects may take
     * at once (default 2^40; values past INT64_MAX count as INT64_MAX). An allocation
     * that does not fit after a collection traps "out of memory".
     */
    uint64_t gc_heap_bytes;
} wasm_spec_limits;

/* ---------------------------------------------------------------- The reference functions */

/**
 * Decodes, validates and instantiates a binary module in a new store with the given
 * limits (NULL: the defaults). Imports are resolved from the `spectest` module only.
 * On success `*instance_out` is an instance to free with `wasm_spec_instance_free`.
 */
wasm_spec_error *wasm_spec_instantiate(const uint8_t *bytes, size_t length,
                                       const wasm_spec_limits *limits,
                                       wasm_spec_instance **instance_out);

/** Frees an instance (its store lives on while other handles use it); NULL is ignored. */
void wasm_spec_instance_free(wasm_spec_instance *instance);

/** Pass as `count` to `wasm_spec_interpret`: every parameter is its type's zero. */
#define WASM_SPEC_ZERO_ARGS ((size_t)-1)

/**
 * Calls the exported function `name` with `count` arguments (or, with
 * WASM_SPEC_ZERO_ARGS, zeroes). On success `*results_out` is an array of
 * `*results_count_out` values to free with `wasm_spec_values_free` (NULL when
 * there are none).
 */
wasm_spec_error *wasm_spec_interpret(wasm_spec_instance *instance,
                                     const char *name, size_t name_length,
                                     const wasm_spec_value *arguments, size_t count,
                                     wasm_spec_value **results_out,
                                     size_t *results_count_out);

/**
 * The legacy entry: instantiates a binary module in a new store and calls its first
 * exported function with the arguments (or zeroes, with WASM_SPEC_ZERO_ARGS).
 * Results as for `wasm_spec_interpret`.
 */
wasm_spec_error *wasm_spec_interpret_legacy(const uint8_t *bytes, size_t length,
                                            const wasm_spec_limits *limits,
                                            const wasm_spec_value *arguments, size_t count,
                                            wasm_spec_value **results_out,
                                            size_t *results_count_out);

/** Reads the current value of the exported global `name` into `*value_out`. */
wasm_spec_error *wasm_spec_global_get(wasm_spec_instance *instance,
                                      const char *name, size_t name_length,
                                      wasm_spec_value *value_out);

/**
 * Copies out the bytes of the exported memory `name`: `*bytes_out` (free with
 * `wasm_spec_bytes_free`; NULL for an empty memory) holds `*length_out` bytes.
 */
wasm_spec_error *wasm_spec_memory_copy(wasm_spec_instance *instance,
                                       const char *name, size_t name_length,
                                       uint8_t **bytes_out, size_t *length_out);

/** The size in bytes of the exported memory `name`, in `*size_out`. */
wasm_spec_error *wasm_spec_memory_size(wasm_spec_instance *instance,
                                       const char *name, size_t name_length,
                                       uint64_t *size_out);

/**
 * Copies `count` bytes of the exported memory `name`, from `offset`, into the
 * caller's `buffer` (no allocation, so a large memory can be read piece by piece). A
 * range past the memory's end is a usage error.
 */
wasm_spec_error *wasm_spec_memory_read(wasm_spec_instance *instance,
                                       const char *name, size_t name_length,
                                       uint64_t offset, uint8_t *buffer, size_t count);

/** What an export is. */
enum wasm_spec_extern_kind {
    WASM_SPEC_EXTERN_FUNC = 0,
    WASM_SPEC_EXTERN_TABLE = 1,
    WASM_SPEC_EXTERN_MEMORY = 2,
    WASM_SPEC_EXTERN_GLOBAL = 3,
    WASM_SPEC_EXTERN_TAG = 4,
};

/** The kind (a `wasm_spec_extern_kind`) of the export `name`. */
wasm_spec_error *wasm_spec_export_kind(wasm_spec_instance *instance,
                                       const char *name, size_t name_length,
                                       uint32_t *kind_out);

/** How many exports an instance has; 0 for NULL or an invalid handle. */
size_t wasm_spec_export_count(wasm_spec_instance *instance);

/**
 * The `index`-th export: its name (bytes to free with `wasm_spec_bytes_free`, not
 * NUL-terminated) and its kind. `kind_out` may be NULL.
 */
wasm_spec_error *wasm_spec_export_at(wasm_spec_instance *instance, size_t index,
                                     uint8_t **name_out, size_t *name_length_out,
                                     uint32_t *kind_out);

/**
 * Parses a module in the text format (`length` bytes of UTF-8) and encodes it in the
 * binary format: `*bytes_out` (free with `wasm_spec_bytes_free`) holds `*length_out`
 * bytes. A syntax error is WASM_SPEC_ERROR_MALFORMED; the module is not validated.
 */
wasm_spec_error *wasm_spec_wat_to_wasm(const char *text, size_t length,
                                       uint8_t **bytes_out, size_t *length_out);

/**
 * The type of the exported function `name`: `*params_out` and `*results_out`
 * (free with `wasm_spec_types_free`; NULL when empty) hold `*param_count_out` and
 * `*result_count_out` codes. A number type is its `wasm_spec_valtype`; a reference
 * type is the family of its heap type (FUNCREF, EXTERNREF, ANYREF for any, eq, i31,
 * struct, array and none, or WASM_SPEC_TYPE_EXNREF), plus
 * WASM_SPEC_TYPE_NON_NULLABLE when it is not nullable.
 */
wasm_spec_error *wasm_spec_func_type(wasm_spec_instance *instance,
                                     const char *name, size_t name_length,
                                     uint32_t **params_out, size_t *param_count_out,
                                     uint32_t **results_out, size_t *result_count_out);

/* ---------------------------------------------------------------- Stores and linking */

/** Makes an empty store with the given limits (NULL: the defaults). */
wasm_spec_error *wasm_spec_store_new(const wasm_spec_limits *limits,
                                     wasm_spec_store **store_out);

/** Frees a store handle (instances in it keep it alive); NULL is ignored. */
void wasm_spec_store_free(wasm_spec_store *store);

/**
 * Decodes, validates and instantiates a binary module in `store`. Each import is
 * the export of that name of the instance registered under its module name, or the
 * host item defined there, or a `spectest` item.
 */
wasm_spec_error *wasm_spec_store_instantiate(wasm_spec_store *store,
                                             const uint8_t *bytes, size_t length,
                                             wasm_spec_instance **instance_out);

/** As `wasm_spec_store_instantiate`, from the text format (`length` bytes of UTF-8). */
wasm_spec_error *wasm_spec_store_instantiate_text(wasm_spec_store *store,
                                                  const char *text, size_t length,
                                                  wasm_spec_instance **instance_out);

/**
 * Makes an instance's exports importable under the module name `name` (the script
 * command `register`). The instance must belong to `store`.
 */
wasm_spec_error *wasm_spec_store_register(wasm_spec_store *store,
                                          const char *name, size_t name_length,
                                          wasm_spec_instance *instance);

/**
 * A host function. `arguments` holds the call's arguments; `results` holds
 * `result_count` values, each the zero of its result type, to overwrite. Return
 * NULL on success, or an error (made with `wasm_spec_error_new`; the library frees
 * it): WASM_SPEC_ERROR_EXHAUSTION stays an exhaustion, any other kind becomes a
 * trap with its message. It runs holding its store's lock: it must not call into
 * the same store (other stores are fine).
 */
typedef wasm_spec_error *(*wasm_spec_host_func)(void *env,
                                                const wasm_spec_value *arguments,
                                                size_t argument_count,
                                                wasm_spec_value *results,
                                                size_t result_count);

/**
 * Defines a host function importable as `module`.`name`, of type
 * [params] -> [results] (`wasm_spec_valtype`s). `env` is passed to every call;
 * `finalizer` (may be NULL) is called with it when the store is freed.
 */
wasm_spec_error *wasm_spec_store_define_func(wasm_spec_store *store,
                                             const char *module, size_t module_length,
                                             const char *name, size_t name_length,
                                             const uint32_t *params, size_t param_count,
                                             const uint32_t *results, size_t result_count,
                                             wasm_spec_host_func callback, void *env,
                                             void (*finalizer)(void *env));

/** Defines a global importable as `module`.`name` holding `*value`. */
wasm_spec_error *wasm_spec_store_define_global(wasm_spec_store *store,
                                               const char *module, size_t module_length,
                                               const char *name, size_t name_length,
                                               uint32_t valtype, int is_mutable,
                                               const wasm_spec_value *value);

/** Pass as a maximum: there is none. */
#define WASM_SPEC_NO_MAX UINT64_MAX

/** Defines a 32-bit memory of `min` pages (at most `max`) as `module`.`name`. */
wasm_spec_error *wasm_spec_store_define_memory(wasm_spec_store *store,
                                               const char *module, size_t module_length,
                                               const char *name, size_t name_length,
                                               uint64_t min, uint64_t max);

/**
 * Defines a 32-bit table of `min` elements (at most `max`) of reference type
 * `elem_valtype` as `module`.`name`, each element `*initial` (NULL: null).
 */
wasm_spec_error *wasm_spec_store_define_table(wasm_spec_store *store,
                                              const char *module, size_t module_length,
                                              const char *name, size_t name_length,
                                              uint32_t elem_valtype, uint64_t min, uint64_t max,
                                              const wasm_spec_value *initial);

#ifdef __cplusplus
}
#endif

#endif /* WASM_SPEC_H */

// The C ABI's declarations (include/wasm_spec.h) as a module the Swift implementation
// (Sources/WasmSpecCABI) imports, so that both sides share one layout of every type.
// The functions themselves are defined in Swift with @_cdecl.
#include "wasm_spec.h"

import WasmSpec
print("wasm-spec-run: not yet")

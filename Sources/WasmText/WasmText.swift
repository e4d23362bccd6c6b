@_exported import WasmBinary

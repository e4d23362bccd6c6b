@_exported import WasmBinary
@_exported import WasmText

// How an execution ends other than by returning: what every engine reports to the
// runtime, and what the embedding API turns into `WasmError`.

/// How an execution ended other than by returning.
enum ExecutionError: Error {
    case trap(String)
    case exhaustion(String)
    /// A Wasm exception no handler caught.
    case exception(ExceptionObject)
    /// A state that validation rules out: an ill-typed operand, a missing one, an
    /// undefined index (the reference interpreter's `Crash`).
    case crash(String)
}

extension NumericTrap {
    var executionError: ExecutionError { .trap(message) }
}

// Errors of the embedding API, as the reference interpreter classifies them.

/// Why a module could not be loaded, instantiated or run. The message is the reference
/// interpreter's (e.g. "integer divide by zero", "unknown import").
public enum WasmError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The binary or text could not be decoded or parsed.
    case malformed(String)
    /// The module is not valid.
    case invalid(String)
    /// Instantiation failed to resolve or match an import.
    case link(String)
    /// Execution trapped.
    case trap(String)
    /// The call stack or the step budget ran out.
    case exhaustion(String)
    /// An exception escaped to the host.
    case exception(String)
    /// Execution reached a state that only a module that was not validated can reach
    /// (an operand of the wrong type, an undefined index): the reference interpreter's
    /// `Crash`, its "runtime crash". Only the reference engine reports it.
    case crash(String)
    /// The embedder asked for something that does not exist or does not fit, e.g. an
    /// export that is not there or arguments of the wrong type.
    case usage(String)

    public var message: String {
        switch self {
        case .malformed(let m), .invalid(let m), .link(let m), .trap(let m), .exhaustion(let m),
            .exception(let m), .crash(let m), .usage(let m):
            m
        }
    }

    public var description: String {
        switch self {
        case .malformed(let m): "malformed: \(m)"
        case .invalid(let m): "invalid: \(m)"
        case .link(let m): "link failure: \(m)"
        case .trap(let m): "trap: \(m)"
        case .exhaustion(let m): "exhaustion: \(m)"
        case .exception(let m): "exception: \(m)"
        case .crash(let m): "runtime crash: \(m)"
        case .usage(let m): "usage: \(m)"
        }
    }
}

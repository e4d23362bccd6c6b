// The `env` host module (reference: interpreter/host/env.ml): `abort` and `exit`, of
// whatever function type the importing module declares, for modules compiled with a
// C toolchain that expects them.

enum Env {
    /// The item named `name` for an import of type `type` (closed), or `nil`. `exit` is
    /// what ends the run with a status; without it both functions trap.
    static func lookup(
        _ name: String, _ type: ExternType, output: (@Sendable (String) -> Void)?,
        exit: (@Sendable (Int32) -> Void)?
    ) -> ExternValue? {
        guard case .func(.def(let dt)) = type, case .func(let ft) = dt.rolledSubType.compType else { return nil }
        let host: HostFunction
        switch name {
        case "abort":
            host = { (args: [Value]) throws(WasmError) -> [Value] in
                guard args.isEmpty else { throw .crash("type error, too many arguments") }
                output?("Abort!\n")
                // The reference exits with -1, a status of 255.
                exit?(-1)
                throw .trap("abort")
            }
        case "exit":
            host = { (args: [Value]) throws(WasmError) -> [Value] in
                guard let first = args.first else { throw .crash("type error, missing arguments") }
                guard args.count == 1 else { throw .crash("type error, too many arguments") }
                guard case .i32(let code) = first else {
                    throw .crash("type error, expected i32, got " + Describe.valType(ReferenceFormat.type(of: first)))
                }
                exit?(Int32(bitPattern: code))
                throw .trap("exit \(Int32(bitPattern: code))")
            }
        default:
            return nil
        }
        return .function(FunctionInstance(type: dt, funcType: ft, host: host))
    }
}

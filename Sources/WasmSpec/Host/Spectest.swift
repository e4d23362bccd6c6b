// The `spectest` host module the official suite imports from (reference:
// interpreter/host/spectest.ml). As in the reference, there is one `memory`, one `table`
// and one `table64`, shared by every module that imports them, while every import of a
// global gets a fresh one.

/// The `spectest` module of one store.
final class Spectest: @unchecked Sendable {
    // The shared items are made on first import, under the store's lock (every lookup
    // runs with it held), and never change afterwards.
    /// Where the `print*` functions write; `nil` discards.
    let output: (@Sendable (String) -> Void)?
    private var memory: MemoryInstance?
    private var table32: TableInstance?
    private var table64: TableInstance?

    init(output: (@Sendable (String) -> Void)? = nil) {
        self.output = output
    }

    /// The item named `name`, or `nil` when `spectest` has none. Call with the store's
    /// lock held.
    func lookup(_ name: String) -> ExternValue? {
        switch name {
        case "print": function([])
        case "print_i32": function([.i32])
        case "print_i64": function([.i64])
        case "print_f32": function([.f32])
        case "print_f64": function([.f64])
        case "print_i32_f32": function([.i32, .f32])
        case "print_f64_f64": function([.f64, .f64])
        case "global_i32": .global(GlobalInstance(GlobalType(mutable: false, .i32), low: 666))
        case "global_i64": .global(GlobalInstance(GlobalType(mutable: false, .i64), low: 666))
        // 666.6 rounded to single and double precision.
        case "global_f32": .global(GlobalInstance(GlobalType(mutable: false, .f32), low: UInt64(Float(666.6).bitPattern)))
        case "global_f64": .global(GlobalInstance(GlobalType(mutable: false, .f64), low: Double(666.6).bitPattern))
        case "table": sharedTable(.i32)
        case "table64": sharedTable(.i64)
        case "memory": sharedMemory()
        default: nil
        }
    }

    private func sharedMemory() -> ExternValue? {
        if memory == nil { memory = MemoryInstance(MemoryType(.i32, Limits(min: 1, max: 2))) }
        return memory.map { .memory($0) }
    }

    private func sharedTable(_ addrType: AddrType) -> ExternValue? {
        func make() -> TableInstance? {
            TableInstance(TableType(addrType, Limits(min: 10, max: 20), .funcref), initial: RefSlot.null)
        }
        if addrType == .i32 {
            if table32 == nil { table32 = make() }
            return table32.map { .table($0) }
        }
        if table64 == nil { table64 = make() }
        return table64.map { .table($0) }
    }

    private func function(_ params: [ValType]) -> ExternValue {
        let type = DefType(RecType([SubType(.func(FuncType(params, [])))]), 0)
        let output = self.output
        let host: HostFunction = { (args: [Value]) throws(WasmError) -> [Value] in
            if let output {
                for (v, t) in zip(args, params) { output(Spectest.describe(v, t) + "\n") }
            }
            return []
        }
        return .function(FunctionInstance(type: type, funcType: FuncType(params, []), host: host))
    }

    /// A value as the reference's `print` shows it: `42 : i32`.
    static func describe(_ v: Value, _ t: ValType) -> String {
        ReferenceFormat.value(v) + " : " + Describe.valType(ReferenceFormat.type(of: v))
    }
}

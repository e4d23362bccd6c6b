// Function instances (§4.2.6): a Wasm function closed over its module instance, or a
// host function.

/// The signature of host functions: arguments in, results out, or an error (a trap,
/// usually).
public typealias HostFunction = @Sendable (_ arguments: [Value]) throws(WasmError) -> [Value]

/// A function instance; also what a `funcref` points to.
final class FunctionInstance: HeapObject, @unchecked Sendable {
    let type: DefType
    let funcType: FuncType
    /// The instance of a Wasm function; `nil` for host functions. Unowned: the store
    /// keeps every instance alive as long as any of its functions can run.
    unowned(unsafe) let instance: ModuleInstance?
    /// `instance` again, for an engine to read without reference counting.
    let instanceRef: Unmanaged<ModuleInstance>?
    /// The function's index among those its module defines (imports not counted).
    let index: Int
    let host: HostFunction?
    /// What the store's engine made of the body, filled by the engine on first call
    /// and opaque to the runtime; the module instance keeps it alive (`code`).
    let code: UnsafeMutablePointer<Unmanaged<AnyObject>?>
    /// Slots the parameters and results take (a v128 takes two).
    let paramSlots: Int
    let resultSlots: Int
    /// How many parameters and results it has.
    let paramCount: Int
    let resultCount: Int

    private init(type: DefType, funcType: FuncType, instance: ModuleInstance?, index: Int, host: HostFunction?) {
        self.type = type
        self.funcType = funcType
        self.instance = instance
        self.instanceRef = instance.map { .passUnretained($0) }
        self.index = index
        self.host = host
        self.code = .allocate(capacity: 1)
        self.code.initialize(to: nil)
        self.paramSlots = funcType.params.reduce(0) { $0 + $1.slotCount }
        self.resultSlots = funcType.results.reduce(0) { $0 + $1.slotCount }
        self.paramCount = funcType.params.count
        self.resultCount = funcType.results.count
        super.init(kind: .function)
    }

    /// A function defined by a module.
    convenience init(type: DefType, funcType: FuncType, instance: ModuleInstance, index: Int) {
        self.init(type: type, funcType: funcType, instance: instance, index: index, host: nil)
    }

    /// A host function.
    convenience init(type: DefType, funcType: FuncType, host: @escaping HostFunction) {
        self.init(type: type, funcType: funcType, instance: nil, index: 0, host: host)
    }

    deinit {
        code.deallocate()
    }

    /// The engine's code for this Wasm function, made by `make` on first use and kept
    /// by the instance. Call with the store's lock held.
    @inline(__always)
    func code<Code: AnyObject>(
        in instanceRef: Unmanaged<ModuleInstance>, as: Code.Type, _ make: (ModuleInstance, Int) -> Code
    ) -> Unmanaged<Code> {
        // The slot only ever holds what the store's one engine made, of type `Code`.
        if let c = code.pointee { return Unmanaged<Code>.fromOpaque(c.toOpaque()) }
        let instance = instanceRef.takeUnretainedValue()
        let c = make(instance, index)
        instance.keep(c, for: index)
        code.pointee = .passUnretained(c)
        return .passUnretained(c)
    }
}

extension ValType {
    /// How many 64-bit slots a value of this type takes.
    var slotCount: Int { self == .v128 ? 2 : 1 }
}

/// The shape of a value type at run time: which kind of value it holds (`bot`, which
/// only validation meets, counts as a reference).
enum ValueShape: UInt8 {
    case i32, i64, f32, f64, v128, ref

    init(_ t: ValType) {
        switch t {
        case .i32: self = .i32
        case .i64: self = .i64
        case .f32: self = .f32
        case .f64: self = .f64
        case .v128: self = .v128
        case .ref, .bot: self = .ref
        }
    }
}

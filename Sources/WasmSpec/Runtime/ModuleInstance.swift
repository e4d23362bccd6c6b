// Module instances (§4.2.5).

/// What an export or import denotes (§4.2.11 "External values").
enum ExternValue {
    case function(FunctionInstance)
    case table(TableInstance)
    case memory(MemoryInstance)
    case global(GlobalInstance)
    case tag(TagInstance)
}

/// A module instance: the module's definitions allocated in a store, with its imports.
final class ModuleInstance: @unchecked Sendable {
    // Built during instantiation, then changed only by the evaluator (element and data
    // segments dropped, functions compiled) under the store's lock.
    unowned let store: Store
    let module: ValidatedModule
    private(set) var funcs: [FunctionInstance] = []
    /// `funcs` and the globals' slots again, for the evaluator to read without
    /// reference counting or exclusivity checks; sized for the module's index spaces.
    let functionTable: UnsafeMutablePointer<Unmanaged<FunctionInstance>>
    let globalTable: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    /// The globals and memories again, likewise; `funcCount`, `globalCount` and
    /// `memoryCount` say how many of each the tables hold so far (instantiation fills
    /// them in order, and code that was not validated may run before it is done).
    let globalInstances: UnsafeMutablePointer<Unmanaged<GlobalInstance>>
    let memoryTable: UnsafeMutablePointer<Unmanaged<MemoryInstance>>
    /// The tables again, likewise (`tables.count` of them so far).
    let tableTable: UnsafeMutablePointer<Unmanaged<TableInstance>>
    /// Where table 0's elements are kept (`TableInstance.view`), once it exists.
    private(set) var table0: UnsafeMutablePointer<TableElements>?
    private(set) var funcCount = 0
    private(set) var globalCount = 0
    private(set) var memoryCount = 0
    private(set) var tables: [TableInstance] = []
    private(set) var memories: [MemoryInstance] = []
    /// The view of memory 0, or of an empty memory when there is none, for the evaluator.
    let memory0: UnsafeMutablePointer<UnsafeMutablePointer<MemoryView>>
    private let noMemory: UnsafeMutablePointer<MemoryView>
    private(set) var globals: [GlobalInstance] = []
    var tags: [TagInstance] = []
    /// Element segments as reference slots; a dropped one is empty.
    var elems: [[UInt64]] = []
    /// Data segments; a dropped one is empty.
    var datas: [[UInt8]] = []
    var exports: [(name: String, value: ExternValue)] = []
    /// What the store's engine made of the bodies of the functions the module defines,
    /// on first call (see `FunctionInstance.code`).
    private var code: [AnyObject?]
    /// Slot layouts of the module's struct and array types, on first use.
    private var layouts: [AggregateLayout?]

    init(store: Store, module: ValidatedModule) {
        self.store = store
        self.module = module
        code = Array(repeating: nil, count: module.module.funcs.count)
        layouts = Array(repeating: nil, count: module.types.count)
        functionTable = .allocate(capacity: max(module.funcs.count, 1))
        globalTable = .allocate(capacity: max(module.globals.count, 1))
        globalInstances = .allocate(capacity: max(module.globals.count, 1))
        memoryTable = .allocate(capacity: max(module.memories.count, 1))
        tableTable = .allocate(capacity: max(module.tables.count, 1))
        noMemory = .allocate(capacity: 1)
        noMemory.initialize(to: MemoryView(base: nil, size: 0))
        memory0 = .allocate(capacity: 1)
        memory0.initialize(to: noMemory)
    }

    deinit {
        functionTable.deallocate()
        globalTable.deallocate()
        globalInstances.deallocate()
        memoryTable.deallocate()
        tableTable.deallocate()
        memory0.deallocate()
        noMemory.deallocate()
    }

    func add(_ m: MemoryInstance) {
        guard memories.count < module.memories.count else { return }
        if memories.isEmpty { memory0.pointee = m.view }
        memoryTable[memories.count] = .passUnretained(m)
        memories.append(m)
        memoryCount = memories.count
    }

    func add(_ t: TableInstance) {
        guard tables.count < module.tables.count else { return }
        tableTable[tables.count] = .passUnretained(t)
        if tables.isEmpty { table0 = t.view }
        tables.append(t)
    }

    func add(_ f: FunctionInstance) {
        guard funcs.count < module.funcs.count else { return }
        functionTable[funcs.count] = .passUnretained(f)
        funcs.append(f)
        funcCount = funcs.count
    }

    func add(_ g: GlobalInstance) {
        guard globals.count < module.globals.count else { return }
        globalTable[globals.count] = g.slots
        globalInstances[globals.count] = .passUnretained(g)
        globals.append(g)
        globalCount = globals.count
    }

    var types: [DefType] { module.types }

    /// Keeps the engine's code for the `index`-th defined function alive as long as
    /// the instance.
    func keep(_ code: AnyObject, for index: Int) {
        if index < self.code.count { self.code[index] = code }
    }

    /// The slot layout of a struct or array type.
    func layout(_ typeIndex: UInt32) -> AggregateLayout {
        let i = Int(typeIndex)
        if let l = layouts[i] { return l }
        let l = AggregateLayout(module.types[i])
        layouts[i] = l
        return l
    }

    /// The export with this name. Names compare by their UTF-8 bytes, as the reference
    /// compares code points: Swift's `==` would identify canonically equivalent names
    /// that Wasm keeps apart.
    func export(_ name: String) -> ExternValue? {
        exports.first { $0.name.utf8.elementsEqual(name.utf8) }?.value
    }

    /// Drops references to other objects so that cycles through this instance end.
    func release() {
        funcs = []
        tables = []
        memories = []
        globals = []
        (funcCount, globalCount, memoryCount) = (0, 0, 0)
        tags = []
        exports = []
        code = []
    }
}

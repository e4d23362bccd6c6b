// The store (§4.2.3): every instance and object that a group of linked modules shares.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits of execution in a store, and the engine that runs its code.
public struct ExecutionLimits: Hashable, Sendable {
    /// The engine that runs the store's code.
    public var engine: EngineKind
    /// How deep calls may nest before `call stack exhausted`.
    public var maxCallDepth: Int
    /// How many 64-bit slots the operand stack (locals included) may use.
    public var stackSlots: Int
    /// How many steps one invocation may take; `nil` for no limit. A step is one
    /// reduction rule in the reference engine and one compiled instruction in the
    /// compiled engine.
    public var fuel: Int?
    /// The most bytes the structures, arrays and other objects the store's programs
    /// allocate may take at once (as the collector counts them): an allocation that
    /// does not fit after a collection traps "out of memory". Default 2^40: no limit
    /// short of the machine's.
    public var gcHeapBytes: Int
    /// The most bytes of linear memory the store's memories may hold together: a memory
    /// that would pass it is not allocated ("out of memory") and a `memory.grow` that
    /// would fails (-1). Default 2^48: no limit short of the machine's.
    public var memoryBytes: UInt64
    /// The most elements the store's tables may hold together, likewise for tables
    /// (`table.grow`). Default 2^32.
    public var tableElements: UInt64

    /// Limits with the given values; the defaults are those of `wasm-spec-run`.
    public init(
        engine: EngineKind = .reference, maxCallDepth: Int = 100_000, stackSlots: Int = 16 << 20,
        fuel: Int? = nil, gcHeapBytes: Int = 1 << 40, memoryBytes: UInt64 = 1 << 48,
        tableElements: UInt64 = 1 << 32
    ) {
        self.engine = engine
        self.gcHeapBytes = gcHeapBytes
        self.memoryBytes = memoryBytes
        self.tableElements = tableElements
        self.maxCallDepth = maxCallDepth
        self.stackSlots = stackSlots
        self.fuel = fuel
    }
}

/// A store: the instances of modules linked together and every object they allocate.
///
/// A store may be used from any thread; calls into it are serialized by its lock, so
/// separate stores run in parallel with no shared lock.
public final class Store: @unchecked Sendable {
    // All mutable state below is guarded by `lock`.
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    public let limits: ExecutionLimits
    /// Every object allocated in this store and not yet found unreachable, and the
    /// collector's counts (Collector.swift). Only touched under the lock, which already
    /// makes accesses exclusive: no run-time exclusivity check per allocation.
    @exclusivity(unchecked) var heap = Heap()
    private var hostObjects: [UInt32: HostObject] = [:]
    var instances: [ModuleInstance] = []
    /// Makes `engine` on first use.
    private let makeEngine: EngineFactory
    /// The engine with its stacks, made on first use and reused.
    private var engine: (any Engine)?

    /// Receives every step of the reference engine, when set.
    let observer: StepObserver?
    /// What the store's memories and tables may still take (`limits`).
    let budget: ResourceBudget

    /// A store whose code runs on the engine `makeEngine` makes (see
    /// `Store(limits:)` for the public way to make one).
    init(limits: ExecutionLimits, observer: StepObserver? = nil, engine makeEngine: @escaping EngineFactory) {
        self.limits = limits
        self.observer = observer
        budget = ResourceBudget(memoryBytes: limits.memoryBytes, tableElements: limits.tableElements)
        self.makeEngine = makeEngine
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        // Instances and their functions point at each other; break the cycles.
        for instance in instances { instance.release() }
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Runs `body` holding the store's lock.
    func locked<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body()
    }

    /// Keeps an object alive until the collector finds it unreachable and returns its
    /// slot. An object the store already holds is not added twice. Call with the lock
    /// held.
    func allocate(_ object: HeapObject) -> UInt64 {
        // Functions belong to their module instance, not to the heap.
        if !object.inHeap && object.kind != .function {
            object.inHeap = true
            heap.add(object)
        }
        return RefSlot.of(object)
    }

    /// The one host object for `n` in this store, so that equal host references are the
    /// same object. Call with the lock held.
    func hostObject(_ n: UInt32) -> HostObject {
        if let o = hostObjects[n] { return o }
        let o = HostObject(n)
        hostObjects[n] = o
        _ = allocate(o)
        return o
    }

    /// The engine, made on first use. Call with the lock held.
    func takeEngine() throws(WasmError) -> any Engine {
        if let e = engine { return e }
        guard let e = makeEngine(self) else {
            throw .exhaustion("cannot allocate the evaluator's stack")
        }
        engine = e
        return e
    }
}

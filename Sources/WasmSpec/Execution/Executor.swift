// The evaluator's machine: an operand stack of 64-bit slots, a stack of call frames,
// and entry points that invoke a function instance (§4.5.5 "Invocation").

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How an execution ended other than by returning.
enum ExecutionError: Error {
    case trap(String)
    case exhaustion(String)
    /// A Wasm exception no handler caught.
    case exception(ExceptionObject)
}

extension NumericTrap {
    var executionError: ExecutionError { .trap(message) }
}

/// A suspended caller: where to resume when the callee returns.
struct Frame {
    var code: UnsafeMutablePointer<Op>
    var pc: Int
    var fp: UnsafeMutablePointer<UInt64>
    var function: Unmanaged<CompiledFunction>
    var instance: Unmanaged<ModuleInstance>
}

/// The machine of one store. Used only with the store's lock held.
final class Executor {
    unowned let store: Store
    /// The operand stack (locals included), mapped lazily: untouched pages cost nothing.
    let stackBase: UnsafeMutablePointer<UInt64>
    let stackEnd: UnsafeMutablePointer<UInt64>
    let frames: UnsafeMutablePointer<Frame>
    let maxDepth: Int
    /// Frames in use by invocations in progress (host functions may re-enter).
    var depth = 0
    /// Where the next invocation's arguments go.
    var top: UnsafeMutablePointer<UInt64>

    /// Maps the stacks the store's limits ask for; `nil` when the host cannot.
    init?(store: Store) {
        self.store = store
        let slots = max(store.limits.stackSlots, 1024)
        let depth = max(store.limits.maxCallDepth, 1)
        guard slots <= Int.max / 16, depth <= Int.max / (2 * MemoryLayout<Frame>.stride),
            let stack = Executor.map(slots * MemoryLayout<UInt64>.stride)
        else { return nil }
        guard let frameMemory = Executor.map((depth + 1) * MemoryLayout<Frame>.stride) else {
            munmap(stack, slots * MemoryLayout<UInt64>.stride)
            return nil
        }
        maxDepth = depth
        stackBase = stack.bindMemory(to: UInt64.self, capacity: slots)
        stackEnd = stackBase + slots
        frames = frameMemory.bindMemory(to: Frame.self, capacity: depth + 1)
        top = stackBase
    }

    deinit {
        munmap(stackBase, (stackEnd - stackBase) * MemoryLayout<UInt64>.stride)
        munmap(frames, (maxDepth + 1) * MemoryLayout<Frame>.stride)
    }

    /// Anonymous zero-filled memory, reserved lazily by the kernel.
    private static func map(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        return p
    }

    /// Invokes a function with its arguments as slots and returns its results as slots.
    func invoke(_ function: FunctionInstance, _ arguments: [UInt64]) throws(ExecutionError) -> [UInt64] {
        let base = top
        guard arguments.count <= stackEnd - base else { throw .exhaustion("call stack exhausted") }
        for (i, a) in arguments.enumerated() { base[i] = a }
        let savedTop = top
        let savedDepth = depth
        defer {
            top = savedTop
            depth = savedDepth
        }
        let sp = try call(function, sp: base + arguments.count)
        let results = Array(UnsafeBufferPointer(start: base, count: sp - base))
        return results
    }

    /// Calls a function whose arguments are on the stack below `sp`; returns the stack
    /// pointer after its results, which replace the arguments.
    func call(_ function: FunctionInstance, sp: UnsafeMutablePointer<UInt64>) throws(ExecutionError)
        -> UnsafeMutablePointer<UInt64>
    {
        if let instance = function.instance {
            return try run(instance, function.compiled(in: instance), sp: sp)
        }
        return try callHost(function, function.host ?? { _ in [] }, sp: sp)
    }

    /// Calls a host function: its arguments become values, its results slots again.
    func callHost(_ function: FunctionInstance, _ host: HostFunction, sp: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        let params = function.funcType.params
        let base = sp - function.paramSlots
        var args: [Value] = []
        var p = base
        for t in params {
            args.append(store.value(of: p, type: t))
            p += t.slotCount
        }
        let results: [Value]
        let savedTop = top
        top = sp
        defer { top = savedTop }
        do {
            results = try host(args)
        } catch {
            switch error {
            case .exhaustion(let m): throw .exhaustion(m)
            default: throw .trap(error.message)
            }
        }
        var q = base
        guard results.count == function.funcType.results.count,
            function.resultSlots <= stackEnd - base
        else { throw .trap("host function returned the wrong number of results") }
        for r in results {
            q = store.store(r, at: q)
        }
        return q
    }
}

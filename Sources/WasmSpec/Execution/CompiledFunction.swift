// The compiled form of a function body and its side tables.
import CWasmSpecThreaded

/// Where a branch goes and what it carries: jump to `target` after copying `count`
/// slots from `from` to `to` (slots of the frame). A `target` of -1 is the function's
/// own label: the branch returns the `count` slots at `from`.
struct BranchTarget {
    var target: Int32
    var from: UInt32
    var to: UInt32
    var count: UInt32
}

/// The immediates of a memory access that does not fit an `Op`: any memory, vector
/// accesses, lane accesses, offsets beyond 32 bits.
struct MemoryAccess {
    /// LoadOp, StoreOp or LaneMemoryOp raw value, by the op that refers to it.
    var op: UInt16
    var lane: UInt8
    var memory: UInt32
    var offset: UInt64
}

/// A `call_indirect`'s table and type, with the closed type its callee must have.
struct IndirectEntry {
    var table: UInt32
    var type: UInt32
    /// The module's closed type at `type`, unretained: the module, which every instance
    /// running this code holds, keeps it alive. `nil` only for an index validation
    /// rejects.
    var expected: Unmanaged<DefType>?
}

/// A type test or cast, closed over the module's types.
struct CastEntry {
    var type: RefType
    /// The type as the instruction names it (type indices, not closed), for the message
    /// of a failed `ref.cast`, which the reference interpreter writes that way.
    var written: RefType
}

/// A `try_table`'s handlers: while the pc is in `start ..< end`, a thrown exception is
/// matched against the clauses in order.
struct HandlerEntry {
    enum Kind: UInt8 { case `catch`, catchRef, catchAll, catchAllRef }

    struct Clause {
        var kind: Kind
        var tag: UInt32
        /// The label's first slot is `branch.to`; `branch.from` is unused.
        var branch: BranchTarget
    }

    var start: Int
    var end: Int
    var clauses: [Clause]
}

/// A function body compiled for the evaluator. Its frame is
/// `[parameters][locals][constants][operand stack]`.
final class CompiledFunction: @unchecked Sendable {
    // Immutable after compilation.
    let ops: UnsafeMutableBufferPointer<Op>
    let paramSlots: Int
    /// Slots of the declared locals, zeroed on entry.
    let localSlots: Int
    /// Values copied into the constant slots on entry, `constantCount` of them.
    let constants: UnsafeMutablePointer<UInt64>
    let constantCount: Int
    /// Slots the whole frame can use, `[parameters][locals][constants][operand stack]`;
    /// a call checks this much room once, and nothing in the frame lies beyond it.
    let frameSize: Int
    let resultSlots: Int
    let branchTargets: [BranchTarget]
    let v128Constants: [V128]
    let memoryAccesses: [MemoryAccess]
    let casts: [CastEntry]
    /// `call_indirect`'s tables and types (`indirectCount` of them), read by the step
    /// loop without reference counting.
    let indirect: UnsafeMutablePointer<IndirectEntry>
    let indirectCount: Int
    /// The function as the threaded core sees it (`ops` and `branchTargets` again, in
    /// the core's form: ThreadedCode.swift), and its callees by `call` site (an
    /// entry is set the first time the step loop makes that call within the instance).
    let threadedFunction: UnsafeMutablePointer<wasmspec_function>
    let callees: UnsafeMutablePointer<UnsafePointer<wasmspec_function>?>
    /// By `call_indirect` site (its `IndirectEntry`), the last callee through table 0.
    let indirectCallees: UnsafeMutablePointer<wasmspec_indirect>
    /// Innermost first, so the first entry whose range holds the pc is the handler.
    let handlers: [HandlerEntry]

    init(
        ops: [Op], paramSlots: Int, localSlots: Int, constants: [UInt64], operandSlots: Int,
        resultSlots: Int, branchTargets: [BranchTarget], v128Constants: [V128],
        memoryAccesses: [MemoryAccess], casts: [CastEntry], indirect: [IndirectEntry],
        handlers: [HandlerEntry], callSites: Int
    ) {
        self.ops = .allocate(capacity: max(ops.count, 1))
        _ = self.ops.initialize(from: ops)
        // The buffer has room for at least one slot (allocating none is not portable),
        // but only `constantCount` are copied into a frame.
        self.constants = .allocate(capacity: max(constants.count, 1))
        self.constants.initialize(from: constants, count: constants.count)
        constantCount = constants.count
        self.paramSlots = paramSlots
        self.localSlots = localSlots
        // Saturating: a frame too large to count is too large to enter.
        let (fixed, o1) = paramSlots.addingReportingOverflow(localSlots)
        let (withConstants, o2) = fixed.addingReportingOverflow(constants.count)
        let (size, o3) = withConstants.addingReportingOverflow(operandSlots)
        frameSize = o1 || o2 || o3 ? Int.max : size
        self.resultSlots = resultSlots
        self.branchTargets = branchTargets
        self.v128Constants = v128Constants
        self.memoryAccesses = memoryAccesses
        self.casts = casts
        self.indirect = .allocate(capacity: max(indirect.count, 1))
        self.indirect.initialize(from: indirect, count: indirect.count)
        indirectCount = indirect.count
        self.handlers = handlers
        let threaded = ThreadedCode.make(self.ops)
        let threadedBranches = ThreadedCode.make(branchTargets)
        callees = .allocate(capacity: max(callSites, 1))
        callees.initialize(repeating: nil, count: max(callSites, 1))
        indirectCallees = .allocate(capacity: max(indirect.count, 1))
        indirectCallees.initialize(repeating: wasmspec_indirect(slot: 0, callee: nil), count: max(indirect.count, 1))
        threadedFunction = .allocate(capacity: 1)
        threadedFunction.initialize(
            to: wasmspec_function(
                code: threaded, branches: threadedBranches, callees: callees, indirect: indirectCallees,
                constants: self.constants,
                frame_size: frameSize, param_slots: paramSlots, local_slots: localSlots,
                constant_count: constantCount, ops: UnsafeMutableRawPointer(self.ops.baseAddress.unsafelyUnwrapped),
                function: Unmanaged.passUnretained(self).toOpaque()))
    }

    deinit {
        ops.deallocate()
        constants.deallocate()
        indirect.deallocate()
        threadedFunction.pointee.code.deallocate()
        threadedFunction.pointee.branches.deallocate()
        callees.deallocate()
        indirectCallees.deallocate()
        threadedFunction.deallocate()
    }
}

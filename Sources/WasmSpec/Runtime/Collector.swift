// Garbage collection of a store's heap: the structures, arrays, exceptions and external
// references its programs allocate (§4.2 "Store": the specification leaves freeing to
// the implementation; the reference interpreter leaves it to OCaml's collector).
//
// NOTE: Mark and sweep, not moving, precise on the heap and on everything typed, and
// conservative only where the compiled engine keeps untyped slots:
// - Roots: each engine's stacks (the reference engine's values carry their kind, so it
//   marks exactly its references; the compiled engine's slots are untyped, so any slot
//   whose bits are the address of one of the store's objects keeps that object, which
//   may keep garbage a while but never frees what is reachable), every instance's
//   globals, tables and element segments, and every object something outside the store
//   holds a strong reference to: a reference the embedder holds (`ObjectRef`), an
//   exception in flight, an object being allocated. The last are found without a
//   registry: the store's own array is then not the object's only owner
//   (`isKnownUniquelyReferenced`).
// - Collections happen only where an engine asks for one, at the start of an
//   instruction that allocates, when all its operands are still on its stack; so no
//   reference lives only in a native variable while the collector runs.
// - Trigger: when the bytes allocated since the last collection reach those that
//   survived it (at least `minimumBytes`), so the heap at most about doubles between
//   collections and each one costs time in proportion to what it keeps.
// - Limit: `ExecutionLimits.gcHeapBytes`; an allocation that does not fit after a
//   collection traps "out of memory".

/// Marks objects reachable from roots the caller names, then everything they reach.
struct Marker {
    /// The number of this collection: an object whose `mark` equals it is reachable.
    let epoch: UInt32
    /// Objects marked but not yet traced: an explicit stack, so that long chains of
    /// references never recurse natively.
    fileprivate var work: [HeapObject] = []
    /// Slots that may hold references but may hold anything else: they are looked up
    /// among the store's objects' addresses once all roots are in.
    fileprivate var maybes: Set<UInt64> = []

    init(epoch: UInt32) {
        self.epoch = epoch
    }

    /// A slot known to hold a reference (null and i31 included).
    mutating func mark(reference slot: UInt64) {
        guard slot != RefSlot.null, !RefSlot.isI31(slot) else { return }
        mark(RefSlot.object(slot))
    }

    /// A slot that may hold a reference or anything else: it keeps an object only when
    /// its bits are that object's address (objects are 8-byte aligned).
    mutating func mark(maybe slot: UInt64) {
        guard slot != RefSlot.null, slot & 7 == 0 else { return }
        maybes.insert(slot)
    }

    mutating func mark(_ object: HeapObject) {
        guard object.mark != epoch else { return }
        object.mark = epoch
        work.append(object)
    }

    /// Marks everything the marked objects reach.
    fileprivate mutating func trace() {
        while let object = work.popLast() {
            switch object {
            case let s as StructObject:
                for offset in s.layout.refOffsets {
                    mark(reference: (s.bytes + offset).loadUnaligned(as: UInt64.self))
                }
            case let a as ArrayObject where a.layout.elementIsRef:
                for i in 0..<Int(a.length) {
                    mark(reference: (a.elements + i * 8).loadUnaligned(as: UInt64.self))
                }
            case let e as ExternObject:
                mark(reference: e.inner)
            case let x as ExceptionObject:
                var k = 0
                for t in x.tag.params where k < x.payload.count {
                    if case .ref = t { mark(reference: x.payload[k]) }
                    k += t.slotCount
                }
            default:
                break
            }
        }
    }
}

/// The collector's state in a store. Used only with the store's lock held.
struct Heap {
    /// The smallest allocation volume between two collections.
    static let minimumBytes = 4 << 20
    /// What an object costs beyond its `size`: the header, the bookkeeping.
    static let objectOverhead = 64

    /// Every object allocated and not yet found unreachable.
    var objects: [HeapObject] = []
    /// Bytes allocated since the last collection, and those that survived it.
    var allocated = 0
    var live = 0
    var epoch: UInt32 = 0
    /// How many collections ran.
    var collections = 0

    mutating func add(_ object: HeapObject) {
        objects.append(object)
        allocated += object.size + Heap.objectOverhead
    }

    /// Whether allocating `bytes` more calls for a collection first: the volume since
    /// the last one reached what survived it, or the allocation would pass the limit.
    func collectionDue(adding bytes: Int, limit: Int) -> Bool {
        allocated >= max(live, Heap.minimumBytes) || live + allocated + bytes > limit
    }
}

extension Store {
    /// Whether an engine should collect before allocating `bytes`. Call with the lock
    /// held.
    @inline(__always)
    func collectionDue(adding bytes: Int) -> Bool {
        heap.collectionDue(adding: bytes, limit: limits.gcHeapBytes)
    }

    /// Whether `bytes` more fit under the heap limit. Call with the lock held.
    func heapFits(_ bytes: Int) -> Bool {
        let (total, o1) = heap.live.addingReportingOverflow(heap.allocated)
        let (withNew, o2) = total.addingReportingOverflow(bytes)
        return !o1 && !o2 && withNew <= limits.gcHeapBytes
    }

    /// Collects garbage. `stacks` marks the engine's roots (its stacks); the store adds
    /// the rest. Call with the lock held, from an engine at the start of an instruction
    /// that allocates.
    func collect(_ stacks: (inout Marker) -> Void) {
        heap.epoch &+= 1
        if heap.epoch == 0 { heap.epoch = 1 }
        var marker = Marker(epoch: heap.epoch)
        for instance in instances { instance.markRoots(&marker) }
        stacks(&marker)
        // Objects something outside the store holds, and those a slot that may be a
        // reference names.
        let maybes = marker.maybes
        for i in heap.objects.indices {
            if !isKnownUniquelyReferenced(&heap.objects[i])
                || (!maybes.isEmpty && maybes.contains(RefSlot.of(heap.objects[i])))
            {
                marker.mark(heap.objects[i])
            }
        }
        marker.trace()
        sweep(heap.epoch)
    }

    /// Drops every object the last marking did not reach; they are freed as the store
    /// held their last reference.
    private func sweep(_ epoch: UInt32) {
        var kept = 0
        var live = 0
        for i in heap.objects.indices where heap.objects[i].mark == epoch {
            heap.objects.swapAt(i, kept)
            live += heap.objects[kept].size + Heap.objectOverhead
            kept += 1
        }
        heap.objects.removeLast(heap.objects.count - kept)
        heap.live = live
        heap.allocated = 0
        heap.collections += 1
    }
}

extension ModuleInstance {
    /// Marks what the instance holds: references in its globals, tables and element
    /// segments.
    func markRoots(_ marker: inout Marker) {
        for g in globals where g.shape == .ref { marker.mark(reference: g.slots[0]) }
        for t in tables {
            for i in 0..<Int(t.size) { marker.mark(reference: t.elements[i]) }
        }
        for segment in elems {
            for r in segment { marker.mark(reference: r) }
        }
    }
}

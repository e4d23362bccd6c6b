// The locals of a function body (§3.4.10): its parameters, then the declared locals,
// kept run-length encoded as `Func.locals` writes them, since one declaration may stand
// for up to 2^32-1 locals. A local's type is found by binary search over the groups.

struct LocalTable {
    private var params: [TypeID] = []
    /// One past the index of the last local of each group, counting parameters.
    private var ends: [UInt64] = []
    private var types: [TypeID] = []
    private var defaultable: [Bool] = []
    private var total: UInt64 = 0

    /// Starts a function's locals with its parameters.
    mutating func reset(params: [TypeID]) {
        self.params = params
        ends.removeAll(keepingCapacity: true)
        types.removeAll(keepingCapacity: true)
        defaultable.removeAll(keepingCapacity: true)
        total = UInt64(params.count)
    }

    /// Appends a declaration of `count` locals of type `t`.
    mutating func append(_ count: UInt32, _ t: TypeID, defaultable d: Bool) {
        guard count > 0 else { return }
        // Indices are 32-bit: beyond 2^40, the exact count no longer matters.
        total = min(total + UInt64(count), 1 << 40)
        ends.append(total)
        types.append(t)
        defaultable.append(d)
    }

    /// The type of local `x`, and whether it must be initialised before use: only
    /// declared locals of non-defaultable type start uninitialised (§3.4.10).
    @inline(__always)
    func lookup(_ x: UInt32) -> (type: TypeID, needsInit: Bool)? {
        let i = UInt64(x)
        if i < UInt64(params.count) { return (params[Int(i)], false) }
        guard i < total else { return nil }
        // The first group whose end lies beyond `i`: few groups are searched in order.
        if ends.count <= 8 {
            var k = 0
            while ends[k] <= i { k += 1 }
            return (types[k], !defaultable[k])
        }
        var lo = 0
        var hi = ends.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if ends[mid] > i { hi = mid } else { lo = mid + 1 }
        }
        return (types[lo], !defaultable[lo])
    }
}

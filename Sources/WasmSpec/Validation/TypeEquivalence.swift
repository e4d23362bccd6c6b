// Equivalence of closed types (§3.3.10): two defined types are equivalent when their
// rolled recursion groups are syntactically equal and they are the same member.
//
// `DefType.==` compares the same way, but recursively; comparing long chains of types
// from different modules that way could exhaust the native stack. These comparisons use
// an explicit work list, and identity or the cached hash first.

extension Subtyping {
    /// Whether two heap types are the same, comparing defined types by identity only:
    /// a quick, shallow check before real matching.
    @inline(__always)
    static func isIdentical(_ a: HeapType, _ b: HeapType) -> Bool {
        switch (a, b) {
        case (.def(let d1), .def(let d2)): return d1 === d2
        case (.def, _), (_, .def): return false
        default: return a == b
        }
    }

    /// Whether two value types are the same, comparing defined types by identity only.
    @inline(__always)
    static func isIdentical(_ a: ValType, _ b: ValType) -> Bool {
        switch (a, b) {
        case (.ref(let r1), .ref(let r2)):
            return r1.nullable == r2.nullable && isIdentical(r1.heapType, r2.heapType)
        case (.ref, _), (_, .ref):
            return false
        default:
            return a == b
        }
    }

    /// Whether two closed defined types are equivalent (iso-recursive equality).
    public static func isEquivalent(_ a: DefType, _ b: DefType) -> Bool {
        if a === b { return true }
        var comparer = Comparer()
        guard comparer.enqueue(a, b) else { return false }
        while let (x, y) = comparer.pending.popLast() {
            guard comparer.compare(x.recType, y.recType) else { return false }
        }
        return true
    }

    /// Pairs of defined types still to compare, and pairs already taken care of.
    private struct Comparer {
        struct Pair: Hashable {
            let a: ObjectIdentifier
            let b: ObjectIdentifier
        }

        var pending: [(DefType, DefType)] = []
        var queued: Set<Pair> = []

        /// Queues a pair for structural comparison; false if they differ at once.
        mutating func enqueue(_ a: DefType, _ b: DefType) -> Bool {
            if a === b { return true }
            guard a.index == b.index, a.hashValue == b.hashValue,
                a.recType.subTypes.count == b.recType.subTypes.count
            else { return false }
            if queued.insert(Pair(a: ObjectIdentifier(a), b: ObjectIdentifier(b))).inserted {
                pending.append((a, b))
            }
            return true
        }

        mutating func compare(_ a: RecType, _ b: RecType) -> Bool {
            guard a.subTypes.count == b.subTypes.count else { return false }
            for (s1, s2) in zip(a.subTypes, b.subTypes) {
                guard s1.isFinal == s2.isFinal, s1.supertypes.count == s2.supertypes.count,
                    compare(s1.compType, s2.compType)
                else { return false }
                for (u1, u2) in zip(s1.supertypes, s2.supertypes) where !compare(u1, u2) {
                    return false
                }
            }
            return true
        }

        mutating func compare(_ a: CompType, _ b: CompType) -> Bool {
            switch (a, b) {
            case (.struct(let f1), .struct(let f2)):
                guard f1.count == f2.count else { return false }
                for (x, y) in zip(f1, f2) where !compare(x, y) { return false }
                return true
            case (.array(let x), .array(let y)):
                return compare(x, y)
            case (.func(let x), .func(let y)):
                guard x.params.count == y.params.count, x.results.count == y.results.count
                else { return false }
                for (s, t) in zip(x.params, y.params) where !compare(s, t) { return false }
                for (s, t) in zip(x.results, y.results) where !compare(s, t) { return false }
                return true
            default:
                return false
            }
        }

        mutating func compare(_ a: FieldType, _ b: FieldType) -> Bool {
            guard a.mutable == b.mutable else { return false }
            switch (a.storage, b.storage) {
            case (.val(let s), .val(let t)): return compare(s, t)
            case (.packed(let p), .packed(let q)): return p == q
            default: return false
            }
        }

        mutating func compare(_ a: ValType, _ b: ValType) -> Bool {
            switch (a, b) {
            case (.ref(let r1), .ref(let r2)):
                guard r1.nullable == r2.nullable else { return false }
                switch (r1.heapType, r2.heapType) {
                case (.def(let d1), .def(let d2)): return enqueue(d1, d2)
                case (.def, _), (_, .def): return false
                case (let h1, let h2): return h1 == h2
                }
            case (.ref, _), (_, .ref):
                return false
            default:
                return a == b
            }
        }

        mutating func compare(_ a: TypeUse, _ b: TypeUse) -> Bool {
            switch (a, b) {
            case (.def(let d1), .def(let d2)): return enqueue(d1, d2)
            case (.index(let x), .index(let y)): return x == y
            case (.rec(let x), .rec(let y)): return x == y
            default: return false
            }
        }
    }
}

// Structural equality of defined types without recursion (used by `DefType.==`).
//
// Two defined types are equal when their recursion groups are equal member by member;
// the groups refer to other defined types, which are then compared in turn. The pairs
// still to compare wait in a work list, so the depth of the types does not reach the
// native stack; pairs already queued are not queued again (the types form a DAG).

struct DefTypeComparison {
    private struct Pair: Hashable {
        let a: ObjectIdentifier
        let b: ObjectIdentifier
    }

    private var pending: [(DefType, DefType)] = []
    private var queued: Set<Pair> = []

    mutating func equal(_ a: DefType, _ b: DefType) -> Bool {
        guard enqueue(a, b) else { return false }
        while let (x, y) = pending.popLast() {
            guard compare(x.recType, y.recType) else { return false }
        }
        return true
    }

    /// Queues a pair; false if they differ at once (by index or hash).
    private mutating func enqueue(_ a: DefType, _ b: DefType) -> Bool {
        if a === b { return true }
        guard a.index == b.index, a.hash == b.hash else { return false }
        if queued.insert(Pair(a: ObjectIdentifier(a), b: ObjectIdentifier(b))).inserted {
            pending.append((a, b))
        }
        return true
    }

    private mutating func compare(_ a: RecType, _ b: RecType) -> Bool {
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

    private mutating func compare(_ a: CompType, _ b: CompType) -> Bool {
        switch (a, b) {
        case (.struct(let f1), .struct(let f2)):
            guard f1.count == f2.count else { return false }
            for (x, y) in zip(f1, f2) where !compare(x, y) { return false }
            return true
        case (.array(let x), .array(let y)):
            return compare(x, y)
        case (.func(let x), .func(let y)):
            guard x.params.count == y.params.count, x.results.count == y.results.count else {
                return false
            }
            for (s, t) in zip(x.params, y.params) where !compare(s, t) { return false }
            for (s, t) in zip(x.results, y.results) where !compare(s, t) { return false }
            return true
        default:
            return false
        }
    }

    private mutating func compare(_ a: FieldType, _ b: FieldType) -> Bool {
        guard a.mutable == b.mutable else { return false }
        switch (a.storage, b.storage) {
        case (.val(let s), .val(let t)): return compare(s, t)
        case (.packed(let p), .packed(let q)): return p == q
        default: return false
        }
    }

    private mutating func compare(_ a: ValType, _ b: ValType) -> Bool {
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

    private mutating func compare(_ a: TypeUse, _ b: TypeUse) -> Bool {
        switch (a, b) {
        case (.def(let d1), .def(let d2)): return enqueue(d1, d2)
        case (.index(let x), .index(let y)): return x == y
        case (.rec(let x), .rec(let y)): return x == y
        default: return false
        }
    }
}

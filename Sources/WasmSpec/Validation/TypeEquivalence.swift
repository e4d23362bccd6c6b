// Equivalence of closed types (§3.3.10): two defined types are equivalent when their
// rolled recursion groups are syntactically equal and they are the same member, which
// is what `DefType.==` checks (with a work list, not recursively). Quick identity checks
// come first in matching.

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

    /// Whether two closed defined types are equivalent (iso-recursive equality). This
    /// is `DefType.==`, which compares without recursion.
    public static func isEquivalent(_ a: DefType, _ b: DefType) -> Bool {
        a == b
    }
}

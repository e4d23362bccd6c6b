// Subtyping and matching (§3.3, "Matching"; the reference interpreter's match.ml).
//
// The rules are those of the reference: heap types form three hierarchies (any, func,
// exn, extern, each with its bottom), defined types are subtypes of their declared
// supertypes, and `bot`, which only arises while validating unreachable code, matches
// everything. Types may be closed (`.def`) or refer to the module's defined types by
// `.index`; a `Subtyping` resolves indices through its `types`.

/// Subtyping over the defined types of one module (`types`), or over closed types alone
/// (`Subtyping()`). Immutable once built, so it can be shared between threads.
public struct Subtyping: Sendable {
    /// The defined types that `.index(x)` refers to, one per type index.
    public private(set) var types: [DefType] = []
    /// `unroll` of every entry of `types`, with the group's members as `.def`.
    private var unrolledTypes: [SubType] = []
    /// Type index of each `DefType` instance registered here, to find its unrolling.
    private var indexOfInstance: [ObjectIdentifier: Int] = [:]
    /// The first type index of each distinct defined type: equal groups share instances,
    /// so that comparing types of one module never needs to look deeper than one level.
    private var firstIndex: [DefType: Int] = [:]

    /// Subtyping over closed types only.
    public init() {}

    /// Subtyping over the given defined types, for instance ``ValidatedModule/types``.
    public init(types: [DefType]) {
        var k = 0
        while k < types.count {
            let dt = types[k]
            let n = dt.recType.subTypes.count
            // A whole group in order: register it at once.
            if dt.index == 0, n > 0, k + n <= types.count,
                (0 ..< n).allSatisfy({ types[k + $0].index == UInt32($0) && types[k + $0].recType == dt.recType })
            {
                append(group: Array(types[k ..< k + n]))
                k += n
            } else {
                append(member: dt, unrolled: dt.unrolled)
                k += 1
            }
        }
    }

    // MARK: Building

    /// Appends the members of a closed, rolled recursion group as the next type indices;
    /// returns the instances now standing for them (earlier ones, if an equal group was
    /// defined before).
    @discardableResult
    mutating func append(group members: [DefType]) -> [DefType] {
        guard let first = members.first else { return [] }
        if let i = firstIndex[first], i + members.count <= types.count {
            // Copied out first: appending a slice of an array to itself copies the whole
            // array (the slice keeps its buffer alive), which made repeated types quadratic.
            let shared = Array(types[i ..< i + members.count])
            let unrolled = Array(unrolledTypes[i ..< i + members.count])
            types.append(contentsOf: shared)
            unrolledTypes.append(contentsOf: unrolled)
            return shared
        }
        let unrolled = first.recType.unrolled(members: members)
        for (m, st) in zip(members, unrolled) {
            indexOfInstance[ObjectIdentifier(m)] = types.count
            if firstIndex[m] == nil { firstIndex[m] = types.count }
            types.append(m)
            unrolledTypes.append(st)
        }
        return members
    }

    private mutating func append(member: DefType, unrolled: SubType) {
        if let i = firstIndex[member] {
            types.append(types[i])
            unrolledTypes.append(unrolledTypes[i])
            return
        }
        indexOfInstance[ObjectIdentifier(member)] = types.count
        firstIndex[member] = types.count
        types.append(member)
        unrolledTypes.append(unrolled)
    }

    // MARK: Lookups

    /// The defined type at a type index, if there is one.
    @inline(__always)
    public func type(_ x: UInt32) -> DefType? {
        Int(x) < types.count ? types[Int(x)] : nil
    }

    /// The unrolled sub type at a type index (the index must be defined).
    @inline(__always)
    func unrolledType(_ x: UInt32) -> SubType {
        unrolledTypes[Int(x)]
    }

    /// The defined type a type use refers to: `.index` resolved through `types`.
    @inline(__always)
    public func defType(_ use: TypeUse) -> DefType? {
        switch use {
        case .index(let x): type(x)
        case .def(let dt): dt
        case .rec: nil
        }
    }

    /// `unroll` (§3.1.3) of a defined type.
    public func unroll(_ dt: DefType) -> SubType {
        if let i = indexOfInstance[ObjectIdentifier(dt)] { return unrolledTypes[i] }
        return dt.unrolled
    }

    /// `expand` (§3.1.3): the composite type of a defined type, unrolled.
    public func expand(_ dt: DefType) -> CompType {
        unroll(dt).compType
    }

    // MARK: Extrema of heap types

    /// The top type of a heap type's hierarchy (`any`, `func`, `exn` or `extern`).
    public func top(of ht: HeapType) -> HeapType {
        switch ht {
        case .any, .none, .eq, .struct, .array, .i31: return .any
        case .func, .nofunc: return .func
        case .exn, .noexn: return .exn
        case .extern, .noextern: return .extern
        case .index, .rec, .def:
            guard let use = ht.typeUse, let dt = defType(use) else { return ht }
            if case .func = expand(dt) { return .func }
            return .any
        case .bot: return .bot
        }
    }

    /// The bottom type of a heap type's hierarchy (`none`, `nofunc`, `noexn`, `noextern`).
    public func bottom(of ht: HeapType) -> HeapType {
        switch ht {
        case .any, .none, .eq, .struct, .array, .i31: return .none
        case .func, .nofunc: return .nofunc
        case .exn, .noexn: return .noexn
        case .extern, .noextern: return .noextern
        case .index, .rec, .def:
            guard let use = ht.typeUse, let dt = defType(use) else { return ht }
            if case .func = expand(dt) { return .nofunc }
            return .none
        case .bot: return .bot
        }
    }

    // MARK: Subtyping

    /// Whether `a` matches `b` (§3.3.3, "Heap types").
    public func isSubtype(_ a: HeapType, _ b: HeapType) -> Bool {
        switch (a, b) {
        case (.eq, .any), (.struct, .any), (.array, .any), (.i31, .any),
            (.i31, .eq), (.struct, .eq), (.array, .eq):
            return true
        case (.none, _) where b != .bot: return isSubtype(b, .any)
        case (.nofunc, _) where b != .bot: return isSubtype(b, .func)
        case (.noexn, _) where b != .bot: return isSubtype(b, .exn)
        case (.noextern, _) where b != .bot: return isSubtype(b, .extern)
        case (.index(let x), _):
            guard let dt = type(x) else { return false }
            return isSubtype(.def(dt), b)
        case (_, .index(let x)):
            guard let dt = type(x) else { return false }
            return isSubtype(a, .def(dt))
        case (.def(let dt1), .def(let dt2)):
            return isSubtype(dt1, dt2)
        case (.def(let dt), _):
            switch (expand(dt), b) {
            case (.struct, .any), (.struct, .eq), (.struct, .struct),
                (.array, .any), (.array, .eq), (.array, .array),
                (.func, .func):
                return true
            default:
                return false
            }
        case (.bot, _):
            return true
        default:
            return a == b
        }
    }

    /// Whether `a` matches `b` (§3.3.4, "Reference types").
    @inline(__always)
    public func isSubtype(_ a: RefType, _ b: RefType) -> Bool {
        (b.nullable || !a.nullable)
            && (Subtyping.isIdentical(a.heapType, b.heapType) || isSubtype(a.heapType, b.heapType))
    }

    /// Whether `a` matches `b` (§3.3.5, "Value types"); `bot` matches every type.
    @inline(__always)
    public func isSubtype(_ a: ValType, _ b: ValType) -> Bool {
        if Subtyping.isIdentical(a, b) { return true }
        switch (a, b) {
        case (.ref(let r1), .ref(let r2)): return isSubtype(r1, r2)
        case (.bot, _): return true
        default: return false
        }
    }

    /// Whether `a` matches `b` pointwise (§3.3.6, "Result types").
    public func isSubtype(_ a: ResultType, _ b: ResultType) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where !isSubtype(a[i], b[i]) { return false }
        return true
    }

    /// Whether `a` matches `b` (§3.3.8, "Storage types"): packed types only themselves.
    public func isSubtype(_ a: StorageType, _ b: StorageType) -> Bool {
        switch (a, b) {
        case (.val(let t1), .val(let t2)): isSubtype(t1, t2)
        case (.packed(let p1), .packed(let p2)): p1 == p2
        default: false
        }
    }

    /// Whether `a` matches `b` (§3.3.8, "Field types"): mutable fields are invariant.
    public func isSubtype(_ a: FieldType, _ b: FieldType) -> Bool {
        a.mutable == b.mutable && isSubtype(a.storage, b.storage)
            && (!a.mutable || isSubtype(b.storage, a.storage))
    }

    /// Whether `a` matches `b` (§3.3.9, "Composite types"): structs by prefix, arrays by
    /// field, functions contravariantly in parameters and covariantly in results.
    public func isSubtype(_ a: CompType, _ b: CompType) -> Bool {
        switch (a, b) {
        case (.struct(let fts1), .struct(let fts2)):
            guard fts1.count >= fts2.count else { return false }
            for i in fts2.indices where !isSubtype(fts1[i], fts2[i]) { return false }
            return true
        case (.array(let ft1), .array(let ft2)):
            return isSubtype(ft1, ft2)
        case (.func(let f1), .func(let f2)):
            return isSubtype(f2.params, f1.params) && isSubtype(f1.results, f2.results)
        default:
            return false
        }
    }

    /// Whether `a` matches `b` (§3.3.10, "Defined types"): equal, or one of `a`'s declared
    /// supertypes matches `b`. A type on a supertype chain (the usual case: at most one
    /// declared supertype at every level) is decided by ``DefType/chainMatch(_:)`` in
    /// O(log depth); otherwise the supertypes are searched iteratively, each once.
    public func isSubtype(_ a: DefType, _ b: DefType) -> Bool {
        if let matches = a.chainMatch(b) { return matches }
        var pending: [DefType] = [a]
        var seen: Set<DefType> = [a]
        while let t = pending.popLast() {
            if let matches = t.chainMatch(b) {
                // The chain holds all of `t`'s supertypes: none left to search from it.
                if matches { return true }
                continue
            }
            if Subtyping.isEquivalent(t, b) { return true }
            for use in unroll(t).supertypes {
                guard let s = defType(use) else { continue }
                if seen.insert(s).inserted { pending.append(s) }
            }
        }
        return false
    }

    // MARK: External types (§3.3.11)

    /// Whether limits `a` match `b`: at least the minimum, and a maximum within `b`'s.
    public static func matches(_ a: Limits, _ b: Limits) -> Bool {
        guard a.min >= b.min else { return false }
        guard let max2 = b.max else { return true }
        guard let max1 = a.max else { return false }
        return max1 <= max2
    }

    /// Whether an external type `a` (of what is provided) matches `b` (what an import
    /// declares), as import matching needs it (§3.3.11, §4.5.4).
    public func matches(_ a: ExternType, _ b: ExternType) -> Bool {
        switch (a, b) {
        case (.tag(let t1), .tag(let t2)):
            guard let d1 = defType(t1.typeUse), let d2 = defType(t2.typeUse) else { return false }
            return isSubtype(d1, d2) && isSubtype(d2, d1)
        case (.global(let g1), .global(let g2)):
            return g1.mutable == g2.mutable && isSubtype(g1.valType, g2.valType)
                && (!g1.mutable || isSubtype(g2.valType, g1.valType))
        case (.memory(let m1), .memory(let m2)):
            return m1.addrType == m2.addrType && Subtyping.matches(m1.limits, m2.limits)
        case (.table(let t1), .table(let t2)):
            return t1.addrType == t2.addrType && Subtyping.matches(t1.limits, t2.limits)
                && isSubtype(t1.elemType, t2.elemType) && isSubtype(t2.elemType, t1.elemType)
        case (.func(let u1), .func(let u2)):
            guard let d1 = defType(u1), let d2 = defType(u2) else { return false }
            return isSubtype(d1, d2)
        default:
            return false
        }
    }
}

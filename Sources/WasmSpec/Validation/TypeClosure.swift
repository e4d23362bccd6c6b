// Substitution, rolling, unrolling and expansion of types (§2.3.11 "Recursive types",
// §3.1.3 "Rolling and unrolling", and the closing of types by validation, §3.1.1).
//
// Types as written refer to defined types by `.index(x)`. Rolling a recursion group
// turns references to the group's own members into `.rec(i)`; closing then replaces the
// remaining indices by the `DefType`s defined earlier. A `DefType` is therefore always
// closed: it contains no `.index`, and its `.rec` uses are bound by its own group. The
// substitutions below rely on that and never descend into a `.def`.

// MARK: - Substitution of type uses

extension TypeUse {
    /// Applies `s` to an `.index` or `.rec` use; closed `.def` uses stay as they are.
    @inline(__always)
    func substituted(_ s: (TypeUse) -> TypeUse) -> TypeUse {
        if case .def = self { return self }
        return s(self)
    }
}

extension HeapType {
    @inline(__always)
    func substituted(_ s: (TypeUse) -> TypeUse) -> HeapType {
        switch self {
        case .index(let x): HeapType(s(.index(x)))
        case .rec(let i): HeapType(s(.rec(i)))
        default: self
        }
    }
}

extension RefType {
    @inline(__always)
    func substituted(_ s: (TypeUse) -> TypeUse) -> RefType {
        RefType(nullable: nullable, heapType.substituted(s))
    }
}

extension ValType {
    @inline(__always)
    func substituted(_ s: (TypeUse) -> TypeUse) -> ValType {
        if case .ref(let rt) = self { return .ref(rt.substituted(s)) }
        return self
    }
}

extension StorageType {
    func substituted(_ s: (TypeUse) -> TypeUse) -> StorageType {
        if case .val(let t) = self { return .val(t.substituted(s)) }
        return self
    }
}

extension FieldType {
    func substituted(_ s: (TypeUse) -> TypeUse) -> FieldType {
        FieldType(mutable: mutable, storage.substituted(s))
    }
}

extension FuncType {
    func substituted(_ s: (TypeUse) -> TypeUse) -> FuncType {
        FuncType(params.map { $0.substituted(s) }, results.map { $0.substituted(s) })
    }
}

extension CompType {
    func substituted(_ s: (TypeUse) -> TypeUse) -> CompType {
        switch self {
        case .struct(let fts): .struct(fts.map { $0.substituted(s) })
        case .array(let ft): .array(ft.substituted(s))
        case .func(let ft): .func(ft.substituted(s))
        }
    }
}

extension SubType {
    func substituted(_ s: (TypeUse) -> TypeUse) -> SubType {
        SubType(
            isFinal: isFinal, supertypes: supertypes.map { $0.substituted(s) },
            compType.substituted(s))
    }
}

// MARK: - Rolling and unrolling (§3.1.3)

extension RecType {
    /// The group rolled up for its first type index `x`: uses of the indices
    /// `x ..< x + n` of its own members become `.rec(i)`.
    public func rolled(at x: UInt32) -> RecType {
        let n = UInt64(subTypes.count)
        let roll = { (use: TypeUse) -> TypeUse in
            if case .index(let y) = use, y >= x, UInt64(y - x) < n { return .rec(y - x) }
            return use
        }
        return RecType(subTypes.map { $0.substituted(roll) })
    }

    /// The group unrolled: each `.rec(i)` becomes `.def` of the group's `i`-th member.
    /// `members` are the group's defined types, one per sub type.
    func unrolled(members: [DefType]) -> [SubType] {
        let unroll = { (use: TypeUse) -> TypeUse in
            if case .rec(let i) = use, Int(i) < members.count { return .def(members[Int(i)]) }
            return use
        }
        return subTypes.map { $0.substituted(unroll) }
    }
}

extension DefType {
    /// The sub type this defined type stands for, unrolled (§3.1.3): references within
    /// its group become `.def` of the group's members.
    public var unrolled: SubType {
        let subTypes = recType.subTypes
        guard Int(index) < subTypes.count else { return SubType(.struct([])) }
        // Members made from this type's group take constant time each (no rehashing).
        let unroll = { (use: TypeUse) -> TypeUse in
            if case .rec(let i) = use, Int(i) < subTypes.count { return .def(self.member(i)) }
            return use
        }
        return subTypes[Int(index)].substituted(unroll)
    }

    /// The composite type of the unrolled sub type: `expand` of the specification.
    public var expanded: CompType { unrolled.compType }
}

/// `expand` (§3.1.3): the composite type of a closed defined type, unrolled, so that
/// references within its group are `.def` of the group's members. For many expansions
/// over one module's types, ``Subtyping/expand(_:)`` keeps them ready.
public func expand(_ dt: DefType) -> CompType {
    dt.expanded
}

// MARK: - Closing (substitution of type indices by defined types)

/// The substitution of type indices `.index(x)` by a module's defined types, which
/// closes types written in a module (§3.1.1). Indices out of range are left unchanged.
public struct TypeSubstitution: Sendable {
    /// The defined types, one per type index.
    public let types: [DefType]

    /// The substitution of index `x` by `types[x]`.
    public init(types: [DefType]) {
        self.types = types
    }

    @inline(__always)
    func use(_ u: TypeUse) -> TypeUse {
        if case .index(let x) = u, Int(x) < types.count { return .def(types[Int(x)]) }
        return u
    }

    /// A type use with its index replaced by the defined type.
    public func close(_ t: TypeUse) -> TypeUse { t.substituted(use) }
    /// A heap type with its index replaced by the defined type.
    public func close(_ t: HeapType) -> HeapType { t.substituted(use) }
    /// A reference type with its index replaced by the defined type.
    public func close(_ t: RefType) -> RefType { t.substituted(use) }
    /// A value type with its index replaced by the defined type.
    public func close(_ t: ValType) -> ValType { t.substituted(use) }
    /// A result type with indices replaced by the defined types.
    public func close(_ ts: ResultType) -> ResultType { ts.map { $0.substituted(use) } }
    /// A function type with indices replaced by the defined types.
    public func close(_ t: FuncType) -> FuncType { t.substituted(use) }
    /// A storage type with its index replaced by the defined type.
    public func close(_ t: StorageType) -> StorageType { t.substituted(use) }
    /// A field type with its index replaced by the defined type.
    public func close(_ t: FieldType) -> FieldType { t.substituted(use) }
    /// A composite type with indices replaced by the defined types.
    public func close(_ t: CompType) -> CompType { t.substituted(use) }
    /// A sub type with indices (of supertypes too) replaced by the defined types.
    public func close(_ t: SubType) -> SubType { t.substituted(use) }

    /// A table type with its element type closed.
    public func close(_ t: TableType) -> TableType {
        TableType(t.addrType, t.limits, close(t.elemType))
    }

    /// A global type with its value type closed.
    public func close(_ t: GlobalType) -> GlobalType {
        GlobalType(mutable: t.mutable, close(t.valType))
    }

    /// A tag type with its type use closed.
    public func close(_ t: TagType) -> TagType { TagType(close(t.typeUse)) }

    /// An external type with every type index replaced by the defined type.
    public func close(_ t: ExternType) -> ExternType {
        switch t {
        case .func(let u): .func(close(u))
        case .table(let tt): .table(close(tt))
        case .memory: t
        case .global(let gt): .global(close(gt))
        case .tag(let tt): .tag(close(tt))
        }
    }
}

/// Rolls and closes one recursion group defined at type index `x`, given the defined
/// types of all earlier indices (§3.1.3). Returns the group's rolled, closed form, or
/// the first type index that is not defined, found in the order in which the reference
/// interpreter's substitution visits a sub type (its composite type, results before
/// parameters, then its supertypes).
func closeRecType(_ rt: RecType, at x: UInt32, earlier types: [DefType]) -> Result<RecType, UnknownTypeIndex> {
    let n = UInt64(rt.subTypes.count)
    let limit = UInt64(x) + n
    // Find the first unknown index before substituting.
    func unknown(_ t: ValType) -> UInt32? {
        if case .ref(let r) = t, case .index(let y) = r.heapType, UInt64(y) >= limit { return y }
        return nil
    }
    func unknown(_ ft: FieldType) -> UInt32? {
        if case .val(let t) = ft.storage { return unknown(t) }
        return nil
    }
    for st in rt.subTypes {
        switch st.compType {
        case .func(let ft):
            for t in ft.results { if let y = unknown(t) { return .failure(UnknownTypeIndex(index: y)) } }
            for t in ft.params { if let y = unknown(t) { return .failure(UnknownTypeIndex(index: y)) } }
        case .struct(let fts):
            for f in fts { if let y = unknown(f) { return .failure(UnknownTypeIndex(index: y)) } }
        case .array(let f):
            if let y = unknown(f) { return .failure(UnknownTypeIndex(index: y)) }
        }
        for u in st.supertypes {
            if case .index(let y) = u, UInt64(y) >= limit { return .failure(UnknownTypeIndex(index: y)) }
        }
    }
    let rolled = rt.rolled(at: x)
    let close = { (use: TypeUse) -> TypeUse in
        if case .index(let y) = use, Int(y) < types.count { return .def(types[Int(y)]) }
        return use
    }
    return .success(RecType(rolled.subTypes.map { $0.substituted(close) }))
}

/// A type index that refers to no defined type.
struct UnknownTypeIndex: Error {
    let index: UInt32
}

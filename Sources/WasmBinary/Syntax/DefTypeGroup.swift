// The storage that the members of one recursion group share (used by `DefType`): the
// rolled group, the hash state common to its members, and each member's place in its
// supertype chain.
//
// Supertype chains make subtype checks between defined types (§3.3.10, and so
// `ref.test`, `ref.cast`, `br_on_cast` and `call_indirect` at run time) take time
// logarithmic in the depth of the hierarchy instead of linear with a large constant:
// - A member without declared supertypes starts a chain, at depth 0.
// - A member with exactly one declared supertype, itself on a chain, continues that
//   chain one deeper: its supertype is its parent.
// - Any other member (several supertypes, a forward `.rec` use or an `.index` use,
//   which validation rejects or which only unclosed types have) is on no chain.
// The supertypes of a member on a chain, transitively, are then exactly its ancestors,
// so `a` matches `b` when `b` equals a's ancestor at b's depth. Whether a type is on a
// chain, and its depth, follow from its structure alone, so iso-recursively equal
// types (§3.1.3) have the same depth, and a type equal to none of a's ancestors at
// b's depth is not a supertype of `a`.
//
// Ancestors are found with skew-binary jump pointers (E. W. Myers, "An applicative
// random-access stack", 1983): each member keeps its parent and one further ancestor,
// chosen so that reaching any depth takes O(log depth) steps; keeping them costs O(1)
// time and space per type, where a table of all ancestors would cost O(depth).

/// The members' shared part of a group of defined types.
final class DefTypeGroup {
    /// A position in the supertype chains: member `index` of `group`, or of the group
    /// the position is stored in when `group` is nil.
    ///
    /// The reference does not own the group: the group of a member's parent is kept
    /// alive by the member's declared supertype (a `.def` in `recType`), and the groups
    /// of further ancestors likewise by their descendants. A group is only emptied when
    /// its last member goes, and then nobody reads its chains any more.
    struct Position {
        /// Unmanaged rather than `unowned(unsafe)`, so that walking the chains retains
        /// and releases nothing.
        let group: Unmanaged<DefTypeGroup>?
        let index: UInt32

        init(member index: UInt32, of group: DefTypeGroup) {
            self.group = Unmanaged.passUnretained(group)
            self.index = index
        }

        init(_ group: Unmanaged<DefTypeGroup>?, _ index: UInt32) {
            self.group = group
            self.index = index
        }

        /// This position, stored in the entry found at `from`, as seen from the group
        /// `from` itself is relative to.
        func seen(from: Position) -> Position {
            group == nil ? Position(from.group, index) : self
        }
    }

    /// A member's place in the supertype chains.
    struct ChainEntry {
        /// Depth below the start of the chain, or -1 for a member on no chain.
        let depth: Int
        /// The declared supertype, on chains below their start.
        let parent: Position?
        /// An ancestor further up, for skipping (the parent at depth 1), and its depth.
        let jump: Position?
        let jumpDepth: Int

        static var offChain: ChainEntry { ChainEntry(depth: -1, parent: nil, jump: nil, jumpDepth: -1) }
    }

    /// Emptied (only) when the last member goes, see `DefType.deinit`.
    private(set) var recType: RecType
    /// The hasher after combining `recType`; a member's hash adds its index.
    private let hasher: Hasher
    /// One entry per member.
    let chain: [ChainEntry]

    init(_ recType: RecType) {
        self.recType = recType
        var hasher = Hasher()
        hasher.combine(recType)
        self.hasher = hasher
        var chain: [ChainEntry] = []
        chain.reserveCapacity(recType.subTypes.count)
        for (i, st) in recType.subTypes.enumerated() {
            chain.append(Self.chainEntry(of: st, at: UInt32(truncatingIfNeeded: i), siblings: chain))
        }
        self.chain = chain
    }

    /// The hash of the member at `index`.
    func hash(of index: UInt32) -> Int {
        var h = hasher
        h.combine(index)
        return h.finalize()
    }

    // MARK: Supertype chains

    /// The chain entry of member `index`, if the group has one.
    @inline(__always)
    func entry(_ index: UInt32) -> ChainEntry {
        Int(index) < chain.count ? chain[Int(index)] : .offChain
    }

    /// The entry of a new member at `i` with sub type `st`, given its earlier siblings'.
    private static func chainEntry(of st: SubType, at i: UInt32, siblings: [ChainEntry]) -> ChainEntry {
        guard st.supertypes.count <= 1 else { return .offChain }
        guard let use = st.supertypes.first else { return ChainEntry(depth: 0, parent: nil, jump: nil, jumpDepth: -1) }
        // Positions below are relative to the new group: nil stands for it.
        func entry(_ p: Position) -> ChainEntry {
            p.group?.takeUnretainedValue().entry(p.index) ?? siblings[Int(p.index)]
        }
        let parent: Position
        switch use {
        case .def(let d):
            parent = Position(member: d.index, of: d.storage)
        case .rec(let j) where j < i:
            parent = Position(nil, j)
        default:
            return .offChain
        }
        let p = entry(parent)
        guard p.depth >= 0 else { return .offChain }
        // Skew-binary jumps: skip two equal spans at once when the parent's jump and its
        // jump's jump span the same distance, otherwise start afresh from the parent.
        if let j = p.jump?.seen(from: parent) {
            let jEntry = entry(j)
            if let jj = jEntry.jump?.seen(from: j), p.depth - jEntry.depth == jEntry.depth - jEntry.jumpDepth {
                return ChainEntry(depth: p.depth + 1, parent: parent, jump: jj, jumpDepth: jEntry.jumpDepth)
            }
        }
        return ChainEntry(depth: p.depth + 1, parent: parent, jump: parent, jumpDepth: p.depth)
    }

    /// Whether the member at `index` matches `b`, decided by the chains: nil when the
    /// member is on no chain. See the top of this file.
    func chainMatch(_ index: UInt32, _ b: DefType) -> Bool? {
        var e = entry(index)
        guard e.depth >= 0 else { return nil }
        let target = b.storage.entry(b.index).depth
        guard target >= 0, target <= e.depth else { return false }
        var g = Unmanaged.passUnretained(self)
        var i = index
        while e.depth > target, let parent = e.parent {
            let next = e.jumpDepth >= target ? e.jump ?? parent : parent
            if let h = next.group { g = h }
            i = next.index
            e = g._withUnsafeGuaranteedRef { $0.entry(i) }
        }
        guard e.depth == target else { return false }
        let group = g.takeUnretainedValue()
        if group === b.storage && i == b.index { return true }
        guard i == b.index else { return false }
        let h = group.hash(of: i)
        guard h == b.hash else { return false }
        return DefType(group, i, hash: h) == b
    }

    // MARK: Release

    /// Moves the defined types the group refers to into `pending` and empties it.
    func takeNested(into pending: inout [DefType]) {
        func take(_ t: ValType) {
            if case .ref(let rt) = t, case .def(let dt) = rt.heapType { pending.append(dt) }
        }
        for st in recType.subTypes {
            for case .def(let dt) in st.supertypes { pending.append(dt) }
            switch st.compType {
            case .struct(let fts):
                for ft in fts { if case .val(let t) = ft.storage { take(t) } }
            case .array(let ft):
                if case .val(let t) = ft.storage { take(t) }
            case .func(let ft):
                for t in ft.params { take(t) }
                for t in ft.results { take(t) }
            }
        }
        recType = RecType([])
    }
}

extension DefType {
    /// The depth of this type in its supertype chain (0 without declared supertypes, one
    /// more than its only declared supertype's otherwise), or nil when it has several
    /// supertypes or one that is not on a chain.
    public var supertypeDepth: Int? {
        let d = storage.entry(index).depth
        return d >= 0 ? d : nil
    }

    /// Whether this type matches `b` (§3.3.10: equal to it, or to one of its declared
    /// supertypes, transitively), decided in O(log depth) steps when this type is on a
    /// supertype chain; nil when it is not (then its supertypes must be searched).
    public func chainMatch(_ b: DefType) -> Bool? {
        if self === b { return true }
        return storage.chainMatch(index, b)
    }
}

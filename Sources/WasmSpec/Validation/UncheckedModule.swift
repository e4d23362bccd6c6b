// Preparing a module to run without validating it: the reference interpreter's
// unchecked mode (`-u`), in which a module goes straight to instantiation.
//
// Instantiation and the definitional evaluator need what validation otherwise
// provides: the module's types closed (§3.1.1) and the type of every index (the
// context C, §3.1.1). Here they are computed as far as the module allows, checking
// nothing and failing on nothing, as the reference interpreter's `init_type` does: a
// type index that refers to no type stays an index, and a function or tag whose type
// is undefined gets a placeholder, which instantiation reports as the reference does
// (`undefined type 3`). Everything else the module gets wrong is found at run time by
// the definitional evaluator, which checks each state it reaches, and ends in a
// runtime crash (`WasmError.crash`), as in the reference.
//
// One thing is checked and repaired, because the evaluator's safety rests on it:
// subtyping between defined types. Reading a field of a struct, or an element of an
// array, of a type that declares a supertype, relies on the layout of the subtype
// extending that of the supertype (§3.2.9: the composite type matches the supertype's).
// So when a recursion group declares a supertype that validation would reject
// (undefined, a forward use, final, or not matched), its members' supertype
// declarations are all dropped, so that no defined type in a store claims a supertype
// it does not extend. (All of them, not just the unsound ones: dropping one can make
// another that relied on it unsound, and finding those one by one could take time
// quadratic in the size of the group.)

extension Module {
    /// The module with its types closed and the types of its indices, for running it
    /// without validation (the reference interpreter's unchecked mode). Never fails:
    /// what validation would reject is left as it is and reported when it is used.
    ///
    /// Only the reference engine runs such a module: `Store.instantiate` refuses it
    /// with the compiled engine, which relies on validation.
    public func prepareUnchecked() -> ValidatedModule {
        var preparation = UncheckedPreparation(self)
        return preparation.run()
    }
}

extension ValidatedModule {
    /// What ``funcs`` and ``tags`` of a module prepared without validation hold for a
    /// function or tag whose type index is undefined. Recognised by identity.
    public static let undefinedType = DefType(RecType([SubType(.func(FuncType()))]), 0)
}

/// The types of a module's indices, computed without checking anything.
struct UncheckedPreparation {
    let m: Module
    var sub = Subtyping()

    init(_ m: Module) {
        self.m = m
    }

    mutating func run() -> ValidatedModule {
        for rt in m.types { define(rt) }
        let close = TypeSubstitution(types: sub.types)
        var funcs: [DefType] = []
        var tables: [TableType] = []
        var memories: [MemoryType] = []
        var globals: [GlobalType] = []
        var tags: [DefType] = []
        for im in m.imports {
            switch im.type {
            case .func(let use): funcs.append(defType(use))
            case .table(let tt): tables.append(close.close(tt))
            case .memory(let mt): memories.append(mt)
            case .global(let gt): globals.append(close.close(gt))
            case .tag(let tt): tags.append(defType(tt.typeUse))
            }
        }
        tags += m.tags.map { defType($0.typeUse) }
        funcs += m.funcs.map { defType(.index($0.type)) }
        memories += m.memories
        tables += m.tables.map { close.close($0.type) }
        globals += m.globals.map { close.close($0.type) }
        // An export of an undefined index has no type: it is left out here, and
        // instantiation reports it (`undefined function 3`).
        var exports: [ValidatedModule.ExportType] = []
        for ex in m.exports {
            let i = Int(ex.index)
            let type: ExternType
            switch ex.kind {
            case .func where i < funcs.count: type = .func(.def(funcs[i]))
            case .table where i < tables.count: type = .table(tables[i])
            case .memory where i < memories.count: type = .memory(memories[i])
            case .global where i < globals.count: type = .global(globals[i])
            case .tag where i < tags.count: type = .tag(TagType(.def(tags[i])))
            default: continue
            }
            exports.append(ValidatedModule.ExportType(name: ex.name, type: type))
        }
        return ValidatedModule(
            module: m, types: sub.types, funcs: funcs, tables: tables, memories: memories, globals: globals,
            tags: tags, elems: m.elems.map { close.close($0.type) }, datas: m.datas.count,
            imports: m.imports.map { close.close($0.type) }, exports: exports,
            refs: ModuleValidator(m).declaredReferences(), subtyping: sub, isValidated: false)
    }

    /// The defined type a function or tag names, or the placeholder when it names none.
    private func defType(_ use: TypeUse) -> DefType {
        sub.defType(use) ?? ValidatedModule.undefinedType
    }

    // MARK: Types

    /// Defines a recursion group as the next type indices (§3.1.3): earlier indices are
    /// replaced by their defined types and the group's own by `.rec`; any other index is
    /// kept, as the reference's `init_type` keeps it.
    private mutating func define(_ rt: RecType) {
        let count = sub.types.count
        // More types than indices: only a module built in memory could have them.
        guard UInt64(count) + UInt64(rt.subTypes.count) <= UInt64(UInt32.max) else { return }
        let group = rolledAndClosed(rt, at: UInt32(count))
        var members = DefType.group(group)
        if !isSound(group, members) {
            members = DefType.group(RecType(group.subTypes.map { SubType(isFinal: $0.isFinal, supertypes: [], $0.compType) }))
        }
        sub.append(group: members)
    }

    /// A group rolled at `x` and closed over the types defined so far. (A function of
    /// its own, so that the substitution's share of `sub.types` is released before
    /// `sub` grows, which would otherwise copy it.)
    private func rolledAndClosed(_ rt: RecType, at x: UInt32) -> RecType {
        let close = TypeSubstitution(types: sub.types)
        return RecType(rt.rolled(at: x).subTypes.map { close.close($0) })
    }

    /// Whether every supertype a rolled, closed group declares is one validation
    /// accepts (§3.2.9).
    private func isSound(_ group: RecType, _ members: [DefType]) -> Bool {
        for (i, st) in group.subTypes.enumerated() {
            for use in st.supertypes where !isSound(use, of: i, members) { return false }
        }
        return true
    }

    /// Whether member `i` of a group may declare `use` as its supertype: an earlier type,
    /// not final, whose composite type member `i`'s matches.
    private func isSound(_ use: TypeUse, of i: Int, _ members: [DefType]) -> Bool {
        let sup: DefType
        switch use {
        case .def(let d): sup = d
        case .rec(let j) where Int(j) < i && Int(j) < members.count: sup = members[Int(j)]
        default: return false
        }
        guard i < members.count else { return false }
        let unrolled = sub.unroll(sup)
        return !unrolled.isFinal && sub.isSubtype(members[i].expanded, unrolled.compType)
    }
}

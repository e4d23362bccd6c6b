// The result of validation: the module with its types, all closed (§3.1.1, §3.4.12);
// or, without validation, as far closed as they can be (UncheckedModule.swift).

/// A module that passed validation, with the types of everything it defines, imports and
/// exports. Every type here is closed: type indices are replaced by ``DefType``s. (A
/// module prepared to run without validation has the same parts, as far as it allows:
/// see ``isValidated``.)
public struct ValidatedModule: Sendable {
    /// An export with the type of what it exports.
    public struct ExportType: Hashable, Sendable {
        /// The export's name.
        public let name: String
        /// The type of what is exported, closed.
        public let type: ExternType

        /// An export named `name` of type `type`.
        public init(name: String, type: ExternType) {
            self.name = name
            self.type = type
        }
    }

    /// The module as it was validated.
    public let module: Module
    /// One defined type per type index, rolled per recursion group and closed (§3.1.3).
    /// Equal types share one instance.
    public let types: [DefType]
    /// The type of every function, imports first.
    public let funcs: [DefType]
    /// The type of every table, imports first.
    public let tables: [TableType]
    /// The type of every memory, imports first.
    public let memories: [MemoryType]
    /// The type of every global, imports first.
    public let globals: [GlobalType]
    /// The function type of every tag, imports first.
    public let tags: [DefType]
    /// The element types of the element segments.
    public let elems: [RefType]
    /// The number of data segments.
    public let datas: Int
    /// The type of every import, in order.
    public let imports: [ExternType]
    /// The name and type of every export, in order.
    public let exports: [ExportType]
    /// The functions declared for `ref.func` in function bodies (C.refs, §3.4.10).
    public let refs: Set<UInt32>
    /// Subtyping over this module's types, for casts and import matching at run time.
    public let subtyping: Subtyping
    /// Whether the module passed validation; false for one prepared without it
    /// (``Module/prepareUnchecked()``), whose types are only as far closed as the module
    /// allows, and which only the reference engine may run.
    public let isValidated: Bool
}

// Where the embedding layer, which sits above both engines, picks the one a store runs.

extension Store {
    /// A store whose code runs on the engine `limits.engine` names. With the reference
    /// engine, `observer` receives every reduction step (the compiled engine ignores it).
    public convenience init(limits: ExecutionLimits = ExecutionLimits(), observer: StepObserver? = nil) {
        self.init(limits: limits, observer: observer, engine: Store.factory(limits.engine))
    }

    /// How to make an engine of the given kind for a store.
    static func factory(_ kind: EngineKind) -> EngineFactory {
        switch kind {
        case .compiled: { Executor(store: $0) }
        case .reference: { DefinitionalEngine(store: $0) }
        }
    }
}

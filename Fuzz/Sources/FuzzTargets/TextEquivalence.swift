// Modules equal as far as the text format can tell (the printer's documentation lists
// what text does not keep).

import WasmBinary

enum TextEquivalence {
    /// `m` with what text does not keep made canonical: runs of locals merged as the
    /// parser merges them, an `else` directly before its `end` dropped (the parser keeps
    /// only an `else` with instructions), and no custom sections.
    static func normalised(_ m: Module) -> Module {
        var m = m
        for i in m.funcs.indices {
            m.funcs[i].body = withoutEmptyElse(m.funcs[i].body)
            m.funcs[i].locals = merged(m.funcs[i].locals)
        }
        for i in m.globals.indices { m.globals[i].initializer = withoutEmptyElse(m.globals[i].initializer) }
        for i in m.tables.indices { m.tables[i].initializer = withoutEmptyElse(m.tables[i].initializer) }
        for i in m.elems.indices {
            m.elems[i].inits = m.elems[i].inits.map(withoutEmptyElse)
            if case .active(let table, let offset) = m.elems[i].mode {
                m.elems[i].mode = .active(table: table, offset: withoutEmptyElse(offset))
            }
        }
        for i in m.datas.indices {
            if case .active(let memory, let offset) = m.datas[i].mode {
                m.datas[i].mode = .active(memory: memory, offset: withoutEmptyElse(offset))
            }
        }
        m.customs = []
        return m
    }

    static func withoutEmptyElse(_ e: Expr) -> Expr {
        var out: Expr = []
        out.reserveCapacity(e.count)
        for i in e.indices where !(e[i] == .else && i + 1 < e.count && e[i + 1] == .end) {
            out.append(e[i])
        }
        return out
    }

    /// Adjacent runs of one type as one run (while the count fits), empty runs gone.
    static func merged(_ locals: [Locals]) -> [Locals] {
        var out: [Locals] = []
        for run in locals where run.count > 0 {
            if let last = out.last, last.type == run.type, UInt64(last.count) + UInt64(run.count) <= UInt64(UInt32.max) {
                out[out.count - 1].count += run.count
            } else {
                out.append(run)
            }
        }
        return out
    }
}

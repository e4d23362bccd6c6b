// Where in a script a module's validation error is, as the reference reports it: the
// region of the offending instruction or field in a text module (found by parsing the
// module's text again), the offset of the instruction, or the extent of the function,
// in a binary one.

extension ScriptRunner {
    /// The region of a validation error in the module `m` defined from the source being
    /// run; nil when it cannot be told.
    func region(of error: ValidationError, in m: ScriptModule, _ module: Module) -> ScriptRegion? {
        switch m.source {
        case .text:
            guard let range = m.sourceRange, range.upperBound <= source.count else { return nil }
            let start = range.lowerBound == 0 ? SourceLocation(line: 1, column: 1) : m.location
            guard let regions = TextRegions.of(text: Array(source[range]), line: start.line, column: start.column),
                let span = span(error.location, regions, module)
            else { return nil }
            return ScriptRegion(file, span.start, span.end)
        case .quote(let text):
            let start = m.bodyLocation
            guard let regions = TextRegions.of(text: text, line: start.line, column: start.column + 2),
                let span = span(error.location, regions, module)
            else { return nil }
            return ScriptRegion(file, span.start, span.end)
        case .binary(let bytes):
            guard case .function(let x, let i) = error.location,
                let offsets = (try? Module.decodeWithOffsets(bytes))?.1
            else { return nil }
            let k = Int(x) - module.imports.filter { if case .func = $0.type { true } else { false } }.count
            guard k >= 0 && k < offsets.count else { return nil }
            let name = m.binaryName ?? "binary:\(m.location.line).\(m.location.column)"
            let f = offsets[k]
            if i >= 0 && i < f.instructions.count {
                return ScriptRegion(binary: name, offset: f.instructions[i])
            }
            return ScriptRegion(SourceRegion(file: name, left: .offset(f.entry), right: .offset(f.end)))
        }
    }

    /// The extent a validation location names in a text module.
    private func span(_ location: ValidationLocation, _ r: TextRegions, _ m: Module) -> TextRegions.Span? {
        func imported(_ kind: ExternKind) -> Int {
            m.imports.filter { $0.type.kind == kind }.count
        }
        func at<T>(_ list: [T], _ i: Int) -> T? { i >= 0 && i < list.count ? list[i] : nil }
        switch location {
        case .module: return r.module
        case .type(let x): return at(r.types, Int(x))
        case .import(let i): return at(r.imports, i)
        case .functionType(let x): return at(r.funcs, Int(x) - imported(.func))
        case .function(let x, let i):
            let k = Int(x) - imported(.func)
            return at(r.bodies, k).flatMap { at($0, i) } ?? at(r.funcs, k)
        case .table(let x): return at(r.tables, Int(x) - imported(.table))
        case .memory(let x): return at(r.memories, Int(x) - imported(.memory))
        case .global(let x):
            let k = Int(x) - imported(.global)
            return at(r.globalInits, k).flatMap { $0 } ?? at(r.globals, k)
        case .tag(let x): return at(r.tags, Int(x) - imported(.tag))
        case .elem(let x): return at(r.elems, Int(x))
        case .data(let x): return at(r.datas, Int(x))
        case .start: return r.start
        case .export(let i): return at(r.exports, i)
        }
    }
}

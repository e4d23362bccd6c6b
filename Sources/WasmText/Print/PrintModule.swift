// Modules in the text format (§6.6), as the reference interpreter prints them (its
// `-o file.wat` and the script command `(output)`): the fields in the order types,
// imports, tables, memories, tags, globals, exports, start, element segments,
// functions, data segments; every definition named `$n` after its index (imports
// counted first), every use by number; single types written alone unless they refer
// to themselves; element segments of non-null `func` references written
// as `func x*` when every item is a `ref.func`.

extension Module {
    /// The module in the text format (§6), laid out as the reference interpreter's printer
    /// does: each s-expression on one line if it fits in `width` columns from where it
    /// starts, otherwise one child a line, indented by two spaces. The text ends with a
    /// newline and parses back (with ``init(text:)``) to an equal module, up to what
    /// text cannot tell apart: adjacent runs of locals of the same type merge, an empty
    /// `else` arm disappears, and custom sections are not kept.
    ///
    /// The text is the reference's byte for byte, with two exceptions that keep it
    /// parsing back: lane indices from 128 up are written as they are (the reference
    /// garbles them), and indentation stops growing at column 200 (or `width`, if
    /// larger), where the reference's would grow without bound with the nesting depth.
    /// Forms that only validation creates (`HeapType.rec`, `.def`, `.bot`,
    /// `ValType.bot`) are written as the reference writes them in messages and do not
    /// parse back; ill-formed flat sequences (an `end` or `else` with nothing to close)
    /// print as `(end)` and `(else)`.
    ///
    /// Text spells out every local, so the output of a function declaring billions of
    /// locals (which the binary format allows in a few bytes) is that large. For modules
    /// from untrusted sources use ``text(width:customSections:maxLocals:)``, which
    /// refuses them instead.
    ///
    /// - Parameters:
    ///   - width: The line width (the reference's `-w`, by default 80).
    ///   - customSections: Whether to append custom sections as `@custom` annotations,
    ///     as the reference does when its `custom` handler is registered (`-c custom`).
    ///     Off by default, like the reference, which drops them otherwise.
    public func text(width: Int = 80, customSections: Bool = false) -> String {
        var tree = SExprTree(root: "module")
        var none: BranchHintCursor? = nil
        PrintModule.fields(&tree, self, hints: &none)
        if customSections {
            for c in customs { PrintModule.custom(&tree, c) }
        }
        return tree.layout(width: width)
    }

    /// The module in the text format with the given custom sections, as the
    /// reference's handlers arrange them (`Print.module_with_custom`): branch hints as
    /// annotations before their instructions, every other section as an `@custom`
    /// annotation at the end (a name section in its binary form). `head` is the
    /// module's opening, e.g. `module $M` or `module definition`. With `asReference`,
    /// lane indices from 128 up are written as the reference garbles them (the text
    /// then does not parse back), so that the whole text is the reference's.
    public func text(
        width: Int = 80, custom formats: [CustomFormat], head: String = "module", asReference: Bool = false
    ) -> String {
        var tree = SExprTree(root: head)
        tree.referenceLanes = asReference
        PrintModule.withCustom(&tree, self, formats)
        return tree.layout(width: width)
    }

    /// As ``text(width:custom:head:asReference:)``, if its functions declare at most
    /// `maxLocals` locals in all (see ``text(width:customSections:maxLocals:)``).
    public func text(
        width: Int = 80, custom formats: [CustomFormat], head: String = "module", asReference: Bool = false,
        maxLocals: UInt64
    ) throws(PrintError) -> String {
        let locals = PrintModule.localCount(self)
        guard locals <= maxLocals else { throw PrintError(locals: locals, limit: maxLocals) }
        return text(width: width, custom: formats, head: head, asReference: asReference)
    }

    /// The module in the text format, as ``text(width:customSections:)`` writes it, if
    /// its functions declare at most `maxLocals` locals in all; otherwise a
    /// ``PrintError``, found before anything is written. The time and memory printing
    /// takes are then linear in the module's size, plus at most the budget's locals.
    ///
    /// - Parameters:
    ///   - width: The line width, as for ``text(width:customSections:)``.
    ///   - customSections: Whether to append custom sections, as there.
    ///   - maxLocals: The most locals to spell out, all functions together; usually
    ///     ``maxPrintedLocals``.
    public func text(width: Int = 80, customSections: Bool = false, maxLocals: UInt64) throws(PrintError) -> String {
        let locals = PrintModule.localCount(self)
        guard locals <= maxLocals else { throw PrintError(locals: locals, limit: maxLocals) }
        return text(width: width, customSections: customSections)
    }

    /// The default budget of locals for ``text(width:customSections:maxLocals:)``: 2^24.
    ///
    /// A fixed budget rather than a multiple of the module's size: a run of locals
    /// costs the binary a few bytes whatever its length, so ordinary functions already
    /// print a thousand times larger than their locals' binary (1,000 `i32` locals: 3
    /// bytes, 10 kB of text), and a multiple that lets them through lets a modest
    /// hostile module ask for gigabytes. 2^24 locals are at most about 0.5 GB of text
    /// (a line of some 30 bytes each, for a reference type with a large type index);
    /// as `i32`, 160 MB, printed in about two seconds. Web engines accept at most 50,000
    /// locals per function (JS API, implementation limits), so up to 335 functions at
    /// that limit still print.
    public static let maxPrintedLocals: UInt64 = 1 << 24
}

enum PrintModule {
    static func withCustom(_ tree: inout SExprTree, _ m: Module, _ formats: [CustomFormat]) {
        var hintSections: [BranchHintSection] = []
        for f in formats {
            if case .branchHints(let h) = f { hintSections.append(h) }
        }
        var hints: BranchHintCursor? = hintSections.isEmpty ? nil : BranchHintCursor(hintSections)
        fields(&tree, m, hints: &hints)
        for f in formats {
            switch f {
            case .raw(let c, _): custom(&tree, c)
            case .names(let n): custom(&tree, n.customSection())
            case .branchHints: break
            }
        }
    }

    static func fields(_ tree: inout SExprTree, _ m: Module, hints: inout BranchHintCursor?) {
        types(&tree, m.types)

        var funcs = 0, tables = 0, memories = 0, globals = 0, tags = 0
        for im in m.imports {
            tree.open("import")
            tree.atom(name(im.module))
            tree.atom(name(im.name))
            switch im.type {
            case .func(let u):
                tree.open("func $" + nat(funcs))
                tree.leaf("type " + PrintType.typeUse(u))
                funcs += 1
            case .table(let t):
                tree.open("table $" + nat(tables))
                tableType(&tree, t)
                tables += 1
            case .memory(let t):
                tree.open("memory $" + nat(memories))
                memoryType(&tree, t)
                memories += 1
            case .global(let t):
                tree.open("global $" + nat(globals))
                globalType(&tree, t)
                globals += 1
            case .tag(let t):
                tree.open("tag $" + nat(tags))
                tree.leaf("type " + PrintType.typeUse(t.typeUse))
                tags += 1
            }
            tree.close()
            tree.close()
        }

        for (i, t) in m.tables.enumerated() {
            tree.open("table $" + nat(tables + i))
            tableType(&tree, t.type)
            PrintInstr.sequence(&tree, t.initializer)
            tree.close()
        }
        for (i, t) in m.memories.enumerated() {
            tree.open("memory $" + nat(memories + i))
            memoryType(&tree, t)
            tree.close()
        }
        for (i, t) in m.tags.enumerated() {
            tree.open("tag $" + nat(tags + i))
            tree.leaf("type " + PrintType.typeUse(t.typeUse))
            tree.close()
        }
        for (i, g) in m.globals.enumerated() {
            tree.open("global $" + nat(globals + i))
            globalType(&tree, g.type)
            PrintInstr.sequence(&tree, g.initializer)
            tree.close()
        }
        for e in m.exports {
            tree.open("export")
            tree.atom(name(e.name))
            tree.open(kind(e.kind))
            tree.atom(PrintInstr.idx(e.index))
            tree.close()
            tree.close()
        }
        if let s = m.start {
            tree.leaf("start " + PrintInstr.idx(s))
        }
        for (i, e) in m.elems.enumerated() {
            elem(&tree, i, e)
        }
        for (i, f) in m.funcs.enumerated() {
            tree.open("func $" + nat(funcs + i))
            tree.leaf("type " + PrintInstr.idx(f.type))
            if f.locals.contains(where: { $0.count > 0 }) {
                tree.open("local")
                for run in f.locals { tree.atom(PrintType.val(run.type), count: run.count) }
                tree.close()
            }
            hints?.startFunction(i)
            PrintInstr.sequence(&tree, f.body, hints: &hints)
            tree.close()
        }
        for (i, d) in m.datas.enumerated() {
            tree.open("data $" + nat(i))
            switch d.mode {
            case .passive:
                break
            case .active(let x, let offset):
                if x != 0 {
                    tree.open("memory")
                    tree.atom(PrintInstr.idx(x))
                    tree.close()
                }
                constant(&tree, "offset", offset)
            }
            for s in bytes(d.bytes) { tree.atom(s) }
            tree.close()
        }
    }

    private static func nat(_ n: Int) -> String { PrintNumber.nat(n) }

    /// How many locals the functions of `m` declare in all, saturating (a module cannot
    /// hold the 2^32 functions that could overflow the sum, but no input should trap).
    static func localCount(_ m: Module) -> UInt64 {
        var total: UInt64 = 0
        for f in m.funcs {
            for run in f.locals {
                let (sum, overflow) = total.addingReportingOverflow(UInt64(run.count))
                total = overflow ? .max : sum
            }
        }
        return total
    }

    /// Type definitions, numbered across groups.
    private static func types(_ tree: inout SExprTree, _ groups: [RecType]) {
        var index: UInt32 = 0
        for group in groups {
            let sts = group.subTypes
            if sts.count == 1 && !PrintType.refers(sts[0], to: index) {
                definition(&tree, index, sts[0])
            } else {
                tree.open("rec")
                for (j, st) in sts.enumerated() {
                    definition(&tree, index &+ UInt32(truncatingIfNeeded: j), st)
                }
                tree.close()
            }
            index &+= UInt32(truncatingIfNeeded: sts.count)
        }
    }

    private static func definition(_ tree: inout SExprTree, _ x: UInt32, _ st: SubType) {
        tree.open("type $" + PrintNumber.nat(x))
        PrintType.sub(&tree, st)
        tree.close()
    }

    private static func limits(_ l: Limits) -> String {
        var s = PrintNumber.nat(l.min)
        if let max = l.max { s += " " + PrintNumber.nat(max) }
        return s
    }

    private static func tableType(_ tree: inout SExprTree, _ t: TableType) {
        tree.atom(PrintType.addr(t.addrType) + " " + limits(t.limits))
        tree.atom(PrintType.refAbbreviated(t.elemType))
    }

    private static func memoryType(_ tree: inout SExprTree, _ t: MemoryType) {
        tree.atom(PrintType.addr(t.addrType) + " " + limits(t.limits))
    }

    private static func globalType(_ tree: inout SExprTree, _ t: GlobalType) {
        PrintType.mutability(&tree, t.mutable, PrintType.val(t.valType))
    }

    private static func kind(_ k: ExternKind) -> String {
        switch k {
        case .func: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        }
    }

    /// A constant expression of one instruction as that instruction, else
    /// `(head instr*)`.
    private static func constant(_ tree: inout SExprTree, _ head: String, _ code: Expr) {
        if PrintInstr.topLevelCount(code) == 1 {
            PrintInstr.sequence(&tree, code)
        } else {
            tree.open(head)
            PrintInstr.sequence(&tree, code)
            tree.close()
        }
    }

    private static func elem(_ tree: inout SExprTree, _ i: Int, _ e: ElemSegment) {
        tree.open("elem $" + nat(i))
        switch e.mode {
        case .passive:
            break
        case .active(let x, let offset):
            if x != 0 {
                tree.open("table")
                tree.atom(PrintInstr.idx(x))
                tree.close()
            }
            constant(&tree, "offset", offset)
        case .declarative:
            tree.atom("declare")
        }
        var funcs: [UInt32] = []
        if e.type == RefType(nullable: false, .func) {
            for item in e.inits {
                guard item.count == 1, case .refFunc(let x) = item[0] else { break }
                funcs.append(x)
            }
        }
        if funcs.count == e.inits.count && e.type == RefType(nullable: false, .func) {
            tree.atom("func")
            for x in funcs { tree.atom(PrintInstr.idx(x)) }
        } else {
            tree.atom(PrintType.refAbbreviated(e.type))
            for item in e.inits { constant(&tree, "item", item) }
        }
        tree.close()
    }

    /// `(@custom "name" (after type) "bytes"*)`, as the reference's `custom` handler
    /// writes a custom section.
    static func custom(_ tree: inout SExprTree, _ c: CustomSection) {
        tree.open("@custom " + name(c.name))
        let (word, kind): (String, SectionKind)
        switch c.place {
        case .before(let k): (word, kind) = ("before", k)
        case .after(let k): (word, kind) = ("after", k)
        }
        tree.open(word)
        tree.atom(section(kind))
        tree.close()
        for s in bytes(c.content) { tree.atom(s) }
        tree.close()
    }

    private static func section(_ k: SectionKind) -> String {
        switch k {
        case .type: "type"
        case .import: "import"
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .tag: "tag"
        case .global: "global"
        case .export: "export"
        case .start: "start"
        case .elem: "elem"
        case .dataCount: "datacount"
        case .code: "code"
        case .data: "data"
        }
    }

    // MARK: Strings (§6.3.3)

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Byte strings in pieces of 16 bytes, every byte escaped: `"\00\61"`.
    static func bytes(_ bs: [UInt8]) -> [String] {
        var pieces: [String] = []
        var start = 0
        while start < bs.count {
            let end = min(start + 16, bs.count)
            var out: [UInt8] = [UInt8(ascii: "\"")]
            for b in bs[start..<end] {
                out.append(UInt8(ascii: "\\"))
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 15)])
            }
            out.append(UInt8(ascii: "\""))
            pieces.append(String(decoding: out, as: UTF8.self))
            start = end
        }
        return pieces
    }

    /// A name as a string: printable ASCII as it is (with `\"` and `\\`), tab, line
    /// feed and carriage return as `\t`, `\n`, `\r`, every other character as
    /// `\u{hh}` with at least two lowercase hexadecimal digits.
    static func name(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(u)
            default:
                let h = String(u.value, radix: 16)
                out += "\\u{" + (h.utf8.count < 2 ? "0" : "") + h + "}"
            }
        }
        return out + "\""
    }
}

// Memory, table, reference and aggregate code for the random function bodies of
// DifferentialCode.swift.

import WasmBinary

extension CodeGenerator {
    // MARK: Memory

    /// Which memory an access uses, as text before the memarg, and its address type.
    func memory() -> (name: String, address: GenType) {
        if features.secondMemory && chance(25) { return ("$m1 ", .i32) }
        return (chance(30) ? "$m0 " : "", program.addressType)
    }

    /// An address: mostly in bounds, sometimes at the very end or beyond.
    func address(_ a: GenType) {
        choose([
            (4, { self.emit("\(a.text).const \(self.below(260))") }),
            (2, {
                self.emit("\(a.text).const \(65536 - self.range(1...24))")
            }),
            (1, { self.emit(a == .i32 ? "i32.const -1" : "i64.const \(self.pick(["-1", "0x100000000", "65536", "131072"]))") }),
            (3, {
                self.gen(a)
                self.emit("\(a.text).const 0xff")
                self.emit("\(a.text).and")
            }),
            (1, { self.gen(a) }),
            (1, { self.emit("local.get \(self.local(a))") }),
            (3, {
                // Stays in bounds (the 16 bytes from 0xffe0 still are) when the value
                // is small; the local is often a counter or a stored address.
                self.emit("local.get \(self.local(a))")
                self.emit("\(a.text).const 0xffe0")
                self.emit("\(a.text).and")
            }),
        ])
    }

    func memarg(_ naturalAlignment: UInt32, _ a: GenType) -> String {
        var s = ""
        switch below(10) {
        case 0..<6: break
        case 6..<9: s += " offset=\(below(64))"
        default:
            var offsets: [UInt64] = [65535, 65536, 65528, 0x7FFF_FFFF, 0xFFFF_FFFF]
            if a == .i64 { offsets += [0x1_0000_0000, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFF0] }
            s += " offset=\(pick(offsets))"
        }
        if chance(30) { s += " align=\(1 << below(Int(naturalAlignment) + 1))" }
        return s
    }

    func load(_ t: GenType) {
        let ops = LoadOp.allCases.filter { GenType.from($0.signature.result ?? .i32) == t }
        guard !ops.isEmpty else { return leaf(t) }
        let op = pick(ops)
        let (m, a) = memory()
        address(a)
        emit("\(op.name) \(m)\(memarg(op.info.alignment, a))".trimmingTrailingSpace)
    }

    func laneLoad() {
        let op = pick(LaneMemoryOp.allCases.filter { !$0.isStore })
        let (m, a) = memory()
        address(a)
        gen(.v128)
        emit("\(op.name) \(m)\(memarg(op.info.alignment, a)) \(below(Int(op.info.lanes)))")
    }

    func store() {
        let (m, a) = memory()
        if features.simd && chance(15) {
            let op = pick(LaneMemoryOp.allCases.filter(\.isStore))
            address(a)
            gen(.v128)
            emit("\(op.name) \(m)\(memarg(op.info.alignment, a)) \(below(Int(op.info.lanes)))")
            return
        }
        let ops = StoreOp.allCases.filter { features.simd || $0 != .v128Store }
        let op = pick(ops)
        address(a)
        gen(GenType.from(op.signature.params[0]) ?? .i32)
        emit("\(op.name) \(m)\(memarg(op.info.alignment, a))".trimmingTrailingSpace)
    }

    func memorySizeOrGrow() {
        // Only memory 0 may grow (to its maximum, two pages); memory 1 has one page.
        if features.memory64 {
            if chance(50) {
                emit("memory.size")
            } else {
                gen(.i64)
                emit("i64.const 3")
                emit("i64.and")
                emit("memory.grow")
            }
            emit("i32.wrap_i64")
            return
        }
        if chance(50) {
            emit(features.secondMemory && chance(30) ? "memory.size $m1" : "memory.size")
        } else {
            gen(.i32)
            emit("i32.const 3")
            emit("i32.and")
            emit(features.secondMemory && chance(30) ? "memory.grow $m1" : "memory.grow")
        }
    }

    func bulkMemory() {
        let a = program.addressType
        choose([
            (3, {
                self.address(a)
                self.gen(.i32)
                self.emit("\(a.text).const \(self.below(40))")
                self.emit("memory.fill")
            }),
            (3, {
                self.address(a)
                self.address(a)
                self.emit("\(a.text).const \(self.below(40))")
                self.emit("memory.copy")
            }),
            (self.features.secondMemory ? 2 : 0, {
                // Between memories of different address types, the length is an i32.
                self.address(a)
                self.address(.i32)
                self.emit("i32.const \(self.below(40))")
                self.emit("memory.copy $m0 $m1")
            }),
            (self.program.passiveData.isEmpty ? 0 : 2, {
                let d = self.below(self.program.passiveData.count)
                self.address(a)
                self.emit("i32.const \(self.below(8))")
                self.emit("i32.const \(self.below(20))")
                self.emit("memory.init $d\(d)")
            }),
            (self.program.passiveData.isEmpty ? 0 : 1, {
                self.emit("data.drop $d\(self.below(self.program.passiveData.count))")
            }),
        ])
    }

    // MARK: Tables and references

    /// An index into `$tab` (of its address type), mostly in bounds.
    func tableIndex() {
        let a = program.tableAddressType
        choose([
            (8, { self.emit("\(a.text).const \(self.below(self.program.table.count + 1))") }),
            (2, {
                self.gen(a)
                self.emit("\(a.text).const 7")
                self.emit("\(a.text).and")
            }),
            (1, { self.gen(a) }),
        ])
    }

    /// The imported table `$t1` (10 slots, i32 indices), when there is one.
    func importedTableIndex() {
        if chance(85) { emit("i32.const \(below(11))") } else { gen(.i32) }
    }

    func tableGet() {
        if program.importedTable && chance(30) {
            importedTableIndex()
            emit("table.get $t1")
        } else {
            tableIndex()
            emit("table.get $tab")
        }
    }

    func tableStatement() {
        choose([
            (3, {
                self.tableIndex()
                self.gen(.funcref)
                self.emit("table.set $tab")
            }),
            (1, {
                self.tableIndex()
                self.gen(.funcref)
                self.emit("\(self.program.tableAddressType.text).const \(self.below(4))")
                self.emit("table.fill $tab")
            }),
            (1, {
                self.tableIndex()
                self.tableIndex()
                self.emit("\(self.program.tableAddressType.text).const \(self.below(4))")
                self.emit("table.copy $tab $tab")
            }),
            (1, {
                self.tableIndex()
                self.emit("i32.const \(self.below(self.program.passiveElem.count + 2))")
                self.emit("i32.const \(self.below(3))")
                self.emit("table.init $tab $e0")
            }),
            (1, { self.emit("elem.drop $e0") }),
            (1, {
                self.gen(.funcref)
                self.emit("\(self.program.tableAddressType.text).const \(self.below(3))")
                self.emit("table.grow $tab")
                self.emit("drop")
            }),
            (program.importedTable ? 2 : 0, {
                self.importedTableIndex()
                self.gen(.funcref)
                self.emit("table.set $t1")
            }),
            (program.importedTable && !program.features.table64 ? 1 : 0, {
                // Between the two tables, both ways.
                let (d, s) = self.chance(50) ? ("$t1", "$tab") : ("$tab", "$t1")
                self.importedTableIndex()
                self.importedTableIndex()
                self.emit("i32.const \(self.below(4))")
                self.emit("table.copy \(d) \(s)")
            }),
            (program.importedTable ? 1 : 0, {
                self.gen(.funcref)
                self.emit("i32.const \(self.below(4))")
                self.emit("table.grow $t1")
                self.emit("drop")
            }),
        ])
    }

    /// An i32 from a reference: null test, equality, type test, table size.
    func referenceTest() {
        var refTypes: [GenType] = [.funcref, .externref]
        if features.exceptions { refTypes.append(.exnref) }
        if features.gc { refTypes += [.anyref, .eqref, .i31ref] }
        choose([
            (3, {
                self.gen(self.pick(refTypes))
                self.emit("ref.is_null")
            }),
            (1, {
                self.emit("table.size $tab")
                if self.features.table64 { self.emit("i32.wrap_i64") }
            }),
            (features.gc ? 2 : 0, {
                self.gen(.eqref)
                self.gen(.eqref)
                self.emit("ref.eq")
            }),
            (features.gc ? 2 : 0, {
                self.gen(.anyref)
                self.emit("ref.test \(self.castTarget(nullable: self.chance(40)))")
            }),
            (features.gc ? 2 : 0, {
                self.gen(.i31ref)
                self.emit(self.chance(50) ? "i31.get_s" : "i31.get_u")
            }),
            (features.gc ? 2 : 0, {
                let a = self.below(self.program.arrayTypes.count)
                self.gen(.arrayRef(a))
                self.emit("array.len")
            }),
        ])
    }

    /// A heap type to test or cast an anyref against, as a reference type.
    func castTarget(nullable: Bool) -> String {
        var heaps = ["any", "eq", "i31", "struct", "array", "none"]
        heaps += program.structTypes.indices.map { "$s\($0)" }
        heaps += program.arrayTypes.indices.map { "$a\($0)" }
        return "(ref \(nullable ? "null " : "")\(pick(heaps)))"
    }

    /// A cast from anyref to `t` (traps when it fails).
    func cast(to t: GenType) {
        gen(.anyref)
        switch t {
        case .structRef(let s): emit("ref.cast (ref\(chance(50) ? " null" : "") $s\(s))")
        case .arrayRef(let a): emit("ref.cast (ref\(chance(50) ? " null" : "") $a\(a))")
        case .i31ref: emit("ref.cast i31ref")
        case .eqref: emit("ref.cast eqref")
        default: emit("ref.cast anyref")
        }
    }

    /// `br_on_cast` / `br_on_cast_fail` producing a struct reference.
    func branchOnCast(to t: GenType) {
        guard case .structRef(let s) = t else { return constant(t) }
        let target = "(ref null $s\(s))"
        open("block (result \(target))", GenLabel(types: [t], isLoop: false))
        gen(.anyref)
        if chance(50) {
            emit("br_on_cast 0 anyref \(target)")
            emit("drop")
            gen(t)
        } else {
            // Fails to cast: the anyref goes on; a successful cast falls through.
            open("block (param anyref) (result anyref)", GenLabel(types: [.anyref], isLoop: false))
            emit("br_on_cast_fail 0 anyref \(target)")
            emit("br 1")
            close()
            emit("drop")
            gen(t)
        }
        close()
    }

    /// A scalar read from a struct or an array (traps on null or out of bounds).
    func aggregateRead(_ t: GenType) {
        let structFields = program.structTypes.indices.flatMap { s in
            program.structTypes[s].fields.indices.compactMap { f in program.structTypes[s].fields[f].type == t ? (s, f) : nil }
        }
        let arrays = program.arrayTypes.indices.filter { program.arrayTypes[$0].type == t }
        choose([
            (structFields.isEmpty ? 0 : 2, {
                let (s, f) = self.pick(structFields)
                self.gen(.structRef(s))
                let packed = self.program.structTypes[s].fields[f].storage.hasPrefix("i8") || self.program.structTypes[s].fields[f].storage.hasPrefix("i16")
                self.emit("struct.get\(packed ? self.pick(["_s", "_u"]) : "") $s\(s) \(f)")
            }),
            (arrays.isEmpty ? 0 : 2, {
                let a = self.pick(arrays)
                self.gen(.arrayRef(a))
                self.arrayIndex()
                let packed = self.program.arrayTypes[a].storage != t.text
                self.emit("array.get\(packed ? self.pick(["_s", "_u"]) : "") $a\(a)")
            }),
            (1, { self.numeric(t) }),
        ])
    }

    /// Whether array type `a` has numeric or vector elements (and so can be filled from a
    /// data segment).
    func dataArray(_ a: Int) -> Bool {
        let t = program.arrayTypes[a].type
        return t.isNumeric || t == .v128
    }

    func arrayIndex() {
        if chance(80) { emit("i32.const \(below(6))") } else { gen(.i32) }
    }

    func arrayLength() {
        if chance(85) {
            emit("i32.const \(below(6))")
        } else {
            gen(.i32)
            emit("i32.const 7")
            emit("i32.and")
        }
    }

    func aggregateWrite() {
        let mutableFields = program.structTypes.indices.flatMap { s in
            program.structTypes[s].fields.indices.compactMap { f in program.structTypes[s].fields[f].mutable ? (s, f) : nil }
        }
        let arrays = program.arrayTypes.indices.filter { program.arrayTypes[$0].mutable }
        choose([
            (mutableFields.isEmpty ? 0 : 3, {
                let (s, f) = self.pick(mutableFields)
                self.gen(.structRef(s))
                self.gen(self.program.structTypes[s].fields[f].type)
                self.emit("struct.set $s\(s) \(f)")
            }),
            (arrays.isEmpty ? 0 : 3, {
                let a = self.pick(arrays)
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.gen(self.program.arrayTypes[a].type)
                self.emit("array.set $a\(a)")
            }),
            (arrays.isEmpty ? 0 : 1, {
                let a = self.pick(arrays)
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.gen(self.program.arrayTypes[a].type)
                self.arrayIndex()
                self.emit("array.fill $a\(a)")
            }),
            (arrays.isEmpty ? 0 : 1, {
                let a = self.pick(arrays)
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.arrayIndex()
                self.emit("array.copy $a\(a) $a\(a)")
            }),
            (arrays.contains(where: self.dataArray) && !self.program.passiveData.isEmpty ? 1 : 0, {
                let a = self.pick(arrays.filter(self.dataArray))
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.emit("i32.const \(self.below(12))")
                self.arrayIndex()
                self.emit("array.init_data $a\(a) $d\(self.below(self.program.passiveData.count))")
            }),
            (arrays.contains { self.program.arrayTypes[$0].type == .funcref } ? 1 : 0, {
                let a = self.pick(arrays.filter { self.program.arrayTypes[$0].type == .funcref })
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.emit("i32.const \(self.below(self.program.passiveElem.count + 1))")
                self.arrayIndex()
                self.emit("array.init_elem $a\(a) $e0")
            }),
            (1, { self.emit("nop") }),
        ])
    }
}

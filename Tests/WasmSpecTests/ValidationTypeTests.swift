import Testing

@testable import WasmSpec

/// Recursive types, sub types, closing and subtyping (§3.1.3, §3.2.9, §3.3).
@Suite struct ValidationTypeTests {
    static func sub(_ ct: CompType, final: Bool = false, _ supers: [UInt32] = []) -> SubType {
        SubType(isFinal: final, supertypes: supers.map { .index($0) }, ct)
    }

    static func structRef(_ x: UInt32, _ null: Bool) -> FieldType {
        FieldType(mutable: false, .val(ref(.index(x), null: null)))
    }

    @Test func subTypes() {
        expectInvalid(
            Module(types: [RecType([Self.sub(.func(FuncType()), final: true)]), RecType([Self.sub(.func(FuncType()), [0])])]),
            "sub type 1 has final super type 0")
        expectInvalid(
            Module(types: [RecType([Self.sub(.func(FuncType()))]), RecType([Self.sub(.func(FuncType([.i32], [])), [0])])]),
            "sub type 1 does not match super type 0")
        expectInvalid(
            Module(types: [RecType([Self.sub(.func(FuncType()), [1])]), RecType([Self.sub(.func(FuncType()))])]),
            "unknown type 1")
        expectInvalid(
            Module(types: [RecType([Self.sub(.struct([])), Self.sub(.struct([FieldType(mutable: false, .val(.i32))]), [0]), Self.sub(.struct([]), [2])])]),
            "forward use of type 2 in sub type definition")
        expectInvalid(
            Module(types: [RecType([Self.sub(.struct([FieldType(mutable: true, .val(.i32))]))]), RecType([Self.sub(.struct([FieldType(mutable: false, .val(.i32))]), [0])])]),
            "sub type 1 does not match super type 0")
        expectValid(
            Module(types: [
                RecType([Self.sub(.struct([FieldType(mutable: false, .val(.ref(.anyref)))]))]),
                RecType([Self.sub(.struct([FieldType(mutable: false, .val(ref(.i31))), FieldType(mutable: false, .val(.i64))]), [0])]),
            ]))
        expectInvalid(
            Module(types: [
                RecType([Self.sub(.array(FieldType(mutable: true, .val(.ref(.anyref)))))]),
                RecType([Self.sub(.array(FieldType(mutable: true, .val(.ref(.eqref)))), [0])]),
            ]), "sub type 1 does not match super type 0")
        expectValid(
            Module(types: [
                RecType([Self.sub(.func(FuncType([.ref(.eqref)], [.ref(.anyref)])))]),
                RecType([Self.sub(.func(FuncType([.ref(.anyref)], [.ref(.eqref)])), [0])]),
            ]))
        expectInvalid(
            Module(types: [RecType([Self.sub(.func(FuncType()))]), RecType([Self.sub(.struct([]), [0])])]),
            "sub type 1 does not match super type 0")
        // A subtype within its own group, referring to itself.
        expectValid(
            Module(types: [RecType([
                Self.sub(.struct([Self.structRef(1, true)])),
                Self.sub(.struct([Self.structRef(1, true)]), [0]),
            ])]))
        // The reference accepts several supertypes.
        expectValid(
            Module(types: [
                RecType([Self.sub(.struct([]))]), RecType([Self.sub(.struct([]))]),
                RecType([Self.sub(.struct([]), [0, 1])]),
            ]))
        expectInvalid(
            Module(types: [RecType([Self.sub(.func(FuncType([ref(.index(3))], [ref(.index(4))])))])]), "unknown type 4")
        expectInvalid(Module(types: [typeDef(.struct([Self.structRef(1, false)])), typeDef(.struct([]))]), "unknown type 1")
    }

    @Test func isoRecursiveEquivalence() throws {
        // Two identical groups define the same types: a function of one type may be
        // called through the other.
        let group = RecType([
            Self.sub(.struct([Self.structRef(1, true)])),
            Self.sub(.func(FuncType([ref(.index(0), null: true)], []))),
        ])
        let group2 = RecType([
            Self.sub(.struct([Self.structRef(3, true)])),
            Self.sub(.func(FuncType([ref(.index(2), null: true)], []))),
        ])
        let m = Module(
            types: [group, group2, typeDef(.func(FuncType([ref(.index(1))], [])))],
            funcs: [Func(type: 4, body: [.refNull(.index(2)), .localGet(0), .callRef(3)])])
        let v = try m.validate()
        #expect(v.types[0] === v.types[2] && v.types[1] === v.types[3])
        #expect(v.types[0] == DefType(group.rolled(at: 0), 0))
        // A different order is a different group.
        let swapped = RecType([
            Self.sub(.func(FuncType([ref(.index(3), null: true)], []))),
            Self.sub(.struct([Self.structRef(2, true)])),
        ])
        let bad = Module(
            types: [group, swapped, typeDef(.func(FuncType([ref(.index(1))], [])))],
            funcs: [Func(type: 4, body: [.refNull(.index(3)), .localGet(0), .callRef(2)])])
        #expect(invalid(bad)?.message.hasPrefix("type mismatch: instruction requires [(ref null (") == true)
    }

    @Test func rollingAndUnrolling() {
        let rt = RecType([
            Self.sub(.struct([Self.structRef(6, true), Self.structRef(2, false)])),
            Self.sub(.array(FieldType(mutable: true, .val(ref(.index(5))))), [5]),
        ])
        let rolled = rt.rolled(at: 5)
        #expect(rolled.subTypes[0].compType == .struct([
            FieldType(mutable: false, .val(ref(.rec(1), null: true))), FieldType(mutable: false, .val(ref(.index(2)))),
        ]))
        #expect(rolled.subTypes[1].supertypes == [.rec(0)])
        let members = DefType.group(rolled)
        #expect(members.count == 2)
        #expect(members[1] == DefType(rolled, 1) && members[1].hashValue == DefType(rolled, 1).hashValue)
        let unrolled = members[1].unrolled
        #expect(unrolled.supertypes == [.def(DefType(rolled, 0))])
        #expect(members[1].expanded == .array(FieldType(mutable: true, .val(.ref(RefType(nullable: false, .def(members[0])))))))
        let earlier = DefType(RecType([Self.sub(.struct([]))]), 0)
        let s = TypeSubstitution(types: [earlier, earlier, earlier])
        #expect(s.close(ref(.index(2))) == .ref(RefType(nullable: false, .def(earlier))))
        #expect(s.close(ref(.index(3))) == ref(.index(3)))
        #expect(s.close(ExternType.func(.index(0))) == .func(.def(earlier)))
    }

    @Test func abstractSubtyping() {
        let s = Subtyping()
        let any: [HeapType] = [.any, .eq, .i31, .struct, .array, .none]
        for a in any {
            #expect(s.isSubtype(a, .any))
            #expect(s.isSubtype(.none, a))
            #expect(!s.isSubtype(a, .func) && !s.isSubtype(a, .extern) && !s.isSubtype(a, .exn))
            #expect(s.isSubtype(.bot, a))
            #expect(s.top(of: a) == .any && s.bottom(of: a) == .none)
        }
        #expect(s.isSubtype(.i31, .eq) && !s.isSubtype(.eq, .i31) && !s.isSubtype(.struct, .array))
        #expect(s.isSubtype(.nofunc, .func) && s.isSubtype(.noextern, .extern) && s.isSubtype(.noexn, .exn))
        #expect(!s.isSubtype(.none, .func) && !s.isSubtype(.nofunc, .any))
        #expect(!s.isSubtype(.none, .bot))
        #expect(s.isSubtype(RefType(nullable: false, .i31), .anyref))
        #expect(!s.isSubtype(RefType.i31ref, RefType(nullable: false, .any)))
        #expect(s.isSubtype(ValType.bot, .i32) && !s.isSubtype(ValType.i32, .i64) && !s.isSubtype(ValType.i32, .bot))
        #expect(s.isSubtype([ValType.i32, .bot], [.i32, .f64]) && !s.isSubtype([ValType.i32], [.i32, .i32]))
    }

    @Test func definedSubtyping() throws {
        let m = Module(types: [
            RecType([Self.sub(.struct([]))]),  // 0
            RecType([Self.sub(.struct([FieldType(mutable: false, .val(.i32))]), [0])]),  // 1
            RecType([Self.sub(.struct([FieldType(mutable: false, .val(.i32)), FieldType(mutable: false, .val(.i64))]), [1])]),  // 2
            RecType([Self.sub(.func(FuncType()))]),  // 3
            RecType([Self.sub(.array(FieldType(mutable: false, .val(.i32))))]),  // 4
        ])
        let v = try m.validate()
        let s = v.subtyping
        let t = v.types
        #expect(s.isSubtype(t[2], t[0]) && s.isSubtype(t[2], t[1]) && !s.isSubtype(t[0], t[2]))
        #expect(s.isSubtype(HeapType.def(t[2]), .struct) && s.isSubtype(HeapType.def(t[2]), .eq))
        #expect(s.isSubtype(HeapType.def(t[4]), .array) && !s.isSubtype(HeapType.def(t[4]), .struct))
        #expect(s.isSubtype(HeapType.def(t[3]), .func) && !s.isSubtype(HeapType.def(t[3]), .any))
        #expect(s.isSubtype(HeapType.none, .def(t[2])) && s.isSubtype(HeapType.nofunc, .def(t[3])))
        #expect(!s.isSubtype(HeapType.nofunc, .def(t[2])))
        #expect(s.isSubtype(HeapType.index(2), .index(0)) && !s.isSubtype(HeapType.index(0), .index(2)))
        #expect(s.top(of: .index(3)) == .func && s.bottom(of: .def(t[2])) == .none)
        // Structurally equal types from another module match.
        let other = try Module(types: m.types).validate()
        #expect(other.types[2] !== t[2])
        #expect(Subtyping.isEquivalent(other.types[2], t[2]))
        #expect(Subtyping().isSubtype(other.types[2], t[0]))
        #expect(!Subtyping.isEquivalent(other.types[1], t[2]))
    }

    @Test func externMatching() {
        let s = Subtyping()
        let f = DefType(RecType([SubType(.func(FuncType([.i32], [])))]), 0)
        let g = DefType(RecType([SubType(.func(FuncType([.i64], [])))]), 0)
        #expect(s.matches(.func(.def(f)), .func(.def(DefType(RecType([SubType(.func(FuncType([.i32], [])))]), 0)))))
        #expect(!s.matches(.func(.def(f)), .func(.def(g))))
        #expect(s.matches(.memory(MemoryType(.i32, Limits(min: 2, max: 3))), .memory(MemoryType(.i32, Limits(min: 1, max: 4)))))
        #expect(!s.matches(.memory(MemoryType(.i32, Limits(min: 2))), .memory(MemoryType(.i32, Limits(min: 1, max: 4)))))
        #expect(!s.matches(.memory(MemoryType(.i64, Limits(min: 2))), .memory(MemoryType(.i32, Limits(min: 1)))))
        #expect(s.matches(.table(TableType(.i32, Limits(min: 2), .funcref)), .table(TableType(.i32, Limits(min: 1), .funcref))))
        #expect(!s.matches(.table(TableType(.i32, Limits(min: 2), RefType(nullable: false, .func))), .table(TableType(.i32, Limits(min: 1), .funcref))))
        #expect(s.matches(.global(GlobalType(mutable: false, .ref(RefType(nullable: false, .func)))), .global(GlobalType(mutable: false, .funcref))))
        #expect(!s.matches(.global(GlobalType(mutable: true, .ref(RefType(nullable: false, .func)))), .global(GlobalType(mutable: true, .funcref))))
        #expect(!s.matches(.global(GlobalType(mutable: true, .i32)), .global(GlobalType(mutable: false, .i32))))
        #expect(s.matches(.tag(TagType(.def(f))), .tag(TagType(.def(f)))))
        #expect(!s.matches(.tag(TagType(.def(f))), .func(.def(f))))
    }

    @Test func longTypeChains() throws {
        // A chain of 50,000 types, each a subtype of and referring to the previous one.
        var types = [RecType([Self.sub(.struct([]))])]
        for i in 1 ..< 50_000 {
            types.append(RecType([Self.sub(.struct([Self.structRef(UInt32(i - 1), true)]), [UInt32(i - 1)])]))
        }
        let v = try Module(types: types).validate()
        #expect(v.subtyping.isSubtype(v.types[49_999], v.types[0]))
        let other = try Module(types: types).validate()
        #expect(Subtyping.isEquivalent(v.types[49_999], other.types[49_999]))
        // `==` compares without recursion too, and finds a difference at the far end.
        #expect(v.types[49_999] == other.types[49_999])
        var changed = types
        changed[0] = RecType([Self.sub(.struct([FieldType(mutable: false, .val(.ref(.anyref)))]))])
        let third = try Module(types: changed).validate()
        #expect(third.types[49_999] != v.types[49_999])
        #expect(Set(v.types[49_990...] + other.types[49_990...]).count == 10)
        #expect(Subtyping().isSubtype(other.types[49_999], v.types[1]))
    }
}

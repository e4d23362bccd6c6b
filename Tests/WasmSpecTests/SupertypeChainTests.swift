import Testing

@testable import WasmSpec
@testable import WasmGenerator

/// Subtyping between defined types decided by supertype chains (`DefType.chainMatch`)
/// agrees with the definition (§3.3.10): `a` matches `b` when `b` equals `a` or, through
/// its declared supertypes, one of `a`'s ancestors.
@Suite struct SupertypeChainTests {
    /// A random hierarchy of `count` struct types in groups of one to three: roots, single
    /// supertypes (often the type just before, for long chains, sometimes in the same
    /// group) and a few pairs of supertypes. Fields are immutable `i32`s, one more than
    /// the longest supertype's at most, so many types are equal to others.
    static func hierarchy(seed: UInt64, count: Int) -> (Module, supers: [[Int]]) {
        var rng = SplitMix(seed: seed)
        var types: [RecType] = []
        var supers: [[Int]] = []
        var fields: [Int] = []
        while supers.count < count {
            var group: [SubType] = []
            for _ in 0 ..< rng.range(1 ... 3) {
                let x = supers.count
                var s: [Int] = []
                let kind = rng.below(10)
                if x == 0 || kind == 0 {
                    s = []
                } else if kind == 1 {
                    s = [rng.below(x), rng.below(x)]
                } else if kind <= 4 {
                    s = [x - 1]
                } else {
                    s = [rng.below(x)]
                }
                let n = (s.map { fields[$0] }.max() ?? 0) + rng.below(2)
                let ft = FieldType(mutable: false, .val(.i32))
                group.append(SubType(isFinal: false, supertypes: s.map { .index(UInt32($0)) }, .struct(Array(repeating: ft, count: n))))
                supers.append(s)
                fields.append(n)
            }
            types.append(RecType(group))
        }
        return (Module(types: types), supers)
    }

    /// Each type index's ancestors by declared supertypes, itself included.
    static func ancestors(_ supers: [[Int]]) -> [Set<Int>] {
        var result: [Set<Int>] = []
        for (x, s) in supers.enumerated() {
            var a: Set<Int> = [x]
            for y in s { a.formUnion(result[y]) }
            result.append(a)
        }
        return result
    }

    @Test func chainsAgreeWithTheDefinition() throws {
        for seed: UInt64 in [1, 2, 3] {
            let (m, supers) = Self.hierarchy(seed: seed, count: 160)
            let v = try m.validate()
            let other = try m.validate()
            let t = v.types
            let ancestors = Self.ancestors(supers)
            for i in t.indices {
                for j in t.indices {
                    let expected = ancestors[i].contains { t[$0] == t[j] }
                    #expect(v.subtyping.isSubtype(t[i], t[j]) == expected, "seed \(seed): \(i) <: \(j)")
                    // Equal types of another module are distinct instances.
                    #expect(Subtyping().isSubtype(other.types[i], t[j]) == expected, "seed \(seed): other \(i) <: \(j)")
                }
            }
        }
    }

    @Test func depthsFollowSingleSupertypes() throws {
        let (m, supers) = Self.hierarchy(seed: 4, count: 200)
        let v = try m.validate()
        var depths: [Int?] = []
        for s in supers {
            switch s.count {
            case 0: depths.append(0)
            case 1: depths.append(depths[s[0]].map { $0 + 1 })
            default: depths.append(nil)
            }
        }
        #expect(v.types.map(\.supertypeDepth) == depths)
        #expect(depths.contains(nil) && depths.contains { ($0 ?? 0) >= 5 })
    }

    @Test func chainsAcrossAndWithinGroups() throws {
        // A chain of 3,000 types: groups of three, each member a subtype of the one
        // before, so that parents are found both in the same group and in the one before.
        var types: [RecType] = []
        for g in 0 ..< 1_000 {
            types.append(RecType((0 ..< 3).map { k in
                let x = g * 3 + k
                return SubType(
                    isFinal: false, supertypes: x == 0 ? [] : [.index(UInt32(x - 1))],
                    .struct(Array(repeating: FieldType(mutable: true, .val(.i64)), count: min(x, 4))))
            }))
        }
        let v = try Module(types: types).validate()
        let other = try Module(types: types).validate()
        let t = v.types
        #expect(t[2_999].supertypeDepth == 2_999)
        for (i, j) in [(2_999, 0), (2_999, 1_500), (2_999, 2_998), (1_000, 999), (1_001, 1_000), (3, 1)] {
            #expect(v.subtyping.isSubtype(t[i], t[j]))
            #expect(!v.subtyping.isSubtype(t[j], t[i]))
            #expect(Subtyping().isSubtype(other.types[i], t[j]))
            #expect(!Subtyping().isSubtype(other.types[j], t[i]))
        }
    }

    @Test func unvalidatedSupertypesAreSearchedSafely() {
        // Cyclic and forward supertypes never pass validation, but defined types can be
        // made of them directly: they are on no chain and the search still ends.
        let cyclic = RecType([
            SubType(isFinal: false, supertypes: [.rec(1)], .struct([])),
            SubType(isFinal: false, supertypes: [.rec(0)], .struct([FieldType(mutable: false, .val(.i32))])),
        ])
        let members = DefType.group(cyclic)
        let unrelated = DefType(RecType([SubType(.array(FieldType(mutable: false, .val(.i32))))]), 0)
        #expect(members.map(\.supertypeDepth) == [nil, nil])
        #expect(Subtyping().isSubtype(members[0], members[1]) && Subtyping().isSubtype(members[1], members[0]))
        #expect(!Subtyping().isSubtype(members[0], unrelated))
        #expect(!Subtyping().isSubtype(unrelated, members[0]))
        // A member index past the group.
        let outside = DefType(cyclic, 7)
        #expect(outside.supertypeDepth == nil && !Subtyping().isSubtype(members[0], outside))
        // Members made from a type share its group and equal the ones made afresh.
        #expect(members[0].member(1) == members[1] && members[0].member(1).hashValue == members[1].hashValue)
        #expect(members[0].member(0) === members[0])
    }
}

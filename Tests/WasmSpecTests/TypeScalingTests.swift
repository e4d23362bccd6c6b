import Testing
import WasmSpec

/// Hostile type sections and type hierarchies cost time linear in their size: defining
/// n types (repeated, as identical recursion groups, or in one large group) and testing
/// casts against deep subtype chains.
///
/// Each test times an input and one four times its size, the best of a few interleaved
/// runs each. Linear work grows 4-fold and quadratic work up to 16-fold; a bound of 7 (a
/// factor of at most about 2.6 per doubling) tells them apart with room for noise, in
/// debug builds and on a busy machine. A measurement over the bound is taken again, up
/// to three times, so that a burst of load on the machine does not fail a test.
@Suite struct TypeScalingTests {
    /// The ratio of the time `work` takes at size `4n` to the time it takes at `n`, the
    /// best of `runs` interleaved runs each, after one warm-up run.
    static func growth(_ n: Int, runs: Int = 5, _ work: (Int) throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        try work(n)
        var best: [Duration] = [.seconds(1_000), .seconds(1_000)]
        for _ in 0 ..< runs {
            for (k, size) in [n, 4 * n].enumerated() {
                let t = try clock.measure { try work(size) }
                best[k] = min(best[k], t)
            }
        }
        return best[1] / best[0]
    }

    /// Expects `growth(n, work)` below `bound` in one of three measurements.
    static func expectGrowth(
        _ n: Int, below bound: Double, _ what: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation, _ work: (Int) throws -> Void
    ) rethrows {
        try ScalingTests.expectRatio(below: bound, "\(what), \(n) and \(4 * n)", sourceLocation: sourceLocation) {
            try growth(n, work)
        }
    }

    // MARK: Defining types

    static let emptyFunc = RecType([SubType(.func(FuncType()))])

    /// A struct type with one field, a nullable reference to type `x`.
    static func structOfRef(_ x: Int, supertypes: [TypeUse] = []) -> SubType {
        let field = FieldType(mutable: false, .val(.ref(RefType(nullable: true, .index(UInt32(x))))))
        return SubType(isFinal: false, supertypes: supertypes, .struct([field]))
    }

    /// A module of `n` identical recursion groups of `size` struct types, each member
    /// referring to the next one of its own group, in the binary format.
    static func identicalGroups(_ n: Int, size: Int) -> [UInt8] {
        let types = (0 ..< n).map { g in
            RecType((0 ..< size).map { i in structOfRef(g * size + (i + 1) % size) })
        }
        return Module(types: types).encode()
    }

    /// A module of one recursion group of `n` struct types, each a subtype of the one
    /// before and referring to the next one (the last to itself), in the binary format.
    static func oneGroup(_ n: Int) -> [UInt8] {
        let group = RecType((0 ..< n).map { i in
            structOfRef(min(i + 1, n - 1), supertypes: i == 0 ? [] : [.index(UInt32(i - 1))])
        })
        return Module(types: [group]).encode()
    }

    @Test func repeatedTypesInBinaryScaleLinearly() throws {
        let n = 1_500
        let modules = [n: Module(types: Array(repeating: Self.emptyFunc, count: n)).encode(),
                       4 * n: Module(types: Array(repeating: Self.emptyFunc, count: 4 * n)).encode()]
        try Self.expectGrowth(n, below: 7, "repeated types (binary)") { size in
            _ = try instantiate(modules[size] ?? [])
        }
    }

    @Test func repeatedTypesInTextScaleLinearly() throws {
        let n = 1_000
        func text(_ n: Int) -> String {
            "(module " + String(repeating: "(type (func)) ", count: n) + ")"
        }
        let modules = [n: text(n), 4 * n: text(4 * n)]
        try Self.expectGrowth(n, below: 7, "repeated types (text)") { size in
            _ = try instantiate(text: modules[size] ?? "")
        }
    }

    @Test func identicalRecursionGroupsScaleLinearly() throws {
        // Small groups, so that the number of groups, where the work was quadratic, grows.
        let n = 300
        let modules = [n: Self.identicalGroups(n, size: 5), 4 * n: Self.identicalGroups(4 * n, size: 5)]
        try Self.expectGrowth(n, below: 7, "identical groups of 5") { size in
            _ = try instantiate(modules[size] ?? [])
        }
    }

    @Test func largeRecursionGroupsScaleLinearly() throws {
        let n = 2_000
        let modules = [n: Self.oneGroup(n), 4 * n: Self.oneGroup(4 * n)]
        try Self.expectGrowth(n, below: 7, "one group") { size in
            _ = try instantiate(modules[size] ?? [])
        }
    }

    // MARK: Casts against deep subtype chains

    /// A module with a chain of `depth + 1` struct types, `$t0` at the top, an unrelated
    /// type `$other`, and `run(n)`, which tests an object of the deepest type `n` times
    /// against the top type and the unrelated one (`ref.test`) and against the middle
    /// one (`ref.cast`, and `br_on_cast` followed by `ref.test` against `$t1`); it
    /// returns the number of successful tests, `2n`.
    static func chainModule(depth: Int) -> String {
        var text = "(module (type $t0 (sub (struct)))\n"
        for i in 1 ... depth {
            text += "(type $t\(i) (sub $t\(i - 1) (struct (field i32))))\n"
        }
        let middle = depth / 2
        text += """
            (type $other (sub (struct (field f64))))
            (func (export "run") (param $n i32) (result i32)
              (local $o (ref null struct)) (local $acc i32)
              (local.set $o (struct.new $t\(depth) (i32.const 1)))
              (loop $l
                (local.set $acc (i32.add (local.get $acc) (ref.test (ref $t0) (local.get $o))))
                (local.set $acc (i32.add (local.get $acc) (ref.test (ref $other) (local.get $o))))
                (drop (ref.cast (ref $t\(middle)) (local.get $o)))
                (local.set $acc (i32.add (local.get $acc)
                  (block $yes (result (ref $t\(middle)))
                    (br_on_cast $yes (ref null struct) (ref $t\(middle)) (local.get $o))
                    (return (i32.const -1)))
                  (ref.test (ref $t1))))
                (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
              (local.get $acc)))
            """
        return text
    }

    @Test func castsAgainstDeepChainsTakeLogarithmicTime() throws {
        // Each cast walks O(log depth) steps up the chain: quadrupling the depth must
        // leave the time well under double (a walk linear in the depth quadruples it).
        let depth = 150
        let calls: UInt32 = 3_000
        let instances = [
            depth: try instantiate(text: Self.chainModule(depth: depth)),
            4 * depth: try instantiate(text: Self.chainModule(depth: 4 * depth)),
        ]
        for instance in instances.values {
            #expect(try interpret(instance, "run", [.i32(calls)]) == [.i32(2 * calls)])
        }
        try Self.expectGrowth(depth, below: 2, "casts at depths") { d in
            guard let instance = instances[d] else { return }
            _ = try interpret(instance, "run", [.i32(calls)])
        }
    }
}

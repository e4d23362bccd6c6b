import Testing
import WasmSpec

/// The benchmark kernels (C compiled by clang, Benchmarks/kernels) computed by WasmSpec
/// and by the same algorithm written in Swift: real compiler output exercises the
/// evaluator in ways the spec suite's small modules do not.
@Suite struct KernelTests {
    static func run(_ kernel: String, _ argument: UInt32) throws -> [Value] {
        let path = SpecSuiteTests.packageRoot + "/Benchmarks/kernels/\(kernel).wasm"
        let bytes = try #require(FileSystem.read(path), "missing \(path)")
        return try interpret(try instantiate(bytes), kernel, [.i32(argument)])
    }

    @Test func fib() throws {
        func fib(_ n: Int32) -> Int32 { n < 2 ? n : fib(n - 1) &+ fib(n - 2) }
        for n: Int32 in [0, 1, 2, 10, 20] {
            #expect(try Self.run("fib", UInt32(n)) == [.i32(UInt32(bitPattern: fib(n)))])
        }
    }

    @Test func loop() throws {
        func loop(_ n: Int32) -> Int64 {
            var s: Int64 = 0
            var i: Int32 = 0
            while i < n {
                s = s &* 6_364_136_223_846_793_005 &+ Int64(i)
                s ^= s >> 29
                i += 1
            }
            return s
        }
        for n: Int32 in [0, 1, 1000, 100_000] {
            #expect(try Self.run("loop", UInt32(n)) == [.i64(UInt64(bitPattern: loop(n)))])
        }
    }

    @Test func sieve() throws {
        #expect(try Self.run("sieve", 1) == [.i32(78_498)])
    }

    @Test func matmul() throws {
        func matmul(_ n0: Int) -> Double {
            let n = min(n0, 256)
            var a = [Double](repeating: 0, count: n * n)
            var b = a
            var c = a
            for i in 0..<(n * n) {
                a[i] = Double(i % 7) * 0.5 + 1.0
                b[i] = Double(i % 5) * 0.25 - 0.5
            }
            for i in 0..<n {
                for j in 0..<n {
                    var sum = 0.0
                    for k in 0..<n { sum += a[i * n + k] * b[k * n + j] }
                    c[i * n + j] = sum
                }
            }
            var checksum = 0.0
            for i in 0..<(n * n) { checksum += c[i] * Double(i % 3 + 1) }
            return checksum
        }
        for n in [1, 3, 17, 64] {
            #expect(try Self.run("matmul", UInt32(n)) == [.f64(matmul(n).bitPattern)])
        }
    }

    @Test func sort() throws {
        func sort(_ rounds: Int) -> Int32 {
            var check: Int32 = 0
            for r in 0..<rounds {
                var s = UInt32(12345) &+ UInt32(r)
                var data = [Int32](repeating: 0, count: 100_000)
                for i in 0..<data.count {
                    s = s &* 1_103_515_245 &+ 12345
                    data[i] = Int32(bitPattern: s >> 1)
                }
                data.sort()
                check &+= data[data.count / 2] & 0xffff
            }
            return check
        }
        #expect(try Self.run("sort", 1) == [.i32(UInt32(bitPattern: sort(1)))])
    }
}

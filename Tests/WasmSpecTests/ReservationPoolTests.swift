// Freed memories give their reservations back to a process-wide pool
// (Runtime/ReservationPool.swift), and new memories take them: a reused reservation
// must look exactly like a fresh one, all zeros and of the new memory's size, however
// the old memory was left.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import WasmSpec

@Suite struct ReservationPoolTests {
    /// A memory with a function that fills every byte it has with 0xAB, after growing
    /// it by a page when asked.
    static func module(_ addrType: String, min: Int, max: Int) -> String {
        """
        (module
          (memory (export "mem") \(addrType) \(min) \(max))
          (func (export "dirty") (param $grow i32)
            (if (local.get $grow) (then (drop (memory.grow (\(addrType).const 1)))))
            (memory.fill (\(addrType).const 0) (i32.const 0xAB)
              (\(addrType).mul (memory.size) (\(addrType).const 65536)))))
        """
    }

    /// Instantiates, checks that the memory is all zeros and `min` pages, dirties it
    /// (growing it on odd rounds) and frees it, many times over.
    func dirtyAndFree(_ addrType: String, min: Int, max: Int) throws {
        for round in 0 ..< 40 {
            try {
                let instance = try instantiate(text: Self.module(addrType, min: min, max: max))
                guard case .memory(let bytes) = try export(instance, "mem") else {
                    Issue.record("mem is not a memory")
                    return
                }
                #expect(bytes.count == min * 65536, "round \(round)")
                #expect(bytes.allSatisfy { $0 == 0 }, "round \(round): a reused memory is not zero")
                _ = try interpret(instance, "dirty", [.i32(UInt32(round % 2))])
            }()
        }
    }

    @Test func reusedReservationsAreZeroAndSized() throws {
        try dirtyAndFree("i32", min: 1, max: 7)
        try dirtyAndFree("i32", min: 3, max: 7)
        try dirtyAndFree("i32", min: 0, max: 7)
        try dirtyAndFree("i64", min: 2, max: 11)
        try dirtyAndFree("i32", min: 1, max: 65536)
        try dirtyAndFree("i32", min: 17, max: 29)
    }

    /// A reservation of `pages` pages plus a guard, the first `open` of them written.
    static func dirtyReservation(pages: Int, open: Int) -> (UnsafeMutableRawPointer, UInt64) {
        let length = UInt64(pages) * MemoryInstance.pageSize + MemoryInstance.guardBytes
        let p = mmap(nil, Int(length), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
        mprotect(p, open * 65536, PROT_READ | PROT_WRITE)
        memset(p, 0xAB, open * 65536)
        return (p, length)
    }

    @Test func poolHandsOutZeroedReservationsLongEnough() {
        let pool = ReservationPool()
        let (p, length) = Self.dirtyReservation(pages: 8, open: 2)
        pool.give(p, reserved: length, open: 2 * 65536)
        #expect(pool.waiting(reserved: length) == 1)
        // Longer than any waiting, or open past what the memory needs: not taken.
        #expect(pool.take(reserved: length + 65536, toHold: 4 * 65536) == nil)
        #expect(pool.take(reserved: 65536, toHold: 65536) == nil)
        // Shorter and open no further than needed: taken, with its open bytes zero.
        guard let (q, reserved, open) = pool.take(reserved: 3 * 65536, toHold: 2 * 65536) else {
            Issue.record("a waiting reservation was not taken")
            return
        }
        #expect(q == p && reserved == length && open == 2 * 65536)
        #expect(UnsafeRawBufferPointer(start: q, count: Int(open)).allSatisfy { $0 == 0 })
        #expect(pool.waiting(reserved: length) == 0)
        munmap(q, Int(reserved))
    }

    @Test func largeMemoriesAreNotKept() {
        let pool = ReservationPool()
        // 17 pages open is over the pool's limit on open bytes (1 MiB).
        let (p, length) = Self.dirtyReservation(pages: 29, open: 17)
        pool.give(p, reserved: length, open: 17 * 65536)
        #expect(pool.waiting(reserved: length) == 0)
        let (q, qLength) = Self.dirtyReservation(pages: 29, open: 16)
        pool.give(q, reserved: qLength, open: 16 * 65536)
        #expect(pool.waiting(reserved: qLength) == 1)
        #expect(pool.drain())
        #expect(pool.waiting(reserved: qLength) == 0)
    }
}

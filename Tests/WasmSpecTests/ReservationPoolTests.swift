// Freed memories give their reservations back to a process-wide pool
// (Runtime/ReservationPool.swift), and new memories take them: a reused reservation
// must look exactly like a fresh one, all zeros and of the new memory's size, however
// the old memory was left.

import Testing
@testable import WasmSpec

@Suite struct ReservationPoolTests {
    /// A memory with a function that fills every byte it has with 0xAB, after growing
    /// it by a page when asked. The odd maxima give reservation lengths no other test
    /// uses, so the rounds of a test reuse each other's reservations and nothing else.
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

    /// The length a memory of at most `max` pages reserves (MemoryInstance.swift).
    static func reservation(max: Int) -> UInt64 {
        UInt64(max) * MemoryInstance.pageSize + MemoryInstance.guardBytes
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
        #expect(ReservationPool.shared.waiting(reserved: Self.reservation(max: 7)) >= 1)
        try dirtyAndFree("i32", min: 3, max: 7)
        try dirtyAndFree("i32", min: 0, max: 7)
        try dirtyAndFree("i64", min: 2, max: 11)
        #expect(ReservationPool.shared.waiting(reserved: Self.reservation(max: 11)) >= 1)
    }

    @Test func largeMemoriesAreNotKept() throws {
        // 17 pages and more are over the pool's limit on open bytes (1 MiB).
        try dirtyAndFree("i32", min: 17, max: 29)
        #expect(ReservationPool.shared.waiting(reserved: Self.reservation(max: 29)) == 0)
    }
}

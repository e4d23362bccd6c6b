// Linear-memory reservations that freed memories gave back, kept for the next memory
// that needs a reservation no longer.
//
// NOTE: Why the process keeps them. A memory instance reserves address space with one
// mmap, opens its pages with mprotect, and gives the reservation back with munmap when
// its store goes (MemoryInstance.swift). The munmap of pages that were touched makes the
// kernel interrupt every core that runs a thread of the process (a TLB shootdown), and
// all three calls take the process's address-space lock. A differential fuzzer makes a
// store per module on every thread, so those calls, not the work, decided how far two
// threads scaled (RegionPool.swift says the same of stacks). Here a freed reservation
// keeps its mapping: the freeing thread zeroes the bytes that were open, with memset
// (no system call), and the next memory whose reservation it can stand for takes it over and
// only opens the pages it needs beyond those. Opening pages that were never touched
// interrupts no other core, nor does mapping.
//
// Only small memories come here: zeroing costs what the memory had open, and the pool
// holds at most `residentCapacity` bytes of zeroed pages (which stay resident). A
// larger memory is unmapped as before. The pool holds no value a program can observe:
// every byte it hands out is zero, as a fresh mapping's is.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, locked cache of linear-memory reservations.
final class ReservationPool: @unchecked Sendable {
    /// The pool every memory instance uses.
    static let shared = ReservationPool()

    /// The largest open part a reservation may have to come here: zeroing it is then
    /// cheap next to the system calls it saves.
    let maxOpenBytes = 1 << 20
    /// At most this many open (zeroed, resident) bytes wait here...
    let residentCapacity = 16 << 20
    /// ...in at most this many reservations.
    let slots = 32

    /// One reservation that waits: its start, its length, and how many bytes from the
    /// start are readable and writable (all zero).
    private struct Entry {
        var base: UnsafeMutableRawPointer
        var reserved: UInt64
        var open: UInt64
    }

    // Guarded by `lock`.
    private var free: [Entry] = []
    private var resident = 0
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    /// An empty pool (tests make their own; the runtime uses `shared`).
    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
    }

    /// A reservation of at least `reserved` bytes whose open part is at most `bytes`: its
    /// start, its length, and the length of its open part (whose bytes are zero); or
    /// `nil`. The caller opens the rest it needs. A longer reservation serves as well as
    /// one of the length asked for (the memory's bounds are checked against its size,
    /// not its reservation). A reservation open past `bytes` is not taken, since
    /// closing pages again would interrupt the other cores.
    func take(reserved: UInt64, toHold bytes: UInt64) -> (base: UnsafeMutableRawPointer, reserved: UInt64, open: UInt64)? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        // The largest open part that fits, so the fewest pages are opened; among those,
        // the shortest reservation, so long ones stay for memories that need them.
        var best: Int?
        for i in free.indices where free[i].reserved >= reserved && free[i].open <= bytes {
            if let b = best,
                (free[b].open, UInt64.max - free[b].reserved) >= (free[i].open, UInt64.max - free[i].reserved)
            {
                continue
            }
            best = i
        }
        guard let i = best else { return nil }
        let entry = free.remove(at: i)
        resident -= Int(entry.open)
        return (entry.base, entry.reserved, entry.open)
    }

    /// Keeps the reservation at `base` of `reserved` bytes, of which the first `open`
    /// are readable and writable, for a later memory; or unmaps it when it is too open
    /// or the pool is full.
    func give(_ base: UnsafeMutableRawPointer, reserved: UInt64, open: UInt64) {
        guard open <= UInt64(maxOpenBytes), fits(open) else {
            munmap(base, Int(reserved))
            return
        }
        // Outside the lock: the freeing thread pays for its own memory.
        memset(base, 0, Int(open))
        pthread_mutex_lock(lock)
        if Int(open) <= residentCapacity - resident, free.count < slots {
            free.append(Entry(base: base, reserved: reserved, open: open))
            resident += Int(open)
            pthread_mutex_unlock(lock)
            return
        }
        pthread_mutex_unlock(lock)
        munmap(base, Int(reserved))
    }

    /// Whether a reservation open for `open` bytes would find room now (checked again
    /// under the lock after zeroing, since another thread may fill the pool meanwhile).
    private func fits(_ open: UInt64) -> Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return Int(open) <= residentCapacity - resident && free.count < slots
    }

    /// How many reservations of `reserved` bytes wait here now (for tests).
    func waiting(reserved: UInt64) -> Int {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return free.count { $0.reserved == reserved }
    }

    /// Unmaps every waiting reservation, and says whether there was one: a memory that
    /// cannot get address space (under a `ulimit -v`, say) tries again after this.
    @discardableResult
    func drain() -> Bool {
        pthread_mutex_lock(lock)
        let entries = free
        free = []
        resident = 0
        pthread_mutex_unlock(lock)
        for e in entries { munmap(e.base, Int(e.reserved)) }
        return !entries.isEmpty
    }
}

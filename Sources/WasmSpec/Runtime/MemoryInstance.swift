// Memory instances (§4.2.8): a vector of bytes that grows in pages of 64 KiB.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a memory's bytes are and how many there are: what the evaluator reads on every
/// access, kept behind a pointer so that reading it costs no exclusivity check.
struct MemoryView {
    var base: UnsafeMutableRawPointer?
    var size: UInt64
}

/// A memory instance.
///
/// NOTE: Its bytes live at the start of a reservation of address space that is larger
/// than the memory: the accessible bytes first, then bytes that may not be touched at
/// all. Growing within the reservation only makes more pages accessible, so it costs
/// what it adds and the base does not move. The reservation is as large as the memory
/// may ever grow, up to `reservationCap`; when that much address space cannot be had
/// (a `ulimit -v`, say) or the memory outgrows it, a new reservation twice as large
/// (where the system allows) takes the bytes over, so the copies cost amortised linear
/// time. The inaccessible rest also means an access past the end faults at once
/// instead of reaching other memory. Pages that were never written cost nothing.
final class MemoryInstance: @unchecked Sendable {
    // Mutated only by the evaluator under the owning store's lock.
    static let pageSize: UInt64 = 0x1_0000

    /// The most address space reserved ahead of need: a 32-bit memory's whole range, so
    /// that most memories never move. Reserving costs no memory, only address space
    /// (of which a 64-bit process has 2^47 bytes).
    static let reservationCap: UInt64 = 1 << 32
    /// Inaccessible bytes always kept past the largest size a reservation can hold.
    static let guardBytes: UInt64 = pageSize

    /// The type, whose minimum tracks the current size in pages.
    private(set) var type: MemoryType
    /// Start and size of the accessible bytes; the base is `nil` until there is a
    /// reservation (a memory of 0 pages that never grew has none).
    let view: UnsafeMutablePointer<MemoryView>
    /// The bytes reserved at `base`, `guardBytes` included; 0 without a reservation.
    private var reserved: UInt64 = 0

    var base: UnsafeMutableRawPointer? { view.pointee.base }
    var byteCount: UInt64 { view.pointee.size }

    /// What the memory's bytes count against: its store's budget.
    private let budget: ResourceBudget?

    /// Allocates a memory of the type's minimum size, or `nil` when that much memory
    /// cannot be had or `budget` does not allow it.
    init?(_ type: MemoryType, budget: ResourceBudget? = nil) {
        self.type = type
        self.budget = budget
        view = .allocate(capacity: 1)
        view.initialize(to: MemoryView(base: nil, size: 0))
        // Every stored property is set from here on, so a failure below still runs
        // `deinit`, which frees the view and any reservation: not here as well.
        guard let bytes = MemoryInstance.bytes(forPages: type.limits.min, type.addrType),
            budget?.take(memory: bytes) ?? true
        else { return nil }
        guard resize(to: bytes) else {
            budget?.give(memory: bytes)
            return nil
        }
    }

    deinit {
        budget?.give(memory: byteCount)
        // A small memory's reservation goes back to the pool (ReservationPool.swift),
        // zeroed, rather than to the system.
        if let base { ReservationPool.shared.give(base, reserved: reserved, open: byteCount) }
        view.deallocate()
    }

    var pages: UInt64 { byteCount / MemoryInstance.pageSize }

    /// The byte size of a page count, or `nil` beyond what the address type allows or
    /// what this process can address.
    private static func bytes(forPages pages: UInt64, _ addrType: AddrType) -> UInt64? {
        // §4.2.8: 32-bit memories hold at most 2^16 pages. 64-bit memories are bounded
        // only by what can be allocated; we stop at 2^48 bytes, beyond any real mapping.
        guard pages <= pageLimit(addrType) else { return nil }
        return pages * pageSize
    }

    private static func pageLimit(_ addrType: AddrType) -> UInt64 {
        addrType == .i32 ? 0x1_0000 : 0x1_0000_0000
    }

    /// The most bytes this memory may ever hold: its maximum, or its address type's.
    private var byteLimit: UInt64 {
        let limit = MemoryInstance.pageLimit(type.addrType)
        return min(type.limits.max ?? limit, limit) * MemoryInstance.pageSize
    }

    /// Grows by `delta` pages (§4.5.3.12): the old size in pages, or `nil` when the
    /// maximum, the address type or the machine does not allow it; then nothing changes.
    func grow(by delta: UInt64) -> UInt64? {
        let old = pages
        let (new, overflow) = old.addingReportingOverflow(delta)
        guard !overflow else { return nil }
        if let max = type.limits.max, new > max { return nil }
        guard let newBytes = MemoryInstance.bytes(forPages: new, type.addrType),
            budget?.take(memory: newBytes - byteCount) ?? true
        else { return nil }
        guard resize(to: newBytes) else {
            budget?.give(memory: newBytes - byteCount)
            return nil
        }
        type.limits.min = new
        return old
    }

    /// Makes the first `newBytes` bytes accessible (never fewer than now), moving to a
    /// larger reservation when this one is too small. False, with nothing changed, when
    /// the memory cannot be had.
    private func resize(to newBytes: UInt64) -> Bool {
        let size = byteCount
        guard newBytes > size else { return true }
        if let base, newBytes <= reserved - MemoryInstance.guardBytes {
            guard MemoryInstance.commit(base + Int(size), newBytes - size) else { return false }
            view.pointee.size = newBytes
            return true
        }
        if base == nil, let (p, count, open) = pooled(toHold: newBytes) {
            // A reservation that a freed memory left: its open bytes are zero already.
            guard MemoryInstance.commit(p + Int(open), newBytes - open) else {
                ReservationPool.shared.give(p, reserved: count, open: open)
                return false
            }
            reserved = count
            view.pointee = MemoryView(base: p, size: newBytes)
            return true
        }
        guard let (p, count) = reserve(toHold: newBytes) else { return false }
        guard MemoryInstance.commit(p, newBytes) else {
            munmap(p, Int(count))
            return false
        }
        if let base {
            if size > 0 { p.copyMemory(from: base, byteCount: Int(size)) }
            munmap(base, Int(reserved))
        }
        reserved = count
        view.pointee = MemoryView(base: p, size: newBytes)
        return true
    }

    /// The reservation lengths, guard included, worth trying for `bytes` accessible
    /// bytes, best first: as much as the memory may grow to, up to `reservationCap`;
    /// failing that (a `ulimit -v`, say), twice the current reservation, and no more,
    /// so as to leave address space to the rest of the process; then less, down to
    /// `bytes`, for a memory near what the system allows.
    private func reservationSizes(toHold bytes: UInt64) -> [UInt64] {
        let current = reserved > 0 ? reserved - MemoryInstance.guardBytes : 0
        let (twice, overflow) = current.multipliedReportingOverflow(by: 2)
        var wants = [min(byteLimit, MemoryInstance.reservationCap)]
        var want = max(bytes, min(byteLimit, overflow ? .max : twice))
        while true {
            wants.append(want)
            if want == bytes { break }
            // Three quarters of the excess, staying a whole number of pages.
            want = bytes + (want - bytes) / 4 * 3 / MemoryInstance.pageSize * MemoryInstance.pageSize
        }
        return wants.compactMap { want in
            let (total, overflow) = want.addingReportingOverflow(MemoryInstance.guardBytes)
            return want >= bytes && !overflow && total <= UInt64(Int.max) ? total : nil
        }
    }

    /// A new reservation for at least `bytes` accessible bytes, and its length. When no
    /// length can be had, the pool's reservations are given back to the system and the
    /// lengths tried again: they may be what took the address space.
    private func reserve(toHold bytes: UInt64) -> (UnsafeMutableRawPointer, UInt64)? {
        let sizes = reservationSizes(toHold: bytes)
        for total in sizes {
            if let p = MemoryInstance.map(Int(total)) { return (p, total) }
        }
        guard ReservationPool.shared.drain() else { return nil }
        for total in sizes {
            if let p = MemoryInstance.map(Int(total)) { return (p, total) }
        }
        return nil
    }

    /// A reservation at least as long as a new one would be, from the pool: its start,
    /// its length, and how many of its first bytes are open (and zero).
    private func pooled(toHold bytes: UInt64) -> (UnsafeMutableRawPointer, UInt64, UInt64)? {
        guard let total = reservationSizes(toHold: bytes).first,
            let (p, reserved, open) = ReservationPool.shared.take(reserved: total, toHold: bytes)
        else { return nil }
        return (p, reserved, open)
    }

    /// A new inaccessible mapping of `count` bytes.
    private static func map(_ count: Int) -> UnsafeMutableRawPointer? {
        // PROT_NONE private mappings are not charged against the commit limit; `commit`
        // charges the pages it opens. (So no MAP_NORESERVE: it would turn that charge
        // off, and a memory larger than the machine could be "had", then kill the
        // process when touched.)
        let p = mmap(nil, count, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        return p
    }

    /// Makes `count` reserved bytes from `p` readable and writable; false when the
    /// system will not back them.
    private static func commit(_ p: UnsafeMutableRawPointer, _ count: UInt64) -> Bool {
        count <= UInt64(Int.max) && mprotect(p, Int(count), PROT_READ | PROT_WRITE) == 0
    }

    /// Copies bytes out; the caller has checked bounds.
    func read(_ address: UInt64, _ count: Int) -> [UInt8] {
        guard count > 0, let base else { return [] }
        return Array(UnsafeRawBufferPointer(start: base + Int(address), count: count))
    }

    /// Copies bytes in; the caller has checked bounds.
    func write(_ address: UInt64, _ bytes: [UInt8]) {
        guard !bytes.isEmpty, let base else { return }
        bytes.withUnsafeBytes { (base + Int(address)).copyMemory(from: $0.baseAddress.unsafelyUnwrapped, byteCount: $0.count) }
    }

    /// All bytes, for the embedding API's `export` of a memory.
    var contents: [UInt8] { read(0, Int(byteCount)) }
}

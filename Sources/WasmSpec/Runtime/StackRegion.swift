// The memory behind an engine's stacks: operand slots, call frames, labels.
//
// NOTE: Every engine grows its stacks through `reserve`, the one check that a write
// stays inside the region. An engine checks once for a whole frame (its parameters,
// locals and the static maximum of its operand stack) or once per push; either way no
// element is written past `end` without `reserve` having said it fits. Running out of
// room is the reference's exhaustion, `call stack exhausted`, as running out of depth is
// (the reference interpreter models both with one budget, §4.4.10 leaves the limit to
// the implementation).
//
// As a second line of defence the region lies between two pages mapped with no access,
// and its last element ends where the page after it begins (the rounding up to whole
// pages goes before the first element), so that a write that escaped the check faults
// at once, one element past the end or before the start, instead of landing in memory
// that belongs to something else.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed-capacity array of `Element`s in an anonymous mapping of its own, between two
/// guard pages. Pages that are never touched cost nothing.
final class StackRegion<Element> {
    /// The first element.
    let base: UnsafeMutablePointer<Element>
    /// How many elements fit.
    let capacity: Int
    /// One past the last element: the guard page starts there.
    let end: UnsafeMutablePointer<Element>
    /// The mapping, guard pages included, and its length in bytes.
    private let mapping: UnsafeMutableRawPointer
    private let mappedBytes: Int

    /// Maps room for `capacity` elements, or `nil` when the host cannot.
    init?(capacity: Int) {
        let page = StackRegion.pageSize
        let stride = MemoryLayout<Element>.stride
        guard capacity > 0, capacity <= (Int.max - 3 * page) / stride else { return nil }
        // Rounded up to whole pages, with a guard page on either side.
        let bytes = (capacity * stride + page - 1) / page * page
        let total = page + bytes + page
        if StackRegion.pooled, let reused = RegionPool.shared.take(total) {
            // Laid out as below already: a mapping's guard pages depend on its total only.
            mapping = reused
        } else {
            let p = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            guard let p, p != MAP_FAILED else { return nil }
            guard mprotect(p, page, PROT_NONE) == 0, mprotect(p + page + bytes, page, PROT_NONE) == 0 else {
                munmap(p, total)
                return nil
            }
            mapping = p
        }
        mappedBytes = total
        self.capacity = capacity
        // The elements end at the second guard page. The slack before them is a whole
        // number of pages less a multiple of the stride, so a multiple of the alignment.
        let slack = bytes - capacity * stride
        base = (mapping + page + slack).bindMemory(to: Element.self, capacity: capacity)
        end = base + capacity
    }

    deinit {
        if StackRegion.pooled {
            RegionPool.shared.give(mapping, mappedBytes)
        } else {
            munmap(mapping, mappedBytes)
        }
    }

    /// Whether this region's mapping goes back to the pool (RegionPool.swift) when it is
    /// freed: only when its elements own nothing, since nobody deinitialises them.
    private static var pooled: Bool { _isPOD(Element.self) }

    /// Checks that `count` elements fit from `top` on, before the caller writes them;
    /// `top` must lie inside the region or at its end.
    @inline(__always)
    func reserve(_ top: UnsafeMutablePointer<Element>, _ count: Int) throws(ExecutionError) {
        guard count >= 0, count <= end - top else { throw .exhaustion("call stack exhausted") }
    }

    /// Checks that `count` elements fit from index `top` on.
    @inline(__always)
    func reserve(at top: Int, _ count: Int) throws(ExecutionError) {
        try StackRegion.reserve(at: top, count, capacity: capacity)
    }

    /// The same check for an engine that keeps a region's base and capacity in its own
    /// registers: `count` elements fit from index `top` on in a region of `capacity`.
    @inline(__always)
    static func reserve(at top: Int, _ count: Int, capacity: Int) throws(ExecutionError) {
        guard fits(at: top, count, capacity: capacity) else { throw .exhaustion("call stack exhausted") }
    }

    /// Whether `count` elements fit from index `top` on in a region of `capacity`.
    @inline(__always)
    static func fits(at top: Int, _ count: Int, capacity: Int) -> Bool {
        count >= 0 && top >= 0 && count <= capacity - top
    }

    private static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }
}

/// A stack that starts small and grows, by mapping a region twice as large and moving
/// its elements, up to a limit: for an engine that addresses its stack by index, so
/// that moving it invalidates nothing but the base it reads from here, and so that a
/// shallow computation maps little (an address-space limit counts every mapping).
final class GrowingStack<Element> {
    private(set) var region: StackRegion<Element>
    /// The most elements it may ever hold.
    let limit: Int

    init?(initial: Int, limit: Int) {
        guard let region = StackRegion<Element>(capacity: max(min(initial, limit), 1)) else { return nil }
        self.region = region
        self.limit = max(limit, region.capacity)
    }

    var base: UnsafeMutablePointer<Element> { region.base }
    var capacity: Int { region.capacity }

    /// Grows to hold `count` more elements above the `used` ones, keeping those; false
    /// when that is past the limit or the host has no memory for it.
    func grow(used: Int, adding count: Int) -> Bool {
        guard used >= 0, used <= region.capacity, count >= 0, count <= limit - used else { return false }
        let needed = used + count
        guard needed > region.capacity else { return true }
        let doubled = region.capacity <= limit / 2 ? region.capacity * 2 : limit
        guard let bigger = StackRegion<Element>(capacity: max(needed, doubled)) else { return false }
        bigger.base.update(from: region.base, count: used)
        region = bigger
        return true
    }
}

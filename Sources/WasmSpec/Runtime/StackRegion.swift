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
// As a second line of defence the region is followed by a page mapped with no access,
// so that a write that escaped the check faults at once at the region's end instead of
// landing in memory that belongs to something else.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed-capacity array of `Element`s in an anonymous mapping of its own, followed by
/// a guard page. Pages that are never touched cost nothing.
final class StackRegion<Element> {
    /// The first element.
    let base: UnsafeMutablePointer<Element>
    /// How many elements fit.
    let capacity: Int
    /// One past the last element: the guard page starts at or after it.
    let end: UnsafeMutablePointer<Element>
    /// The mapping's length in bytes, guard page included.
    private let mappedBytes: Int

    /// Maps room for `capacity` elements, or `nil` when the host cannot.
    init?(capacity: Int) {
        let page = StackRegion.pageSize
        let stride = MemoryLayout<Element>.stride
        guard capacity > 0, capacity <= (Int.max - 2 * page) / stride else { return nil }
        // Rounded up to whole pages, then one more page for the guard.
        let bytes = (capacity * stride + page - 1) / page * page
        let total = bytes + page
        let p = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        guard mprotect(p + bytes, page, PROT_NONE) == 0 else {
            munmap(p, total)
            return nil
        }
        mappedBytes = total
        self.capacity = capacity
        base = p.bindMemory(to: Element.self, capacity: capacity)
        end = base + capacity
    }

    deinit {
        munmap(base, mappedBytes)
    }

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
        guard count >= 0, top >= 0, count <= capacity - top else { throw .exhaustion("call stack exhausted") }
    }

    private static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }
}

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

/// A memory instance. Its bytes live in an anonymous mapping, so pages that were never
/// written cost nothing.
final class MemoryInstance: @unchecked Sendable {
    // Mutated only by the evaluator under the owning store's lock.
    static let pageSize: UInt64 = 0x1_0000

    /// The type, whose minimum tracks the current size in pages.
    private(set) var type: MemoryType
    /// Start and size of the bytes; the base is `nil` while the memory is empty.
    let view: UnsafeMutablePointer<MemoryView>

    var base: UnsafeMutableRawPointer? { view.pointee.base }
    var byteCount: UInt64 { view.pointee.size }

    /// Allocates a memory of the type's minimum size, or `nil` when that much memory
    /// cannot be had.
    init?(_ type: MemoryType) {
        self.type = type
        view = .allocate(capacity: 1)
        view.initialize(to: MemoryView(base: nil, size: 0))
        // Every stored property is set from here on, so a failure below still runs
        // `deinit`, which frees the (empty) view: it must not be freed here as well.
        guard let bytes = MemoryInstance.bytes(forPages: type.limits.min, type.addrType) else {
            return nil
        }
        if bytes > 0 {
            guard let p = MemoryInstance.map(bytes) else { return nil }
            view.pointee.base = p
        }
        view.pointee.size = bytes
    }

    deinit {
        if let base { munmap(base, Int(byteCount)) }
        view.deallocate()
    }

    var pages: UInt64 { byteCount / MemoryInstance.pageSize }

    /// The byte size of a page count, or `nil` beyond what the address type allows or
    /// what this process can address.
    private static func bytes(forPages pages: UInt64, _ addrType: AddrType) -> UInt64? {
        // §4.2.8: 32-bit memories hold at most 2^16 pages. 64-bit memories are bounded
        // only by what can be allocated; we stop at 2^48 bytes, beyond any real mapping.
        let limit: UInt64 = addrType == .i32 ? 0x1_0000 : 0x1_0000_0000
        guard pages <= limit else { return nil }
        return pages * pageSize
    }

    private static func map(_ bytes: UInt64) -> UnsafeMutableRawPointer? {
        guard bytes <= UInt64(Int.max) else { return nil }
        let p = mmap(nil, Int(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        return p
    }

    /// Grows by `delta` pages (§4.5.3.12): the old size in pages, or `nil` when the
    /// maximum, the address type or the machine does not allow it; then nothing changes.
    func grow(by delta: UInt64) -> UInt64? {
        let old = pages
        let (new, overflow) = old.addingReportingOverflow(delta)
        guard !overflow else { return nil }
        if let max = type.limits.max, new > max { return nil }
        guard let newBytes = MemoryInstance.bytes(forPages: new, type.addrType) else { return nil }
        if newBytes != byteCount {
            guard let p = remap(to: newBytes) else { return nil }
            view.pointee = MemoryView(base: p, size: newBytes)
        }
        type.limits.min = new
        return old
    }

    /// A mapping of the new size holding the old bytes. (Linux's `mremap` would avoid
    /// the copy, but Glibc's module map does not export it.)
    private func remap(to newBytes: UInt64) -> UnsafeMutableRawPointer? {
        guard let p = MemoryInstance.map(newBytes) else { return nil }
        if let base {
            p.copyMemory(from: base, byteCount: Int(byteCount))
            munmap(base, Int(byteCount))
        }
        return p
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

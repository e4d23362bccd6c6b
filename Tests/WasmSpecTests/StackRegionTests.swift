import Testing
import WasmBinary

@testable import WasmSpec

#if canImport(Glibc)
import Glibc
#endif

/// An engine's stack ends exactly where its guard page begins, whatever the element's
/// size, so that a write one element past the end faults at once (and a page before the
/// first element is a guard page too).
@Suite struct StackRegionTests {
    static let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// An element whose stride does not divide the page size.
    struct Odd {
        var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0
    }

    static func check<Element>(_ type: Element.Type, capacity: Int) throws {
        let region = try #require(StackRegion<Element>(capacity: capacity))
        #expect(Int(bitPattern: region.end) % page == 0, "\(Element.self) × \(capacity)")
        #expect(Int(bitPattern: region.base) % MemoryLayout<Element>.alignment == 0)
        #expect(region.end - region.base == capacity)
        // The region is writable from its first byte to its last.
        UnsafeMutableRawPointer(region.base).storeBytes(of: 1, as: UInt8.self)
        (UnsafeMutableRawPointer(region.end) - 1).storeBytes(of: 1, as: UInt8.self)
    }

    @Test func regionsEndAtTheirGuardPage() throws {
        for capacity in [1, 7, 64, 1024, 1000, 4097] {
            try Self.check(UInt64.self, capacity: capacity)
            try Self.check(Odd.self, capacity: capacity)
            try Self.check(V128.self, capacity: capacity)
        }
    }
}

// Reading and writing table instances (§4.6.7 "Table Instructions"), with the bounds
// checks that make the instructions trap. Both engines call these.

extension TableInstance {
    private static let oob = ExecutionError.trap("out of bounds table access")

    /// `table.get`: the reference at `i`.
    func get(_ i: UInt64) throws(ExecutionError) -> UInt64 {
        guard i < size else { throw TableInstance.oob }
        return elements[Int(i)]
    }

    /// `table.set`: `r` at `i`.
    func set(_ i: UInt64, _ r: UInt64) throws(ExecutionError) {
        guard i < size else { throw TableInstance.oob }
        elements[Int(i)] = r
    }

    /// `table.grow`'s result: the old size, or -1 in the address type.
    func growResult(by delta: UInt64, initial: UInt64) -> UInt64 {
        grow(by: delta, initial: initial) ?? (type.addrType == .i32 ? 0xFFFF_FFFF : UInt64.max)
    }

    /// `table.fill`: `n` elements from `i` set to `r` (§4.6.7 `table.fill-*`).
    func fill(_ i: UInt64, _ r: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard MemoryInstance.inRange(i, n, size) else { throw TableInstance.oob }
        for k in 0..<Int(n) { elements[Int(i) + k] = r }
    }

    /// `table.copy`: `n` elements from `s` in `source` to `d` here, as if through a
    /// buffer when the ranges overlap (§4.6.7 `table.copy-*`).
    func copy(_ d: UInt64, from source: TableInstance, _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard MemoryInstance.inRange(d, n, size), MemoryInstance.inRange(s, n, source.size) else {
            throw TableInstance.oob
        }
        guard n > 0 else { return }
        let slice = Array(source.elements[Int(s)..<Int(s + n)])
        elements.replaceSubrange(Int(d)..<Int(d + n), with: slice)
    }

    /// `table.init`: `n` references of an element segment from `s` to `d` (§4.6.7
    /// `table.init-*`).
    func initialize(_ d: UInt64, from elem: [UInt64], _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard MemoryInstance.inRange(d, n, size), MemoryInstance.inRange(s, n, UInt64(elem.count)) else {
            throw TableInstance.oob
        }
        if n > 0 { elements.replaceSubrange(Int(d)..<Int(d + n), with: elem[Int(s)..<Int(s + n)]) }
    }
}

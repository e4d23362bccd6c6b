// Index spaces of identifiers (§6.6.1, "Identifier contexts") and the reference's
// messages about them.

import WasmBinary

/// An index space: identifiers bound so far and how many indices are taken.
struct Space {
    var map: [String: UInt32] = [:]
    var count: UInt32 = 0
}

/// How the reference prints an identifier in messages: `$x`, or `$"..."` with escapes
/// when it has characters that need them.
func printName(_ text: String) -> String {
    var escaped = ""
    var plain = true
    for u in text.unicodeScalars {
        if u.value < 0x20 || u.value >= 0x7F {
            let h = String(u.value, radix: 16)
            escaped += "\\u{" + (h.count < 2 ? "0" + h : h) + "}"
            plain = false
        } else if u == "\"" || u == "\\" {
            escaped += "\\" + String(u)
            plain = false
        } else {
            escaped.unicodeScalars.append(u)
        }
    }
    return plain ? "$" + text : "$\"" + escaped + "\""
}

extension Space {
    /// Binds a new index to `name` (the reference's `bind_abs`).
    mutating func bind(_ name: RawName, category: String) throws(TextError) -> UInt32 {
        if map[name.text] != nil {
            throw TextError("duplicate \(category) \(printName(name.text))", at: name.location)
        }
        let i = try bindAnonymous(1, category: category, at: name.location)
        map[name.text] = i
        return i
    }

    /// Takes `n` indices without a name.
    mutating func bindAnonymous(_ n: UInt32, category: String, at location: SourceLocation) throws(TextError) -> UInt32 {
        let i = count
        let (c, overflow) = count.addingReportingOverflow(n)
        if overflow { throw TextError("too many \(category) bindings", at: location) }
        count = c
        return i
    }

    /// Binds `name`, or an anonymous index when there is none.
    mutating func bind(_ name: RawName?, category: String, at location: SourceLocation) throws(TextError) -> UInt32 {
        if let n = name { return try bind(n, category: category) }
        return try bindAnonymous(1, category: category, at: location)
    }

    /// The index of `x` (the reference's `lookup`).
    func lookup(_ x: RawIdx, category: String) throws(TextError) -> UInt32 {
        switch x {
        case .num(let v, let loc):
            guard let v else { throw TextError("i32 constant out of range", at: loc) }
            return v
        case .name(let n):
            guard n.valid else { throw TextError("malformed UTF-8 encoding", at: n.location) }
            guard let i = map[n.text] else {
                throw TextError("unknown \(category) \(printName(n.text))", at: n.location)
            }
            return i
        }
    }
}

// The contents of an annotation `(@id item*)` as items (reference: text/annot.ml), for
// the custom-section handlers that read them (`@custom`, `@name`,
// `@metadata.code.branch_hint`). The lexer has already checked the annotation while
// skipping it; this reads it again from the source, with an explicit stack so that
// nesting never reaches the native stack.

/// One item of an annotation.
struct AnnotItem: Sendable {
    enum Kind: Sendable {
        /// A keyword-like token, e.g. `before` or `type`.
        case atom(String)
        /// A string literal's bytes.
        case string([UInt8])
        /// `( item* )`.
        case parens([AnnotItem])
        /// A nested annotation `(@id item*)`.
        case annotation([UInt8], [AnnotItem])
        /// An identifier or a number: handlers only ever reject those.
        case other
    }

    var kind: Kind
    /// Byte offsets of the item in the source.
    var start: Int
    var end: Int
}

/// An annotation read into items, with its extent.
struct AnnotationSyntax: Sendable {
    var name: [UInt8]
    var items: [AnnotItem]
    var start: Int
    var end: Int
}

extension Lexer {
    /// Reads the items of an annotation the lexer recorded.
    func items(of a: Annotation) -> AnnotationSyntax {
        struct Open {
            var name: [UInt8]?
            var isAnnotation: Bool
            var start: Int
            var items: [AnnotItem] = []
        }
        let n = min(a.end, src.count)
        // Skip `(@` and the name.
        var p = a.start + 2
        if p < n && src[p] == UInt8(ascii: "\""), case .closed(let e) = scanString(p) {
            p = e
        } else {
            while p < n && ByteClass.has(src[p], ByteClass.idchar) { p += 1 }
        }
        var stack: [Open] = [Open(name: a.name, isAnnotation: true, start: a.start)]
        while p < n, !stack.isEmpty {
            let b = src[p]
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0A, 0x0D:
                p += 1
            case UInt8(ascii: ";") where p + 1 < n && src[p + 1] == UInt8(ascii: ";"):
                while p < n && src[p] != 0x0A && src[p] != 0x0D { p += 1 }
            case UInt8(ascii: "(") where p + 1 < n && src[p + 1] == UInt8(ascii: ";"):
                var depth = 0
                repeat {
                    if p + 1 < n && src[p] == UInt8(ascii: "(") && src[p + 1] == UInt8(ascii: ";") {
                        depth += 1
                        p += 2
                    } else if p + 1 < n && src[p] == UInt8(ascii: ";") && src[p + 1] == UInt8(ascii: ")") {
                        depth -= 1
                        p += 2
                    } else {
                        p += 1
                    }
                } while depth > 0 && p < n
            case UInt8(ascii: "("):
                if p + 2 < n && src[p + 1] == UInt8(ascii: "@") {
                    let q = p + 2
                    var name: [UInt8] = []
                    var e = q
                    if src[q] == UInt8(ascii: "\""), case .closed(let se) = scanString(q) {
                        name = (try? decodeString(q, se)) ?? []
                        e = se
                    } else {
                        while e < n && ByteClass.has(src[e], ByteClass.idchar) { e += 1 }
                        name = Array(src[q..<e])
                    }
                    if !name.isEmpty {
                        stack.append(Open(name: name, isAnnotation: true, start: p))
                        p = e
                        continue
                    }
                }
                stack.append(Open(name: nil, isAnnotation: false, start: p))
                p += 1
            case UInt8(ascii: ")"):
                p += 1
                let top = stack.removeLast()
                if stack.isEmpty {
                    return AnnotationSyntax(name: a.name, items: top.items, start: a.start, end: p)
                }
                let kind: AnnotItem.Kind = top.isAnnotation
                    ? .annotation(top.name ?? [], top.items) : .parens(top.items)
                stack[stack.count - 1].items.append(AnnotItem(kind: kind, start: top.start, end: p))
            case UInt8(ascii: "\""):
                let e: Int
                if case .closed(let se) = scanString(p) { e = se } else { e = n }
                let bytes = (try? decodeString(p, e)) ?? []
                stack[stack.count - 1].items.append(AnnotItem(kind: .string(bytes), start: p, end: e))
                p = e
            default:
                let e = max(reservedRun(from: p), p + 1)
                let text = String(decoding: src[p..<min(e, n)], as: UTF8.self)
                let kind: AnnotItem.Kind = AnnotItem.isAtom(text) ? .atom(text) : .other
                stack[stack.count - 1].items.append(AnnotItem(kind: kind, start: p, end: e))
                p = e
            }
        }
        return AnnotationSyntax(name: a.name, items: stack.first?.items ?? [], start: a.start, end: a.end)
    }
}

extension AnnotItem {
    /// Whether a token is a keyword rather than an identifier or a number: it starts
    /// with a lowercase letter and is not `inf`, `nan` or `nan:0x...`.
    static func isAtom(_ s: String) -> Bool {
        guard let c = s.utf8.first, c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") else { return false }
        return s != "inf" && s != "nan" && !s.hasPrefix("nan:")
    }
}

/// Line and column of byte offsets, counting newlines as the lexer does ("\n", "\n\r",
/// and a lone "\r").
struct LineIndex: Sendable {
    /// The offset where each line starts.
    private var starts: [Int] = [0]

    init(_ src: [UInt8]) {
        var p = 0
        let n = src.count
        while p < n {
            if src[p] == 0x0A {
                p += 1
                if p < n && src[p] == 0x0D { p += 1 }
                starts.append(p)
            } else if src[p] == 0x0D {
                p += 1
                starts.append(p)
            } else {
                p += 1
            }
        }
    }

    /// The reference's position of a byte offset: 1-based line, 0-based column.
    func position(_ offset: Int) -> SourcePosition {
        var lo = 0
        var hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourcePosition(line: lo + 1, column: offset - starts[lo])
    }

    /// The region of the bytes `[start, end)` in `file`.
    func region(_ file: String, _ start: Int, _ end: Int) -> SourceRegion {
        SourceRegion(file: file, left: position(start), right: position(end))
    }
}

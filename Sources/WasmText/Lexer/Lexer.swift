// The lexer of the text format (§6.2 of the specification), byte by byte over UTF-8
// source, following the reference lexer's rules: the longest match wins, and among
// matches of equal length the earlier rule. Every token that starts with an `idchar`
// or a quote is first measured as the longest run of `idchar`s and strings (the
// reference's `reserved`), which is always at least as long as any other match there;
// the token is a number, keyword, identifier, ... only if that rule spans the whole run,
// and an "unknown operator" otherwise.

import WasmBinary

/// Byte classes of the lexical grammar (§6.2.1).
enum ByteClass {
    static let idchar: UInt8 = 1
    static let digit: UInt8 = 2
    static let hexdigit: UInt8 = 4
    static let letter: UInt8 = 8
    /// Letters, digits, `_`, `.` and `:`: what keywords are made of.
    static let keychar: UInt8 = 16

    /// The classes of byte `b` (a switch rather than a table: no global to fetch).
    @inline(__always) static func classes(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            idchar | letter | keychar | hexdigit
        case UInt8(ascii: "g")...UInt8(ascii: "z"), UInt8(ascii: "G")...UInt8(ascii: "Z"):
            idchar | letter | keychar
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            idchar | digit | hexdigit | keychar
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
            idchar | keychar
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "\\"),
            UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "$"),
            UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "'"):
            idchar
        default:
            0
        }
    }

    @inline(__always) static func has(_ b: UInt8, _ cls: UInt8) -> Bool {
        classes(b) & cls != 0
    }
}

/// The result of scanning a string literal from its opening quote.
enum StringScan {
    /// A complete literal ending before `end` (after the closing quote).
    case closed(end: Int)
    /// No complete literal: `failure` is the first position that is neither a
    /// `character` nor the closing quote; `lastEscape` is the position of the backslash
    /// of the last escape sequence before it.
    case open(failure: Int, lastEscape: Int?)
}

/// The text-format lexer.
struct Lexer {
    static let memargPrefixes: [([UInt8], TokenKind)] = [
        (Array("offset=".utf8), .offsetEq), (Array("align=".utf8), .alignEq),
    ]

    let src: [UInt8]
    private let keywords = KeywordTable.shared
    private(set) var pos = 0
    private var line = 1
    private var bol = 0
    /// The annotations skipped so far.
    var annotations: [Annotation] = []

    init(_ src: [UInt8]) {
        self.src = src
    }

    /// A lexer whose source starts at `line` and (1-based) `column` of a longer text, so
    /// that positions are reported in that text.
    init(_ src: [UInt8], line: Int, column: Int) {
        self.src = src
        self.line = line
        self.bol = 1 - column
    }

    private func location(_ p: Int) -> SourceLocation {
        SourceLocation(line: line, column: p - bol + 1)
    }

    private func error(_ message: String, at p: Int) -> TextError {
        TextError(message, at: location(p))
    }

    private mutating func newline(at end: Int) {
        line += 1
        bol = end
    }

    @inline(__always) private func byte(_ p: Int) -> Int {
        p < src.count ? Int(src[p]) : -1
    }

    /// The next token.
    mutating func next() throws(TextError) -> Token {
        let n = src.count
        while true {
            guard pos < n else {
                return Token(kind: .eof, start: n, end: n, location: location(n))
            }
            let c = src[pos]
            switch c {
            case UInt8(ascii: "("):
                let d = byte(pos + 1)
                if d == Int(UInt8(ascii: "@")) {
                    try annotation()
                    continue
                }
                if d == Int(UInt8(ascii: ";")) {
                    try blockComment()
                    continue
                }
                let t = Token(kind: .lpar, start: pos, end: pos + 1, location: location(pos))
                pos += 1
                return t
            case UInt8(ascii: ")"):
                let t = Token(kind: .rpar, start: pos, end: pos + 1, location: location(pos))
                pos += 1
                return t
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                pos += 1
            case UInt8(ascii: "\n"):
                // The reference counts "\n\r" as one newline (and "\r\n" as two).
                pos += 1
                if byte(pos) == 0x0D { pos += 1 }
                newline(at: pos)
            case UInt8(ascii: "\r"):
                pos += 1
                newline(at: pos)
            case UInt8(ascii: ";"):
                if byte(pos + 1) == Int(UInt8(ascii: ";")) {
                    if lineComment() { return Token(kind: .eof, start: n, end: n, location: location(n)) }
                    continue
                }
                throw unknownOperator(pos, pos + 1)
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                UInt8(ascii: "}"):
                throw unknownOperator(pos, pos + 1)
            case UInt8(ascii: "\""):
                switch scanString(pos) {
                case .closed(let end):
                    let runEnd = reservedRun(from: end)
                    if runEnd != end { throw unknownOperator(pos, runEnd) }
                    let t = Token(
                        kind: .string, start: pos, end: end, location: location(pos),
                        bytes: try decodeString(pos, end))
                    pos = end
                    return t
                case .open(let failure, let lastEscape):
                    throw stringError(start: pos, failure: failure, lastEscape: lastEscape, annotation: false)
                }
            default:
                if ByteClass.has(c, ByteClass.idchar) {
                    return try run()
                }
                if c < 0x20 { throw error("misplaced control character", at: pos) }
                if c >= 0x80 && UTF8Check.encodedLength(src, pos) > 0 {
                    throw error("misplaced unicode character", at: pos)
                }
                throw error("malformed UTF-8 encoding", at: pos)
            }
        }
    }

    /// "unknown operator", over the token's extent as the reference reports it.
    private func unknownOperator(_ start: Int, _ end: Int) -> TextError {
        let text = String(decoding: src[start..<end], as: UTF8.self)
        var e = error("unknown operator " + text, at: start)
        e.end = location(end)
        return e
    }

    /// The end of the longest run of `idchar`s and complete strings from `p`.
    func reservedRun(from p: Int) -> Int {
        var q = p
        let n = src.count
        while q < n {
            let b = src[q]
            if ByteClass.has(b, ByteClass.idchar) {
                q += 1
            } else if b == UInt8(ascii: "\"") {
                guard case .closed(let end) = scanString(q) else { break }
                q = end
            } else {
                break
            }
        }
        return q
    }

    /// A token starting with an `idchar`.
    private mutating func run() throws(TextError) -> Token {
        let start = pos
        let end = reservedRun(from: start)
        let loc = location(start)
        var hasString = false
        for i in start..<end where src[i] == UInt8(ascii: "\"") {
            hasString = true
            break
        }
        let first = src[start]
        if hasString {
            // Only `$"..."` is a token here.
            if first == UInt8(ascii: "$"), case .closed(let e) = scanString(start + 1), e == end {
                let bytes = try decodeString(start + 1, end)
                if bytes.isEmpty { throw error("empty identifier", at: start) }
                pos = end
                return Token(kind: .id, start: start, end: end, location: loc, bytes: bytes)
            }
            if first == UInt8(ascii: "$") && end == start + 1 {
                throw error("empty identifier", at: start)
            }
            throw unknownOperator(start, end)
        }
        if let kind = NumberShape.classify(src, start, end) {
            pos = end
            return Token(kind: kind, start: start, end: end, location: loc)
        }
        if first == UInt8(ascii: "$") {
            if end == start + 1 { throw error("empty identifier", at: start) }
            pos = end
            return Token(kind: .id, start: start, end: end, location: loc, bytes: Array(src[(start + 1)..<end]))
        }
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            var isKeyword = end - start >= 2
            if isKeyword {
                for i in (start + 1)..<end where !ByteClass.has(src[i], ByteClass.keychar) {
                    isKeyword = false
                    break
                }
            }
            if isKeyword {
                guard let k = keywords.lookup(src[start..<end]) else {
                    throw unknownOperator(start, end)
                }
                pos = end
                return Token(kind: .keyword, keyword: k, start: start, end: end, location: loc)
            }
            for (prefix, kind) in Lexer.memargPrefixes {
                if end - start > prefix.count && src[start..<(start + prefix.count)].elementsEqual(prefix)
                    && NumberShape.classify(src, start + prefix.count, end) == .nat
                {
                    pos = end
                    return Token(kind: kind, start: start, end: end, location: loc, numberStart: start + prefix.count)
                }
            }
        }
        throw unknownOperator(start, end)
    }

    // MARK: Strings

    /// Scans a string literal whose opening quote is at `start`.
    func scanString(_ start: Int) -> StringScan {
        let n = src.count
        var p = start + 1
        var lastEscape: Int? = nil
        while p < n {
            let b = src[p]
            if b == UInt8(ascii: "\"") { return .closed(end: p + 1) }
            if b == UInt8(ascii: "\\") {
                let len = escapeLength(p)
                if len == 0 { return .open(failure: p, lastEscape: lastEscape) }
                lastEscape = p
                p += len
            } else if b < 0x20 || b == 0x7F {
                return .open(failure: p, lastEscape: lastEscape)
            } else if b < 0x80 {
                p += 1
            } else {
                let len = UTF8Check.encodedLength(src, p)
                if len == 0 { return .open(failure: p, lastEscape: lastEscape) }
                p += len
            }
        }
        return .open(failure: n, lastEscape: lastEscape)
    }

    /// The length of the escape sequence whose backslash is at `p`, or 0.
    private func escapeLength(_ p: Int) -> Int {
        let c = byte(p + 1)
        guard c >= 0 else { return 0 }
        let b = UInt8(c)
        switch b {
        case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "\\"),
            UInt8(ascii: "'"), UInt8(ascii: "\""):
            return 2
        case UInt8(ascii: "u"):
            guard byte(p + 2) == Int(UInt8(ascii: "{")) else { return 0 }
            let e = NumberShape.hexnum(src, p + 3, src.count)
            guard e > p + 3, byte(e) == Int(UInt8(ascii: "}")) else { return 0 }
            return e + 1 - p
        default:
            if ByteClass.has(b, ByteClass.hexdigit), p + 2 < src.count,
                ByteClass.has(src[p + 2], ByteClass.hexdigit)
            {
                return 3
            }
            return 0
        }
    }

    /// The error for a string literal that does not close, as the reference's string
    /// error rules decide it (the main lexer's, or those inside annotations).
    private func stringError(start: Int, failure f: Int, lastEscape: Int?, annotation: Bool) -> TextError {
        let n = src.count
        let b = f < n ? Int(src[f]) : -1
        if b < 0 || b == 0x0A || (!annotation && b == 0x0D) {
            return error("unclosed string literal", at: start)
        }
        let isControl: Bool
        if annotation {
            isControl = (b < 0x20 && b != 0x0A) || b == 0x7F
        } else {
            isControl = b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D
        }
        if isControl {
            return error("illegal control character in string literal", at: start)
        }
        if b == Int(UInt8(ascii: "\\")) && f + 1 < n {
            return error("illegal escape", at: f + 2)
        }
        if let q = lastEscape {
            return error("illegal escape", at: q + 2)
        }
        return error(annotation ? "illegal character" : "malformed UTF-8 encoding", at: start)
    }

    /// The bytes a complete string literal `[start, end)` denotes (§6.3.3).
    func decodeString(_ start: Int, _ end: Int) throws(TextError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start - 2)
        var p = start + 1
        let last = end - 1
        while p < last {
            let b = src[p]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                p += 1
                continue
            }
            let e = src[p + 1]
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A); p += 2
            case UInt8(ascii: "r"): out.append(0x0D); p += 2
            case UInt8(ascii: "t"): out.append(0x09); p += 2
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e); p += 2
            case UInt8(ascii: "u"):
                var q = p + 3
                var code: UInt64 = 0
                var tooBig = false
                while src[q] != UInt8(ascii: "}") {
                    if let d = NumberShape.hexValue(src[q]) {
                        if code > 0xFFFF_FFFF { tooBig = true }
                        code = (code << 4) | UInt64(d)
                    }
                    q += 1
                }
                if tooBig || !UTF8Check.append(code, to: &out) {
                    throw error("malformed UTF-8 encoding", at: p)
                }
                p = q + 1
            default:
                let hi = NumberShape.hexValue(e) ?? 0
                let lo = NumberShape.hexValue(src[p + 2]) ?? 0
                out.append(hi << 4 | lo)
                p += 3
            }
        }
        return out
    }

    // MARK: Comments

    /// Skips a line comment; returns true if it ran to the end of the source.
    private mutating func lineComment() -> Bool {
        let n = src.count
        var p = pos + 2
        while p < n {
            let b = src[p]
            if b == 0x0A {
                p += 1
                if byte(p) == 0x0D { p += 1 }
                pos = p
                newline(at: p)
                return false
            }
            if b == 0x0D {
                pos = p + 1
                newline(at: pos)
                return false
            }
            if b < 0x80 {
                p += 1
            } else {
                let len = UTF8Check.encodedLength(src, p)
                if len == 0 {
                    // The next token starts at the bad byte and reports it.
                    pos = p
                    return false
                }
                p += len
            }
        }
        pos = n
        return true
    }

    /// Skips a block comment `(; ... ;)`, nested ones included, without recursion.
    private mutating func blockComment() throws(TextError) {
        let n = src.count
        var starts: [SourceLocation] = [location(pos)]
        var p = pos + 2
        while !starts.isEmpty {
            guard p < n else {
                throw TextError("unclosed comment", at: starts[starts.count - 1])
            }
            let b = src[p]
            if b == UInt8(ascii: ";") && byte(p + 1) == Int(UInt8(ascii: ")")) {
                starts.removeLast()
                p += 2
            } else if b == UInt8(ascii: "(") && byte(p + 1) == Int(UInt8(ascii: ";")) {
                starts.append(location(p))
                p += 2
            } else if b == 0x0A {
                p += 1
                if byte(p) == 0x0D { p += 1 }
                newline(at: p)
            } else if b == 0x0D {
                p += 1
                newline(at: p)
            } else if b < 0x80 {
                p += 1
            } else {
                let len = UTF8Check.encodedLength(src, p)
                if len == 0 { throw error("malformed UTF-8 encoding", at: p) }
                p += len
            }
        }
        pos = p
    }

    // MARK: Annotations

    /// The name of an annotation whose `(@` is at `p`, and where the name ends; throws
    /// the reference's errors for a missing or malformed name. Returns nil when the
    /// `(@` is not followed by a name and `strict` is false (inside annotations, where
    /// `(` then starts a plain parenthesised list).
    private func annotationName(_ p: Int, strict: Bool) throws(TextError) -> ([UInt8], Int)? {
        let q = p + 2
        let c = byte(q)
        if c >= 0 && ByteClass.has(UInt8(c), ByteClass.idchar) {
            var e = q
            while e < src.count && ByteClass.has(src[e], ByteClass.idchar) { e += 1 }
            return (Array(src[q..<e]), e)
        }
        if c == Int(UInt8(ascii: "\"")), case .closed(let e) = scanString(q) {
            let name = try decodeString(q, e)
            if name.isEmpty { throw error("empty annotation id", at: p) }
            if !UTF8Check.isValid(name) { throw error("malformed UTF-8 encoding", at: p) }
            return (name, e)
        }
        if strict { throw error("empty annotation id", at: p) }
        return nil
    }

    /// Skips an annotation `(@id ...)`, recording it, and checks its contents as the
    /// reference's annotation lexer does. Nesting is tracked without recursion.
    private mutating func annotation() throws(TextError) {
        let start = pos
        let startLocation = location(pos)
        guard let (name, afterName) = try annotationName(pos, strict: true) else { return }
        let n = src.count
        var opens: [SourceLocation] = [startLocation]
        var p = afterName
        while !opens.isEmpty {
            guard p < n else {
                throw TextError("unclosed annotation", at: opens[opens.count - 1])
            }
            let b = src[p]
            switch b {
            case UInt8(ascii: ")"):
                opens.removeLast()
                p += 1
            case UInt8(ascii: "("):
                if byte(p + 1) == Int(UInt8(ascii: ";")) {
                    pos = p
                    try blockComment()
                    p = pos
                } else if byte(p + 1) == Int(UInt8(ascii: "@")),
                    let (_, e) = try annotationName(p, strict: false)
                {
                    opens.append(location(p))
                    p = e
                } else {
                    opens.append(location(p))
                    p += 1
                }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0D:
                p += 1
            case 0x0A:
                p += 1
                newline(at: p)
            case UInt8(ascii: ";"):
                if byte(p + 1) == Int(UInt8(ascii: ";")) {
                    p += 2
                    while p < n {
                        let c = src[p]
                        if c == 0x0A || c == 0x0D { break }
                        if c < 0x80 {
                            p += 1
                        } else {
                            let len = UTF8Check.encodedLength(src, p)
                            if len == 0 { break }
                            p += len
                        }
                    }
                    if p >= n { throw TextError("unclosed annotation", at: opens[opens.count - 1]) }
                    if src[p] == 0x0A {
                        p += 1
                        newline(at: p)
                    }
                } else {
                    p += 1
                }
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                UInt8(ascii: "}"):
                p += 1
            case UInt8(ascii: "\""):
                switch scanString(p) {
                case .closed:
                    _ = try decodeString(p, reservedRunEndClosed(p))
                    p = reservedRun(from: p)
                case .open(let failure, let lastEscape):
                    throw stringError(start: p, failure: failure, lastEscape: lastEscape, annotation: true)
                }
            default:
                if ByteClass.has(b, ByteClass.idchar) {
                    let e = reservedRun(from: p)
                    if b == UInt8(ascii: "$") {
                        if e == p + 1 { throw error("empty identifier", at: p) }
                        if case .closed(let se) = scanString(p + 1), se == e {
                            if try decodeString(p + 1, e).isEmpty { throw error("empty identifier", at: p) }
                        }
                    }
                    p = e
                } else if b >= 0x80 && UTF8Check.encodedLength(src, p) == 0 {
                    throw error("malformed UTF-8 encoding", at: p)
                } else {
                    throw error("illegal character", at: p)
                }
            }
        }
        annotations.append(Annotation(name: name, start: start, end: p, location: startLocation))
        pos = p
    }

    private func reservedRunEndClosed(_ p: Int) -> Int {
        if case .closed(let e) = scanString(p) { return e }
        return p
    }
}

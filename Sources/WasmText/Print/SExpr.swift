// S-expressions and their line layout, as the reference interpreter prints them
// (its util/sexpr.ml): a node whose flat text fits in the remaining width is written
// on one line; otherwise each child goes on its own line, indented two spaces more
// than the node, and the closing parenthesis on a line of its own at the node's
// indentation.
//
// The tree lives in an arena and is built top-down through an explicit stack of open
// nodes, and both passes over it (measuring and writing) are loops, so a module with
// instructions nested 100,000 deep prints without deep native recursion.
//
// One deliberate difference: the reference indents every level two columns further,
// so its output grows with the square of the nesting depth (100,000 nested blocks
// would take 20 GB of spaces). Here indentation stops growing at ``maxIndent`` columns
// (at least 200, i.e. 100 levels); the decision whether a node fits on its line still
// uses its true column, so up to that depth the text is the reference's.

/// An s-expression under construction: atoms and parenthesised nodes with a head.
struct SExprTree {
    /// One atom or node. Children are a singly linked list of node indices, so the
    /// arena needs no array per node. A child is always created after its parent, so
    /// its index is larger. An atom may stand for `count` equal atoms in a row: a
    /// function's locals are stored run-length encoded, up to 2^32 - 1 of them, and
    /// the tree should not cost a node for each.
    private struct Node {
        var text: String
        var isAtom: Bool
        var count: UInt32 = 1
        var firstChild = -1
        var lastChild = -1
        var next = -1
    }

    private var nodes: [Node] = []
    /// The nodes opened and not yet closed, innermost last; the root stays open.
    private var openNodes: [Int] = []
    /// Whether lane indices from 128 up are written as the reference writes them (see
    /// `PrintInstr.laneIndex`).
    var referenceLanes = false

    /// A tree whose root is the node `(head ...)`.
    init(root head: String) {
        nodes.append(Node(text: head, isAtom: false))
        openNodes.append(0)
    }

    /// How many nodes are open below the root.
    var depth: Int { openNodes.count - 1 }

    private mutating func append(_ node: Node) -> Int {
        let i = nodes.count
        nodes.append(node)
        if let p = openNodes.last {
            let last = nodes[p].lastChild
            if last >= 0 { nodes[last].next = i } else { nodes[p].firstChild = i }
            nodes[p].lastChild = i
        }
        return i
    }

    /// Adds an atom to the innermost open node, `count` times.
    mutating func atom(_ text: String, count: UInt32 = 1) {
        guard count > 0 else { return }
        _ = append(Node(text: text, isAtom: true, count: count))
    }

    /// Adds the node `(head)` without children.
    mutating func leaf(_ head: String) {
        _ = append(Node(text: head, isAtom: false))
    }

    /// Opens the node `(head ...)`: what is added next goes inside, until ``close()``.
    mutating func open(_ head: String) {
        openNodes.append(append(Node(text: head, isAtom: false)))
    }

    /// Adds a copy of `other` (its root node with everything in it) to the innermost
    /// open node.
    mutating func append(_ other: SExprTree) {
        // Each entry: a node of `other` whose children are being copied, and the next.
        var stack: [Int] = []
        open(other.nodes[0].text)
        stack.append(other.nodes[0].firstChild)
        while let c = stack.last {
            if c < 0 {
                stack.removeLast()
                close()
                continue
            }
            let n = other.nodes[c]
            stack[stack.count - 1] = n.next
            if n.isAtom {
                atom(n.text, count: n.count)
            } else {
                open(n.text)
                stack.append(n.firstChild)
            }
        }
    }

    /// Closes the innermost open node. The root is never closed.
    mutating func close() {
        if openNodes.count > 1 { openNodes.removeLast() }
    }

    /// The widest indentation written: deeper lines start at this column.
    static func maxIndent(width: Int) -> Int { max(200, width) }

    /// The text of the tree laid out within `width` columns, ending with a newline.
    func layout(width: Int) -> String {
        let maxIndent = SExprTree.maxIndent(width: width)
        // Flat lengths in bytes, children before parents: `(`, the head, a space before
        // each child, the children, `)`.
        var length = [Int](repeating: 0, count: nodes.count)
        var i = nodes.count - 1
        while i >= 0 {
            let n = nodes[i]
            var len = n.text.utf8.count
            if !n.isAtom {
                len &+= 2
                var c = n.firstChild
                while c >= 0 {
                    len &+= Int(nodes[c].count) &* (1 &+ length[c])
                    c = nodes[c].next
                }
            }
            length[i] = len
            i -= 1
        }

        var out: [UInt8] = []
        out.reserveCapacity(min(length.first ?? 0, 1 << 24) &+ 1)
        let spaces = [UInt8](repeating: 0x20, count: maxIndent)
        func indent(_ n: Int) {
            spaces.withUnsafeBufferPointer { out.append(contentsOf: $0[0..<min(max(n, 0), maxIndent)]) }
        }
        struct Frame {
            var offset: Int
            var broken: Bool
            var next: Int
        }
        var stack: [Frame] = []
        func open(_ n: Int, offset: Int) {
            out.append(UInt8(ascii: "("))
            out.append(contentsOf: nodes[n].text.utf8)
            let broken = offset &+ length[n] > width
            stack.append(Frame(offset: offset, broken: broken, next: nodes[n].firstChild))
        }
        open(0, offset: 0)
        while let top = stack.last {
            let c = top.next
            if c < 0 {
                if top.broken {
                    out.append(0x0A)
                    indent(top.offset)
                }
                out.append(UInt8(ascii: ")"))
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next = nodes[c].next
            let child = nodes[c]
            for _ in 0..<(child.isAtom ? child.count : 1) {
                if top.broken {
                    out.append(0x0A)
                    indent(top.offset &+ 2)
                } else {
                    out.append(0x20)
                }
                if child.isAtom { out.append(contentsOf: child.text.utf8) }
            }
            if !child.isAtom { open(c, offset: top.offset &+ 2) }
        }
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// The tree on one line, without breaks or a final newline.
    func flat() -> String {
        var out: [UInt8] = []
        // Each entry: the node and its next child still to write.
        var stack: [(node: Int, next: Int)] = [(0, nodes[0].firstChild)]
        out.append(UInt8(ascii: "("))
        out.append(contentsOf: nodes[0].text.utf8)
        while let top = stack.last {
            let c = top.next
            if c < 0 {
                out.append(UInt8(ascii: ")"))
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next = nodes[c].next
            let child = nodes[c]
            if child.isAtom {
                for _ in 0..<child.count {
                    out.append(0x20)
                    out.append(contentsOf: child.text.utf8)
                }
            } else {
                out.append(0x20)
                out.append(UInt8(ascii: "("))
                out.append(contentsOf: child.text.utf8)
                stack.append((c, child.firstChild))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

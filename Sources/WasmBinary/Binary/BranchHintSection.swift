// The branch-hint section (custom section `metadata.code.branch_hint`; reference:
// custom/handler_branch_hint.ml): for some functions, which `if` and `br_if`
// instructions are likely or unlikely to branch. The binary form names an instruction
// by its byte offset from the start of its function's code entry; the parsed form, like
// the reference's, by its position among the function's instructions in pre-order
// (structured instructions before their bodies, `else` and `end` not counted).

/// The contents of a branch-hint section.
public struct BranchHintSection: Hashable, Sendable {
    /// The hint's value.
    public enum Kind: UInt8, Hashable, Sendable {
        case unlikely = 0
        case likely = 1
    }

    /// One hint: its value and the instruction it is for.
    public struct Hint: Hashable, Sendable {
        public var kind: Kind
        /// The instruction's index in the function's pre-order (see the file comment).
        public var instruction: Int
        public var region: SourceRegion

        public init(_ kind: Kind, instruction: Int, region: SourceRegion) {
            self.kind = kind
            self.instruction = instruction
            self.region = region
        }
    }

    /// The hints of each function, by function index (imports counted), in order.
    public var functions: [UInt32: [Hint]]
    public var region: SourceRegion

    public init(functions: [UInt32: [Hint]] = [:], region: SourceRegion) {
        self.functions = functions
        self.region = region
    }

    /// The function a hint's function index names: the reference subtracts the number
    /// of imports of every kind, not only of functions (`get_func`).
    static func function(_ m: Module, _ x: UInt32) -> Int? {
        let k = Int(x) - m.imports.count
        return k >= 0 && k < m.funcs.count ? k : nil
    }

    /// The pre-order indices of a body's instructions with their positions in the flat
    /// sequence (`else` and `end` left out).
    static func preorder(_ body: [Instruction]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(body.count)
        for (i, instr) in body.enumerated() {
            switch instr {
            case .else, .end: continue
            default: out.append(i)
            }
        }
        return out
    }

    // MARK: Decoding

    /// Decodes the section's content for module `m`, whose code entries and instructions
    /// lie at `offsets` (`decode`).
    public static func decode(
        _ content: [UInt8], module m: Module, offsets: [CodeOffsets], region: SourceRegion
    ) throws(CustomError) -> BranchHintSection {
        var r = CustomReader(content, file: "@metadata.code.branch_hint section")
        var functions: [UInt32: [Hint]] = [:]
        let count = try r.u32()
        var read: [(UInt32, [Hint])] = []
        var i: UInt32 = 0
        while i < count {
            let fidx = try r.u32()
            guard let k = function(m, fidx), k < offsets.count else {
                throw r.error(r.pos, "@metadata.code.branch_hint section: invalid function index")
            }
            let entry = offsets[k].entry
            // Instruction offsets in pre-order, which in a binary is also offset order.
            let starts = preorder(m.funcs[k].body).map { offsets[k].instructions[$0] }
            var hints: [Hint] = []
            let n = try r.u32()
            var j: UInt32 = 0
            while j < n {
                let off = try r.u32()
                if try r.u32() != 1 {
                    throw r.error(r.pos, "@metadata.code.branch_hint section: missing reserved byte")
                }
                let kind: Kind
                switch try r.byte() {
                case 0: kind = .unlikely
                case 1: kind = .likely
                default: throw r.error(r.pos, "@metadata.code.branch_hint section: invalid hint value")
                }
                let absolute = Int(Int32(bitPattern: off &+ UInt32(truncatingIfNeeded: entry)))
                guard let idx = starts.firstIndex(where: { absolute <= $0 }) else {
                    throw r.error(r.pos, "@metadata.code.branch_hint section: invalid offset")
                }
                hints.append(Hint(kind, instruction: idx, region: .offset("", absolute)))
                j += 1
            }
            read.append((fidx, hints))
            i += 1
        }
        // The reference builds the map from its list of functions, which its decoder
        // reads back to front: of two entries for one function, the first one stays.
        for (fidx, hints) in read.reversed() { functions[fidx] = hints }
        return BranchHintSection(functions: functions, region: region)
    }

    // MARK: Encoding

    /// The section's content for module `m` (`encode`): offsets are taken from `m`
    /// encoded without custom sections.
    public func encode(for m: Module) -> [UInt8] {
        let offsets = (try? Module.decodeWithOffsets(m.encodePlain()))?.1 ?? []
        var out: [UInt8] = []
        let keys = functions.keys.sorted(by: signedOrder)
        appendCustomU32(UInt32(truncatingIfNeeded: keys.count), to: &out)
        for fidx in keys {
            appendCustomU32(fidx, to: &out)
            let hints = functions[fidx] ?? []
            appendCustomU32(UInt32(truncatingIfNeeded: hints.count), to: &out)
            guard let k = BranchHintSection.function(m, fidx), k < offsets.count else { continue }
            let starts = BranchHintSection.preorder(m.funcs[k].body).map { offsets[k].instructions[$0] }
            for h in hints {
                let at = h.instruction < starts.count ? starts[h.instruction] : offsets[k].entry
                appendCustomU32(UInt32(truncatingIfNeeded: at - offsets[k].entry), to: &out)
                appendCustomU32(1, to: &out)
                appendCustomU32(UInt32(h.kind.rawValue), to: &out)
            }
        }
        return out
    }

    /// The section as the `custom` handler would keep it.
    public func customSection(for m: Module) -> CustomSection {
        CustomSection(name: CustomHandler.branchHint.rawValue, content: encode(for: m), place: .before(.code))
    }

    // MARK: Checking

    /// Every hint must be for an `if` or `br_if`, in increasing order within its
    /// function (`check`). As in the reference, the first instruction of a body
    /// cannot carry a hint: the order check starts from it.
    public func check(_ m: Module) throws(CustomError) {
        for fidx in functions.keys.sorted(by: signedOrder) {
            guard let k = BranchHintSection.function(m, fidx) else { continue }
            let body = m.funcs[k].body
            let flat = BranchHintSection.preorder(body)
            var previous = 0
            for h in functions[fidx] ?? [] {
                guard h.instruction < flat.count else { continue }
                switch body[flat[h.instruction]] {
                case .if, .brIf:
                    if previous >= h.instruction {
                        throw CustomError(.invalid, h.region, "@metadata.code.branch_hint annotation: invalid order")
                    }
                    previous = h.instruction
                default:
                    throw CustomError(.invalid, h.region, "@metadata.code.branch_hint annotation: invalid target")
                }
            }
        }
    }
}

// The syntax as parsed, before identifiers are resolved (§6.4–§6.6). Parsing checks
// the grammar and what the reference checks while parsing; resolution then binds
// identifiers, desugars abbreviations and raises the errors the reference raises
// later, in the reference's order (see Resolver.swift).

import WasmBinary

/// An identifier as written, without its `$`.
struct RawName: Sendable {
    var text: String
    /// Whether the bytes were well-formed UTF-8 (checked where the reference checks).
    var valid: Bool
    var location: SourceLocation
}

/// An index as written: a number or an identifier.
enum RawIdx: Sendable {
    /// A number; nil when it does not fit in 32 bits.
    case num(UInt32?, SourceLocation)
    case name(RawName)

    var location: SourceLocation {
        switch self {
        case .num(_, let l): l
        case .name(let n): n.location
        }
    }
}

enum RawHeapType: Sendable {
    case abstract(HeapType)
    case idx(RawIdx)
}

struct RawRefType: Sendable {
    var nullable: Bool
    var heap: RawHeapType
}

enum RawValType: Sendable {
    /// A number or vector type.
    case plain(ValType)
    case ref(RawRefType)
}

enum RawStorageType: Sendable {
    case val(RawValType)
    case packed(PackedType)
}

struct RawFieldType: Sendable {
    var mutable: Bool
    var storage: RawStorageType
}

/// A struct field: named fields come one by one, unnamed ones in groups.
struct RawField: Sendable {
    var name: RawName?
    var types: [RawFieldType]
    var location: SourceLocation
}

/// Parameters or locals: `(param $x t)` or `(param t*)`.
struct RawLocalGroup: Sendable {
    var name: RawName?
    var types: [RawValType]
    var location: SourceLocation
}

struct RawFuncType: Sendable {
    var params: [RawLocalGroup] = []
    var results: [RawValType] = []

    var isEmpty: Bool { params.allSatisfy { $0.types.isEmpty } && results.isEmpty }
}

enum RawCompType: Sendable {
    case `struct`([RawField])
    case array(RawFieldType)
    case `func`(RawFuncType)
}

struct RawSubType: Sendable {
    var isFinal: Bool
    var supertypes: [RawIdx]
    var comp: RawCompType
}

struct RawTypeDef: Sendable {
    var name: RawName?
    var sub: RawSubType
    var location: SourceLocation
}

/// A memory argument: offset and alignment are converted while parsing, as in the
/// reference.
struct RawMemArg: Sendable {
    var memory: RawIdx?
    var offset: UInt64
    /// log2 of the alignment, if written.
    var align: UInt32?
}

enum RawCatch: Sendable {
    case `catch`(RawIdx, RawIdx, SourceLocation)
    case catchRef(RawIdx, RawIdx, SourceLocation)
    case catchAll(RawIdx, SourceLocation)
    case catchAllRef(RawIdx, SourceLocation)
}

/// The signature part of a structured instruction or of `call_indirect`: label, type
/// use, parameters, results and handlers.
struct RawBlockSig: Sendable {
    var label: RawName?
    var endLabels: [RawName] = []
    var typeUse: RawIdx?
    var type = RawFuncType()
    var catches: [RawCatch] = []
    var location: SourceLocation
}

enum BlockKind: UInt8, Sendable {
    case block, loop, `if`, tryTable
}

enum StructOpKind: Sendable {
    case new, newDefault, get(Signedness?), set
}

enum ArrayOpKind: Sendable {
    case new, newDefault, newFixed(UInt32), newData, newElem, get(Signedness?), set, fill, copy,
        initData, initElem
}

/// An instruction as written.
enum RawInstr: Sendable {
    /// Nothing left to resolve.
    case fixed(Instruction)
    /// An error the reference raises only when it gets to this instruction.
    case failed(TextError)
    case br(RawIdx)
    case brIf(RawIdx)
    case brTable([RawIdx])
    case brOnNull(RawIdx, nonNull: Bool)
    case brOnCast(RawIdx, RawRefType, RawRefType, fail: Bool)
    case call(RawIdx)
    case callRef(RawIdx)
    case returnCall(RawIdx)
    case returnCallRef(RawIdx)
    case callIndirect(table: RawIdx?, sig: Int32, isReturn: Bool)
    case `throw`(RawIdx)
    case localGet(RawIdx), localSet(RawIdx), localTee(RawIdx)
    case globalGet(RawIdx), globalSet(RawIdx)
    case tableGet(RawIdx?), tableSet(RawIdx?), tableSize(RawIdx?), tableGrow(RawIdx?), tableFill(RawIdx?)
    case tableCopy(RawIdx?, RawIdx?)
    case tableInit(RawIdx?, RawIdx)
    case elemDrop(RawIdx)
    case load(LoadOp, RawMemArg)
    case store(StoreOp, RawMemArg)
    case laneMemory(LaneMemoryOp, RawMemArg, UInt8)
    case memorySize(RawIdx?), memoryGrow(RawIdx?), memoryFill(RawIdx?)
    case memoryCopy(RawIdx?, RawIdx?)
    case memoryInit(RawIdx?, RawIdx)
    case dataDrop(RawIdx)
    case refNull(RawHeapType)
    case refFunc(RawIdx)
    case refTest(RawRefType)
    case refCast(RawRefType)
    case structOp(StructOpKind, RawIdx, RawIdx?)
    case arrayOp(ArrayOpKind, RawIdx, RawIdx?)
    case select([RawValType]?)
    case block(BlockKind, sig: Int32)
}

/// A parsed instruction sequence (a function body or a constant expression): a range
/// of the arena's output order, and the first step of its resolution order.
struct RawBody: Sendable {
    var emitStart: Int
    var emitEnd: Int
    var firstStep: Int32
    var location: SourceLocation
}

/// Steps of resolution, in the order the reference performs them.
enum StepKind: UInt8, Sendable {
    /// Resolve the immediates of instruction `arg`.
    case instr
    /// Check the end labels of structured instruction `arg` and bind its label.
    case enter
    /// Check the end labels only (folded `if`, whose conditions see the outer labels).
    case labelCheck
    /// Bind the label of `arg`.
    case push
    /// Unbind the innermost label.
    case pop
    /// Resolve the handlers and block type of structured instruction `arg`.
    case blockType
}

/// Instructions of all bodies of a module, with their output order and resolution
/// steps. Resolution steps form linked lists so that the parser can join them in the
/// reference's order in constant time whatever the nesting.
struct InstrArena: Sendable {
    var raws: [RawInstr] = []
    var locations: [SourceLocation] = []
    var sigs: [RawBlockSig] = []
    /// Output order: raw indices, or `elseMark`/`endMark`.
    var emit: [Int32] = []
    var stepKinds: [StepKind] = []
    var stepArgs: [Int32] = []
    var stepNext: [Int32] = []

    /// When set, where each instruction starts and ends, as the reference's regions
    /// span them (a folded instruction from its parenthesis, a structured one to its
    /// `end`), for reporting positions; empty otherwise.
    var recordsSpans = false
    var spanStarts: [SourceLocation] = []
    var spanEnds: [SourceLocation] = []

    static let elseMark: Int32 = -1
    static let endMark: Int32 = -2

    mutating func add(_ raw: RawInstr, at location: SourceLocation) -> Int32 {
        raws.append(raw)
        locations.append(location)
        if recordsSpans {
            spanStarts.append(location)
            spanEnds.append(location)
        }
        return Int32(raws.count - 1)
    }

    mutating func setStart(_ i: Int32, _ l: SourceLocation) {
        if recordsSpans { spanStarts[Int(i)] = l }
    }

    mutating func setEnd(_ i: Int32, _ l: SourceLocation) {
        if recordsSpans { spanEnds[Int(i)] = l }
    }

    mutating func addSig(_ sig: RawBlockSig) -> Int32 {
        sigs.append(sig)
        return Int32(sigs.count - 1)
    }

    /// A one-step list.
    mutating func step(_ kind: StepKind, _ arg: Int32 = -1) -> StepList {
        stepKinds.append(kind)
        stepArgs.append(arg)
        stepNext.append(-1)
        let i = Int32(stepKinds.count - 1)
        return StepList(head: i, tail: i)
    }

    /// `a` followed by `b`.
    mutating func join(_ a: StepList, _ b: StepList) -> StepList {
        if a.head < 0 { return b }
        if b.head < 0 { return a }
        stepNext[Int(a.tail)] = b.head
        return StepList(head: a.head, tail: b.tail)
    }

    mutating func join(_ lists: StepList...) -> StepList {
        var r = StepList.empty
        for l in lists { r = join(r, l) }
        return r
    }
}

/// A linked list of resolution steps.
struct StepList: Sendable {
    var head: Int32
    var tail: Int32

    static let empty = StepList(head: -1, tail: -1)
}

// MARK: Module fields

/// An inline `(export "name")`.
struct RawExportName: Sendable {
    var name: String
    var location: SourceLocation
}

/// An inline `(import "module" "name")`.
struct RawImportName: Sendable {
    var module: String
    var name: String
}

/// A type use with its inline signature: `(type x)? (param ...)* (result ...)*`.
struct RawTypeUse: Sendable {
    var typeUse: RawIdx?
    var type: RawFuncType
    var location: SourceLocation
}

struct RawFunc: Sendable {
    var name: RawName?
    var exports: [RawExportName]
    var `import`: RawImportName?
    var type: RawTypeUse
    var locals: [RawLocalGroup]
    var body: RawBody?
}

struct RawTableField: Sendable {
    var name: RawName?
    var exports: [RawExportName]
    var `import`: RawImportName?
    var addrType: AddrType
    var limits: Limits
    var elemType: RawRefType
    var initializer: RawBody?
    /// `(table t (elem ...))`: the segment's items.
    var inlineElems: RawElemItems?
}

struct RawMemoryField: Sendable {
    var name: RawName?
    var exports: [RawExportName]
    var `import`: RawImportName?
    var addrType: AddrType
    var limits: Limits
    /// `(memory (data ...))`: the segment's bytes.
    var inlineData: [UInt8]?
}

struct RawGlobalField: Sendable {
    var name: RawName?
    var exports: [RawExportName]
    var `import`: RawImportName?
    var mutable: Bool
    var type: RawValType
    var initializer: RawBody?
}

struct RawTagField: Sendable {
    var name: RawName?
    var exports: [RawExportName]
    var `import`: RawImportName?
    var type: RawTypeUse
}

enum RawElemItems: Sendable {
    /// Function indices, each becoming a `ref.func`.
    case funcs([RawIdx])
    /// Expressions.
    case exprs([RawBody])
}

enum RawElemType: Sendable {
    /// `func`, or the abbreviation without a type: `(ref func)`.
    case funcKind
    case ref(RawRefType)
}

enum RawElemMode: Sendable {
    case passive
    case declarative
    case active(table: RawIdx?, offset: RawBody)
}

struct RawElemField: Sendable {
    var name: RawName?
    var mode: RawElemMode
    var type: RawElemType
    var items: RawElemItems
}

enum RawDataMode: Sendable {
    case passive
    case active(memory: RawIdx?, offset: RawBody)
}

struct RawDataField: Sendable {
    var name: RawName?
    var mode: RawDataMode
    var bytes: [UInt8]
}

enum RawImportDesc: Sendable {
    case `func`(RawName?, RawTypeUse)
    case tag(RawName?, RawTypeUse)
    case global(RawName?, mutable: Bool, RawValType)
    case memory(RawName?, AddrType, Limits)
    case table(RawName?, AddrType, Limits, RawRefType)
}

struct RawImportField: Sendable {
    var module: String
    var name: String
    var desc: RawImportDesc
}

struct RawExportField: Sendable {
    var name: String
    var kind: ExternKind
    var index: RawIdx
}

enum RawFieldKind: Sendable {
    case types([RawTypeDef], isRec: Bool)
    case `func`(RawFunc)
    case table(RawTableField)
    case memory(RawMemoryField)
    case global(RawGlobalField)
    case tag(RawTagField)
    case `import`(RawImportField)
    case export(RawExportField)
    case start(RawIdx)
    case elem(RawElemField)
    case data(RawDataField)
}

struct RawModuleField: Sendable {
    var kind: RawFieldKind
    var location: SourceLocation
    /// Just after the field's closing parenthesis.
    var end: SourceLocation
}

/// A parsed text module, ready to be resolved.
struct RawModule: Sendable {
    var fields: [RawModuleField] = []
    var arena = InstrArena()
}

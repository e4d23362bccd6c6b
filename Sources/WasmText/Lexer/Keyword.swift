// The keywords of the text format (§6.2.2 of the specification): every keyword the
// reference lexer knows. Operator mnemonics come from the operator tables; the rest
// are listed here. A keyword-shaped token that is neither is an "unknown operator".

import WasmBinary

/// Keywords that are not operator mnemonics of the operator tables.
enum FixedKeyword: String, CaseIterable, Sendable {
    case `any` = "any"
    case `anyConvertExtern` = "any.convert_extern"
    case `anyref` = "anyref"
    case `array` = "array"
    case `arrayCopy` = "array.copy"
    case `arrayFill` = "array.fill"
    case `arrayGet` = "array.get"
    case `arrayGetS` = "array.get_s"
    case `arrayGetU` = "array.get_u"
    case `arrayInitData` = "array.init_data"
    case `arrayInitElem` = "array.init_elem"
    case `arrayLen` = "array.len"
    case `arrayNew` = "array.new"
    case `arrayNewData` = "array.new_data"
    case `arrayNewDefault` = "array.new_default"
    case `arrayNewElem` = "array.new_elem"
    case `arrayNewFixed` = "array.new_fixed"
    case `arraySet` = "array.set"
    case `arrayref` = "arrayref"
    case `assertException` = "assert_exception"
    case `assertExhaustion` = "assert_exhaustion"
    case `assertInvalid` = "assert_invalid"
    case `assertInvalidCustom` = "assert_invalid_custom"
    case `assertMalformed` = "assert_malformed"
    case `assertMalformedCustom` = "assert_malformed_custom"
    case `assertReturn` = "assert_return"
    case `assertTrap` = "assert_trap"
    case `assertUnlinkable` = "assert_unlinkable"
    case `binary` = "binary"
    case `block` = "block"
    case `br` = "br"
    case `brIf` = "br_if"
    case `brOnCast` = "br_on_cast"
    case `brOnCastFail` = "br_on_cast_fail"
    case `brOnNonNull` = "br_on_non_null"
    case `brOnNull` = "br_on_null"
    case `brTable` = "br_table"
    case `call` = "call"
    case `callIndirect` = "call_indirect"
    case `callRef` = "call_ref"
    case `catch` = "catch"
    case `catchAll` = "catch_all"
    case `catchAllRef` = "catch_all_ref"
    case `catchRef` = "catch_ref"
    case `data` = "data"
    case `dataDrop` = "data.drop"
    case `declare` = "declare"
    case `definition` = "definition"
    case `drop` = "drop"
    case `either` = "either"
    case `elem` = "elem"
    case `elemDrop` = "elem.drop"
    case `else` = "else"
    case `end` = "end"
    case `eq` = "eq"
    case `eqref` = "eqref"
    case `exn` = "exn"
    case `exnref` = "exnref"
    case `export` = "export"
    case `extern` = "extern"
    case `externConvertAny` = "extern.convert_any"
    case `externref` = "externref"
    case `f32` = "f32"
    case `f32Const` = "f32.const"
    case `f32x4` = "f32x4"
    case `f64` = "f64"
    case `f64Const` = "f64.const"
    case `f64x2` = "f64x2"
    case `field` = "field"
    case `final` = "final"
    case `func` = "func"
    case `funcref` = "funcref"
    case `get` = "get"
    case `global` = "global"
    case `globalGet` = "global.get"
    case `globalSet` = "global.set"
    case `i16` = "i16"
    case `i16x8` = "i16x8"
    case `i31` = "i31"
    case `i31GetS` = "i31.get_s"
    case `i31GetU` = "i31.get_u"
    case `i31ref` = "i31ref"
    case `i32` = "i32"
    case `i32Const` = "i32.const"
    case `i32x4` = "i32x4"
    case `i64` = "i64"
    case `i64Const` = "i64.const"
    case `i64x2` = "i64x2"
    case `i8` = "i8"
    case `i8x16` = "i8x16"
    case `i8x16Shuffle` = "i8x16.shuffle"
    case `if` = "if"
    case `import` = "import"
    case `input` = "input"
    case `instance` = "instance"
    case `invoke` = "invoke"
    case `item` = "item"
    case `local` = "local"
    case `localGet` = "local.get"
    case `localSet` = "local.set"
    case `localTee` = "local.tee"
    case `loop` = "loop"
    case `memory` = "memory"
    case `memoryCopy` = "memory.copy"
    case `memoryFill` = "memory.fill"
    case `memoryGrow` = "memory.grow"
    case `memoryInit` = "memory.init"
    case `memorySize` = "memory.size"
    case `module` = "module"
    case `mut` = "mut"
    case `nanArithmetic` = "nan:arithmetic"
    case `nanCanonical` = "nan:canonical"
    case `noexn` = "noexn"
    case `noextern` = "noextern"
    case `nofunc` = "nofunc"
    case `none` = "none"
    case `nop` = "nop"
    case `null` = "null"
    case `nullexnref` = "nullexnref"
    case `nullexternref` = "nullexternref"
    case `nullfuncref` = "nullfuncref"
    case `nullref` = "nullref"
    case `offset` = "offset"
    case `output` = "output"
    case `param` = "param"
    case `quote` = "quote"
    case `rec` = "rec"
    case `ref` = "ref"
    case `refArray` = "ref.array"
    case `refAsNonNull` = "ref.as_non_null"
    case `refCast` = "ref.cast"
    case `refEq` = "ref.eq"
    case `refExn` = "ref.exn"
    case `refExtern` = "ref.extern"
    case `refFunc` = "ref.func"
    case `refHost` = "ref.host"
    case `refI31` = "ref.i31"
    case `refIsNull` = "ref.is_null"
    case `refNull` = "ref.null"
    case `refStruct` = "ref.struct"
    case `refTest` = "ref.test"
    case `register` = "register"
    case `result` = "result"
    case `return` = "return"
    case `returnCall` = "return_call"
    case `returnCallIndirect` = "return_call_indirect"
    case `returnCallRef` = "return_call_ref"
    case `script` = "script"
    case `select` = "select"
    case `start` = "start"
    case `struct` = "struct"
    case `structGet` = "struct.get"
    case `structGetS` = "struct.get_s"
    case `structGetU` = "struct.get_u"
    case `structNew` = "struct.new"
    case `structNewDefault` = "struct.new_default"
    case `structSet` = "struct.set"
    case `structref` = "structref"
    case `sub` = "sub"
    case `table` = "table"
    case `tableCopy` = "table.copy"
    case `tableFill` = "table.fill"
    case `tableGet` = "table.get"
    case `tableGrow` = "table.grow"
    case `tableInit` = "table.init"
    case `tableSet` = "table.set"
    case `tableSize` = "table.size"
    case `tag` = "tag"
    case `then` = "then"
    case `throw` = "throw"
    case `throwRef` = "throw_ref"
    case `tryTable` = "try_table"
    case `type` = "type"
    case `unreachable` = "unreachable"
    case `v128` = "v128"
    case `v128Const` = "v128.const"
}

/// A keyword token: a fixed keyword or an operator from one of the operator tables.
enum Keyword: Hashable, Sendable {
    case none
    case fixed(FixedKeyword)
    case numeric(NumericOp)
    case vector(VectorOp)
    case load(LoadOp)
    case store(StoreOp)
    case lane(LaneOp)
    case laneMemory(LaneMemoryOp)
}

/// A lookup from keyword bytes to keywords without allocating: open addressing over an
/// FNV-1a hash of the bytes, built once.
final class KeywordTable: Sendable {
    private let names: [[UInt8]]
    private let keywords: [Keyword]
    private let slots: [Int32]
    private let mask: Int

    static let shared = KeywordTable()

    private init() {
        var names: [[UInt8]] = []
        var keywords: [Keyword] = []
        func add(_ name: String, _ keyword: Keyword) {
            names.append(Array(name.utf8))
            keywords.append(keyword)
        }
        for k in FixedKeyword.allCases { add(k.rawValue, .fixed(k)) }
        for (name, op) in NumericOp.byName { add(name, .numeric(op)) }
        for (name, op) in VectorOp.byName { add(name, .vector(op)) }
        for (name, op) in LoadOp.byName { add(name, .load(op)) }
        for (name, op) in StoreOp.byName { add(name, .store(op)) }
        for (name, op) in LaneOp.byName { add(name, .lane(op)) }
        for (name, op) in LaneMemoryOp.byName { add(name, .laneMemory(op)) }
        var size = 1
        while size < names.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        for (i, name) in names.enumerated() {
            var h = Int(KeywordTable.hash(name[...])) & (size - 1)
            while slots[h] >= 0 { h = (h + 1) & (size - 1) }
            slots[h] = Int32(i)
        }
        self.names = names
        self.keywords = keywords
        self.slots = slots
        self.mask = size - 1
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes {
            h = (h ^ UInt32(b)) &* 16_777_619
        }
        return h
    }

    /// The keyword spelled by `bytes`, if any.
    func lookup(_ bytes: ArraySlice<UInt8>) -> Keyword? {
        var h = Int(KeywordTable.hash(bytes)) & mask
        while true {
            let i = slots[h]
            if i < 0 { return nil }
            if names[Int(i)].elementsEqual(bytes) { return keywords[Int(i)] }
            h = (h + 1) & mask
        }
    }
}

// Every error of the decoder, each provoked by a hand-written module, with the
// reference interpreter's message and offset. With `WASM_REFERENCE_INTERPRETER` set, the
// expectations themselves are checked against the reference too.

import Foundation
import Testing
import WasmBinary

struct ErrorCase: CustomTestStringConvertible, Sendable {
    var label: String
    var bytes: [UInt8]
    var message: String
    var offset: Int

    init(_ label: String, _ bytes: [UInt8], _ message: String, at offset: Int) {
        self.label = label
        self.bytes = bytes
        self.message = message
        self.offset = offset
    }

    var testDescription: String { label }
}

private let H = B.header
private func body(_ code: [UInt8], locals: [UInt8] = [0x00]) -> [UInt8] { B.function(code, locals: locals) }
private func atEnd(_ bytes: [UInt8]) -> Int { bytes.count }

let errorCases: [ErrorCase] = {
    var cases: [ErrorCase] = []
    func add(_ label: String, _ bytes: [UInt8], _ message: String, at offset: Int? = nil) {
        cases.append(ErrorCase(label, bytes, message, at: offset ?? bytes.count))
    }
    let endOfInput = "unexpected end of section or function"

    // Header (§5.5.16)
    add("empty input", [], endOfInput)
    add("magic only", [0x00, 0x61, 0x73, 0x6D], endOfInput)
    add("wrong magic", [0x61, 0x73, 0x6D, 0x00, 1, 0, 0, 0], "magic header not detected", at: 0)
    add("wrong version", [0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0], "unknown binary version", at: 4)
    add("truncated version", [0x00, 0x61, 0x73, 0x6D, 1, 0], endOfInput)

    // Sections (§5.5.2)
    add("section id 14", H + [14, 0x00], "malformed section id", at: 8)
    add("section id 0x7f after a section", H + B.voidType + [0x7F], "malformed section id", at: 14)
    add("section size beyond the input", H + [1, 5, 0x00], "length out of bounds", at: 9)
    add("section size larger than content", H + [1, 2, 0x00, 0x00], "section size mismatch", at: 10)
    add("section size smaller than content", H + [1, 1, 0x01, 0x60, 0x00, 0x00], "section size mismatch", at: 10)
    add("sections out of order", H + B.section(2, [0]) + B.section(1, [0]), "unexpected content after last section")
    add("duplicate section", H + B.voidType + B.voidType, "unexpected content after last section")
    add("data count after code", H + B.section(10, [0]) + B.section(12, [0]), "unexpected content after last section")
    add(
        "custom section name longer than the section", H + [0, 2, 5] + Array("abcde".utf8),
        endOfInput)
    add("custom section name beyond input", H + [0, 3, 5, 0x61, 0x62], "length out of bounds", at: 10)
    add(
        "function and code counts differ", H + B.voidType + B.section(3, B.vec([[0]])),
        "function and code section have inconsistent lengths")
    add(
        "data count and data differ", H + B.section(12, [1]),
        "data count and data section have inconsistent lengths")
    add("data.drop without data count", body([0xFC, 0x09, 0x00, 0x0B]), "data count section required")
    add(
        "memory.init without data count", body([0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x08, 0x00, 0x00, 0x0B]),
        "data count section required")
    add(
        "array.new_data without data count", body([0x41, 0, 0x41, 0, 0xFB, 0x09, 0x00, 0x00, 0x1A, 0x0B]),
        "data count section required")

    // LEB128 (§5.2.2)
    add(
        "u32 with six bytes", H + [3, 6, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
        "integer representation too long", at: 15)
    add("u32 with unused bits set", H + [3, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F], "integer too large", at: 14)
    add(
        "s32 with unused bits not the sign", body([0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x1A, 0x0B]),
        "integer too large", at: 28)
    add(
        "s32 with six bytes", body([0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1A, 0x0B]),
        "integer representation too long", at: 29)
    add(
        "s64 with eleven bytes",
        body([0x42] + [UInt8](repeating: 0x80, count: 10) + [0x00, 0x1A, 0x0B]),
        "integer representation too long", at: 34)
    add(
        "s64 with unused bits not the sign", body([0x42] + [UInt8](repeating: 0x80, count: 9) + [0x01, 0x1A, 0x0B]),
        "integer too large", at: 33)
    add(
        "u64 offset with unused bits set",
        body([0x41, 0, 0x28, 0x02] + [UInt8](repeating: 0xFF, count: 9) + [0x02, 0x1A, 0x0B]),
        "integer too large", at: 36)
    add(
        "lane index above 255", body([0xFD, 0x0C] + [UInt8](repeating: 0, count: 16) + [0xFD, 0x15, 0x80, 0x02, 0x1A, 0x0B]),
        "integer too large", at: 44)

    // Names (§5.2.4)
    add(
        "import module name not UTF-8", H + B.section(2, B.vec([[1, 0xFF] + B.name("x") + [0x00, 0x00]])),
        "malformed UTF-8 encoding", at: 11)
    add(
        "export name with a surrogate", H + B.section(7, B.vec([[3, 0xED, 0xA0, 0x80, 0x00, 0x00]])),
        "malformed UTF-8 encoding", at: 11)
    add("vector longer than the input", H + B.section(1, [100, 0x60]), "length out of bounds", at: 10)

    // Types (§5.3)
    add("unknown value type", H + B.section(6, B.vec([[0x40, 0x00, 0x41, 0x00, 0x0B]])), "malformed reference type", at: 11)
    add(
        "value type with a continuation bit", H + B.section(6, B.vec([[0xFF, 0x00, 0x41, 0x00, 0x0B]])),
        "integer representation too long", at: 12)
    add("unknown mutability", H + B.section(6, B.vec([[0x7F, 0x02, 0x41, 0x00, 0x0B]])), "malformed mutability", at: 12)
    add("unknown composite type", H + B.section(1, B.vec([[0x40]])), "malformed definition type", at: 11)
    add("unknown storage type", H + B.section(1, B.vec([[0x5F, 0x01, 0x40, 0x00]])), "malformed storage type", at: 13)
    add(
        "supertype index of 2^31", H + B.section(1, B.vec([[0x50, 0x01, 0x80, 0x80, 0x80, 0x80, 0x08, 0x60, 0x00, 0x00]])),
        "malformed type index", at: 13)
    add(
        "function import type index of 2^31",
        H + B.section(2, B.vec([B.name("m") + B.name("f") + [0x00, 0x80, 0x80, 0x80, 0x80, 0x08]])),
        "malformed type index", at: 16)
    add("unknown heap type", body([0xD0, 0x7F, 0x1A, 0x0B]), "malformed heap type", at: 24)
    add(
        "heap type index of 2^31", body([0xD0, 0x80, 0x80, 0x80, 0x80, 0x08, 0x1A, 0x0B]),
        "integer representation too long", at: 25)
    add("unknown reference type in a table", H + B.section(4, B.vec([[0x7F, 0x00, 0x00]])), "malformed reference type", at: 11)
    add("limits flag bit 1", H + B.section(5, B.vec([[0x02, 0x00]])), "malformed limits flags", at: 11)
    add("limits flag bit 3", H + B.section(5, B.vec([[0x08, 0x00]])), "malformed limits flags", at: 11)
    add("unknown import kind", H + B.section(2, B.vec([B.name("m") + B.name("f") + [0x05]])), "malformed import kind", at: 15)
    add("tag attribute not zero", H + B.section(13, B.vec([[0x01, 0x00]])), "zero byte expected", at: 10)
    add(
        "table with initialiser that fails", H + B.section(4, B.vec([[0x40, 0x00, 0x70, 0x00, 0x00, 0xD0]])),
        "malformed reference type", at: 11)
    add(
        "table with initialiser and wrong reserved byte", H + B.section(4, B.vec([[0x40, 0x01, 0x70, 0x00, 0x00, 0x0B]])),
        "malformed reference type", at: 11)

    // Other sections (§5.5)
    add("unknown export kind", H + B.section(7, B.vec([B.name("e") + [0x05, 0x00]])), "malformed export kind", at: 13)
    add("element segment form 8", H + B.section(9, B.vec([[0x08]])), "malformed elements segment kind", at: 11)
    add("element kind not 0", H + B.section(9, B.vec([[0x01, 0x01, 0x00]])), "malformed element kind", at: 12)
    add("data segment form 3", H + B.section(11, B.vec([[0x03]])), "malformed data segment kind", at: 11)
    add(
        "too many locals", body([0x0B], locals: B.vec([[0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F], [0x01, 0x7F]])),
        "too many locals", at: 22)
    add(
        "function body larger than its code", H + B.voidType + B.section(3, B.vec([[0]])) + B.section(10, [1, 4, 0x00, 0x0B, 0x01, 0x01]),
        "section size mismatch", at: 22)

    // Instructions (§5.4)
    add("illegal opcode 06", body([0x06, 0x0B]), "illegal opcode 06", at: 23)
    add("illegal opcode ff", body([0xFF, 0x0B]), "illegal opcode ff", at: 23)
    add("illegal opcode fb 1f", body([0xFB, 0x1F, 0x0B]), "illegal opcode fb 1f", at: 23)
    add("illegal opcode fc 12", body([0xFC, 0x12, 0x0B]), "illegal opcode fc 12", at: 23)
    add("illegal vector opcode 9a", body([0xFD, 0x9A, 0x01, 0x0B]), "illegal opcode 9a", at: 23)
    add("illegal vector opcode 114", body([0xFD, 0x94, 0x02, 0x0B]), "illegal opcode 114", at: 23)
    add(
        "illegal vector opcode 2^31", body([0xFD, 0x80, 0x80, 0x80, 0x80, 0x08, 0x0B]),
        "illegal opcode 7fffffff80000000", at: 23)
    add(
        "illegal fb opcode 2^32 - 1", body([0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B]),
        "illegal opcode fb ffffffff", at: 23)
    add("else outside if", body([0x05, 0x0B]), "END opcode expected", at: 22)
    add("second else", body([0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B]), "END opcode expected", at: 25)
    add("else in a block", body([0x02, 0x40, 0x05, 0x0B, 0x0B]), "END opcode expected", at: 24)
    add("block without end", body([0x02, 0x40]), endOfInput)
    add("body without end", body([0x01]), endOfInput)
    add(
        "memop flags of 128", body([0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1A, 0x0B]),
        "malformed memop flags", at: 26)
    add("unknown catch clause", body([0x1F, 0x40, 0x01, 0x04, 0x00, 0x0B, 0x0B]), "malformed catch clause", at: 26)
    add(
        "br_on_cast flags bit 2", body([0xFB, 0x18, 0x04, 0x00, 0x6E, 0x6E, 0x0B]),
        "malformed br_on_cast flags", at: 25)
    add(
        "block type index too large for s33", body([0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x0B, 0x0B]),
        "integer representation too long", at: 25)
    add("block type of an unknown code", body([0x02, 0x60, 0x0B, 0x0B]), "malformed reference type", at: 24)
    add("select with an unknown type", body([0x1C, 0x01, 0x60, 0x0B]), "malformed reference type", at: 25)
    return cases
}()

@Suite struct DecodeErrorTests {
    @Test(arguments: errorCases)
    func reportsTheReferenceError(_ c: ErrorCase) throws {
        let e = try #require(decodeError(c.bytes), "\(c.label) decoded")
        #expect(e.message == c.message)
        #expect(e.offset == c.offset)
    }

    /// The expectations above are the reference's own verdicts.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WASM_REFERENCE_INTERPRETER"] != nil))
    func expectationsMatchTheReference() throws {
        let wasm = ProcessInfo.processInfo.environment["WASM_REFERENCE_INTERPRETER"] ?? ""
        for c in errorCases {
            let verdict = try referenceVerdict(c.bytes, interpreter: wasm)
            #expect(verdict?.message == c.message, "\(c.label)")
            #expect(verdict?.offset == c.offset, "\(c.label)")
        }
    }

    @Test func descriptionShowsOffsetAndMessage() {
        #expect(DecodeError("integer too large", at: 26).description == "0x1a: integer too large")
    }
}

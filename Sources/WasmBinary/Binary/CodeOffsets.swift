// Where function bodies and their instructions lie in a binary module. The branch-hint
// section (`metadata.code.branch_hint`) names instructions by their byte offset from the
// start of their function's code entry, so decoding and encoding it needs these offsets
// (reference: custom/handler_branch_hint.ml reads them off the positions its decoder
// records for every instruction).

/// The offsets of one code-section entry.
public struct CodeOffsets: Hashable, Sendable {
    /// Where the entry starts: the offset of its size, as the reference's decoder
    /// records the position of a function.
    public var entry: Int
    /// The offset of each instruction of the body, aligned with ``Func/body`` (so `else`
    /// and `end` included, the final implicit `end` not).
    public var instructions: [Int]
    /// Where the entry ends.
    public var end: Int

    public init(entry: Int, instructions: [Int], end: Int = 0) {
        self.entry = entry
        self.instructions = instructions
        self.end = end
    }
}

extension Module {
    /// Decodes a module as ``init(binary:)`` does and also returns, for each function
    /// body in order, where its code entry and its instructions start.
    public static func decodeWithOffsets(_ bytes: [UInt8]) throws(DecodeError) -> (Module, [CodeOffsets]) {
        let (m, offsets, _) = try decodeWithPositions(bytes)
        return (m, offsets)
    }

    /// Decodes a module and returns where its code entries and instructions start and
    /// where the content of each custom section (after its size) lies.
    static func decodeWithPositions(_ bytes: [UInt8]) throws(DecodeError) -> (Module, [CodeOffsets], [Range<Int>]) {
        let result: Result<(Module, [CodeOffsets], [Range<Int>]), DecodeError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = BinaryReader(buffer)
            reader.codeOffsets = []
            reader.customRanges = []
            do throws(DecodeError) {
                let m = try reader.module()
                return .success((m, reader.codeOffsets ?? [], reader.customRanges ?? []))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

// The one way printing a module can fail: its text would be out of proportion to the
// module. The binary format declares a run of locals of one type once, with a count
// (§5.5.13), while the text format needs a type for every local (§6.6.7), so a 30-byte
// binary can declare 2^32 - 1 locals, whose text is 17 GB. Everything else the printer
// writes is at most a constant factor larger than the binary (see SExpr.swift on
// indentation), so a budget of locals is what keeps printing linear in the module's size.

/// Why a module was not printed: its functions declare more locals than the printer was
/// allowed to spell out (see ``Module/text(width:customSections:maxLocals:)``).
public struct PrintError: Error, Hashable, Sendable, CustomStringConvertible {
    /// How many locals the module's functions declare in all (saturating at
    /// `UInt64.max`, which no module reaches).
    public var locals: UInt64
    /// The most locals the printer was allowed to write.
    public var limit: UInt64

    /// Creates the error for a module declaring `locals` locals against `limit`.
    public init(locals: UInt64, limit: UInt64) {
        self.locals = locals
        self.limit = limit
    }

    /// `module too large to print: 4294967295 locals (the limit is 16777216)`.
    public var message: String { "module too large to print: \(locals) locals (the limit is \(limit))" }

    /// The message.
    public var description: String { message }
}

// The interactive prompt: commands typed (or piped) one after another, run as soon as
// they are complete, with the reference's banner, prompts and signatures.

import Foundation
import Testing

@Suite struct InteractiveTests {
    /// The example of the issue, byte for byte what the reference prints.
    @Test func throughAPipe() throws {
        let input = "(module (func (export \"f\") (result i32) (i32.const 42)))\n(invoke \"f\")\n"
        let r = try CommandLineTool.run(CommandLineTool.path, ["-"], input: input)
        #expect(r == RunResult(
            out: "wasm 3.0.0 reference interpreter\n> module :\n  export \"f\" : func (func [] -> [i32])\n> 42 : [i32]\n> \n",
            err: "", status: 0))
        // Without arguments the prompt is the default.
        #expect(try CommandLineTool.run(CommandLineTool.path, [], input: input) == r)
    }

    /// A command over several lines is continued at a two-space prompt; a blank line
    /// prompts anew; an error is reported and the prompt goes on. As in the reference,
    /// each command is read from fresh lines counted from 1, and what follows a command
    /// on its line is dropped.
    @Test func continuationsErrorsAndBlankLines() throws {
        let input = "(module\n  (func (export \"f\") (result i32) (i32.const 7)))\n\n(invoke \"g\")\n(invoke \"f\") (invoke \"f\")\n"
        let r = try CommandLineTool.run(CommandLineTool.path, [], input: input)
        #expect(r.out == """
            wasm 3.0.0 reference interpreter
            >   module :
              export "f" : func (func [] -> [i32])
            > > > 7 : [i32]
            > \n
            """)
        #expect(r.err == "stdin:2.1-2.13: assertion failure: undefined export\n")
        #expect(r.status == 0)
    }

    /// Commands typed at a terminal: the prompt appears, each command runs when its
    /// line is complete, and the end of input (^D) ends the session.
    @Test func throughAPseudoTerminal() throws {
        let session = try TerminalSession([])
        #expect(session.wait(for: "wasm 3.0.0 reference interpreter"))
        #expect(session.wait(for: "> "))
        session.type("(module (func (export \"f\") (result i32) (i32.const 42)))\n")
        #expect(session.wait(for: "export \"f\" : func (func [] -> [i32])"))
        session.type("(invoke \"f\")\n")
        #expect(session.wait(for: "42 : [i32]"))
        session.type("(invoke \"g\")\n")
        #expect(session.wait(for: "assertion failure: undefined export"))
        session.type("\u{4}")
        #expect(session.finish() == 0)
    }
}

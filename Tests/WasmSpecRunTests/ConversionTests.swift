// Conversions with `-d IN -o OUT`: text and binary modules, scripts with every module in
// binary form and back, and scripts to JavaScript with or without the harness.

import Foundation
import Testing

@Suite struct ConversionTests {
    static let module = #"""
        (module $M
          (memory 1)
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "half") (param f32) (result f32) (f32.mul (local.get 0) (f32.const 0.5)))
        )
        """#

    static let script = module + "\n" + #"""
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
        (assert_return (invoke "half" (f32.const 3)) (f32.const 1.5))
        (assert_malformed (module quote "(func") "unexpected token")
        (assert_invalid (module (func (result i32))) "type mismatch")
        """#

    func run(_ args: [String], in dir: String) throws -> RunResult {
        try CommandLineTool.run(CommandLineTool.path, args, input: nil, in: dir)
    }

    @Test func textToBinaryAndBack() throws {
        let dir = try CommandLineTool.folder(["m.wat": Self.module])
        #expect(try run(["-d", "m.wat", "-o", "m.wasm"], in: dir).status == 0)
        let wasm = CommandLineTool.read(dir + "/m.wasm")
        #expect(Array(wasm.prefix(8)) == [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0])
        #expect(try run(["-d", "m.wasm", "-o", "back.wat"], in: dir).status == 0)
        let text = String(decoding: CommandLineTool.read(dir + "/back.wat"), as: UTF8.self)
        #expect(text.hasPrefix("(module\n  (type $0 (func (param i32 i32) (result i32)))\n"))
        // The text encodes to the same bytes again.
        #expect(try run(["-d", "back.wat", "-o", "again.wasm"], in: dir).status == 0)
        #expect(CommandLineTool.read(dir + "/again.wasm") == wasm)
    }

    @Test func scriptsToBinaryScriptsAndBack() throws {
        let dir = try CommandLineTool.folder(["s.wast": Self.script])
        #expect(try run(["-d", "s.wast", "-o", "s.bin.wast"], in: dir).status == 0)
        let binary = String(decoding: CommandLineTool.read(dir + "/s.bin.wast"), as: UTF8.self)
        #expect(binary.hasPrefix("(module definition $M binary\n  \"\\00\\61\\73\\6d"))
        #expect(binary.contains("(module instance $M $M)\n"))
        #expect(binary.contains("(assert_return (invoke \"half\" (f32.const 0x1.8p+1)) (f32.const 0x1.8p+0))"))
        // A malformed quote has no binary form: it is left out.
        #expect(!binary.contains("assert_malformed"))
        #expect(binary.contains("(assert_invalid\n  (module binary"))
        // The binary script runs, converts back to text, and the text to the same binary.
        #expect(try run(["s.bin.wast"], in: dir) == RunResult(out: "", err: "", status: 0))
        #expect(try run(["-d", "s.bin.wast", "-o", "s.bin.wast.wast"], in: dir).status == 0)
        let text = String(decoding: CommandLineTool.read(dir + "/s.bin.wast.wast"), as: UTF8.self)
        #expect(text.contains("(assert_return (invoke \"half\" (f32.const 3)) (f32.const 1.5))"))
        #expect(try run(["s.bin.wast.wast"], in: dir).status == 0)
        #expect(try run(["-d", "s.bin.wast.wast", "-o", "again.bin.wast"], in: dir).status == 0)
        #expect(CommandLineTool.read(dir + "/again.bin.wast") == CommandLineTool.read(dir + "/s.bin.wast"))
    }

    @Test func scriptsToJavaScript() throws {
        let dir = try CommandLineTool.folder(["s.wast": Self.script])
        #expect(try run(["-d", "s.wast", "-o", "s.js"], in: dir).status == 0)
        let js = String(decoding: CommandLineTool.read(dir + "/s.js"), as: UTF8.self)
        #expect(js.hasPrefix("\n'use strict';\n\nlet hostrefs = {};\n"))
        #expect(js.contains("\n// s.wast:1\nlet $$1 = module(\"\\x00\\x61\\x73\\x6d"))
        #expect(js.contains("let $1 = instance($M);\nlet M = $1;\n"))
        #expect(js.contains("assert_return(() => call($1, \"add\", [1, 2]), \"s.wast:6\", 3);"))
        // Floats go through a wrapper module that checks the result in WebAssembly.
        #expect(js.contains("run(() => call(instance(module(\"\\x00\\x61"))
        #expect(js.contains("\"wrapper\"), exports($1)),  \"run\", []), \"s.wast:7\");  // assert_return(() => call($1, \"half\", [3.]), \"s.wast:7\", 1.5)"))
        // -j leaves the harness out.
        #expect(try run(["-j", "-d", "s.wast", "-o", "bare.js"], in: dir).status == 0)
        let bare = String(decoding: CommandLineTool.read(dir + "/bare.js"), as: UTF8.self)
        #expect(bare.hasPrefix("\n// s.wast:1\nlet $$1 = module("))
        #expect(js.hasSuffix(bare))
    }

    @Test func nothingIsWrittenAfterAFailure() throws {
        let dir = try CommandLineTool.folder(["bad.wast": "(module (func (result i32)))"])
        let r = try run(["-d", "bad.wast", "-o", "bad.js"], in: dir)
        #expect(r.status == 1)
        #expect(r.err.contains("bad.wast:1.9-1.28: validation error: type mismatch"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad.js"))
    }

    @Test func unknownExtensionsAreInputErrors() throws {
        let dir = try CommandLineTool.folder(["s.wast": "(module)"])
        let r = try run(["s.wast", "-o", "s.txt"], in: dir)
        #expect(r == RunResult(out: "", err: "string:1.1-1.17: i/o error: s.txt: unrecognized file type\n", status: 1))
    }
}

// Tools for the fuzz targets, built without the fuzzer sanitizer:
//
//     FuzzTool seeds OUT-DIRECTORY SCRIPT-OR-FOLDER...
//         Writes the seed corpora (Fuzz/seeds.sh runs it): every `.wast` script found is
//         read; OUT-DIRECTORY/<target>/ gets the target's seeds and OUT-DIRECTORY/wat.dict
//         the dictionary of the text targets.
//     FuzzTool program INPUT
//         Prints the module and the calls a run target makes of INPUT (a module, or the
//         bytes the generator turns into one), to read a finding.

import Foundation
import FuzzTargets
import WasmSpec

func fail(_ message: String) -> Never {
    print(message)
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "seeds" where arguments.count >= 3:
    switch SuiteRunner.scriptFiles(Array(arguments.dropFirst(2))) {
    case .failure(let error): fail("cannot read \(error.path)")
    case .success(let files):
        do {
            let counts = try SeedCorpus.write(scripts: files.map(\.path), to: arguments[1])
            for (target, n) in counts { print("\(target): \(n) seeds") }
        } catch {
            fail("cannot write the seeds: \(error)")
        }
    }
case "program" where arguments.count == 2:
    guard let input = FileSystem.read(arguments[1]) else { fail("cannot read \(arguments[1])") }
    guard let subject = Subject(input) else { fail("not a module that decodes, or too large to run") }
    print(subject.module.text(), terminator: "")
    for call in subject.calls {
        let args = call.arguments.map { $0.map { "\($0)" }.joined(separator: " ") } ?? "zeros"
        print(";; \(subject.resets ? "reset, then " : "")call \(call.name): \(args)")
    }
default:
    fail("usage: FuzzTool seeds OUT-DIRECTORY SCRIPT-OR-FOLDER... | FuzzTool program INPUT")
}
